# Shared by the run_*_peers.sh scripts (source it): environment, checks, timing loop and table.
#
# The caller sets FILE, VETSTAT_BIN, NAME (its script name, for usage lines), and after calling
# peers_prepare fills the associative arrays CMD (tool -> command line) and, optionally, BASE
# (tool -> the vetstat entry it is compared with; default "vetstat"), and the array ORDER; then
# calls peers_time_all. Each command runs RUNS times (default 3) under /usr/bin/time with
# OPENBLAS_NUM_THREADS (default 1) pinned; the table shows the best wall-clock seconds, the peak
# RSS of that run, the script's own `elapsed_seconds:` line, and ratios to the baseline. Outputs
# of the last run of each tool are kept in LOG_DIR (default: a temporary folder).

peers_prepare() {
  declare -gA BASE=()
  RUNS=${RUNS:-3}
  LOG_DIR=${LOG_DIR:-$(mktemp -d)}
  mkdir -p "$LOG_DIR"
  local cores
  cores=$(nproc --all)  # before OMP_NUM_THREADS is set: GNU nproc honours it
  export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
  export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$OPENBLAS_NUM_THREADS}
  export MKL_NUM_THREADS=${MKL_NUM_THREADS:-$OPENBLAS_NUM_THREADS}
  # Same OpenBLAS kernels for every tool that uses the system OpenBLAS (R, vetstat).
  local core_type
  core_type=$("$(dirname "${BASH_SOURCE[0]}")/openblas_coretype.sh")
  [ -n "$core_type" ] && export OPENBLAS_CORETYPE="$core_type"
  if [ ! -x /usr/bin/time ]; then
    echo "/usr/bin/time is missing: apt-get install time" >&2
    exit 2
  fi
  [ -r "$FILE" ] || { echo "cannot read $FILE" >&2; exit 2; }
  echo "file:                 $FILE ($(wc -l < "$FILE") lines, $(du -h "$FILE" | cut -f1))"
  echo "OPENBLAS_NUM_THREADS: $OPENBLAS_NUM_THREADS (OMP_NUM_THREADS=$OMP_NUM_THREADS)"
  echo "OPENBLAS_CORETYPE:    ${OPENBLAS_CORETYPE:-unset (OpenBLAS chooses)}"
  echo "runs per tool:        $RUNS (best wall-clock kept)"
  echo "cpu:                  $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "logs:                 $LOG_DIR"
  echo
}

peers_time_all() {
  declare -gA BEST RSS INNER STATUS
  local tool run tf secs kb base
  for tool in "${ORDER[@]}"; do
    BEST[$tool]=""; RSS[$tool]=""; INNER[$tool]=""; STATUS[$tool]="ok"
    if [ "${tool%%-*}" = vetstat ] && [ ! -x "$VETSTAT_BIN" ]; then
      STATUS[$tool]="missing"; echo "vetstat: $VETSTAT_BIN is not an executable; skipped" >&2
      continue
    fi
    for run in $(seq 1 "$RUNS"); do
      tf="$LOG_DIR/$tool.time"
      if ! eval /usr/bin/time -o "\"$tf\"" -f "\"%e %M\"" "${CMD[$tool]}" \
          > "$LOG_DIR/$tool.out" 2> "$LOG_DIR/$tool.err"; then
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
    base=${BASE[$tool]:-vetstat}
    awk -v t="$tool" -v s="${BEST[$tool]}" -v m="${RSS[$tool]}" -v i="${INNER[$tool]:--}" \
        -v vs="${BEST[$base]:-}" -v vm="${RSS[$base]:-}" 'BEGIN{
      rt = (vs != "" && vs > 0) ? sprintf("%.2fx", s / vs) : "n/a";
      rm = (vm != "" && vm > 0) ? sprintf("%.2fx", m / vm) : "n/a";
      printf "%-18s %10.2f %12.0f %14s %10s %10s\n", t, s, m / 1024, i, rt, rm }'
  done
  echo
  echo "wall s: whole process (start-up, read, fit, vcov, print); in-process s: read + fit + vcov as"
  echo "the script measures it; ratios are tool / vetstat on the same model (above 1: vetstat is"
  echo "faster / smaller)."
}
