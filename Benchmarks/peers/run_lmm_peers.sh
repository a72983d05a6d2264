#!/usr/bin/env bash
# Times linear mixed models in vetstat against R lme4 and statsmodels MixedLM, whole processes.
#
#   Benchmarks/peers/run_lmm_peers.sh FILE VETSTAT_BIN
#
# FILE is a synthetic learner panel (vetstat simulate --learners N --seed S --out FILE).
# Models (REML): A  stem_score ~ t + female + ses + (1 + t | learner_id)
#                B  the same + (1 | school_id)  (learners change school: partially crossed)
# t = year - 2015. vetstat also computes Satterthwaite df (lmerTest), which R here does not.
# statsmodels fits model A only (no crossed effects); skip it with SKIP_STATSMODELS=1.
# Besides the table of peer_timing.sh, prints each tool's CPU seconds (user + sys).
set -u
FILE=${1:?usage: run_lmm_peers.sh FILE VETSTAT_BIN}
VETSTAT_BIN=${2:?usage: run_lmm_peers.sh FILE VETSTAT_BIN}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=peer_timing.sh
. "$HERE/peer_timing.sh"
peers_prepare

A="stem_score ~ I(year - 2015) + female + ses + (1 + I(year - 2015) | learner_id)"
B="$A + (1 | school_id)"
declare -A CMD
CMD[vetstat-A]="\"$VETSTAT_BIN\" fit \"$FILE\" --formula \"$A\" --model lmm --json"
CMD[lme4-A]="Rscript \"$HERE/lmm_r.R\" \"$FILE\""
CMD[statsmodels-A]="python3 \"$HERE/lmm_statsmodels.py\" \"$FILE\""
CMD[vetstat-B]="\"$VETSTAT_BIN\" fit \"$FILE\" --formula \"$B\" --model lmm --json"
CMD[lme4-B]="Rscript \"$HERE/lmm_r.R\" \"$FILE\" school"
BASE[lme4-A]=vetstat-A
BASE[statsmodels-A]=vetstat-A
BASE[lme4-B]=vetstat-B
ORDER=(vetstat-A lme4-A vetstat-B lme4-B)
[ "${SKIP_STATSMODELS:-0}" = 1 ] || ORDER+=(statsmodels-A)

# CPU seconds (user + sys) of each tool's last run, beside the wall clock of peer_timing.sh.
for tool in "${!CMD[@]}"; do
  CMD[$tool]="/usr/bin/time -o \"$LOG_DIR/$tool.cpu\" -f \"%U %S\" ${CMD[$tool]}"
done

peers_time_all
echo "cpu s (user + sys, last run):"
for tool in "${ORDER[@]}"; do
  [ -r "$LOG_DIR/$tool.cpu" ] && awk -v t="$tool" '{printf "  %-16s %8.2f\n", t, $1 + $2}' \
    "$LOG_DIR/$tool.cpu"
done
