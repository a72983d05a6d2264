#!/usr/bin/env bash
# Times reading one panel (every tool pinned to one core with taskset) as CSV, .csv.gz, SPSS .sav and Stata .dta: vetstat (describe: read and
# column summaries, a whole process) against R (data.table::fread single-threaded, haven) and
# pandas (read_csv, read_spss, read_stata).
#
#   Benchmarks/peers/run_read_peers.sh bench-data/panel_900k.csv .build/release/vetstat
#
# The .gz, .sav and .dta copies are made beside the CSV by make_read_formats.py when missing.
set -u
FILE=${1:?usage: run_read_peers.sh FILE.csv VETSTAT_BIN}
VETSTAT_BIN=${2:?usage: run_read_peers.sh FILE.csv VETSTAT_BIN}
HERE=$(cd "$(dirname "$0")" && pwd)
STEM=${FILE%.csv}
[ -r "$FILE.gz" ] && [ -r "$STEM.sav" ] && [ -r "$STEM.dta" ] || python3 "$HERE/make_read_formats.py" "$FILE"
# shellcheck source=peer_timing.sh
. "$HERE/peer_timing.sh"
peers_prepare

declare -A CMD BASE
ORDER=()
for kind in csv gz sav dta; do
  case $kind in
    csv) data=$FILE ;;
    gz) data=$FILE.gz ;;
    *) data=$STEM.$kind ;;
  esac
  CMD[vetstat-$kind]="taskset -c 0 \"$VETSTAT_BIN\" describe \"$data\""
  CMD[R-$kind]="taskset -c 0 Rscript \"$HERE/read_r.R\" \"$data\""
  CMD[pandas-$kind]="taskset -c 0 python3 \"$HERE/read_pandas.py\" \"$data\""
  for tool in vetstat R pandas; do BASE[$tool-$kind]=vetstat-$kind; ORDER+=("$tool-$kind"); done
done

peers_time_all
echo "vetstat's wall time includes process start-up and describe's column summaries; the peers'"
echo "in-process seconds are the read alone."
