#!/usr/bin/env python3
"""Writes a Eurostat bulk TSV as Eurostat SDMX-CSV (the layout of the dissemination API's
`?format=SDMX-CSV`), to test that VETStat's two Eurostat readers give the same series.

Usage: python3 tsv_to_sdmx_csv.py trng_lfse_04_BE_EU_subset.tsv > trng_lfse_04_BE_EU_subset.sdmx.csv

Faithful conversion, nothing recomputed:
* one row per series and period, series in file order, periods ascending (as the API sorts them);
* DATAFLOW `ESTAT:<CODE>(1.0)` from the file name's dataset code; LAST UPDATE left empty (the
  bulk file does not state it);
* the dimensions of the first column in their order (this old bulk file has no `freq`
  dimension, so none is invented), then TIME_PERIOD, OBS_VALUE and OBS_FLAG;
* the value text kept as written (`8.6` stays `8.6`), the flags after it go to OBS_FLAG;
* a cell `:` without flags (not available) is left out, as the API leaves such observations out;
  `:` with flags (e.g. `: c`) becomes an empty OBS_VALUE with its flags.
"""
import csv
import os
import sys


def main(path):
    code = os.path.basename(path).split("_BE_")[0].upper()
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\r\n") for line in f if line.strip()]
    header = lines[0].split("\t")
    names = header[0].split("\\")[0].split(",")
    periods = [p.strip() for p in header[1:]]
    order = sorted(range(len(periods)), key=lambda i: periods[i])
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["DATAFLOW", "LAST UPDATE"] + names + ["TIME_PERIOD", "OBS_VALUE", "OBS_FLAG"])
    for line in lines[1:]:
        cells = line.split("\t")
        keys = [k.strip() for k in cells[0].split(",")]
        assert len(keys) == len(names) and len(cells) == len(header), line
        for i in order:
            parts = cells[i + 1].split()
            value, flags = parts[0], "".join(parts[1:])
            if value == ":":
                if not flags:
                    continue
                value = ""
            out.writerow([f"ESTAT:{code}(1.0)", ""] + keys + [periods[i], value, flags])


if __name__ == "__main__":
    main(sys.argv[1])
