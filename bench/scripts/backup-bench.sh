#!/usr/bin/env bash
# The backup benchmark of docs/BENCHMARKS.md ("Coordinated backup and restore of a pair", issue 5): a
# real pair (two `symbolon server` processes on loopback, each under -Xmx256m) holding --keys AES-256
# keys, on SQLite and on PostgreSQL. Rounds are interleaved; in each round, in alternating order:
#   - a coordinated backup (POST /api/v1/backup until TEST_SUCCESS): wall time, each node's peak RSS
#     (VmHWM, reset before the backup) and CPU seconds;
#   - the reference pipelines on the same data, both nodes at once as the coordinated backup does:
#     `pg_dump -Fc DB | age -r KEY` (PostgreSQL) or `sqlite3 DB .dump | zstd -1 | age -r KEY` (SQLite),
#     and the tuned `pg_dump -Fc -Z0 | zstd -1 -T2 | age -r KEY`;
#   - a restore of the pair's two archives into a new pair (`boot partner -restore` and `boot ep
#     -restore` at once), next to `age -d | pg_restore` of both dumps into empty databases at once;
#   - `symbolon backup verify EP PARTNER` of the two archives (offline, no private key).
# Then --latency-runs backups under client load (BackupBench --load mixed): p50/p99 of key reads and
# key creations idle and during the backup.
#
#   bench/scripts/backup-bench.sh [--keys 1000000] [--rounds 3] [--latency-runs 3] [--only sqlite,postgres]
#                                 [--no-build] [--keep]
#
# The pair is filled by bench/scripts/BackupFill.java while both nodes are stopped (the vault's import
# API, each node sealing its own random share; identical object rows on both). SYMBOLON_JAR names another
# symbolon.jar than cli/target's (e.g. a copy, while others rebuild); JVM_OPTS are added to the nodes'
# and the restores' JVMs (e.g. JVM_OPTS=-XX:StartFlightRecording:filename=/tmp/jfr/%p.jfr,settings=profile).
# Every symbolon JVM runs with the launcher's options (bench/scripts/aot-cache.sh): the Serial collector and
# an AOT cache trained for the jar first, as the `symbolon` launcher runs the product; SYMBOLON_AOT=off runs
# them without the cache. Prerequisites: a JDK 25 (found
# by ./build), Maven, age, zstd, sqlite3,
# GNU time, PostgreSQL 15+ server binaries in /usr/lib/postgresql/<version>/bin; run as root (the
# PostgreSQL cluster runs as the postgres user). Everything lives under $BENCH_TMP (default /tmp).
#
# Output: one JSON line per measurement, then Markdown tables of medians (min–max).
set -euo pipefail

KEYS=1000000
ROUNDS=3
LATENCY_RUNS=3
ONLY="sqlite,postgres"
BUILD=1
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --keys) KEYS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --latency-runs) LATENCY_RUNS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --keep) KEEP=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
. "$ROOT/bench/scripts/lib.sh"
JAVA="$("$ROOT/build" --java-home)/bin/java"
JAR="${SYMBOLON_JAR:-$ROOT/cli/target/symbolon.jar}"
if [ "$BUILD" = 1 ]; then
  "$ROOT/build" -q -DskipTests -pl cli -am package
fi
WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/backup-bench.XXXXXX")
chmod 755 "$WORK"
RESULTS="$WORK/results.jsonl"
AOT_OPTS=$("$ROOT/bench/scripts/aot-cache.sh" "$JAVA" "$JAR" "$WORK/symbolon.aot")
PIDS=()
PGDIR=""
PGBIN=""
cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  if [ -n "$PGDIR" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ "$KEEP" = 0 ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
symbolon() { "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m $AOT_OPTS -jar "$JAR" "$@"; }
bench() { "$JAVA" -Xmx256m "$ROOT/bench/src/main/java/io/symbolon/bench/BackupBench.java" "$@"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
record() { echo "$1" | tee -a "$RESULTS"; }
peak_mib() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$1/status"; }
reset_peak() { echo 5 > "/proc/$1/clear_refs"; }
size_of() { stat -c %s "$1"; }
# pg_cpu: CPU seconds of the PostgreSQL cluster's exited backends so far (the postmaster's own and its
# reaped children's), 0 without a cluster; a delta around an operation is its backends' CPU
pg_cpu() {
  if [ -z "$PGDIR" ] || [ ! -f "$PGDIR/postmaster.pid" ]; then echo 0; return; fi
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15 + $16 + $17) / hz}' "/proc/$(head -1 "$PGDIR/postmaster.pid")/stat"
}
sum() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a + b }'; }
# timed FILE COMMAND...: runs COMMAND under GNU time, appending "<elapsed s> <max RSS KiB>" to FILE
timed() { local out=$1; shift; /usr/bin/time -a -o "$out" -f "%e %M" "$@"; }
# timed_cpu FILE COMMAND...: as timed, adding "<user s> <sys s>"
timed_cpu() { local out=$1; shift; /usr/bin/time -a -o "$out" -f "%e %M %U %S" "$@"; }

