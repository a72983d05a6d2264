#!/usr/bin/env bash
# Times the OLS peers against the vetstat CLI on one data file, each as a whole process.
#
#   Benchmarks/peers/run_ols_peers.sh FILE VETSTAT_BIN
#
# Model: score ~ female + migrant + ses + C(track) + C(year), SEs clustered by school_id (CR1).
# Each command runs RUNS times (default 3) with OPENBLAS_NUM_THREADS (default 1) pinned, timed by
# /usr/bin/time -f "%e %M"; the table shows the best wall-clock seconds, the peak RSS of that run,
# and each tool's time and memory relative to vetstat. Outputs of the last run of each tool are
# kept in $LOG_DIR (default: a temporary folder) for checking the coefficients.
set -u
FILE=${1:?usage: run_ols_peers.sh FILE VETSTAT_BIN}
VETSTAT_BIN=${2:?usage: run_ols_peers.sh FILE VETSTAT_BIN}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=peer_timing.sh
. "$HERE/peer_timing.sh"
peers_prepare

FORMULA="score ~ female + migrant + ses + C(track) + C(year)"
declare -A CMD
CMD[vetstat]="\"$VETSTAT_BIN\" fit \"$FILE\" --formula \"$FORMULA\" --vcov cluster --cluster school_id --json"
CMD[R]="Rscript \"$HERE/ols_r.R\" \"$FILE\""
CMD[statsmodels]="python3 \"$HERE/ols_statsmodels.py\" \"$FILE\""
ORDER=(vetstat R statsmodels)

peers_time_all
