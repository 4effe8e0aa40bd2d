#!/usr/bin/env bash
# The archive benchmark of docs/BENCHMARKS.md: Symbolon's archive library against the shell pipelines
# it replaces, on the same generated records, in the same run, comparisons interleaved round by round.
#
#   bench/scripts/archive-bench.sh [--size 1G] [--runs 3] [--memory-sizes "1.4G 5.5G"] [--skip-memory]
#                                  [--only write,options,rekey,read,memory] [--keep] [--no-build]
#
# Prerequisites: a JDK 25 (found by ./build), Maven, GNU tar, zstd, age (Debian packages tar, zstd,
# age), GNU time (/usr/bin/time, package time), coreutils. About 3 × --size of free disk for the main
# groups, and about 3 × the largest memory size for the memory group (deleted as it goes).
# Generated data lives in a temporary directory (under $BENCH_TMP, default /tmp) removed on exit.
#
# Output: Markdown tables on stdout (median and range of --runs runs; wall-clock seconds; CPU seconds,
# user + system, of all processes; peak RSS), raw rows in $WORK/results.tsv (kept with --keep).
set -euo pipefail

SIZE=1G
RUNS=3
MEMORY_SIZES="1.4G 5.5G"
ONLY="write,options,rekey,read,memory"
KEEP=0
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --memory-sizes) MEMORY_SIZES=$2; shift 2 ;;
    --skip-memory) ONLY=${ONLY//,memory/}; shift ;;
    --only) ONLY=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
for tool in tar zstd age age-keygen /usr/bin/time sha256sum dd; do
  command -v "$tool" >/dev/null || { echo "missing prerequisite: $tool" >&2; exit 3; }
done
JAVA_HOME=$("$ROOT/build" --java-home)
JAVA="$JAVA_HOME/bin/java"
# Other engineers build in the same tree: a build that trips over theirs is retried.
if [ "$BUILD" = 1 ]; then
  for attempt in 1 2 3; do
    (cd "$ROOT" && ./build -q -DskipTests -pl bench -am package) >&2 && break
    [ "$attempt" = 3 ] && { echo "build failed; rerun, or use --no-build with an existing jar" >&2; exit 3; }
    sleep 20
  done