# start_node DIR NODE: starts the node in the foreground (in the background of this script); sets NODE_PID
start_node() {
  local dir=$1 node=$2
  SYMBOLON_MACHINE_SECRET_FILE="$dir/$node.secret" "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m $AOT_OPTS ${JVM_OPTS:-} \
    -jar "$JAR" server start --foreground --data-dir "$dir/$node" >> "$dir/$node.log" 2>&1 &
  NODE_PID=$!
  PIDS+=("$NODE_PID")
}
await_serving() {
  local dir=$1 node=$2 i
  for i in $(seq 1 600); do
    if grep -q "node started role=" "$dir/$node.log" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "$node did not start; see $dir/$node.log" >&2; exit 1
}
stop_node() { kill "$1"; wait "$1" 2>/dev/null || true; }

# boot_pair DIR EP_DB_URL PARTNER_DB_URL [EXTRA_EP_ARGS...]: boots both nodes (EP's boot gets the extra args)
boot_pair() {
  local dir=$1 epdb=$2 partnerdb=$3
  local api pair
  api=$(free_port); pair=$(free_port)
  mkdir -p "$dir"
  printf 'bench root password' > "$dir/root-password"
  local common=(-s 127.0.0.1 -p 127.0.0.1 -f --bind 127.0.0.1 --api-port "$api" --pair-port "$pair")
  SYMBOLON_MACHINE_SECRET_FILE="$dir/partner.secret" symbolon boot partner "${common[@]}" --data-dir "$dir/partner" \
    ${partnerdb:+--db-url "$partnerdb"} > "$dir/partner-boot.log" 2>&1 &
  local boot=$!
  SYMBOLON_MACHINE_SECRET_FILE="$dir/ep.secret" symbolon boot ep "${common[@]}" --data-dir "$dir/ep" \
    ${epdb:+--db-url "$epdb"} --so-password-file "$dir/root-password" > "$dir/ep-boot.log" 2>&1
  wait "$boot"
  echo "$api" > "$dir/api-port"
  for node in ep partner; do echo "refresh.intervalSeconds=0" >> "$dir/$node/symbolon.conf"; done
}

# configure_backups DIR: a backup key per node (different keys, as seed 000 advises) and its backup.conf
configure_backups() {
  local dir=$1 node
  mkdir -p "$dir/keys"
  printf 'bench keystore password' > "$dir/keys/password"
  for node in ep partner; do
    symbolon backup keygen --restore-keystore "$dir/keys/$node-restore.jceks" \
      --backup-keystore "$dir/keys/$node-backup.jceks" --restore-password-file "$dir/keys/password" \
      --backup-password-file "$dir/keys/password" > /dev/null
    printf 'keystore=%s\nkeystore.passwordFile=%s\n' "$dir/keys/$node-backup.jceks" "$dir/keys/password" \
      > "$dir/$node/backup.conf"
  done
}

