#!/usr/bin/env bash
# Order-balanced comparison of two or more builds of Symbolon on the restore of a pair (issue 5): each
# round restores the same two archives (`boot partner -restore` and `boot ep -restore` at once, each
# `-Xmx256m`, as backup-bench.sh does) with every build, in an order rotated every round and reversed
# every other cycle, into new data directories (SQLite, the default database).
#
#   bench/scripts/restore-ab.sh --from DIR [--rounds 6] LABEL=symbolon.jar LABEL=symbolon.jar ...
#
# DIR is the SQLite folder of a run of `backup-bench.sh --only sqlite --keep` (it says "kept DIR"; pass
# DIR/sqlite): its ep/ and partner/ data directories with one archive each in backup/, their keys/ and
# the SO password. A build's jar: `./build -q -DskipTests -pl cli -am package` in a checkout of it, then
# cli/target/symbolon.jar, copied away; each runs with the launcher's JVM options (the Serial
# collector, an AOT cache trained for it first), as the `symbolon` launcher runs the product (SYMBOLON_AOT=off:
# no cache). `sync` before every restore. Prints
# one line per restore: wall s of the pair, then each node's wall s, user s, sys s and peak RSS KiB; then
# each build's medians.
# Prerequisites: JDK 25 (found by ./build), GNU time (/usr/bin/time), coreutils, python3.
set -euo pipefail
ROUNDS=6 FROM=
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --from) FROM=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *=*) break ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
done
[ -n "$FROM" ] && [ -d "$FROM/ep/backup" ] && [ -d "$FROM/partner/backup" ] \
  || { echo "--from DIR: the sqlite folder of a kept backup-bench.sh run (--help)" >&2; exit 2; }
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bench/scripts/lib.sh"
JAVA="$("$ROOT/build" --java-home)/bin/java"
declare -A JAR AOT
LABELS=()
read_builds "$@"
EP_ARCHIVE=$(ls "$FROM"/ep/backup/database_*.tar.gz | tail -1)
PARTNER_ARCHIVE=$(ls "$FROM"/partner/backup/database_*.tar.gz | tail -1)
D=$(mktemp -d "${BENCH_TMP:-/tmp}/symbolon-restore-ab.XXXXXX")
trap 'rm -rf "$D"' EXIT
RESULTS="$D/results"
: > "$RESULTS"
# Each build with the launcher's options (Serial collector, AOT cache trained for its jar; SYMBOLON_AOT=off: no cache).
for label in "${LABELS[@]}"; do
  AOT[$label]=$("$ROOT/bench/scripts/aot-cache.sh" "$JAVA" "${JAR[$label]}" "$D/$label.aot")
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

restore() { # LABEL: one restore of the pair with that build
  local label=$1 jar=${JAR[$1]} dest="$D/restored"
  rm -rf "$dest"; mkdir -p "$dest"
  head -c 32 /dev/urandom > "$dest/ep.secret"; head -c 32 /dev/urandom > "$dest/partner.secret"
  chmod 600 "$dest"/*.secret
  local api pair; api=$(free_port); pair=$(free_port)
  local common=(-s 127.0.0.1 -p 127.0.0.1 --bind 127.0.0.1 --api-port "$api" --pair-port "$pair")
  sync
  local start; start=$(now)
  SYMBOLON_MACHINE_SECRET_FILE="$dest/partner.secret" /usr/bin/time -o "$dest/partner.time" -f "%e %U %S %M" \
    "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m ${AOT[$label]} -jar "$jar" boot partner "${common[@]}" \
    --data-dir "$dest/partner" -restore "$PARTNER_ARCHIVE" --keystore "$FROM/keys/partner-restore.jceks" \
    --keystore-password-file "$FROM/keys/password" --signer "$FROM/partner/node.crt" -f \
    > "$dest/partner-boot.log" 2>&1 &
  local partner_boot=$!
  SYMBOLON_MACHINE_SECRET_FILE="$dest/ep.secret" /usr/bin/time -o "$dest/ep.time" -f "%e %U %S %M" \
    "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m ${AOT[$label]} -jar "$jar" boot ep "${common[@]}" \
    --data-dir "$dest/ep" -restore "$EP_ARCHIVE" --keystore "$FROM/keys/ep-restore.jceks" \
    --keystore-password-file "$FROM/keys/password" --signer "$FROM/ep/node.crt" -f \
    --so-password-file "$FROM/root-password" > "$dest/ep-boot.log" 2>&1 \
    || { cat "$dest/ep-boot.log" >&2; exit 1; }
  wait "$partner_boot" || { cat "$dest/partner-boot.log" >&2; exit 1; }
  local seconds; seconds=$(echo "$(now) - $start" | bc)
  local line; line=$(printf '%s %.2f ep %s partner %s' "$label" "$seconds" "$(cat "$dest/ep.time")" \
    "$(cat "$dest/partner.time")")
  echo "$line"; echo "$line" >> "$RESULTS"
}

for ((r = 0; r < ROUNDS; r++)); do
  for label in $(order "$r" "${LABELS[@]}"); do restore "$label"; done
done

echo
echo "medians of $ROUNDS rounds: pair wall s; per node user+sys CPU s (EP / Partner)"
for label in "${LABELS[@]}"; do
  awk -v l="$label" '$1 == l { print $2, $5 + $6, $10 + $11 }' "$RESULTS" | python3 -c '
import statistics, sys
rows = [list(map(float, line.split())) for line in sys.stdin]
cols = list(zip(*rows))
print("'"$label"'", "pair %.2f s (min %.2f, max %.2f); CPU EP %.2f s, Partner %.2f s" % (
    statistics.median(cols[0]), min(cols[0]), max(cols[0]), statistics.median(cols[1]), statistics.median(cols[2])))'
done
