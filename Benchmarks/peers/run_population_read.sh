#!/usr/bin/env bash
# The whole Flemish population over 2010-2030 (issue 12): `vetstat simulate --learners 6000000`
# writes 26 million learner-years (15 columns, 1.88 GB of CSV); a study then reads it and computes
# the STEM share by year x gender x track x region with Wilson intervals, margins and disclosure
# control counted in learners. Wall time and peak memory by /usr/bin/time -v, with the load.
#
#   Benchmarks/peers/run_population_read.sh /tmp/big .build/release/vetstat
#
# The CSV is made once in DIR (keep it out of the repository; it takes a few minutes).
set -eu
DIR=${1:?usage: run_population_read.sh DIR VETSTAT_BIN}
VETSTAT_BIN=${2:?usage: run_population_read.sh DIR VETSTAT_BIN}
mkdir -p "$DIR"
[ -r "$DIR/pop.csv" ] || "$VETSTAT_BIN" simulate --learners 6000000 --seed 1 --out "$DIR/pop.csv"
cat > "$DIR/indicator.yaml" <<SPEC
study: Flemish learners 2010-2030, STEM share by year x gender x track x region
data:
  path: $DIR/pop.csv
  panel: {unit: learner_id, time: year}
  types: {track: category, region: category}
derive:
  gender: "if_else(female == 1, 'girls', 'boys')"
disclosure: {min_cell: 10}
analyses:
  - {name: stem_share, kind: indicator, measure: "share(stem_enrolled)", by: [year, gender, track, region], margins: true}
outputs: [json]
SPEC
uptime
/usr/bin/time -v "$VETSTAT_BIN" run "$DIR/indicator.yaml" --out "$DIR/out" --force 2>&1 \
  | grep -E "analyses ->|Elapsed|Maximum resident"
