#!/usr/bin/env bash
# The keys API benchmark of docs/BENCHMARKS.md: a real pair (two `symbolon server` processes on
# loopback, each under -Xmx256m), keys created per second through EP's REST API (joint generation:
# every key is prepared and committed on both nodes), then one streamed listing of a partition filled
# to --list-keys rows. Once on SQLite, once on PostgreSQL (a throwaway cluster on loopback).
#
#   bench/scripts/keys-api-bench.sh [--keys 100000] [--threads 8] [--list-keys 1000000]
#                                   [--only sqlite,postgres] [--no-build]
#
# Prerequisites: a JDK 25 (found by ./build), Maven, sqlite3, and PostgreSQL 15+ server binaries in
# /usr/lib/postgresql/<version>/bin with psql (Debian packages sqlite3, postgresql). Run as root, the
# PostgreSQL cluster runs as the postgres user. Everything lives in a temporary directory (under
# $BENCH_TMP, default /tmp) removed on exit.
#
# Output: one JSON line per measurement (KeysApiBench's), then a Markdown table.
set -euo pipefail

KEYS=100000
THREADS=8
LIST_KEYS=1000000
ONLY="sqlite,postgres"
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --keys) KEYS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --list-keys) LIST_KEYS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
JAVA="$("$ROOT/build" --java-home)/bin/java"
JAR="$ROOT/cli/target/symbolon.jar"
BENCH_SOURCE="$ROOT/bench/src/main/java/io/symbolon/bench/KeysApiBench.java"
if [ "$BUILD" = 1 ]; then
  "$ROOT/build" -q -DskipTests -pl cli -am package
fi
WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/keys-api-bench.XXXXXX")
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
bench() { "$JAVA" -Xmx256m "$BENCH_SOURCE" "$@"; }
ROWS=()

# run_pair NAME EP_DB_URL PARTNER_DB_URL FILL_COMMAND
run_pair() {
  local name=$1 epdb=$2 partnerdb=$3 fill=$4
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
  SYMBOLON_MACHINE_SECRET_FILE="$dir/partner.secret" symbolon server start --data-dir "$dir/partner" >/dev/null
  PIDS+=("$(cat "$dir/partner/symbolon.pid")")
  SYMBOLON_MACHINE_SECRET_FILE="$dir/ep.secret" symbolon server start --data-dir "$dir/ep" >/dev/null
  local ep_pid; ep_pid=$(cat "$dir/ep/symbolon.pid"); PIDS+=("$ep_pid")
  local client=(--url "https://127.0.0.1:$api" --cert "$dir/ep/node.crt" --password-file "$dir/root-password")

  local created; created=$(bench create "${client[@]}" --keys "$KEYS" --threads "$THREADS")
  echo "$created"
  eval "$fill"
  local listed; listed=$(bench list "${client[@]}")
  echo "$listed"
  local peak; peak=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$ep_pid/status")
  ROWS+=("| $name | $(echo "$created" | sed 's/.*"keys":\([0-9]*\).*/\1/') | $(echo "$created" | sed 's/.*"keysPerSecond":\([0-9.]*\).*/\1/') | $(echo "$listed" | sed 's/.*"objects":\([0-9]*\).*/\1/') | $(echo "$listed" | sed 's/.*"seconds":\([0-9.]*\).*/\1/') | $peak |")
  symbolon server stop --data-dir "$dir/ep" >/dev/null
  symbolon server stop --data-dir "$dir/partner" >/dev/null
}

COLUMNS="uid, partition_name, name, object_type, version, epoch, label, key_id, extractable, sensitive, usages, created_at, activation_at, deactivation_at, public_data, sealed_share, state, state_changed_at"
# Listing reads rows without opening shares, so the partition is filled by copying one real row under
# new uids and names, far faster than creating a million keys through the API.
sqlite_fill() {
  local db="$WORK/sqlite/ep/vault.db" have
  have=$(sqlite3 "$db" "SELECT count(*) FROM objects")
  sqlite3 "$db" "PRAGMA busy_timeout = 60000; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $((LIST_KEYS - have)))
    INSERT INTO objects ($COLUMNS) SELECT 1000000000000 + n.i, partition_name, 'fill-' || n.i, object_type, version, epoch, label,
    key_id, extractable, sensitive, usages, created_at, activation_at, deactivation_at, public_data, sealed_share, state,
    state_changed_at FROM n, (SELECT * FROM objects WHERE state = 'ACTIVE' LIMIT 1) t;" >/dev/null
}
postgres_fill() {
  local have
  have=$(psql -h 127.0.0.1 -p "$PGPORT" -U symbolon -d ep -tAc "SELECT count(*) FROM objects")
  psql -q -h 127.0.0.1 -p "$PGPORT" -U symbolon -d ep -c "INSERT INTO objects ($COLUMNS) SELECT 1000000000000 + i, partition_name,
    'fill-' || i, object_type, version, epoch, label, key_id, extractable, sensitive, usages, created_at, activation_at,
    deactivation_at, public_data, sealed_share, state, state_changed_at
    FROM generate_series(1, $((LIST_KEYS - have))) i, (SELECT * FROM objects WHERE state = 'ACTIVE' LIMIT 1) t;"
}

if [[ ",$ONLY," == *",sqlite,"* ]]; then
  run_pair sqlite "" "" sqlite_fill
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
    "jdbc:postgresql://127.0.0.1:$PGPORT/partner?user=symbolon" postgres_fill
fi

echo
echo "| database | keys created | keys/s | objects listed | listing s | EP peak RSS MiB (-Xmx256m) |"
echo "|---|---|---|---|---|---|"
for row in "${ROWS[@]}"; do echo "$row"; done
