#!/usr/bin/env bash
# The restore's import into PostgreSQL (docs/BENCHMARKS.md, "Bulk import into PostgreSQL (restore)"):
# bench/scripts/ImportBench.java imports --keys AES-256 keys into an empty, migrated database through
# the vault's import path, with the vault of two commits, in interleaved rounds (the order alternates)
# on one PostgreSQL cluster with its default settings (durable: fsync on). Each run gets a new
# database. Output: one JSON line per run (wall seconds of the import, CPU seconds of the client JVM,
# including its start, of the importing thread alone, and of the PostgreSQL cluster), then the medians
# of each side and their ratios.
#
#   bench/scripts/import-bench.sh [--keys 1000000] [--rounds 3] [--before COMMIT] [--after COMMIT]
#                                 [--records] [--database postgres|sqlite]
#
# --before defaults to HEAD~1 and --after to the working tree; a commit is built in a worktree of its
# own under $WORK (vault and archive, with -am: the archive jar of ~/.m2 may be older than the commit).
# --records sends each key through a restore's record path first (encode, decode, fingerprint,
# recomputed digest; see ImportBench.java). --database sqlite imports into a new SQLite file per run
# instead (the PostgreSQL cluster then only idles; its CPU is still reported).
# Prerequisites: a JDK 25 (found by ./build), Maven, PostgreSQL 15+ server binaries in
# /usr/lib/postgresql/<version>/bin; run as root (the cluster runs as the postgres user).
set -euo pipefail

KEYS=1000000
ROUNDS=3
BEFORE=HEAD~1
AFTER=""
RECORDS=""
DATABASE=postgres
while [ $# -gt 0 ]; do
  case "$1" in
    --records) RECORDS=--records; shift ;;
    --database) DATABASE=$2; shift 2 ;;
    --keys) KEYS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --before) BEFORE=$2; shift 2 ;;
    --after) AFTER=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
JAVA="$("$ROOT/build" --java-home)/bin/java"
WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/import-bench.XXXXXX")
chmod 755 "$WORK"
PGDIR=""
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
cleanup() {
  if [ -n "$PGDIR" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR" -m immediate stop >/dev/null 2>&1 || true; fi
  # Only this run's worktrees (classpath runs in a subshell, so they are found by path, not recorded).
  for tree in "$WORK/before" "$WORK/after"; do
    if [ -d "$tree" ]; then git -C "$ROOT" worktree remove --force "$tree" || true; fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# classpath NAME COMMIT: builds the vault of COMMIT (or of the working tree when COMMIT is empty) and
# prints a classpath of its classes and runtime dependencies (test-only jars left out, so no logging).
classpath() {
  local name=$1 commit=$2 tree=$ROOT
  if [ -n "$commit" ]; then
    tree="$WORK/$name"
    git -C "$ROOT" worktree add --detach "$tree" "$commit" >/dev/null 2>&1
  fi
  (cd "$tree" && ./build -q -o -pl vault -am -DskipTests package \
    && ./build -q -pl vault org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath -Dmdep.outputFile="$WORK/$name.deps") >&2
  mkdir -p "$WORK/$name.lib"
  cp "$tree/vault/target/symbolon-vault-0.1.0.jar" "$tree/archive/target/symbolon-archive-0.1.0.jar" "$WORK/$name.lib/"
  local jar
  for jar in $(tr ':' '\n' < "$WORK/$name.deps" | grep -Ev '/(junit|assertj|byte-buddy|awaitility|hamcrest|logback|opentest4j|apiguardian|symbolon-archive)'); do
    cp "$jar" "$WORK/$name.lib/"
  done
  echo "$WORK/$name.lib/*"
}

BEFORE_CP=$(classpath before "$BEFORE")
AFTER_CP=$(classpath after "$AFTER")

PGDIR="$WORK/pg"
PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
chown postgres:postgres "$WORK"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR" -U symbolon -A trust >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null
psql() { "$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT" -U symbolon -d postgres "$@"; }
echo "keys: $KEYS, database: $DATABASE${RECORDS:+, records}, before: ${BEFORE:-working tree}, after: ${AFTER:-working tree}, $("$PGBIN/postgres" --version), $(nproc) cores, uptime: $(uptime)" >&2

# CPU seconds the cluster has used: every live postgres process, and the backends that have exited
# (the postmaster's reaped children). The machine is shared: CPU is steadier than wall time under load.
pg_cpu() {
  local postmaster; postmaster=$(head -1 "$PGDIR/postmaster.pid")
  { sed 's/.*) //' "/proc/$postmaster/stat" | awk '{print $14 + $15}'
    for pid in $(pgrep -P "$postmaster"); do sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}'; done
    sed 's/.*) //' "/proc/$postmaster/stat" | awk '{print $12 + $13}'
  } | awk -v hz="$(getconf CLK_TCK)" '{ticks += $1} END {printf "%.2f", ticks / hz}'
}

RESULTS="$WORK/results.jsonl"
for round in $(seq 1 "$ROUNDS"); do
  order=(before after)
  if [ $((round % 2)) = 0 ]; then order=(after before); fi
  for side in "${order[@]}"; do
    cp=$BEFORE_CP; [ "$side" = after ] && cp=$AFTER_CP
    psql -c "DROP DATABASE IF EXISTS import" -c "CREATE DATABASE import"
    psql -c "CHECKPOINT"
    url="jdbc:postgresql://127.0.0.1:$PGPORT/import"
    if [ "$DATABASE" = sqlite ]; then
      rm -rf "$WORK/sqlite"; mkdir -p "$WORK/sqlite"; url="jdbc:sqlite:$WORK/sqlite/vault.db"
    fi
    before_cpu=$(pg_cpu)
    out=$(/usr/bin/time -o "$WORK/client.time" -f "%U %S" "$JAVA" -Xmx512m -cp "$cp" \
      "$ROOT/bench/scripts/ImportBench.java" --db-url "$url" \
      --user symbolon --keys "$KEYS" --label "$side" $RECORDS 2>> "$WORK/import-bench.log")
    server_cpu=$(awk -v a="$before_cpu" -v b="$(pg_cpu)" 'BEGIN {printf "%.2f", b - a}')
    client_cpu=$(awk '{printf "%.2f", $1 + $2}' "$WORK/client.time")
    echo "$out" | sed "s/^{/{\"round\":$round,\"serverCpuSeconds\":$server_cpu,\"clientCpuSeconds\":$client_cpu,/" \
      | tee -a "$RESULTS"
  done
done

python3 - "$RESULTS" <<'EOF'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
median = {}
for key in ("seconds", "serverCpuSeconds", "clientCpuSeconds", "importCpuSeconds"):
    for side in ("before", "after"):
        values = sorted(r[key] for r in runs if r["label"] == side)
        median[side] = statistics.median(values)
        print(f"{key} {side}: median {median[side]:.1f} (min {values[0]:.1f}, max {values[-1]:.1f}, {len(values)} runs)")
    if median["after"] > 0:
        print(f"{key} before / after: {median['before'] / median['after']:.2f}x")
EOF
