#!/usr/bin/env bash
# Times the fixed-effects peers against the vetstat CLI on one data file, each as a whole process.
#
#   Benchmarks/peers/run_fe_peers.sh FILE VETSTAT_BIN
#
# Two-way:   score ~ stem_enrolled + early_leaver | learner_id + year (vetstat, pyfixest,
#            linearmodels PanelOLS), SEs clustered by school_id.
# Three-way: score ~ stem_enrolled + early_leaver | learner_id + school_id + year (vetstat,
#            pyfixest), SEs clustered by school_id. Ratios compare each tool with vetstat on the
#            same model.
# Each command runs RUNS times (default 3) with OPENBLAS_NUM_THREADS (default 1) pinned, timed by
# /usr/bin/time -f "%e %M"; the table shows the best wall-clock seconds, the peak RSS of that run,
# and each tool's time and memory relative to vetstat. Outputs of the last run of each tool are
# kept in $LOG_DIR (default: a temporary folder) for checking the coefficients.
set -u
FILE=${1:?usage: run_ols_peers.sh FILE VETSTAT_BIN}
VETSTAT_BIN=${2:?usage: run_ols_peers.sh FILE VETSTAT_BIN}
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
LOG_DIR=${LOG_DIR:-$(mktemp -d)}
mkdir -p "$LOG_DIR"
CORES=$(nproc --all)  # before OMP_NUM_THREADS is set: GNU nproc honours it

export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$OPENBLAS_NUM_THREADS}
export MKL_NUM_THREADS=${MKL_NUM_THREADS:-$OPENBLAS_NUM_THREADS}

if [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time is missing: apt-get install time" >&2
  exit 2
fi
[ -r "$FILE" ] || { echo "cannot read $FILE" >&2; exit 2; }

echo "file:                 $FILE ($(wc -l < "$FILE") lines, $(du -h "$FILE" | cut -f1))"
echo "OPENBLAS_NUM_THREADS: $OPENBLAS_NUM_THREADS (OMP_NUM_THREADS=$OMP_NUM_THREADS)"
echo "runs per tool:        $RUNS (best wall-clock kept)"
echo "cpu:                  $CORES cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "logs:                 $LOG_DIR"
echo

TWO="score ~ stem_enrolled + early_leaver | learner_id + year"
THREE="score ~ stem_enrolled + early_leaver | learner_id + school_id + year"
declare -A CMD BASE
CMD[vetstat-2way]="\"$VETSTAT_BIN\" fit \"$FILE\" --model fe --formula \"$TWO\" --cluster school_id --json"
CMD[pyfixest-2way]="python3 \"$HERE/fe_pyfixest.py\" \"$FILE\" two"
CMD[linearmodels-2way]="python3 \"$HERE/fe_linearmodels.py\" \"$FILE\""
CMD[vetstat-3way]="\"$VETSTAT_BIN\" fit \"$FILE\" --model fe --formula \"$THREE\" --cluster school_id --json"
CMD[pyfixest-3way]="python3 \"$HERE/fe_pyfixest.py\" \"$FILE\" three"
BASE=([vetstat-2way]=vetstat-2way [pyfixest-2way]=vetstat-2way [linearmodels-2way]=vetstat-2way
      [vetstat-3way]=vetstat-3way [pyfixest-3way]=vetstat-3way)
ORDER=(vetstat-2way pyfixest-2way linearmodels-2way vetstat-3way pyfixest-3way)

declare -A BEST RSS INNER STATUS
for tool in "${ORDER[@]}"; do
  BEST[$tool]=""; RSS[$tool]=""; INNER[$tool]=""; STATUS[$tool]="ok"
  if [ "${tool%%-*}" = vetstat ] && [ ! -x "$VETSTAT_BIN" ]; then
    STATUS[$tool]="missing"; echo "vetstat: $VETSTAT_BIN is not an executable; skipped" >&2; continue
  fi
  for run in $(seq 1 "$RUNS"); do
    tf="$LOG_DIR/$tool.time"
    if ! eval /usr/bin/time -o "\"$tf\"" -f "\"%e %M\"" "${CMD[$tool]}" > "$LOG_DIR/$tool.out" 2> "$LOG_DIR/$tool.err"; then
      STATUS[$tool]="failed (see $LOG_DIR/$tool.err)"; echo "$tool: run $run failed" >&2; break
    fi
    read -r secs kb < <(tail -n 1 "$tf")
    echo "$tool run $run: ${secs}s, $((kb / 1024)) MiB"
    if [ -z "${BEST[$tool]}" ] || awk -v a="$secs" -v b="${BEST[$tool]}" 'BEGIN{exit !(a<b)}'; then
      BEST[$tool]=$secs; RSS[$tool]=$kb
      INNER[$tool]=$(grep -m1 '^elapsed_seconds:' "$LOG_DIR/$tool.out" | awk '{print $2}')
    fi
  done
done

echo
printf "%-18s %10s %12s %14s %10s %10s\n" tool "wall s" "peak MiB" "in-process s" "time/vs" "RSS/vs"
for tool in "${ORDER[@]}"; do
  if [ "${STATUS[$tool]}" != ok ]; then printf "%-18s %s\n" "$tool" "${STATUS[$tool]}"; continue; fi
  base=${BASE[$tool]}
  awk -v t="$tool" -v s="${BEST[$tool]}" -v m="${RSS[$tool]}" -v i="${INNER[$tool]:--}" \
      -v vs="${BEST[$base]:-}" -v vm="${RSS[$base]:-}" 'BEGIN{
    rt = (vs != "" && vs > 0) ? sprintf("%.2fx", s / vs) : "n/a";
    rm = (vm != "" && vm > 0) ? sprintf("%.2fx", m / vm) : "n/a";
    printf "%-18s %10.2f %12.0f %14s %10s %10s\n", t, s, m / 1024, i, rt, rm }'
done
echo
echo "wall s: whole process (start-up, read, fit, vcov, print); in-process s: read + fit + vcov as the"
echo "script measures it; ratios are tool / vetstat on the same model (above 1: vetstat is faster / smaller)."
