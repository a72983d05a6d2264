#!/usr/bin/env python3
"""Read benchmark peer: one data file read with pandas (import excluded from elapsed_seconds).

    python3 read_pandas.py FILE   .csv / .csv.gz: read_csv (C engine); .sav: read_spss; .dta: read_stata
"""
import sys
import time

import pandas as pd

path = sys.argv[1]
t0 = time.perf_counter()
if path.endswith(".sav"):
    frame = pd.read_spss(path, convert_categoricals=False)
elif path.endswith(".dta"):
    frame = pd.read_stata(path)
else:
    frame = pd.read_csv(path)
t1 = time.perf_counter()
print(f"rows: {len(frame)} columns: {frame.shape[1]}")
print(f"elapsed_seconds: {t1 - t0:.3f}")
