#!/usr/bin/env bash
# Trains the JVM's AOT cache for a symbolon jar, as the `symbolon` launcher does for its own jar (the same
# training run: `aot-training`, ~10 s), so that a benchmark runs a copied jar the way the launcher runs the
# product. Prints the JVM options the launcher adds: its collector (`-XX:+UseSerialGC`, for every build) and
# `-XX:AOTCache=OUT` — not the cache when SYMBOLON_AOT=off, or (with a warning) for a build older than the
# cache, whose launcher ran it without one.
#
#   bench/scripts/aot-cache.sh JAVA JAR OUT
#
# The cache is valid only for JAR at that path and that JAVA. Exits 1 (with the training's output on
# stderr) if the training fails.
set -euo pipefail
[ $# -eq 3 ] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
java=$1 jar=$2 out=$3
gc=-XX:+UseSerialGC
[ "${SYMBOLON_AOT:-on}" = off ] && { echo "$gc"; exit 0; }
if ! python3 -c 'import sys, zipfile
sys.exit("io/symbolon/cli/aot/AotTrainingCommand.class" not in zipfile.ZipFile(sys.argv[1]).namelist())' "$jar"; then
  echo "aot-cache.sh: $jar has no aot-training (a build before the AOT cache): it runs without one" >&2
  echo "$gc"
  exit 0
fi
rm -f "$out"
if ! "$java" --enable-native-access=ALL-UNNAMED -Xmx256m -XX:AOTCacheOutput="$out" -jar "$jar" aot-training \
     > "$out.log" 2>&1 || [ ! -f "$out" ]; then
  cat "$out.log" >&2
  echo "aot-cache.sh: the training for $jar failed" >&2
  exit 1
fi
echo "$gc -XX:AOTCache=$out"
