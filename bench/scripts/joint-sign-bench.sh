#!/usr/bin/env bash
# The joint-signature benchmark of docs/BENCHMARKS.md: a real pair (two `symbolon server` processes on
# loopback, each under -Xmx256m, SQLite), Ed25519 signatures per second made jointly through EP's REST
# API next to the JDK signing locally with a whole key, in interleaved rounds (JointSignBench).
#
#   bench/scripts/joint-sign-bench.sh [--seconds 10] [--rounds 3] [--threads 1,4] [--no-build]
#
# SYMBOLON_JAR names another symbolon.jar than cli/target (e.g. a copy, while others rebuild).
# Prerequisites: a JDK 25 (found by ./build) and Maven. Everything lives in a temporary directory (under
# $BENCH_TMP, default /tmp) removed on exit. Output: `uptime`, one JSON line per measurement, a table.
set -euo pipefail

SECONDS_EACH=10
ROUNDS=3
THREADS=1,4
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
JAVA="$("$ROOT/build" --java-home)/bin/java"
JAR="${SYMBOLON_JAR:-$ROOT/cli/target/symbolon.jar}"
if [ "$BUILD" = 1 ]; then
  "$ROOT/build" -q -DskipTests -pl cli -am package
fi
WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/joint-sign-bench.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
symbolon() { "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m -jar "$JAR" "$@"; }

api=$(free_port); pair=$(free_port)
printf 'bench root password' > "$WORK/root-password"
common=(-s 127.0.0.1 -p 127.0.0.1 -f --bind 127.0.0.1 --api-port "$api" --pair-port "$pair")
SYMBOLON_MACHINE_SECRET_FILE="$WORK/partner.secret" symbolon boot partner "${common[@]}" --data-dir "$WORK/partner" \
  > "$WORK/partner-boot.log" 2>&1 &
boot=$!
SYMBOLON_MACHINE_SECRET_FILE="$WORK/ep.secret" symbolon boot ep "${common[@]}" --data-dir "$WORK/ep" \
  --so-password-file "$WORK/root-password" > "$WORK/ep-boot.log" 2>&1
wait "$boot"
for node in ep partner; do echo "refresh.intervalSeconds=0" >> "$WORK/$node/symbolon.conf"; done
SYMBOLON_MACHINE_SECRET_FILE="$WORK/partner.secret" symbolon server start --data-dir "$WORK/partner" >/dev/null
PIDS+=("$(cat "$WORK/partner/symbolon.pid")")
SYMBOLON_MACHINE_SECRET_FILE="$WORK/ep.secret" symbolon server start --data-dir "$WORK/ep" >/dev/null
PIDS+=("$(cat "$WORK/ep/symbolon.pid")")

echo "uptime: $(uptime)"
"$JAVA" -Xmx256m "$ROOT/bench/src/main/java/io/symbolon/bench/JointSignBench.java" \
  --url "https://127.0.0.1:$api" --cert "$WORK/ep/node.crt" --password-file "$WORK/root-password" \
  --seconds "$SECONDS_EACH" --rounds "$ROUNDS" --threads "$THREADS"
echo "uptime: $(uptime)"
