#!/usr/bin/env bash
# Runs the VETStat benchmarks and the side-by-side peer scripts on one generated panel file.
#   Benchmarks/run.sh [ROWS]       (default 900000)
# Needs python3 with numpy + pandas (data generation, statsmodels peer) and R with data.table +
# sandwich (R peer); missing peers are skipped by Benchmarks/peers/run_ols_peers.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows="${1:-900000}"
data="$root/bench-data/panel_${rows}.csv"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
echo "OPENBLAS_NUM_THREADS=$OPENBLAS_NUM_THREADS"
core_type=$("$here/peers/openblas_coretype.sh")
[ -n "$core_type" ] && export OPENBLAS_CORETYPE="$core_type"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset (OpenBLAS chooses)}"

"$root/scripts/ensure-system-packages.sh" libjemalloc-dev
mkdir -p "$root/bench-data"
[ -f "$data" ] || python3 "$here/peers/make_panel.py" --rows "$rows" --out "$data"
spells="$root/bench-data/spells_1000000.csv"
[ -f "$spells" ] || python3 "$here/peers/make_spells.py" --rows 1000000 --out "$spells"

(cd "$root" && swift build -c release --product vetstat)
(cd "$here" && VETSTAT_BENCH_PANEL="$data" VETSTAT_BENCH_SPELLS="$spells" swift package --disable-sandbox benchmark)
"$here/peers/run_ols_peers.sh" "$data" "$root/.build/release/vetstat"
"$here/peers/run_fe_peers.sh" "$data" "$root/.build/release/vetstat"
"$here/peers/run_survival_peers.sh" "$spells" "$root/.build/release/vetstat"
