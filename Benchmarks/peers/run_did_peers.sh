#!/usr/bin/env bash
# Times Callaway-Sant'Anna (not-yet-treated, doubly robust with female + ses, unbalanced learner
# panel, dynamic aggregation with analytical SEs) in vetstat against Python csdid, each as a
# whole process on the same file (made by did_prepare.py from `vetstat simulate`).
#
#   Benchmarks/peers/run_did_peers.sh FILE VETSTAT_BIN
#
# vetstat runs a one-analysis study spec written next to the logs (bootstrap off, as csdid's
# analytical run); both print the overall dynamic effect, to check they agree.
set -u
FILE=${1:?usage: run_did_peers.sh FILE VETSTAT_BIN}
VETSTAT_BIN=${2:?usage: run_did_peers.sh FILE VETSTAT_BIN}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=peer_timing.sh
. "$HERE/peer_timing.sh"
peers_prepare

SPEC="$LOG_DIR/did_spec.yaml"
cat > "$SPEC" <<YAML
study: did benchmark
data: {path: $(realpath "$FILE"), panel: {unit: learner_id, time: year}}
analyses:
  - {name: cs, kind: did, method: callaway-santanna, estimator: dr, outcome: stem_score,
     first_treated: first_treat, control: not-yet-treated, covariates: [female, ses],
     sample: unbalanced-panel, bootstrap: false}
outputs: [json]
YAML
declare -A CMD BASE
CMD[vetstat]="\"$VETSTAT_BIN\" run \"$SPEC\" --out \"$LOG_DIR/vetstat-out\""
CMD[csdid]="python3 \"$HERE/did_csdid.py\" \"$FILE\""
ORDER=(vetstat csdid)

peers_time_all
