#!/usr/bin/env bash
# Builds the libFuzzer targets with -sanitize=fuzzer,address and runs each for SECONDS.
#   Fuzz/run.sh [SECONDS] [TARGET...]      (default 30 seconds, every target)
# First every committed seed (Fuzz/Seeds/<target>/, which holds each known reproducer) is run
# once, whatever its size; then the target is fuzzed from the small seeds for SECONDS with inputs
# up to 4 KiB. A crash, a sanitizer report, an input that runs longer than 10 s or uses more than
# 4 GiB ends the run with exit 1 and leaves the reproducer in Fuzz/.fuzz-work/<target>/.
# The summary line of each target states its executions and coverage (libFuzzer's cov/ft).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(FuzzCSV FuzzFormula FuzzSpec FuzzExpression FuzzFit)
export OPENBLAS_NUM_THREADS=1
# ASan and the fuzzer's own leak checks: leaks of a parse that throws are not crashes here.
export ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1:${ASAN_OPTIONS:-}"

cd "$here"
mkdir -p "$here/.fuzz-work"
if ! swift build -c release --scratch-path "$here/.build" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >"$here/.fuzz-work/build.txt" 2>&1
then
  echo "Fuzz/run.sh: the fuzz targets did not build:"
  grep -E "error" "$here/.fuzz-work/build.txt" | head -40
  exit 1
fi
tail -1 "$here/.fuzz-work/build.txt"
bin="$(swift build -c release --scratch-path "$here/.build" --show-bin-path)"

status=0
summary=()
for target in "${targets[@]}"; do
  seeds="$here/Seeds/$target"
  work="$here/.fuzz-work/$target"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  log="$work/log.txt"
  # 1. Every committed seed once (reproducers may be larger than the mutation limit, and some
  # are meant to be heavy: 40,000-term sums, alias bombs; under ASan they take up to ~3 s on a
  # quiet machine, so their limit is 30 s; the release CLI's 5 s bound is a Swift test).
  if ! "$bin/$target" -timeout=30 -rss_limit_mb=4096 -artifact_prefix="$work/artifacts/" \
    "$seeds"/* >"$work/seeds.txt" 2>&1; then
    echo "$target: a committed seed fails:"; tail -30 "$work/seeds.txt"; status=1; continue
  fi
  # 2. Fuzz from the seeds no larger than the mutation limit.
  find "$seeds" -type f -size -4097c -exec cp {} "$work/corpus/" \;
  if ! "$bin/$target" "$work/corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -rss_limit_mb=4096 -seed=1 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    >"$log" 2>&1; then
    echo "$target: FAILED (reproducer in $work/artifacts/)"; tail -40 "$log"; status=1
  fi
  runs=$(grep -E "stat::number_of_executed_units" "$log" | awk '{print $2}')
  cov=$(grep -E "^#[0-9]+" "$log" | tail -1 | grep -oE "cov: [0-9]+ ft: [0-9]+" || echo "cov: ?")
  summary+=("$target: ${runs:-?} executions in ${seconds} s, $cov")
done
printf '%s\n' "${summary[@]}"
exit $status
