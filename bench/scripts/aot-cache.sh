#!/usr/bin/env bash
# Trains the JVM's AOT cache for a symbolon jar, as the `symbolon` launcher does for its own jar (the same
# training run: `aot-training`, ~10 s), so that a benchmark runs a copied jar the way the launcher runs the
# product. Prints the JVM option to add, `-XX:AOTCache=OUT`; prints nothing when SYMBOLON_AOT=off.
#
#   bench/scripts/aot-cache.sh JAVA JAR OUT
#
# The cache is valid only for JAR at that path and that JAVA. Exits 1 (with the training's output on
# stderr) if the training fails.
set -euo pipefail
[ $# -eq 3 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
java=$1 jar=$2 out=$3
[ "${SYMBOLON_AOT:-on}" = off ] && exit 0
rm -f "$out"
if ! "$java" --enable-native-access=ALL-UNNAMED -Xmx256m -XX:AOTCacheOutput="$out" -jar "$jar" aot-training \
     > "$out.log" 2>&1 || [ ! -f "$out" ]; then
  cat "$out.log" >&2
  echo "aot-cache.sh: the training for $jar failed" >&2
  exit 1
fi
echo "-XX:AOTCache=$out"
