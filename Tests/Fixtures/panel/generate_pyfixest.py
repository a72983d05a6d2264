#!/usr/bin/env python3
"""pyfixest reference values for VETStat's fixed-effects models on the synthetic panel.

    cd Tests/Fixtures/panel && python3 generate_pyfixest.py

panel_20000.csv comes from `python3 Benchmarks/peers/make_panel.py --rows 20000` (seed 2030),
keeping the columns learner_id, school_id, year, female, ses, age, score, stem_enrolled,
early_leaver. pyfixest defaults: singletons removed, ssc(k_adj=True, k_fixef="nonnested",
G_adj=True, G_df="min"), CRV1; the demeaning tolerance (and fepois' IRLS tolerance) is
tightened to 1e-12 so that the reference is exact to far below the test tolerance.
"""
import json
import os
import platform

import numpy as np
import pandas as pd
import pyfixest as pf

# Inputs and outputs are beside this script, whatever the working directory.
os.chdir(os.path.dirname(os.path.abspath(__file__)))
data = pd.read_csv("panel_20000.csv")
cases = []


def add(name, formula, vcov, method="feols", note=""):
    if method == "feols":
        fit = pf.feols(formula, data=data, vcov=vcov, fixef_tol=1e-12)
    else:
        fit = pf.fepois(formula, data=data, vcov=vcov, fixef_tol=1e-12, iwls_tol=1e-12,
                        iwls_maxiter=100)
    tidy = fit.tidy()
    case = {
        "name": name, "method": method, "formula": formula,
        "vcov": vcov if isinstance(vcov, str) else vcov,
        "terms": list(tidy.index), "estimate": [float(v) for v in tidy["Estimate"]],
        "std_error": [float(v) for v in tidy["Std. Error"]],
        "nobs": int(fit._N), "df_t": float(fit._df_t) if hasattr(fit, "_df_t") else None,
        "note": note,
    }
    if method == "feols":
        case["rss"] = float(np.sum(fit.resid() ** 2))
    cases.append(case)


two = "score ~ stem_enrolled + early_leaver | learner_id + year"
three = "score ~ stem_enrolled + early_leaver | learner_id + school_id + year"
add("twoway_cluster_school", two, {"CRV1": "school_id"}, note="learner and year not nested in school")
add("twoway_cluster_learner", two, {"CRV1": "learner_id"}, note="learner FE nested in the cluster")
add("twoway_iid", two, "iid")
add("twoway_hetero", two, "hetero")
add("threeway_cluster_school", three, {"CRV1": "school_id"}, note="school FE nested in the cluster")
add("threeway_cluster_learner", three, {"CRV1": "learner_id"})
add("threeway_iid", three, "iid")
add("threeway_twoway_cluster", three, {"CRV1": "learner_id+school_id"})
add("fepois_stem_twoway", "stem_enrolled ~ early_leaver + age | school_id + year",
    {"CRV1": "school_id"}, method="fepois")
add("fepois_stem_learner_year", "stem_enrolled ~ early_leaver + ses | learner_id + year",
    {"CRV1": "learner_id"}, method="fepois",
    note="learners whose outcome is 0 throughout are dropped; ses (constant within learner) is absorbed")

doc = {
    "generated_by": "Tests/Fixtures/panel/generate_pyfixest.py",
    "python_version": platform.python_version(),
    "packages": {"pyfixest": pf.__version__, "pandas": pd.__version__, "numpy": np.__version__},
    "cases": cases,
}
with open("reference_pyfixest.json", "w") as f:
    json.dump(doc, f, indent=1)
print(f"wrote reference_pyfixest.json with {len(cases)} cases")