# restore_pair SRC_DIR DEST_DIR EP_ARCHIVE PARTNER_ARCHIVE EP_DB PARTNER_DB NAME ROUND
restore_pair() {
  local src=$1 dest=$2 eparchive=$3 partnerarchive=$4 epdb=$5 partnerdb=$6 name=$7 round=$8
  local api pair
  api=$(free_port); pair=$(free_port)
  mkdir -p "$dest"
  local common=(-s 127.0.0.1 -p 127.0.0.1 --bind 127.0.0.1 --api-port "$api" --pair-port "$pair")
  local start pg_before; start=$(now); pg_before=$(pg_cpu)
  SYMBOLON_MACHINE_SECRET_FILE="$dest/partner.secret" timed_cpu "$dest/partner.time" \
    "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m $AOT_OPTS ${JVM_OPTS:-} -jar "$JAR" boot partner "${common[@]}" --data-dir "$dest/partner" \
    ${partnerdb:+--db-url "$partnerdb"} -restore "$partnerarchive" --keystore "$src/keys/partner-restore.jceks" \
    --keystore-password-file "$src/keys/password" --signer "$src/partner/node.crt" -f > "$dest/partner-boot.log" 2>&1 &
  local partner_boot=$!
  SYMBOLON_MACHINE_SECRET_FILE="$dest/ep.secret" timed_cpu "$dest/ep.time" \
    "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m $AOT_OPTS ${JVM_OPTS:-} -jar "$JAR" boot ep "${common[@]}" --data-dir "$dest/ep" \
    ${epdb:+--db-url "$epdb"} -restore "$eparchive" --keystore "$src/keys/ep-restore.jceks" \
    --keystore-password-file "$src/keys/password" --signer "$src/ep/node.crt" -f \
    --so-password-file "$src/root-password" > "$dest/ep-boot.log" 2>&1
  wait "$partner_boot"
  local seconds; seconds=$(elapsed "$start" "$(now)")
  local pg_seconds; pg_seconds=$(elapsed "$pg_before" "$(pg_cpu)")
  read -r ep_s ep_kib ep_user ep_sys < "$dest/ep.time"
  read -r partner_s partner_kib partner_user partner_sys < "$dest/partner.time"
  record "{\"database\":\"$name\",\"round\":$round,\"operation\":\"symbolon-restore\",\"seconds\":$seconds,\"epSeconds\":$ep_s,\"partnerSeconds\":$partner_s,\"epPeakMiB\":$((ep_kib / 1024)),\"partnerPeakMiB\":$((partner_kib / 1024)),\"epCpuSeconds\":$(sum "$ep_user" "$ep_sys"),\"partnerCpuSeconds\":$(sum "$partner_user" "$partner_sys"),\"pgCpuSeconds\":$pg_seconds}"
}

