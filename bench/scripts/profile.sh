#!/usr/bin/env bash
# Profiles one ArchiveBench operation with JDK Flight Recorder (Java and native samples every 2 ms)
# and prints where the time goes (jfr-top.py): by thread, by top frame, by Symbolon call chain.
#
#   bench/scripts/profile.sh OUTPUT.jfr write --out DIR --recipient FILE --records DIR
#   bench/scripts/profile.sh OUTPUT.jfr verify --archive FILE [--identity FILE]
#   (any ArchiveBench command; build first: ./build -q -DskipTests -pl bench -am package)
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
JAVA_HOME=$("$ROOT/build" --java-home)
export JAVA_HOME
recording=$1
shift
settings=$(mktemp --suffix=.jfc)
trap 'rm -f "$settings"' EXIT
cat >"$settings" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">2 ms</setting></event>
  <event name="jdk.NativeMethodSample"><setting name="enabled">true</setting><setting name="period">2 ms</setting></event>
</configuration>
XML
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${JVM_OPTS:-} \
  "-XX:StartFlightRecording:filename=$recording,settings=$settings" \
  -cp "${BENCH_JAR:-$ROOT/bench/target/benchmarks.jar}" io.symbolon.bench.ArchiveBench "$@" 2> >(grep -v -e '^WARNING' -e jfr >&2)
python3 "$ROOT/bench/scripts/jfr-top.py" "$recording" "${TOP:-20}"
