#!/usr/bin/env python3
"""pyfixest peer for the fixed-effects benchmark (run_fe_peers.sh).

    python3 fe_pyfixest.py FILE two|three

two:   score ~ stem_enrolled + early_leaver | learner_id + year,             CRV1 by school_id
three: score ~ stem_enrolled + early_leaver | learner_id + school_id + year, CRV1 by school_id
pyfixest defaults otherwise (singletons dropped, fixest small-sample correction).
Prints the coefficient table and `elapsed_seconds: S` (read + fit + vcov).
"""
import sys
import time

import pandas as pd
import pyfixest as pf

FORMULAS = {
    "two": "score ~ stem_enrolled + early_leaver | learner_id + year",
    "three": "score ~ stem_enrolled + early_leaver | learner_id + school_id + year",
}

path, which = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
data = pd.read_csv(path)
fit = pf.feols(FORMULAS[which], data=data, vcov={"CRV1": "school_id"})
table = fit.tidy()
elapsed = time.perf_counter() - t0
print(table[["Estimate", "Std. Error"]].to_string())
print(f"nobs: {fit._N}")
print(f"elapsed_seconds: {elapsed:.3f}")
