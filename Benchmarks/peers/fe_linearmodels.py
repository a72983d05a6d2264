#!/usr/bin/env python3
"""linearmodels peer for the two-way fixed-effects benchmark (run_fe_peers.sh).

    python3 fe_linearmodels.py FILE

PanelOLS: score ~ stem_enrolled + early_leaver + EntityEffects (learner_id) + TimeEffects (year),
clustered by school_id. linearmodels keeps singletons and uses its own small-sample factor, so
standard errors differ slightly from fixest's; the point estimates are the same.
Prints the coefficient table and `elapsed_seconds: S` (read + fit + vcov).
"""
import sys
import time

import pandas as pd
from linearmodels.panel import PanelOLS

path = sys.argv[1]
t0 = time.perf_counter()
data = pd.read_csv(path).set_index(["learner_id", "year"])
model = PanelOLS.from_formula(
    "score ~ stem_enrolled + early_leaver + EntityEffects + TimeEffects", data=data)
fit = model.fit(cov_type="clustered", clusters=data["school_id"])
elapsed = time.perf_counter() - t0
print(pd.DataFrame({"Estimate": fit.params, "Std. Error": fit.std_errors}).to_string())
print(f"nobs: {fit.nobs}")
print(f"elapsed_seconds: {elapsed:.3f}")
