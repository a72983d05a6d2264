#!/usr/bin/env bash
# Times the wild cluster bootstrap (WCR, 9,999 Rademacher replications of one coefficient, OLS
# y ~ x + z clustered by school_id) in vetstat and in Python wildboottest (via pyfixest), each as
# a whole process on the same file (make_bootstrap_data.py: 100,000 rows, 20 clusters).
#
#   python3 Benchmarks/peers/make_bootstrap_data.py --out bench-data/bootstrap_100k.csv
#   Benchmarks/peers/run_bootstrap_peers.sh bench-data/bootstrap_100k.csv .build/release/vetstat
#
# The vetstat command bootstraps every coefficient (3 tests) with intervals by test inversion;
# wildboottest computes one p-value. A vetstat run without --bootstrap shows the fit's share.
set -u
FILE=${1:?usage: run_bootstrap_peers.sh FILE VETSTAT_BIN}
VETSTAT_BIN=${2:?usage: run_bootstrap_peers.sh FILE VETSTAT_BIN}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=peer_timing.sh
. "$HERE/peer_timing.sh"
peers_prepare

declare -A CMD BASE
CMD[vetstat-fit-only]="\"$VETSTAT_BIN\" fit \"$FILE\" --formula \"y ~ x + z\" --cluster school_id --json"
CMD[vetstat-wild]="\"$VETSTAT_BIN\" fit \"$FILE\" --formula \"y ~ x + z\" --cluster school_id --bootstrap wild --reps 9999 --seed 1 --json"
CMD[wildboottest]="python3 \"$HERE/wild_wildboottest.py\" \"$FILE\" 9999"
BASE=([vetstat-fit-only]=vetstat-wild [vetstat-wild]=vetstat-wild [wildboottest]=vetstat-wild)
ORDER=(vetstat-fit-only vetstat-wild wildboottest)

peers_time_all
