#!/usr/bin/env python3
"""Reference values for VETStat's fixed-effects GLMs (logit, probit, Poisson) on the synthetic panel.

    cd Tests/Fixtures/panel && python3 feglm_generate.py

Writes feglm_reference.json from panel_20000.csv (see generate_pyfixest.py for its origin).

Oracle 1, pyfixest `feglm(family="logit"|"probit")` / `fepois`: pyfixest 0.60's feglm removes
singletons but NOT fixed-effect levels whose outcome never varies (its `separation_check` is
Poisson-only and off by default for feglm), whereas fixest (`fixef.rm = "perfect"`) and VETStat
drop them. So this script removes them first, as fixest does: repeatedly drop every level of any
fixed effect whose outcome is all 0 or all 1 (binomial) or all 0 (Poisson), together with
singletons, until nothing changes; the counts are recorded (`dropped_no_variation`,
`dropped_singletons`) and pyfixest then fits the remaining rows (where it drops nothing more).
Tests are z tests (pyfixest and fixest refer GLM statistics to the normal); small-sample rules are
pyfixest's defaults: ssc(k_adj=True, k_fixef="nonnested", G_adj=True, G_df="min"), which apply
(N-1)/(N-K) to iid and CRV1 covariances and N/(N-K) to hetero, K = slopes + fixed-effect levels
minus one per extra effect (nested effects not counted when clustering).

Oracle 2, statsmodels `Logit` with explicit dummies on a small panel (60 schools, all years):
coefficients and iid standard errors must agree with pyfixest once pyfixest's factor
(N-1)/(N-K) is divided out (statsmodels' iid covariance is the plain inverse information);
the script asserts it and stores both.

The IRLS and demeaning tolerances are tightened to 1e-12 so that the reference is exact far
below the Swift tests' 1e-6.
"""
import json
import os
import platform

import numpy as np
import pandas as pd
import pyfixest as pf
import statsmodels
import statsmodels.api as sm

# Inputs and outputs are beside this script, whatever the working directory.
os.chdir(os.path.dirname(os.path.abspath(__file__)))
data = pd.read_csv("panel_20000.csv")
cases = []


def drop_no_variation(frame, y, fes, binomial):
    """fixest's fixef.rm = "perfect" plus singletons, iterated to the fixed point."""
    singletons = 0
    no_variation = 0
    while True:
        changed = False
        for fe in fes:
            groups = frame.groupby(fe)[y]
            size = groups.transform("size")
            total = groups.transform("sum")
            flat = (total == 0) | ((total == size) if binomial else False)
            single = size == 1
            if single.any():
                singletons += int(single.sum())
                frame = frame[~single]
                changed = True
                continue
            if flat.any():
                no_variation += int(flat.sum())
                frame = frame[~flat]
                changed = True
        if not changed:
            return frame, singletons, no_variation


def add(name, family, formula, vcov, subset=None, note=""):
    y = formula.split("~")[0].strip()
    fes = [f.strip() for f in formula.split("|")[1].split("+")]
    frame = data if subset is None else subset
    kept, singletons, flat = drop_no_variation(frame, y, fes, family != "poisson")
    if family == "poisson":
        fit = pf.fepois(formula, data=kept, vcov=vcov, fixef_tol=1e-12, iwls_tol=1e-12,
                        iwls_maxiter=100)
    else:
        fit = pf.feglm(formula, data=kept, family=family, vcov=vcov, fixef_tol=1e-12,
                       iwls_tol=1e-12, iwls_maxiter=100)
    assert fit._N == len(kept), "pyfixest dropped further rows"
    tidy = fit.tidy()
    cases.append({
        "name": name, "family": family, "formula": formula, "vcov": vcov,
        "rows": None if subset is None else [int(v) for v in subset.index],
        "terms": list(tidy.index), "estimate": [float(v) for v in tidy["Estimate"]],
        "std_error": [float(v) for v in tidy["Std. Error"]],
        "p_value": [float(v) for v in tidy["Pr(>|t|)"]],
        "nobs": int(fit._N), "dropped_singletons": singletons, "dropped_no_variation": flat,
        "deviance": float(fit.deviance), "note": note,
    })
    return fit, kept


