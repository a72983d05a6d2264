#!/usr/bin/env bash
# Times the survival peers against vetstat on one spell file, each as a whole process.
#
#   Benchmarks/peers/run_survival_peers.sh FILE VETSTAT_BIN
#
# Kaplan-Meier by four groups (with the log-rank test) and a Cox model with five covariates
# (Efron ties, cox.zph). vetstat runs them as a two-analysis study (`vetstat run`, which also
# applies disclosure control and writes the report: an end-to-end upper bound on the fits); R
# runs survfit + coxph + cox.zph (survival_r.R); lifelines KaplanMeierFitter + CoxPHFitter +
# proportional_hazard_test (survival_lifelines.py). Data: make_spells.py.
set -u
FILE=${1:?usage: run_survival_peers.sh FILE VETSTAT_BIN}
VETSTAT_BIN=${2:?usage: run_survival_peers.sh FILE VETSTAT_BIN}
NAME=run_survival_peers.sh
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=peer_timing.sh
. "$HERE/peer_timing.sh"
peers_prepare

ABS_FILE=$(cd "$(dirname "$FILE")" && pwd)/$(basename "$FILE")
SPEC="$LOG_DIR/survival_study.yaml"
cat > "$SPEC" <<YAML
study: Survival peer benchmark
data: {path: $ABS_FILE}
analyses:
  - {name: km, kind: survival, time: time, event: event, by: group}
  - {name: cox, kind: survival, method: cox, time: time, event: event,
     formula: "x1 + x2 + x3 + x4 + x5"}
outputs: [json]
YAML

declare -A CMD
CMD[vetstat]="\"$VETSTAT_BIN\" run \"$SPEC\" --out \"$LOG_DIR/vetstat-out\" --force"
CMD[R]="Rscript \"$HERE/survival_r.R\" \"$FILE\""
CMD[lifelines]="python3 \"$HERE/survival_lifelines.py\" \"$FILE\""
ORDER=(vetstat R lifelines)

peers_time_all
