#!/usr/bin/env bash
# One node's export of a backup archive (docs/BENCHMARKS.md, issue 5, "Per-node export CPU"): a pair
# booted and filled as bench/scripts/backup-bench.sh does (BackupFill, --keys AES-256 keys, both nodes
# stopped), then `symbolon backup create --output DIR` of EP and of the Partner, one at a time, with each
# of two jars in interleaved rounds (the order alternates). Each run is its own JVM under -Xmx256m: the
# figures include its start (the same for both jars). Output: one JSON line per run (wall seconds, CPU
# seconds user+sys, peak RSS), then the medians per jar and node.
#
#   bench/scripts/export-bench.sh --before JAR --after JAR [--keys 1000000] [--rounds 3]
#                                 [--only sqlite,postgres] [--work DIR]
#
# --work keeps the filled pair in DIR and reuses it when DIR already holds one (filling 1,000,000 keys
# takes minutes); without it everything lives in a temporary directory that is removed. JVM_OPTS are
# added to the exporting JVMs (e.g. -XX:StartFlightRecording:filename=/tmp/jfr/%p.jfr,settings=profile).
# Prerequisites as backup-bench.sh's (JDK 25, GNU time, PostgreSQL 15+ binaries; root).
set -euo pipefail

KEYS=1000000
ROUNDS=3
ONLY="sqlite,postgres"
BEFORE=""
AFTER=""
KEEP_WORK=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keys) KEYS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --before) BEFORE=$2; shift 2 ;;
    --after) AFTER=$2; shift 2 ;;
    --work) KEEP_WORK=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$BEFORE" ] || [ -z "$AFTER" ]; then
  echo "usage: export-bench.sh --before JAR --after JAR [--keys N] [--rounds N] [--only sqlite,postgres] [--work DIR]" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
JAVA="$("$ROOT/build" --java-home)/bin/java"
if [ -n "$KEEP_WORK" ]; then
  WORK=$KEEP_WORK; mkdir -p "$WORK"
else
  WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/export-bench.XXXXXX")
