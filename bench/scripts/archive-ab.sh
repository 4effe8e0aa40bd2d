#!/usr/bin/env bash
# Order-balanced comparison of two or more builds of the archive library: the 1 GiB write and the
# re-key of its archive, each build's ArchiveBench in its own JVM, next to `cp` of the same archive.
#
#   bench/scripts/archive-ab.sh [--rounds 6] [--size 1G] [--dir D] LABEL=benchmarks.jar LABEL=benchmarks.jar ...
#
# A build's jar: `./build -q -DskipTests -pl bench -am package` in a checkout of it (git worktree), then
# bench/target/benchmarks.jar, copied away. Round r runs the builds in the order rotated by r, reversed
# every other cycle, so that no build always runs first or after the same neighbour (on the project's VMs
# the position in a round alone moved a re-key by 40 %: docs/BENCHMARKS.md, "Writeback"). `sync` before
# every measured command. Prints one line per run: wall s, user s, sys s, in-JVM s; then the medians.
# Prerequisites: JDK 25 (found by ./build), GNU time (/usr/bin/time), coreutils; ~6 × --size of disk.
set -euo pipefail
ROUNDS=6 SIZE=1G DIR=
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --size) SIZE=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *=*) break ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
done
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bench/scripts/lib.sh"
JAVA="$("$ROOT/build" --java-home)/bin/java"
declare -A JAR
LABELS=()
read_builds "$@"
D=${DIR:-$(mktemp -d "${BENCH_TMP:-/tmp}/symbolon-ab.XXXXXX")}
[ -n "$DIR" ] || trap 'rm -rf "$D"' EXIT
mkdir -p "$D"
[ -d "$D/data/records" ] || "$JAVA" -cp "${JAR[${LABELS[0]}]}" io.symbolon.bench.ArchiveBench generate --dir "$D/data" --bytes "$SIZE" >/dev/null

run() { # LABEL ARGS...: one ArchiveBench command of that build
  local label=$1; shift; sync
  /usr/bin/time -f "%e %U %S" -o "$D/time" "$JAVA" --enable-native-access=ALL-UNNAMED -cp "${JAR[$label]}" \
    io.symbolon.bench.ArchiveBench "$@" >"$D/out.json" 2>"$D/err" || { cat "$D/err" >&2; exit 1; }
  echo "$(cat "$D/time") $(grep -o '"seconds":[0-9.]*' "$D/out.json" | cut -d: -f2)"
}
RESULTS="$D/results.txt"; : >"$RESULTS"
for ((r = 0; r < ROUNDS; r++)); do
  for label in $(order "$r" "${LABELS[@]}"); do
    rm -rf "$D/w-$label"
    line="write $label round $r: $(run "$label" write --out "$D/w-$label" --recipient "$D/data/recipient.txt" --records "$D/data/records")"
    echo "$line"; echo "$line" >>"$RESULTS"
  done
done
ARCHIVE=$(ls "$D/w-${LABELS[0]}"/*.tar.gz)
for ((r = 0; r < ROUNDS; r++)); do
  for label in $(order "$r" "${LABELS[@]}" cp); do
    if [ "$label" = cp ]; then
      rm -f "$D/copy.tar.gz"; sync
      /usr/bin/time -f "%e %U %S" -o "$D/time" cp "$ARCHIVE" "$D/copy.tar.gz"
      line="rekey cp round $r: $(cat "$D/time") -"
    else
      rm -f "$D/rekeyed-$label.tar.gz"
      line="rekey $label round $r: $(run "$label" rekey --archive "$ARCHIVE" --identity "$D/data/identity.txt" --out "$D/rekeyed-$label.tar.gz")"
    fi
    echo "$line"; echo "$line" >>"$RESULTS"
  done
done
echo
echo "medians of $ROUNDS rounds (wall s, user s, sys s):"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
for key in $(cut -d' ' -f1,2 "$RESULTS" | tr ' ' '/' | sort -u); do
  rows=$(grep "^${key/\// } round " "$RESULTS")
  printf '%-14s %6.2f %6.2f %6.2f\n' "${key/\// }" "$(cut -d' ' -f5 <<<"$rows" | median)" \
    "$(cut -d' ' -f6 <<<"$rows" | median)" "$(cut -d' ' -f7 <<<"$rows" | median)"
done
