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
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=peer_timing.sh
. "$HERE/peer_timing.sh"
peers_prepare

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

peers_time_all