fi
chmod 755 "$WORK"
RESULTS="$WORK/results-$(date +%s).jsonl"
PGDIR="$WORK/pg"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
cleanup() {
  if [ -f "$PGDIR/postmaster.pid" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR" -m fast stop >/dev/null 2>&1 || true; fi
  if [ -z "$KEEP_WORK" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
symbolon() { "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m -jar "$AFTER" "$@"; }

# setup NAME EP_DB_URL PARTNER_DB_URL: boots, configures and fills a pair in $WORK/NAME, unless done
setup() {
  local name=$1 epdb=$2 partnerdb=$3 dir="$WORK/$1"
  if [ -f "$dir/filled" ]; then return 0; fi
  rm -rf "$dir"; mkdir -p "$dir/keys"
  local api pair; api=$(free_port); pair=$(free_port)
  printf 'bench root password' > "$dir/root-password"
  local common=(-s 127.0.0.1 -p 127.0.0.1 -f --bind 127.0.0.1 --api-port "$api" --pair-port "$pair")
  SYMBOLON_MACHINE_SECRET_FILE="$dir/partner.secret" symbolon boot partner "${common[@]}" --data-dir "$dir/partner" \
    ${partnerdb:+--db-url "$partnerdb"} > "$dir/partner-boot.log" 2>&1 &
  local boot=$!
  SYMBOLON_MACHINE_SECRET_FILE="$dir/ep.secret" symbolon boot ep "${common[@]}" --data-dir "$dir/ep" \
    ${epdb:+--db-url "$epdb"} --so-password-file "$dir/root-password" > "$dir/ep-boot.log" 2>&1
  wait "$boot"
  printf 'bench keystore password' > "$dir/keys/password"
  for node in ep partner; do
    symbolon backup keygen --restore-keystore "$dir/keys/$node-restore.jceks" \
      --backup-keystore "$dir/keys/$node-backup.jceks" --restore-password-file "$dir/keys/password" \
      --backup-password-file "$dir/keys/password" > /dev/null
    printf 'keystore=%s\nkeystore.passwordFile=%s\n' "$dir/keys/$node-backup.jceks" "$dir/keys/password" \
      > "$dir/$node/backup.conf"
    SYMBOLON_MACHINE_SECRET_FILE="$dir/$node.secret" "$JAVA" -Xmx256m -cp "$AFTER" \
      "$ROOT/bench/scripts/BackupFill.java" --data-dir "$dir/$node" --keys "$KEYS"
  done
  touch "$dir/filled"
}

# export_once NAME NODE LABEL JAR ROUND
export_once() {
  local name=$1 node=$2 label=$3 jar=$4 round=$5 dir="$WORK/$1"
  rm -rf "$dir/out"; mkdir -p "$dir/out"
  SYMBOLON_MACHINE_SECRET_FILE="$dir/$node.secret" /usr/bin/time -o "$dir/export.time" -f '%e %U %S %M' \
    "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m ${JVM_OPTS:-} -jar "$jar" backup create \
    --data-dir "$dir/$node" --output "$dir/out" --json > "$dir/export.log" 2>&1 || { cat "$dir/export.log"; exit 1; }
  local wall user sys kib; read -r wall user sys kib < "$dir/export.time"
  local records; records=$(tr -d " \n" < "$dir/export.log" | sed -n "s/.*\"records\":\([0-9]*\).*/\1/p")
  echo "{\"database\":\"$name\",\"node\":\"$node\",\"jar\":\"$label\",\"round\":$round,\"records\":${records:-0},\"wallSeconds\":$wall,\"cpuSeconds\":$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}'),\"peakMiB\":$((kib / 1024)),\"bytes\":$(stat -c %s "$dir"/out/*.tar.gz)}" \
    | tee -a "$RESULTS"
}

run() {
  local name=$1
  echo "database: $name, keys: $KEYS, $(uptime)" >&2
  for round in $(seq 1 "$ROUNDS"); do
    local order=(before after)
    if [ $((round % 2)) = 0 ]; then order=(after before); fi
    for label in "${order[@]}"; do
      local jar=$BEFORE; [ "$label" = after ] && jar=$AFTER
      for node in ep partner; do export_once "$name" "$node" "$label" "$jar" "$round"; done
    done
  done
  echo "after $name: $(uptime)" >&2
}

if [[ ",$ONLY," == *",sqlite,"* ]]; then
  setup sqlite "" ""
  run sqlite
fi
if [[ ",$ONLY," == *",postgres,"* ]]; then
  PGPORT=$(cat "$WORK/pg.port" 2>/dev/null || free_port); echo "$PGPORT" > "$WORK/pg.port"
  if [ ! -d "$PGDIR" ]; then
    mkdir -p "$PGDIR"; chown postgres "$PGDIR"
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR" -U symbolon -A trust >/dev/null
  fi
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null
  psql -q -h 127.0.0.1 -p "$PGPORT" -U symbolon -d postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'ep'" | grep -q 1 \
    || psql -q -h 127.0.0.1 -p "$PGPORT" -U symbolon -d postgres -c "CREATE DATABASE ep" -c "CREATE DATABASE partner"
  setup postgres "jdbc:postgresql://127.0.0.1:$PGPORT/ep?user=symbolon" "jdbc:postgresql://127.0.0.1:$PGPORT/partner?user=symbolon"
  run postgres
fi

python3 - "$RESULTS" <<'EOF'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
groups = {}
for r in rows:
    groups.setdefault((r["database"], r["node"], r["jar"]), []).append(r)
print("| database | node | jar | runs | CPU s median (min–max) | wall s median (min–max) | peak RSS MiB |")
print("|---|---|---|---|---|---|---|")
for (db, node, jar), rs in sorted(groups.items()):
    cpu = [r["cpuSeconds"] for r in rs]; wall = [r["wallSeconds"] for r in rs]
    print(f"| {db} | {node} | {jar} | {len(rs)} | {statistics.median(cpu):.2f} ({min(cpu):.2f}–{max(cpu):.2f}) "
          f"| {statistics.median(wall):.2f} ({min(wall):.2f}–{max(wall):.2f}) | {max(r['peakMiB'] for r in rs)} |")
EOF
