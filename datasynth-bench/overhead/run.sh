#!/usr/bin/env bash
# Engine overhead: the CLI's CPU time per request (user + system, measured from outside its process) against a
# fake provider without latency on the same machine, near-duplicate detection on, as the README's "Engine
# overhead" section measures it. Needs the build (./mvnw -q -B -DskipTests package) and bash; nothing else.
#
#   datasynth-bench/overhead/run.sh [RECORDS [RUNS [PORT]]]     (defaults: 100000 records, 5 runs, port 18432)
#
# The fake starts on PORT and first serves one uncounted run, so that its own compiler is done before the counted
# runs share the processors with it. Each counted run starts a new CLI process, as a user does.
set -euo pipefail
here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd -P "$here/../.." && pwd)"
records="${1:-100000}"
runs="${2:-5}"
port="${3:-18432}"
usage="usage: $0 [RECORDS [RUNS [PORT]]]"
for v in "$records" "$runs" "$port"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "$usage (whole numbers above 0)" >&2; exit 2; }
done
ds="$root/bin/datasynth"
if [ ! -f "$root/datasynth-cli/target/datasynth.jar" ]; then
  echo "the CLI is not built; build it first: (cd \"$root\" && ./mvnw -q -B -DskipTests package)" >&2
  exit 2
fi

work="$(mktemp -d)"
fake=""
cleanup() {
  [ -n "$fake" ] && kill "$fake" 2>/dev/null && wait "$fake" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$ds" fake-provider --port "$port" --count-from-prompt --schema "$here/schema.json" --rpm 1000000 \
  > "$work/fake.log" 2>&1 &
fake=$!
until grep -q listening "$work/fake.log" 2>/dev/null; do
  if ! kill -0 "$fake" 2>/dev/null; then
    echo "the fake provider did not start on port $port:" >&2
    cat "$work/fake.log" >&2
    fake=""
    exit 1
  fi
  sleep 0.1
done

# One run of RECORDS records; prints "user sys wall requests delivered run_seconds".
run_once() {
  local dir="$work/run"
  rm -rf "$dir"
  mkdir "$dir"
  local TIMEFORMAT='%U %S %R'
  if ! { time ANTHROPIC_BASE_URL="http://127.0.0.1:$port" "$ds" create "$here/schema.json" "$here/seeds.jsonl" \
      -o "$dir/out.jsonl" -n "$1" --progress none --json > "$dir/report.json" 2> "$dir/stderr"; } 2> "$dir/time"; then
    echo "the run failed:" >&2
    cat "$dir/stderr" >&2
    exit 1
  fi
  local report
  report="$(cat "$dir/report.json")"
  field() { [[ "$report" =~ \"$1\":([0-9.]+) ]] && echo "${BASH_REMATCH[1]}"; }
  echo "$(tail -1 "$dir/time") $(field requests) $(field delivered) $(field elapsed_seconds)"
}

warm=$((records < 20000 ? records : 20000))
echo "warming the fake provider with $warm records ..."
run_once "$warm" > /dev/null

printf '%-4s %10s %10s %14s %8s %12s %9s\n' run "CPU (s)" requests "CPU/request" records "records/s" "wall (s)"
results=()
for i in $(seq 1 "$runs"); do
  read -r user sys wall requests delivered seconds <<< "$(run_once "$records")"
  line="$(awk -v u="$user" -v s="$sys" -v w="$wall" -v q="$requests" -v d="$delivered" -v t="$seconds" 'BEGIN {
    printf "%.2f %.3f %.0f %.2f", u + s, (u + s) * 1000 / q, d / t, w }')"
  read -r cpu per rate wall_s <<< "$line"
  printf '%-4s %10s %10s %11s ms %8s %12s %9s\n' "$i" "$cpu" "$requests" "$per" "$delivered" "$rate" "$wall_s"
  results+=("$per")
done
printf '%s\n' "${results[@]}" | sort -n | awk '{ v[NR] = $1 } END {
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "CPU per request over %d runs: min %.3f ms, median %.3f ms, max %.3f ms\n", NR, v[1], m, v[NR] }'