two = "stem_enrolled ~ early_leaver + age + ses | school_id + year"
add("logit_school_year_cluster_school", "logit", two, {"CRV1": "school_id"},
    note="school FE nested in the cluster: not counted in K")
add("logit_school_year_iid", "logit", two, "iid")
add("logit_school_year_hetero", "logit", two, "hetero")
add("logit_school_year_cluster_year", "logit", two, {"CRV1": "year"})
add("logit_learner_year_cluster_learner", "logit",
    "stem_enrolled ~ early_leaver + age | learner_id + year", {"CRV1": "learner_id"},
    note="most learners never change stem_enrolled and are dropped")
add("logit_three_way", "logit",
    "early_leaver ~ stem_enrolled + age + ses | school_id + year + female",
    {"CRV1": "school_id"})
add("probit_school_year_cluster_school", "probit", two, {"CRV1": "school_id"})
add("poisson_school_year_iid", "poisson", two, "iid",
    note="iid scaled by (N-1)/(N-K) as fixest/pyfixest")

# Oracle 2: statsmodels Logit with dummies on 60 schools.
schools = sorted(data["school_id"].unique())[:60]
small = data[data["school_id"].isin(schools)]
small_formula = "stem_enrolled ~ early_leaver + age + ses | school_id + year"
fit, kept = add("logit_small_iid", "logit", small_formula, "iid", subset=small,
                note="also checked against statsmodels Logit with dummies")
dummies = pd.get_dummies(kept[["school_id", "year"]].astype(str), drop_first=False, dtype=float)
year_cols = [c for c in dummies.columns if c.startswith("year_")]
school_cols = [c for c in dummies.columns if c.startswith("school_id_")]
X = pd.concat([kept[["early_leaver", "age", "ses"]].astype(float), dummies[school_cols],
               dummies[year_cols[1:]]], axis=1)
sm_fit = sm.Logit(kept["stem_enrolled"].astype(float), X).fit(
    method="newton", tol=1e-14, maxiter=200, disp=False)
n = len(kept)
k = 3 + len(school_cols) + len(year_cols) - 1
factor = (n - 1) / (n - k)
sm_b = sm_fit.params.iloc[:3].to_numpy()
sm_se = sm_fit.bse.iloc[:3].to_numpy()
ref = cases[-1]
assert np.allclose(sm_b, ref["estimate"], rtol=1e-7, atol=0), (sm_b, ref["estimate"])
assert np.allclose(sm_se * np.sqrt(factor), ref["std_error"], rtol=1e-6, atol=0)
cases.append({
    "name": "logit_small_statsmodels", "family": "logit", "formula": small_formula,
    "vcov": "iid", "rows": ref["rows"], "terms": ref["terms"],
    "estimate": [float(v) for v in sm_b], "std_error": [float(v) for v in sm_se],
    "nobs": n, "dropped_singletons": ref["dropped_singletons"],
    "dropped_no_variation": ref["dropped_no_variation"], "small_sample_factor": factor,
    "note": "statsmodels Logit with school and year dummies; std_error is the plain inverse "
            "information: multiply by sqrt(small_sample_factor) = sqrt((N-1)/(N-K)) for fixest's iid",
})

doc = {
    "generated_by": "Tests/Fixtures/panel/feglm_generate.py",
    "python_version": platform.python_version(),
    "packages": {"pyfixest": pf.__version__, "statsmodels": statsmodels.__version__,
                 "pandas": pd.__version__, "numpy": np.__version__},
    "cases": cases,
}
with open("feglm_reference.json", "w") as f:
    json.dump(doc, f, indent=1)
print(f"wrote feglm_reference.json with {len(cases)} cases")
for c in cases:
    print(c["name"], c["nobs"], c["dropped_singletons"], c["dropped_no_variation"], c["estimate"])
