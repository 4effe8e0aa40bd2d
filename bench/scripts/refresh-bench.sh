#!/usr/bin/env bash
# The refresh benchmark of docs/BENCHMARKS.md: a real pair (two `symbolon server` processes on loopback,
# each under -Xmx256m) holding --keys keys, refreshed once on demand (POST /api/v1/server/refresh): how
# long until both nodes are at the next epoch, and the latency of client requests (a joint signature, a
# show, a key creation) during the refresh next to the same requests before and after it (RefreshBench).
# Once on SQLite, then on PostgreSQL (a throwaway cluster on loopback) unless --only says otherwise.
#
#   bench/scripts/refresh-bench.sh [--keys 1000000] [--threads 2] [--window-seconds 20]
#                                  [--only sqlite,postgres] [--no-build]
#
# The keys are written into both stopped nodes by bench/scripts/FillNode.java (each node seals its own
# random share, as the vault does), then the nodes start and `server test` checks the pair.
# SYMBOLON_JAR names another symbolon.jar than cli/target (e.g. a copy, while others rebuild).
# Prerequisites: a JDK 25 (found by ./build), Maven; for PostgreSQL, PostgreSQL 15+ server binaries in
# /usr/lib/postgresql/<version>/bin with psql, run as root (the cluster runs as the postgres user).
set -euo pipefail

KEYS=1000000
THREADS=2
WINDOW=20
ONLY="sqlite,postgres"
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --keys) KEYS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --window-seconds) WINDOW=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
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
WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/refresh-bench.XXXXXX")
chmod 755 "$WORK"
PIDS=()
PGDIR=""
PGBIN=""
cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  if [ -n "$PGDIR" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
symbolon() { "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m -jar "$JAR" "$@"; }

# run_pair NAME EP_DB_URL PARTNER_DB_URL
run_pair() {
  local name=$1 epdb=$2 partnerdb=$3
  local dir="$WORK/$name" api pair
  mkdir -p "$dir"
  api=$(free_port); pair=$(free_port)
  printf 'bench root password' > "$dir/root-password"
  local common=(-s 127.0.0.1 -p 127.0.0.1 -f --bind 127.0.0.1 --api-port "$api" --pair-port "$pair")
  SYMBOLON_MACHINE_SECRET_FILE="$dir/partner.secret" symbolon boot partner "${common[@]}" --data-dir "$dir/partner" \
    ${partnerdb:+--db-url "$partnerdb"} > "$dir/partner-boot.log" 2>&1 &
  local boot=$!
  SYMBOLON_MACHINE_SECRET_FILE="$dir/ep.secret" symbolon boot ep "${common[@]}" --data-dir "$dir/ep" \
    ${epdb:+--db-url "$epdb"} --so-password-file "$dir/root-password" > "$dir/ep-boot.log" 2>&1
  wait "$boot"
  for node in ep partner; do
    echo "refresh.intervalSeconds=0" >> "$dir/$node/symbolon.conf"
    SYMBOLON_MACHINE_SECRET_FILE="$dir/$node.secret" "$JAVA" -Xmx256m -cp "$JAR" "$ROOT/bench/scripts/FillNode.java" \
      --data-dir "$dir/$node" --keys "$KEYS"
  done
  SYMBOLON_MACHINE_SECRET_FILE="$dir/partner.secret" symbolon server start --data-dir "$dir/partner" >/dev/null
  PIDS+=("$(cat "$dir/partner/symbolon.pid")")
  SYMBOLON_MACHINE_SECRET_FILE="$dir/ep.secret" symbolon server start --data-dir "$dir/ep" >/dev/null
  local ep_pid; ep_pid=$(cat "$dir/ep/symbolon.pid"); PIDS+=("$ep_pid")
  local client=(--url "https://127.0.0.1:$api" --cert "$dir/ep/node.crt" --password-file "$dir/root-password")

  echo "database: $name, keys: $KEYS, uptime: $(uptime)"
  "$JAVA" -Xmx256m "$ROOT/bench/src/main/java/io/symbolon/bench/RefreshBench.java" "${client[@]}" \
    --threads "$THREADS" --window-seconds "$WINDOW"
  echo "EP peak RSS MiB: $(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$ep_pid/status"), uptime: $(uptime)"
  symbolon server test --data-dir "$dir/ep" --password-file "$dir/root-password" | tail -3
  symbolon server stop --data-dir "$dir/ep" >/dev/null
  symbolon server stop --data-dir "$dir/partner" >/dev/null
}

if [[ ",$ONLY," == *",sqlite,"* ]]; then
  run_pair sqlite "" ""
fi
if [[ ",$ONLY," == *",postgres,"* ]]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDIR="$WORK/pg"; PGPORT=$(free_port)
  mkdir -p "$PGDIR"; chown postgres "$PGDIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR" -U symbolon -A trust >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null
  psql -q -h 127.0.0.1 -p "$PGPORT" -U symbolon -d postgres -c "CREATE DATABASE ep" -c "CREATE DATABASE partner"
  run_pair postgres "jdbc:postgresql://127.0.0.1:$PGPORT/ep?user=symbolon" \
    "jdbc:postgresql://127.0.0.1:$PGPORT/partner?user=symbolon"
fi
