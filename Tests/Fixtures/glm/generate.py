#!/usr/bin/env python3
"""Marginal-effect references for VETStat's GLMs (statsmodels).

    python3 Tests/Fixtures/glm/generate.py

Writes margins.json beside this script. Numeric regressors in models without interactions:
statsmodels `get_margeff(at='overall')` (AME) and `at='mean'` (MEM), method 'dydx', dummy=True
(0/1 regressors get the 0-to-1 contrast, as Stata `margins, dydx(i.d)` and marginaleffects'
`avg_comparisons` on a factor).
Factor levels: discrete change from the reference level with the whole factor set to each level
(as marginaleffects / Stata margins), computed here from patsy designs of counterfactual data, with
delta-method standard errors from a central-difference Jacobian; binary factors are cross-checked
against get_margeff(dummy=True). Interactions: the same counterfactual/Jacobian route, with the
derivative of the AME taken analytically in x by a central difference of the design.
"""
import json
import os

import numpy as np
import pandas as pd
import patsy
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))


def read(name):
    path = os.path.join(HERE, "..", "ols", name) if name == "mtcars.csv" else os.path.join(HERE, name)
    return pd.read_csv(path)


def model(family, link, y, X):
    if family == "binomial":
        cls = sm.Logit if link == "logit" else sm.Probit
        return cls(y, X)
    return sm.Poisson(y, X)


def inverse(family, link, eta):
    if link == "logit":
        return 1 / (1 + np.exp(-eta))
    if link == "probit":
        return stats.norm.cdf(eta)
    return np.exp(eta)


def derivative(family, link, eta):
    if link == "logit":
        p = 1 / (1 + np.exp(-eta))
        return p * (1 - p)
    if link == "probit":
        return stats.norm.pdf(eta)
    return np.exp(eta)


def jacobian(f, b, h=1e-6):
    out = []
    for k in range(len(b)):
        e = np.zeros(len(b))
        step = h * max(1.0, abs(b[k]))
        e[k] = step
        out.append((f(b + e) - f(b - e)) / (2 * step))
    return np.array(out)


def effects_manual(case, d, res, design_info, V=None):
    """AME/MEM of every regressor by counterfactual designs."""
    fam, link, at = case["family"], case["link"], case["at"]
    b = res.params.to_numpy()
    V = res.cov_params().to_numpy() if V is None else V
    out = []

    def build(frame):
        return np.asarray(patsy.build_design_matrices([design_info], frame)[0])

    def summarise(values):
        return values.mean() if at == "overall" else values

    for var in case["variables"]:
        levels = case.get("factors", {}).get(var)
        if levels is None and set(np.unique(d[var].to_numpy(dtype=float))) == {0.0, 1.0}:
            # a 0/1 dummy: the 0-to-1 contrast, every row set to 0 and then to 1
            X1, X0 = build(d.assign(**{var: 1.0})), build(d.assign(**{var: 0.0}))
            A1, A0 = (X1, X0) if at == "overall" else (X1.mean(0, keepdims=True), X0.mean(0, keepdims=True))

            def f(beta, A1=A1, A0=A0):
                return np.mean(inverse(fam, link, A1 @ beta) - inverse(fam, link, A0 @ beta))

            est = f(b)
            J = jacobian(f, b)
            out.append({"term": var, "estimate": est, "std_error": float(np.sqrt(J @ V @ J))})
        elif levels is None:
            x = d[var].to_numpy(dtype=float)
            h = max(np.abs(x).max(), 1e-8) * 1e-6
            Xp = build(d.assign(**{var: x + h}))
            Xm = build(d.assign(**{var: x - h}))
            X = build(d)
            D = (Xp - Xm) / (2 * h)
            if at == "mean":
                X, D = X.mean(axis=0, keepdims=True), D.mean(axis=0, keepdims=True)

            def f(beta, X=X, D=D):
                eta = X @ beta
                dmu = derivative(fam, link, eta)
                return np.mean(dmu * (D @ beta))

            est = f(b)
            J = jacobian(f, b)
            out.append({"term": var, "estimate": est, "std_error": float(np.sqrt(J @ V @ J))})
        else:
            ref = levels[0]
            X0 = build(d.assign(**{var: ref}))
            for lev in levels[1:]:
                X1 = build(d.assign(**{var: lev}))
                A1, A0 = (X1, X0) if at == "overall" else (X1.mean(0, keepdims=True), X0.mean(0, keepdims=True))

                def f(beta, A1=A1, A0=A0):
                    return np.mean(inverse(fam, link, A1 @ beta) - inverse(fam, link, A0 @ beta))

                est = f(b)
                J = jacobian(f, b)
                out.append({"term": f"{var}[{lev}]", "estimate": est,
                            "std_error": float(np.sqrt(J @ V @ J))})
    return out


