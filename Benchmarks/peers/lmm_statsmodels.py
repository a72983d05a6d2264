"""Peer benchmark: linear mixed model in Python statsmodels MixedLM.

    python3 lmm_statsmodels.py FILE

stem_score ~ t + female + ses with a random intercept and slope on t by learner_id (REML),
t = year - 2015. MixedLM has no crossed random effects, so only the first model is timed.
Prints the summary, then "elapsed_seconds: X" for read + fit.
"""
import sys
import time

import pandas as pd
import statsmodels.formula.api as smf

t0 = time.perf_counter()
d = pd.read_csv(sys.argv[1])
d["t"] = d["year"] - 2015
model = smf.mixedlm("stem_score ~ t + female + ses", d, groups=d["learner_id"], re_formula="~t")
fit = model.fit(reml=True)
t1 = time.perf_counter()
print(fit.summary())
print(f"elapsed_seconds: {t1 - t0:.3f}")
