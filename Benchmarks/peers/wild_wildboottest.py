#!/usr/bin/env python3
"""wildboottest peer for the wild bootstrap benchmark (run_bootstrap_peers.sh).

    python3 wild_wildboottest.py FILE [REPS]

OLS y ~ x + z (pyfixest feols, CRV1 by school_id), then pyfixest's wildboottest (Python
wildboottest, WCR, Rademacher, bootstrap type 11) of x with REPS (default 9,999) replications.
Prints the p-value, `elapsed_seconds: S` (read + fit + bootstrap) and `bootstrap_seconds: S`.
"""
import sys
import time
import warnings

import pandas as pd
import pyfixest as pf

warnings.filterwarnings("ignore")
path = sys.argv[1]
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 9999
t0 = time.perf_counter()
data = pd.read_csv(path)
fit = pf.feols("y ~ x + z", data=data, vcov={"CRV1": "school_id"})
t1 = time.perf_counter()
res = fit.wildboottest(param="x", reps=reps, cluster="school_id", seed=1)
t2 = time.perf_counter()
print(res.to_string())
print(f"elapsed_seconds: {t2 - t0:.3f}")
print(f"bootstrap_seconds: {t2 - t1:.3f}")