CASES = [
    dict(name="spector_logit_ame", data="spector.csv", formula="GRADE ~ GPA + TUCE + PSI",
         family="binomial", link="logit", at="overall", variables=["GPA", "TUCE", "PSI"]),
    dict(name="spector_logit_mem", data="spector.csv", formula="GRADE ~ GPA + TUCE + PSI",
         family="binomial", link="logit", at="mean", variables=["GPA", "TUCE", "PSI"]),
    dict(name="spector_probit_ame", data="spector.csv", formula="GRADE ~ GPA + TUCE + PSI",
         family="binomial", link="probit", at="overall", variables=["GPA", "TUCE", "PSI"]),
    dict(name="spector_probit_mem", data="spector.csv", formula="GRADE ~ GPA + TUCE + PSI",
         family="binomial", link="probit", at="mean", variables=["GPA", "TUCE", "PSI"]),
    dict(name="mtcars_logit_ame", data="mtcars.csv", formula="am ~ wt + hp",
         family="binomial", link="logit", at="overall", variables=["wt", "hp"]),
    dict(name="spector_logit_interaction_ame", data="spector.csv",
         formula="GRADE ~ GPA * PSI + TUCE", family="binomial", link="logit", at="overall",
         variables=["GPA", "PSI", "TUCE"], manual=True),
    dict(name="quine_poisson_ame", data="quine.csv", formula="Days ~ Eth + Sex + Age + Lrn",
         family="poisson", link="log", at="overall", variables=["Eth", "Sex", "Age", "Lrn"],
         factors={"Eth": ["A", "N"], "Sex": ["F", "M"], "Age": ["F0", "F1", "F2", "F3"],
                  "Lrn": ["AL", "SL"]}, manual=True),
    dict(name="quine_poisson_mem", data="quine.csv", formula="Days ~ Eth + Sex + Age + Lrn",
         family="poisson", link="log", at="mean", variables=["Eth", "Sex", "Age", "Lrn"],
         factors={"Eth": ["A", "N"], "Sex": ["F", "M"], "Age": ["F0", "F1", "F2", "F3"],
                  "Lrn": ["AL", "SL"]}, manual=True),
]


def main():
    results = []
    for case in CASES:
        d = read(case["data"])
        py_formula = case["formula"]
        for var, levels in case.get("factors", {}).items():
            d[var] = pd.Categorical(d[var], categories=levels)
        y, X = patsy.dmatrices(py_formula, d, return_type="dataframe")
        res = model(case["family"], case["link"], y.iloc[:, 0], X).fit(
            method="newton", tol=1e-14, maxiter=200, disp=0)
        if case.get("manual"):
            effects = effects_manual(case, d, res, X.design_info)
            if "factors" in case and case["at"] == "overall":
                # binary factors: statsmodels' discrete change must agree
                m = res.get_margeff(at="overall", dummy=True)
                names = list(X.columns[1:])
                for e in effects:
                    var = e["term"].split("[")[0]
                    if len(case["factors"].get(var, [])) == 2:
                        col = f"{var}[T.{e['term'].split('[')[1][:-1]}]"
                        i = names.index(col)
                        assert abs(m.margeff[i] - e["estimate"]) < 1e-10, (e, m.margeff[i])
                        assert abs(m.margeff_se[i] - e["std_error"]) < 1e-7, (e, m.margeff_se[i])
        else:
            m = res.get_margeff(at=case["at"], method="dydx", dummy=True)
            names = list(X.columns[1:])
            effects = [{"term": v, "estimate": float(m.margeff[names.index(v)]),
                        "std_error": float(m.margeff_se[names.index(v)])} for v in case["variables"]]
            # the manual route must agree with statsmodels
            check = effects_manual(case, d, res, X.design_info)
            for a, c in zip(effects, check):
                assert abs(a["estimate"] - c["estimate"]) < 1e-9 * max(1, abs(c["estimate"])), (a, c)
                assert abs(a["std_error"] - c["std_error"]) < 1e-7 * c["std_error"], (a, c)
            if case["link"] == "probit":
                # statsmodels' Probit uses the observed information (as Stata); R's glm and
                # VETStat use the expected (Fisher) information, which differs for probit. Take
                # the standard errors from the manual route with the GLM (IRLS) covariance.
                glm = sm.GLM(y.iloc[:, 0], X, family=sm.families.Binomial(
                    sm.families.links.Probit())).fit(tol=1e-14, maxiter=500)
                assert np.allclose(glm.params, res.params, rtol=1e-8)
                fisher = effects_manual(case, d, res, X.design_info, V=glm.cov_params().to_numpy())
                for a, c in zip(effects, fisher):
                    a["std_error"] = c["std_error"]
        results.append({k: v for k, v in case.items() if k != "factors"} | {
            "at": "average" if case["at"] == "overall" else "means", "effects": effects,
            "source": "manual counterfactual designs" if case.get("manual") else (
                "statsmodels get_margeff; SEs with the expected-information (GLM) covariance"
                if case["link"] == "probit" else "statsmodels get_margeff")})
    doc = {"generated_by": "Tests/Fixtures/glm/generate.py",
           "versions": {"statsmodels": statsmodels.__version__, "numpy": np.__version__,
                        "scipy": scipy.__version__, "pandas": pd.__version__, "patsy": patsy.__version__},
           "cases": results}
    with open(os.path.join(HERE, "margins.json"), "w") as fh:
        json.dump(doc, fh, indent=1)
    print("wrote", len(results), "cases")


if __name__ == "__main__":
    main()
