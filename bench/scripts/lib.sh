# Shell functions shared by the benchmark scripts (sourced, not run).

# cpu_seconds PID: user + system CPU seconds of a running process
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }

# await_idle PID...: waits (at most 60 s) until every process used under 0.05 CPU s in a second, so that a
# measurement does not pay for what came before it (the JIT still compiling an earlier command's paths)
await_idle() {
  for _ in $(seq 1 60); do
    local before=() busy=0 i=0
    for pid in "$@"; do before+=("$(cpu_seconds "$pid")"); done
    sleep 1
    for pid in "$@"; do
      if awk -v a="${before[$i]}" -v b="$(cpu_seconds "$pid")" 'BEGIN { exit !(b - a >= 0.05) }'; then busy=1; fi
      i=$((i + 1))
    done
    [ "$busy" = 0 ] && return 0
  done
  echo "warning: the nodes did not go idle within 60 s" >&2
}

# read_builds LABEL=JAR...: fills the caller's `declare -A JAR` and LABELS array; exits 2 on a missing jar or
# fewer than two builds
read_builds() {
  [ $# -ge 2 ] || { echo "name at least two builds: LABEL=JAR LABEL=JAR (--help)" >&2; exit 2; }
  local spec label jar
  for spec in "$@"; do
    label=${spec%%=*}; jar=${spec#*=}
    [ -f "$jar" ] || { echo "no jar $jar" >&2; exit 2; }
    JAR[$label]=$jar; LABELS+=("$label")
  done
}

# order ROUND ITEMS...: the items rotated by ROUND, reversed every other cycle (order-balanced rounds)
order() {
  local r=$1; shift; local items=("$@") n=$# out=() i
  for ((i = 0; i < n; i++)); do out+=("${items[$(((i + r) % n))]}"); done
  if (((r / n) % 2 == 1)); then for ((i = n - 1; i >= 0; i--)); do echo -n "${out[$i]} "; done; echo; else echo "${out[@]}"; fi
}