fi
WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/symbolon-bench.XXXXXX")
cleanup() { if [ "$KEEP" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
# A private copy, so that a rebuild during the run does not change what is measured.
cp "$ROOT/bench/target/benchmarks.jar" "$WORK/benchmarks.jar"
JAR="$WORK/benchmarks.jar"
RESULTS="$WORK/results.tsv"
LOG="$WORK/bench.log"
: >"$RESULTS"

log() { echo "[$(date +%H:%M:%S)] $*" >&2; echo "[$(date +%H:%M:%S)] $*" >>"$LOG"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# bench ARGS...: one ArchiveBench operation in its own JVM ($JVM_OPTS for heap and GC logging)
bench() { "$JAVA" --enable-native-access=ALL-UNNAMED ${JVM_OPTS:-} -cp "$JAR" io.symbolon.bench.ArchiveBench "$@"; }
export -f bench
export JAVA JAR

# measure GROUP LABEL ROUND COMMAND: runs COMMAND (a bash string) under GNU time; appends a row
#   group label round wall cpu maxrss_kb inprocess_seconds load1
measure() {
  local group=$1 label=$2 round=$3 command=$4 before
  before=$(load)
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" bash -c "$command" >"$WORK/out.txt" 2>>"$LOG" || {
    log "FAILED: $label: $command"; cat "$WORK/out.txt" >&2; return 1; }
  local wall user sys rss inproc
  read -r wall user sys rss < <(tail -n1 "$WORK/time.txt")
  inproc=$(sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' "$WORK/out.txt" | tail -n1)
  cat "$WORK/out.txt" >>"$LOG"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$group" "$label" "$round" "$wall" \
    "$(echo "$user + $sys" | bc)" "$rss" "${inproc:--}" "${before%% *}" >>"$RESULTS"
  log "$group/$label round $round: ${wall}s wall (load $before)"
}

# summary GROUP BYTES: a Markdown table of the group's labels, in first-seen order
summary() {
  local group=$1 bytes=$2
  echo
  echo "| operation | wall s, median (min–max) | MB/s | CPU s (user+sys) | in-JVM s | peak RSS MiB | load (1 min) |"
  echo "|---|---|---|---|---|---|---|"
  awk -F'\t' -v g="$group" -v bytes="$bytes" '
    function median(list,   n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      if (n % 2) return a[(n + 1) / 2]; return (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function lo(list,   n, a, i, m) { n = split(list, a, " "); m = a[1]; for (i = 2; i <= n; i++) if (a[i] + 0 < m + 0) m = a[i]; return m }
    function hi(list,   n, a, i, m) { n = split(list, a, " "); m = a[1]; for (i = 2; i <= n; i++) if (a[i] + 0 > m + 0) m = a[i]; return m }
    $1 == g {
      if (!($2 in wall)) order[++count] = $2
      wall[$2] = wall[$2] " " $4; cpu[$2] = cpu[$2] " " $5; rss[$2] = rss[$2] " " $6
      if ($7 != "-") inproc[$2] = inproc[$2] " " $7
      loads[$2] = loads[$2] " " $8
    }
    END {
      for (k = 1; k <= count; k++) {
        l = order[k]; m = median(wall[l]); shown = l; gsub(/\|/, "\\|", shown)
        printf "| %s | %.2f (%.2f–%.2f) | %s | %.2f | %s | %d | %s |\n", shown, m, lo(wall[l]), hi(wall[l]),
          (bytes > 0 ? sprintf("%.0f", bytes / 1e6 / m) : "—"), median(cpu[l]),
          (l in inproc ? sprintf("%.2f", median(inproc[l])) : "—"), median(rss[l]) / 1024, loads[l]
      }
    }' "$RESULTS"
}

# median GROUP LABEL [COLUMN]: the median wall time (column 4) of one row kind
median_of() {
  awk -F'\t' -v g="$1" -v l="$2" -v c="${3:-4}" '$1 == g && $2 == l { v[++n] = $c }
    END { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
          if (n % 2) print v[(n + 1) / 2]; else print (v[n / 2] + v[n / 2 + 1]) / 2 }' "$RESULTS"
}
ratio() { echo "scale=2; $1 / $2" | bc; }
json_field() { sed -n "s/.*\"$2\":\"\{0,1\}\([^,\"}]*\).*/\1/p" "$1" | tail -n1; }

# ---- the machine -----------------------------------------------------------------------------------
echo "## Machine"
echo
echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "- RAM: $(free -g | awk '/Mem:/ {print $2}') GiB; JDK: $("$JAVA" -version 2>&1 | head -n1)"
echo "- disk for the data: $(df -h "$WORK" | awk 'NR == 2 {print $1, $2 " total,", $4 " free"}'), $(findmnt -no FSTYPE -T "$WORK" 2>/dev/null || echo '?')"
echo "- tools: $(tar --version | head -n1); zstd $(zstd --version | grep -o 'v[0-9.]*'); age $(age --version)"
echo "- load at start: $(load)"

# ---- the records -----------------------------------------------------------------------------------
log "generating $SIZE of records"
bench generate --dir "$WORK/data" --bytes "$SIZE" >"$WORK/generate.json" 2>>"$LOG"
RECORDS=$(json_field "$WORK/generate.json" records)
RECORD_BYTES=$(du -sb "$WORK/data/records" | cut -f1)
RECIPIENT=$(cat "$WORK/data/recipient.txt")
IDENTITY="$WORK/data/identity.txt"
echo "- records: $RECORDS records, $RECORD_BYTES bytes in $(ls "$WORK/data/records" | wc -l) files (framing included)"
SYMBOLON_WRITE="bench write --out $WORK/w --recipient $WORK/data/recipient.txt --records $WORK/data/records"
PIPE1="tar -C $WORK/data -c records | zstd -1 -q | age -r $RECIPIENT > $WORK/pipe.age"
PIPE2="tar -C $WORK/data -c records | zstd -1 -T2 -q | age -r $RECIPIENT > $WORK/pipe.age"

# ---- 1. write --------------------------------------------------------------------------------------
if wants write; then
  log "write group: $RUNS interleaved rounds"
  for round in $(seq 1 "$RUNS"); do
    rm -rf "$WORK/w"
    measure write "Symbolon ArchiveWriter (defaults: zstd 1, 2 workers, digest deflate 1; fsync)" "$round" "$SYMBOLON_WRITE"
    ARCHIVE=$(ls "$WORK"/w/*.tar.gz); ARCHIVE_BYTES=$(stat -c %s "$ARCHIVE")
    CONTENT_BYTES=$(json_field "$WORK/out.txt" contentBytes)
    measure write "tar -c | zstd -1 | age -r" "$round" "$PIPE1"
    PIPE_BYTES=$(stat -c %s "$WORK/pipe.age")
    measure write "tar -c | zstd -1 -T2 | age -r" "$round" "$PIPE2"
    measure write "tar -c | zstd -1 -T2 | age -r; sync FILE" "$round" "$PIPE2; sync $WORK/pipe.age"
    measure write "bench input alone (read record files, build DigestEntry)" "$round" "bench write --feed-only --records $WORK/data/records"
    measure write "cipher alone: JDK ChaCha20-Poly1305, 64 KiB chunks, content size" "$round" "bench cipher --bytes $CONTENT_BYTES"
    [ -f "$WORK/z.zst" ] || tar -C "$WORK/data" -c records | zstd -1 -T2 -q > "$WORK/z.zst"
    measure write "age -r alone on zstd output (to disk)" "$round" "age -r $RECIPIENT -o $WORK/z.age $WORK/z.zst"
    rm -f "$WORK/z.age"
    measure write "disk alone: dd of the archive size, conv=fsync" "$round" "dd if=/dev/zero of=$WORK/dd.bin bs=1M count=$((ARCHIVE_BYTES >> 20)) conv=fsync status=none"
    rm -f "$WORK/dd.bin"
  done
  rm -f "$WORK/z.zst"
  echo
  echo "## 1. Write: $RECORD_BYTES bytes of records ($RECORDS records) (MB/s = record bytes / wall)"
  summary write "$RECORD_BYTES"
  echo
  echo "- sizes: Symbolon archive $ARCHIVE_BYTES bytes (content $CONTENT_BYTES); pipeline output $PIPE_BYTES bytes"
  S=$(median_of write "Symbolon ArchiveWriter (defaults: zstd 1, 2 workers, digest deflate 1; fsync)")
  P1=$(median_of write "tar -c | zstd -1 | age -r"); P2=$(median_of write "tar -c | zstd -1 -T2 | age -r")
  C=$(median_of write "cipher alone: JDK ChaCha20-Poly1305, 64 KiB chunks, content size" 7)
  D=$(median_of write "disk alone: dd of the archive size, conv=fsync")
  SLOW=$(echo "if ($C > $D) $C else $D" | bc)
  echo "- Symbolon / pipeline (zstd -1): $(ratio "$S" "$P1")×; / pipeline (zstd -1 -T2): $(ratio "$S" "$P2")× (≤ 1 required)"
  echo "- Symbolon / slowest unavoidable stage (max of cipher in-JVM $C s, disk $D s): $(ratio "$S" "$SLOW")× (≤ 2 required)"
fi

# ---- 2. WriteOptions -------------------------------------------------------------------------------
if wants options; then
  log "options group"
  OPTIONS=("1 2 1" "1 1 1" "1 0 1" "3 2 1" "1 2 0" "1 1 0")
  for round in $(seq 1 "$RUNS"); do
    for o in "${OPTIONS[@]}"; do
      set -- $o
      rm -rf "$WORK/w"
      measure options "zstd $1, workers $2, digest level $3" "$round" "$SYMBOLON_WRITE --zstd-level $1 --workers $2 --digest-level $3"
      echo "zstd $1, workers $2, digest level $3: $(stat -c %s "$WORK"/w/*.tar.gz) bytes" >>"$WORK/sizes.txt"
    done
  done
  echo
  echo "## 2. WriteOptions on the same records"
  summary options "$RECORD_BYTES"
  echo
  sort -t: -k1,1 -u "$WORK/sizes.txt" | sed 's/^/- archive size, /'
fi

# ---- 3 and 4. rekey, verify, read on the 1 GiB archive -----------------------------------------------
if wants rekey || wants read; then
  rm -rf "$WORK/w"
  bench write --out "$WORK/w" --recipient "$WORK/data/recipient.txt" --records "$WORK/data/records" >"$WORK/archive.json" 2>>"$LOG"
  ARCHIVE=$(json_field "$WORK/archive.json" archive); ARCHIVE_BYTES=$(stat -c %s "$ARCHIVE")
  [ -f "$WORK/pipe.age" ] || bash -c "$PIPE2"
fi
if wants rekey; then
  log "rekey group"
  for round in $(seq 1 "$RUNS"); do
    measure rekey "Symbolon rekey (add a recipient; fsync)" "$round" "bench rekey --archive $ARCHIVE --identity $IDENTITY --out $WORK/rekeyed.tar.gz"
    rm -f "$WORK/rekeyed.tar.gz"
    measure rekey "cp" "$round" "cp $ARCHIVE $WORK/copy.tar.gz"
    rm -f "$WORK/copy.tar.gz"
    measure rekey "cp; sync FILE" "$round" "cp $ARCHIVE $WORK/copy.tar.gz && sync $WORK/copy.tar.gz"
    rm -f "$WORK/copy.tar.gz"
  done
  echo
  echo "## 3. Rekey of a $ARCHIVE_BYTES-byte archive (MB/s = archive bytes / wall)"
  summary rekey "$ARCHIVE_BYTES"
  R=$(median_of rekey "Symbolon rekey (add a recipient; fsync)")
  echo
  echo "- rekey / cp: $(ratio "$R" "$(median_of rekey cp)")×; rekey / (cp; sync): $(ratio "$R" "$(median_of rekey "cp; sync FILE")")× (≤ 1.5 required)"
fi
if wants read; then
  log "read group"
  for round in $(seq 1 "$RUNS"); do
    measure read "Symbolon verify, keyless" "$round" "bench verify --archive $ARCHIVE"
    measure read "Symbolon verify with identity (decrypts, releases nothing)" "$round" "bench verify --archive $ARCHIVE --identity $IDENTITY"
    measure read "Symbolon read (verify pass + delivering pass)" "$round" "bench read --archive $ARCHIVE --identity $IDENTITY"
    measure read "Symbolon decrypt to a directory" "$round" "bench decrypt --archive $ARCHIVE --identity $IDENTITY --out $WORK/decrypted"
    rm -rf "$WORK/decrypted"
    measure read "sha256sum of the archive" "$round" "sha256sum $ARCHIVE > /dev/null"
    measure read "age -d | zstd -d > /dev/null (pipeline output)" "$round" "age -d -i $IDENTITY $WORK/pipe.age | zstd -d -q > /dev/null"
    measure read "tar xOzf database.age | age -d | zstd -d (break glass)" "$round" "tar xOzf $ARCHIVE database.age | age -d -i $IDENTITY | zstd -d -q > /dev/null"
  done
  echo
  echo "## 4. Verify and read a $ARCHIVE_BYTES-byte archive (MB/s = archive bytes / wall)"
  summary read "$ARCHIVE_BYTES"
fi

# ---- 5. memory -------------------------------------------------------------------------------------
# gc_peaks FILE: the largest heap before and after any collection, from -Xlog:gc
gc_peaks() {
  grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$1" | awk -F'[->()M]+' '
    { if ($1 > b) b = $1; if ($2 > a) a = $2; n++ } END { printf "%d GCs, heap before GC ≤ %d MiB, after GC ≤ %d MiB", n, b, a }'
}
if wants memory; then
  rm -rf "$WORK/w" "$WORK/data" "$WORK/pipe.age"
  echo
  echo "## 5. Memory under -Xmx128m, one JVM per operation (records generated in the writing JVM)"
  echo
  echo "| records | archive bytes | operation | wall s | peak RSS MiB | heap (from -Xlog:gc) | load |"
  echo "|---|---|---|---|---|---|---|"
  for size in $MEMORY_SIZES; do
    rm -rf "$WORK/m"; mkdir -p "$WORK/m"
    bench generate --dir "$WORK/m/keys" --bytes 1 >/dev/null 2>>"$LOG"
    rm -rf "$WORK/m/keys/records"
    for op in write verify verify-id decrypt rekey; do
      case $op in
        write) args="write --out $WORK/m/w --recipient $WORK/m/keys/recipient.txt --synthetic $size" ;;
        verify) args="verify --archive \$(ls $WORK/m/w/*.tar.gz)" ;;
        verify-id) args="verify --archive \$(ls $WORK/m/w/*.tar.gz) --identity $WORK/m/keys/identity.txt" ;;
        decrypt) args="decrypt --archive \$(ls $WORK/m/w/*.tar.gz) --identity $WORK/m/keys/identity.txt --out $WORK/m/decrypted" ;;
        rekey) args="rekey --archive \$(ls $WORK/m/w/*.tar.gz) --identity $WORK/m/keys/identity.txt --out $WORK/m/rekeyed.tar.gz" ;;
      esac
      JVM_OPTS="-Xmx128m -Xlog:gc:file=$WORK/m/gc-$op.log" measure memory "$op $size" 1 "JVM_OPTS='-Xmx128m -Xlog:gc:file=$WORK/m/gc-$op.log' bench $args"
      mb=$(stat -c %s "$WORK"/m/w/*.tar.gz)
      row=$(tail -n1 "$RESULTS")
      echo "| $size | $mb | $op | $(echo "$row" | cut -f4) | $(( $(echo "$row" | cut -f6) / 1024 )) | $(gc_peaks "$WORK/m/gc-$op.log") | $(echo "$row" | cut -f8) |"
      rm -rf "$WORK/m/decrypted" "$WORK/m/rekeyed.tar.gz"
    done
  done
  rm -rf "$WORK/m"
fi
echo
echo "- load at end: $(load)"
