#!/usr/bin/env bash
# Writes dta_v104.dta ... dta_v119.dta and expected_dta_versions.json (make_dta_versions.c,
# through ReadStat's writer), then reads every file back with haven and pandas.
# Needs cc and Debian libreadstat-dev; r-cran-haven, r-cran-jsonlite and pandas for the checks.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$(mktemp)
trap 'rm -f "$BIN"' EXIT
cc -Wall -O1 -o "$BIN" "$HERE/make_dta_versions.c" -lreadstat
(cd "$HERE" && "$BIN")
Rscript "$HERE/check_dta_versions.R"
python3 "$HERE/check_dta_versions.py"
