"""Wild cluster bootstrap (WCR, bootstrap type 11, two-tailed) p-values from Python wildboottest
through pyfixest's Feols.wildboottest (fixed effects passed as dummy variables).

Run from this folder: python3 make_reference.py  (writes wild_reference.csv).
Data: ../panel/grunfeld.csv (10 firms: 2^10 < reps, so wildboottest enumerates every Rademacher
sign pattern and the p-value is exact) and ../bacon/castle.csv (50 states: random draws,
99,999 replications; compare within Monte Carlo error).
"""
import importlib.metadata
import warnings

import numpy as np
import pandas as pd
import pyfixest as pf
import wildboottest

warnings.filterwarnings("ignore")
rows = []


def run(name, fml, data, cluster, param, weights, reps, seed=2026):
    fit = pf.feols(fml, data=data, vcov={"CRV1": cluster})
    res, t_boot = fit.wildboottest(
        param=param, reps=reps, cluster=cluster, weights_type=weights, impose_null=True,
        bootstrap_type="11", seed=seed, return_bootstrapped_t_stats=True)
    t = abs(float(res["t value"]))
    t_boot = np.abs(np.asarray(t_boot).ravel())
    # Under full enumeration the patterns +1 and -1 reproduce the sample, so |t*| = |t| up to
    # rounding and wildboottest's strict comparison counts them or not by chance (1 of the 5
    # Grunfeld cases). p_value_no_ties decides ties by a relative margin of 1e-9 instead.
    rows.append({"case": name, "formula": fml, "cluster": cluster, "term": param,
                 "weights": weights, "reps": len(t_boot), "p_value": float(res["Pr(>|t|)"]),
                 "p_value_no_ties": float(np.mean(t_boot > t * (1 + 1e-9)))})


grunfeld = pd.read_csv("../panel/grunfeld.csv")
for w in ["rademacher"]:
    run("grunfeld_ols", "inv ~ value + capital", grunfeld, "firm", "capital", w, 99999)
    run("grunfeld_ols_value", "inv ~ value + capital", grunfeld, "firm", "value", w, 99999)
    run("grunfeld_fe_year", "inv ~ value + capital | year", grunfeld, "firm", "capital", w, 99999)
    run("grunfeld_fe_firm", "inv ~ value + capital | firm", grunfeld, "firm", "capital", w, 99999)
    run("grunfeld_fe_two", "inv ~ value + capital | firm + year", grunfeld, "firm", "capital", w,
        99999)

castle = pd.read_csv("../bacon/castle.csv")
# wildboottest needs numeric cluster ids (numba); states in order of appearance.
castle["state_id"] = pd.factorize(castle["state"])[0] + 1
for w in ["rademacher", "webb"]:
    run(f"castle_twfe_{w}", "l_homicide ~ post | state + year", castle, "state_id", "post", w, 99999)

pd.DataFrame(rows).to_csv("wild_reference.csv", index=False, float_format="%.17g")
with open("versions.txt", "w") as f:
    f.write(f"pyfixest {pf.__version__}\nwildboottest {importlib.metadata.version('wildboottest')}\npandas {pd.__version__}\n")
