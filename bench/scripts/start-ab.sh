#!/usr/bin/env bash
# Order-balanced comparison of two or more builds of Symbolon on how long a command takes to start: short
# commands that do almost nothing else (`--version`, `archive keygen`, `backup verify --help`, an `archive
# inspect` of a missing file), and a node's start until it serves (`server start --foreground` of a booted
# Partner, until its "serving" line). Each build runs with the launcher's JVM options (the Serial collector,
# an AOT cache trained for its jar first; SYMBOLON_AOT=off: no cache), in an order rotated every round and
# reversed every other cycle.
#
#   bench/scripts/start-ab.sh [--rounds 8] LABEL=symbolon.jar LABEL=symbolon.jar ...
#
# A build's jar: `./build -q -DskipTests -pl cli -am package` in a checkout of it, then
# cli/target/symbolon.jar, copied away. A pair is booted once, with the first build. Prints each
# build's median wall milliseconds per command.
# Prerequisites: JDK 25 (found by ./build), coreutils, python3.
set -euo pipefail
ROUNDS=8
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *=*) break ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
done
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bench/scripts/lib.sh"
JAVA="$("$ROOT/build" --java-home)/bin/java"
declare -A JAR AOT
LABELS=()
read_builds "$@"
D=$(mktemp -d "${BENCH_TMP:-/tmp}/symbolon-start-ab.XXXXXX")
NODE=
trap '[ -n "$NODE" ] && kill "$NODE" 2>/dev/null; rm -rf "$D"' EXIT
for label in "${LABELS[@]}"; do
  AOT[$label]=$("$ROOT/bench/scripts/aot-cache.sh" "$JAVA" "${JAR[$label]}" "$D/$label.aot")
done
run() { local label=$1; shift; "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m ${AOT[$label]} -jar "${JAR[$label]}" "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# A pair booted once with the first build (as backup-bench.sh boots one); the Partner is what starts.
for node in ep partner; do head -c 32 /dev/urandom > "$D/$node.secret"; chmod 600 "$D/$node.secret"; done
printf 'bench root password' > "$D/root-password"
first=${LABELS[0]}
common=(-s 127.0.0.1 -p 127.0.0.1 -f --bind 127.0.0.1 --api-port "$(free_port)" --pair-port "$(free_port)")
SYMBOLON_MACHINE_SECRET_FILE="$D/partner.secret" run "$first" boot partner "${common[@]}" --data-dir "$D/partner" \
  > "$D/partner-boot.log" 2>&1 &
boot=$!
SYMBOLON_MACHINE_SECRET_FILE="$D/ep.secret" run "$first" boot ep "${common[@]}" --data-dir "$D/ep" \
  --so-password-file "$D/root-password" > "$D/ep-boot.log" 2>&1 \
  || { echo "EP did not boot:" >&2; cat "$D/ep-boot.log" "$D/partner-boot.log" >&2; exit 1; }
wait "$boot" || { echo "the Partner did not boot:" >&2; cat "$D/partner-boot.log" >&2; exit 1; }

node_start() { # LABEL: ms until a started Partner serves
  local label=$1 start log="$D/start.log"
  : > "$log"; start=$(date +%s%N)
  # the JVM itself in the background (not a shell running it), so that the kill below stops the node
  SYMBOLON_MACHINE_SECRET_FILE="$D/partner.secret" "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m ${AOT[$label]} \
    -jar "${JAR[$label]}" server start --foreground --data-dir "$D/partner" > "$log" 2>&1 &
  NODE=$!
  until grep -q " serving " "$log" || ! kill -0 "$NODE" 2>/dev/null; do sleep 0.01; done
  local took; took=$(ms "$start")
  grep -q " serving " "$log" || { echo "the Partner did not start:" >&2; cat "$log" >&2; exit 1; }
  kill "$NODE"; wait "$NODE" 2>/dev/null || true; NODE=
  echo "$took"
}
short() { # LABEL NAME ARGS...: ms of one short command
  local label=$1 start; shift 2
  rm -f "$D/identity"; start=$(date +%s%N)
  run "$label" "$@" > /dev/null 2>&1 || true
  ms "$start"
}

RESULTS="$D/results"; : > "$RESULTS"
for r in $(seq 0 $((ROUNDS - 1))); do
  for label in $(order "$r" "${LABELS[@]}"); do
    echo "$label --version $(short "$label" v --version)" >> "$RESULTS"
    echo "$label archive-keygen $(short "$label" k archive keygen -o "$D/identity")" >> "$RESULTS"
    echo "$label backup-verify--help $(short "$label" h backup verify --help)" >> "$RESULTS"
    echo "$label archive-inspect-missing $(short "$label" i archive inspect "$D/missing.tar.gz")" >> "$RESULTS"
    echo "$label node-start-to-serving $(node_start "$label")" >> "$RESULTS"
  done
done
python3 - "$RESULTS" "${LABELS[@]}" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
labels = sys.argv[2:]
commands = list(dict.fromkeys(r[1] for r in rows))
print("%-26s" % "median ms" + "".join("%12s" % l for l in labels) + "".join("%14s" % (l + "/" + labels[0]) for l in labels[1:]))
for c in commands:
    med = {l: statistics.median(int(r[2]) for r in rows if r[0] == l and r[1] == c) for l in labels}
    print("%-26s" % c + "".join("%12d" % med[l] for l in labels) + "".join("%14.2f" % (med[l] / med[labels[0]]) for l in labels[1:]))
EOF
