#!/usr/bin/env bash
# Order-balanced comparison of two or more builds of Symbolon on the coordinated backup of a pair (issue 5):
# each round starts the same kept pair with every build in turn (order rotated every round, reversed every
# other cycle; each node `-Xmx256m`, as backup-bench.sh runs them), waits until both nodes are idle, runs
# --backups coordinated backups one after the other (the first after a start pays the JIT; the later ones
# are a running node's), deletes their archives and stops the pair.
#
#   bench/scripts/backup-ab.sh --from DIR [--rounds 4] [--backups 2] LABEL=symbolon.jar LABEL=symbolon.jar ...
#
# DIR is the SQLite folder of a run of `backup-bench.sh --only sqlite --keep` (it says "kept DIR"; pass
# DIR/sqlite): its ep/ and partner/ data directories, their secrets and the SO password. A build's jar:
# `./build -q -DskipTests -pl cli -am package` in a checkout of it, then cli/target/symbolon.jar, copied away;
# each runs with the launcher's JVM options (the Serial collector, an AOT cache trained for it first), as the
# `symbolon` launcher runs the product (SYMBOLON_AOT=off: no cache); JVM_OPTS are added to the nodes' JVMs.
# Prints one line per backup: label, backup number since the start, wall s (POST to TEST_SUCCESS), each
# node's CPU s (user + sys) during it;
# then each build's medians per backup number. Prerequisites: JDK 25 (found by ./build), coreutils, python3.
set -euo pipefail
ROUNDS=4 BACKUPS=2 FROM=
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --backups) BACKUPS=$2; shift 2 ;;
    --from) FROM=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *=*) break ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
done
[ -n "$FROM" ] && [ -f "$FROM/ep/symbolon.conf" ] && [ -f "$FROM/partner/symbolon.conf" ] \
  || { echo "--from DIR: the sqlite folder of a kept backup-bench.sh run (--help)" >&2; exit 2; }
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bench/scripts/lib.sh"
JAVA="$("$ROOT/build" --java-home)/bin/java"
declare -A JAR AOT
LABELS=()
read_builds "$@"
API_PORT=$(sed -n 's/^api.port=//p' "$FROM/ep/symbolon.conf")
D=$(mktemp -d "${BENCH_TMP:-/tmp}/symbolon-backup-ab.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$D"
}
trap cleanup EXIT
RESULTS="$D/results"
: > "$RESULTS"
# Each build with the launcher's options (Serial collector, AOT cache trained for its jar; SYMBOLON_AOT=off: no cache).
for label in "${LABELS[@]}"; do
  AOT[$label]=$("$ROOT/bench/scripts/aot-cache.sh" "$JAVA" "${JAR[$label]}" "$D/$label.aot")
done

start_node() { # NODE LABEL: sets NODE_PID
  SYMBOLON_MACHINE_SECRET_FILE="$FROM/$1.secret" "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m ${AOT[$2]} \
    ${JVM_OPTS:-} -jar "${JAR[$2]}" server start --foreground --data-dir "$FROM/$1" > "$D/$1.log" 2>&1 &
  NODE_PID=$!
  PIDS+=("$NODE_PID")
}
await_serving() { # NODE
  for _ in $(seq 1 600); do
    if grep -q "node started role=" "$D/$1.log" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  cat "$D/$1.log" >&2; echo "$1 did not start" >&2; exit 1
}

run_build() { # LABEL: starts the pair with that build, runs the backups, stops the pair
  local label=$1
  start_node partner "$label"; local partner=$NODE_PID
  start_node ep "$label"; local ep=$NODE_PID
  await_serving partner; await_serving ep
  local b
  for ((b = 1; b <= BACKUPS; b++)); do
    await_idle "$ep" "$partner"
    local ep_cpu partner_cpu out
    ep_cpu=$(cpu_seconds "$ep"); partner_cpu=$(cpu_seconds "$partner")
    out=$("$JAVA" -Xmx256m "$ROOT/bench/src/main/java/io/symbolon/bench/BackupBench.java" backup \
      --url "https://127.0.0.1:$API_PORT" --cert "$FROM/ep/node.crt" --password-file "$FROM/root-password")
    case "$out" in *TEST_SUCCESS*) ;; *) echo "backup did not succeed: $out" >&2; exit 1 ;; esac
    local file seconds
    file=$(echo "$out" | sed 's/.*"file":"\([^"]*\)".*/\1/')
    seconds=$(echo "$out" | sed 's/.*"seconds":\([0-9.]*\).*/\1/')
    local line
    line=$(printf '%s %d %s %s %s' "$label" "$b" "$seconds" \
      "$(awk -v a="$ep_cpu" -v b="$(cpu_seconds "$ep")" 'BEGIN{printf "%.2f", b-a}')" \
      "$(awk -v a="$partner_cpu" -v b="$(cpu_seconds "$partner")" 'BEGIN{printf "%.2f", b-a}')")
    echo "$line"; echo "$line" >> "$RESULTS"
    rm -f "$FROM/ep/backup/$file" "$FROM/partner/backup/$file"
  done
  kill "$ep" "$partner"; wait "$ep" "$partner" 2>/dev/null || true
  PIDS=()
}

for ((r = 0; r < ROUNDS; r++)); do
  for label in $(order "$r" "${LABELS[@]}"); do run_build "$label"; done
done

echo
echo "medians of $ROUNDS rounds, per backup since the pair's start: wall s; CPU s EP / Partner"
for label in "${LABELS[@]}"; do
  for ((b = 1; b <= BACKUPS; b++)); do
    awk -v l="$label" -v n="$b" '$1 == l && $2 == n { print $3, $4, $5 }' "$RESULTS" | python3 -c '
import statistics, sys
rows = [list(map(float, line.split())) for line in sys.stdin]
cols = list(zip(*rows))
print("'"$label"' backup '"$b"':", "%.2f s (min %.2f, max %.2f); CPU EP %.2f s, Partner %.2f s" % (
    statistics.median(cols[0]), min(cols[0]), max(cols[0]), statistics.median(cols[1]), statistics.median(cols[2])))'
  done
done
