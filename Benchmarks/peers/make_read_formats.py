#!/usr/bin/env python3
"""Writes the read benchmark's copies of a CSV panel: FILE.gz (gzip level 6), and .sav and .dta
(pyreadstat; version 15 .dta) beside it, with the same columns and values.

    python3 make_read_formats.py bench-data/panel_900k.csv
"""
import gzip
import shutil
import sys

import pandas as pd
import pyreadstat

path = sys.argv[1]
stem = path[:-4] if path.endswith(".csv") else path
with open(path, "rb") as src, gzip.open(path + ".gz", "wb", compresslevel=6) as dst:
    shutil.copyfileobj(src, dst)
frame = pd.read_csv(path)
pyreadstat.write_sav(frame, stem + ".sav")
pyreadstat.write_dta(frame, stem + ".dta", version=15)
print("wrote", path + ".gz", stem + ".sav", stem + ".dta")