# run_database NAME EP_DB_URL PARTNER_DB_URL
run_database() {
  local name=$1 epdb=$2 partnerdb=$3
  local dir="$WORK/$name"
  boot_pair "$dir" "$epdb" "$partnerdb"
  configure_backups "$dir"
  for node in ep partner; do
    local fill
    fill=$(SYMBOLON_MACHINE_SECRET_FILE="$dir/$node.secret" "$JAVA" -Xmx256m -cp "$JAR" \
      "$ROOT/bench/scripts/BackupFill.java" --data-dir "$dir/$node" --keys "$KEYS" 2>/dev/null)
    record "{\"database\":\"$name\",\"operation\":\"fill\",\"node\":\"$node\",\"result\":$fill}"
  done
  start_node "$dir" partner; local partner_pid=$NODE_PID; await_serving "$dir" partner
  start_node "$dir" ep; local ep_pid=$NODE_PID; await_serving "$dir" ep
  local api; api=$(cat "$dir/api-port")
  local client=(--url "https://127.0.0.1:$api" --cert "$dir/ep/node.crt" --password-file "$dir/root-password")
  symbolon server test --data-dir "$dir/ep" --password-file "$dir/root-password" > "$dir/server-test.log" 2>&1 \
    || { cat "$dir/server-test.log"; exit 1; }
  age-keygen -o "$dir/keys/pipeline.age" 2>/dev/null
  local recipient; recipient=$(age-keygen -y "$dir/keys/pipeline.age")
  local epfile="" partnerfile=""
  echo "database: $name, keys: $KEYS, uptime: $(uptime)" | tee -a "$WORK/uptime.log"

  for round in $(seq 1 "$ROUNDS"); do
    local order=(symbolon pipeline)
    if [ $((round % 2)) = 0 ]; then order=(pipeline symbolon); fi
    for what in "${order[@]}"; do
      if [ "$what" = symbolon ]; then
        await_idle "$ep_pid" "$partner_pid"
        reset_peak "$ep_pid"; reset_peak "$partner_pid"
        local ep_cpu partner_cpu out
        ep_cpu=$(cpu_seconds "$ep_pid"); partner_cpu=$(cpu_seconds "$partner_pid")
        out=$(bench backup "${client[@]}")
        local file; file=$(echo "$out" | sed 's/.*"file":"\([^"]*\)".*/\1/')
        if [ -n "$epfile" ]; then rm -f "$epfile" "$partnerfile"; fi
        epfile="$dir/ep/backup/$file"; partnerfile="$dir/partner/backup/$file"
        record "{\"database\":\"$name\",\"round\":$round,\"operation\":\"symbolon-backup\",\"result\":$out,\"epPeakMiB\":$(peak_mib "$ep_pid"),\"partnerPeakMiB\":$(peak_mib "$partner_pid"),\"epCpuSeconds\":$(awk -v a="$ep_cpu" -v b="$(cpu_seconds "$ep_pid")" 'BEGIN{printf "%.2f", b-a}'),\"partnerCpuSeconds\":$(awk -v a="$partner_cpu" -v b="$(cpu_seconds "$partner_pid")" 'BEGIN{printf "%.2f", b-a}'),\"epBytes\":$(size_of "$epfile"),\"partnerBytes\":$(size_of "$partnerfile")}"
      else
        local start seconds
        rm -f "$dir"/*.pipeline.time
        start=$(now)
        local jobs=()
        for node in ep partner; do
          if [ "$name" = postgres ]; then
            bash -c "set -o pipefail; /usr/bin/time -o '$dir/$node.dump.pipeline.time' -f '%e %M' \
              '$PGBIN/pg_dump' -Fc -h 127.0.0.1 -p $PGPORT -U symbolon $node \
              | /usr/bin/time -o '$dir/$node.age.pipeline.time' -f '%e %M' age -r $recipient > '$dir/$node.dump.age'" &
          else
            bash -c "set -o pipefail; /usr/bin/time -o '$dir/$node.dump.pipeline.time' -f '%e %M' \
              sqlite3 '$dir/$node/vault.db' .dump | zstd -q -1 \
              | /usr/bin/time -o '$dir/$node.age.pipeline.time' -f '%e %M' age -r $recipient > '$dir/$node.dump.age'" &
          fi
          jobs+=($!)
        done
        wait "${jobs[@]}"
        seconds=$(elapsed "$start" "$(now)")
        local what_label; if [ "$name" = postgres ]; then what_label="pg_dump -Fc | age -r"; else what_label="sqlite3 .dump | zstd -1 | age -r"; fi
        record "{\"database\":\"$name\",\"round\":$round,\"operation\":\"pipeline-backup\",\"pipeline\":\"$what_label\",\"seconds\":$seconds,\"epDumpPeakMiB\":$(awk '{print int($2/1024)}' "$dir/ep.dump.pipeline.time"),\"epBytes\":$(size_of "$dir/ep.dump.age"),\"partnerBytes\":$(size_of "$dir/partner.dump.age")}"
        if [ "$name" = postgres ]; then
          start=$(now)
          jobs=()
          for node in ep partner; do
            bash -c "set -o pipefail; '$PGBIN/pg_dump' -Fc -Z0 -h 127.0.0.1 -p $PGPORT -U symbolon $node | zstd -q -1 -T2 \
              | age -r $recipient > '$dir/$node.tuned.age'" &
            jobs+=($!)
          done
          wait "${jobs[@]}"
          seconds=$(elapsed "$start" "$(now)")
          record "{\"database\":\"$name\",\"round\":$round,\"operation\":\"pipeline-backup-tuned\",\"pipeline\":\"pg_dump -Fc -Z0 | zstd -1 -T2 | age -r\",\"seconds\":$seconds,\"epBytes\":$(size_of "$dir/ep.tuned.age")}"
          rm -f "$dir"/*.tuned.age
        fi
      fi
    done

    # verify, offline, the two archives of this round
    rm -f "$dir/verify.time"
    local start; start=$(now)
    timed "$dir/verify.time" "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx256m -jar "$JAR" backup verify \
      "$epfile" "$partnerfile" --ep-signer "$dir/ep/node.crt" --partner-signer "$dir/partner/node.crt" > "$dir/verify.log" 2>&1 \
      || { cat "$dir/verify.log"; exit 1; }
    read -r verify_s verify_kib < "$dir/verify.time"
    record "{\"database\":\"$name\",\"round\":$round,\"operation\":\"symbolon-verify\",\"seconds\":$verify_s,\"peakMiB\":$((verify_kib / 1024))}"

    # restore, interleaved with the pipeline's restore
    local rorder=(symbolon pipeline)
    if [ $((round % 2)) = 0 ]; then rorder=(pipeline symbolon); fi
    for what in "${rorder[@]}"; do
      if [ "$what" = symbolon ]; then
        local repdb="" rppdb=""
        if [ "$name" = postgres ]; then
          psql -q -h 127.0.0.1 -p "$PGPORT" -U symbolon -d postgres -c "DROP DATABASE IF EXISTS rep" \
            -c "DROP DATABASE IF EXISTS rpp" -c "CREATE DATABASE rep" -c "CREATE DATABASE rpp"
          repdb="jdbc:postgresql://127.0.0.1:$PGPORT/rep?user=symbolon"; rppdb="jdbc:postgresql://127.0.0.1:$PGPORT/rpp?user=symbolon"
        fi
        rm -rf "$dir/restored"
        restore_pair "$dir" "$dir/restored" "$epfile" "$partnerfile" "$repdb" "$rppdb" "$name" "$round"
      elif [ "$name" = postgres ]; then
        psql -q -h 127.0.0.1 -p "$PGPORT" -U symbolon -d postgres -c "DROP DATABASE IF EXISTS pep" \
          -c "DROP DATABASE IF EXISTS ppp" -c "CREATE DATABASE pep" -c "CREATE DATABASE ppp"
        local start pg_before; start=$(now); pg_before=$(pg_cpu)
        bash -c "set -o pipefail; age -d -i '$dir/keys/pipeline.age' '$dir/ep.dump.age' \
          | '$PGBIN/pg_restore' -h 127.0.0.1 -p $PGPORT -U symbolon -d pep" &
        local r1=$!
        bash -c "set -o pipefail; age -d -i '$dir/keys/pipeline.age' '$dir/partner.dump.age' \
          | '$PGBIN/pg_restore' -h 127.0.0.1 -p $PGPORT -U symbolon -d ppp" &
        wait "$r1" $!
        record "{\"database\":\"$name\",\"round\":$round,\"operation\":\"pipeline-restore\",\"pipeline\":\"age -d | pg_restore\",\"seconds\":$(elapsed "$start" "$(now)"),\"pgCpuSeconds\":$(elapsed "$pg_before" "$(pg_cpu)")}"
      else
        rm -f "$dir"/restored-*.db
        local start; start=$(now)
        local jobs=()
        for node in ep partner; do
          bash -c "set -o pipefail; age -d -i '$dir/keys/pipeline.age' '$dir/$node.dump.age' | zstd -q -dc \
            | sqlite3 '$dir/restored-$node.db'" &
          jobs+=($!)
        done
        wait "${jobs[@]}"
        record "{\"database\":\"$name\",\"round\":$round,\"operation\":\"pipeline-restore\",\"pipeline\":\"age -d | zstd -d | sqlite3\",\"seconds\":$(elapsed "$start" "$(now)")}"
      fi
    done
  done

  # the last restored pair serves: server test
  local rdir="$dir/restored"
  start_node "$rdir" partner; local rpartner=$NODE_PID; await_serving "$rdir" partner
  start_node "$rdir" ep; local rep=$NODE_PID; await_serving "$rdir" ep
  if symbolon server test --data-dir "$rdir/ep" --password-file "$dir/root-password" > "$rdir/server-test.log" 2>&1; then
    record "{\"database\":\"$name\",\"operation\":\"restored-server-test\",\"exit\":0}"
  else
    record "{\"database\":\"$name\",\"operation\":\"restored-server-test\",\"exit\":1}"; cat "$rdir/server-test.log"
  fi
  stop_node "$rep"; stop_node "$rpartner"

  # client latency, idle and during a backup
  for run in $(seq 1 "$LATENCY_RUNS"); do
    local out; out=$(bench backup "${client[@]}" --load mixed --idle-seconds 15 --filled "$KEYS")
    record "{\"database\":\"$name\",\"round\":$run,\"operation\":\"latency\",\"result\":$out}"
    local file; file=$(echo "$out" | sed 's/.*"file":"\([^"]*\)".*/\1/')
    rm -f "$dir/ep/backup/$file" "$dir/partner/backup/$file"
  done
  echo "after $name: $(uptime)" | tee -a "$WORK/uptime.log"
  stop_node "$ep_pid"; stop_node "$partner_pid"
}

if [[ ",$ONLY," == *",sqlite,"* ]]; then
  run_database sqlite "" ""
fi
if [[ ",$ONLY," == *",postgres,"* ]]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDIR="$WORK/pg"; PGPORT=$(free_port)
  mkdir -p "$PGDIR"; chown postgres "$PGDIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR" -U symbolon -A trust >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null
  psql -q -h 127.0.0.1 -p "$PGPORT" -U symbolon -d postgres -c "CREATE DATABASE ep" -c "CREATE DATABASE partner"
  run_database postgres "jdbc:postgresql://127.0.0.1:$PGPORT/ep?user=symbolon" \
    "jdbc:postgresql://127.0.0.1:$PGPORT/partner?user=symbolon"
fi

echo
cat "$WORK/uptime.log"
python3 "$ROOT/bench/scripts/backup-bench-table.py" "$RESULTS"
