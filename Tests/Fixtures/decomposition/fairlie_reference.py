"""Reference values for the Fairlie tests (Tests/ModelsTests/FairlieTests.swift).

Union membership gap between non-black (group A, black = 0) and black (group B) men in 1987
(wage_1987.csv), `union ~ educ + exper + married + C(occupation)`, pooled logit and probit
(statsmodels GLM, covariance from the expected information). Total explained part sum_A F(x b)/n_A - sum_B F(x b)/n_B with its delta-method SE
from the model covariance; detailed contributions by an independent implementation of Fairlie
(2005) / Stata `fairlie` (random subsample of the larger group, rank matching on predicted
probabilities, sequential switching in formula order) with numpy's generator, R replications,
the Monte Carlo standard error of each mean over replications, and the delta-method SE
from the gradients averaged over replications [estimate, mc_se, se].
Run: python3 fairlie_reference.py > fairlie_reference.json
"""
import json
import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.stats import norm

d = pd.read_csv("wage_1987.csv")
levels = sorted(d.occupation.unique())
cols = {"const": np.ones(len(d)), "educ": d.educ, "exper": d.exper, "married": d.married}
for lv in levels[1:]:
    cols[f"occ{lv}"] = (d.occupation == lv).astype(float)
X = pd.DataFrame(cols).to_numpy(float)
terms = [[1], [2], [3], list(range(4, X.shape[1]))]
term_names = ["educ", "exper", "married", "C(occupation)"]
y = d.union.to_numpy(float)
a = (d.black == 0).to_numpy()
R = 4000
out = {}
for link in ("logit", "probit"):
    family = sm.families.Binomial(
        sm.families.links.Logit() if link == "logit" else sm.families.links.Probit())
    model = sm.GLM(y, X, family=family).fit(tol=1e-13, maxiter=200)  # IRLS: expected information
    b, V = model.params, model.cov_params()
    F = (lambda e: 1 / (1 + np.exp(-e))) if link == "logit" else norm.cdf
    f = (lambda e: F(e) * (1 - F(e))) if link == "logit" else norm.pdf
    xa, xb = X[a], X[~a]
    expl = F(xa @ b).mean() - F(xb @ b).mean()
    g = (f(xa @ b)[:, None] * xa).mean(0) - (f(xb @ b)[:, None] * xb).mean(0)
    rng = np.random.default_rng(20260101)
    draws = np.zeros((R, len(terms)))
    grads = np.zeros((len(terms), X.shape[1]))
    for r in range(R):
        ia, ib = np.arange(len(xa)), np.arange(len(xb))
        if len(ia) > len(ib):
            ia = np.sort(rng.choice(ia, len(ib), replace=False))
        ma, mb = xa[ia], xb[ib]
        ma = ma[np.argsort(F(ma @ b), kind="stable")]
        mb = mb[np.argsort(F(mb @ b), kind="stable")]
        z = ma.copy()
        for t, cols_ in enumerate(terms):
            before, zb = F(z @ b), z.copy()
            z[:, cols_] = mb[:, cols_]
            draws[r, t] = (before - F(z @ b)).mean()
            grads[t] += ((f(zb @ b)[:, None] * zb) - (f(z @ b)[:, None] * z)).mean(0) / R
    out[link] = {
        "explained": [float(expl), float(np.sqrt(g @ V @ g))],
        "difference": float(y[a].mean() - y[~a].mean()),
        "coefficients": [float(v) for v in b],
        "detailed": {n: [float(draws[:, t].mean()), float(draws[:, t].std(ddof=1) / np.sqrt(R)),
                         float(np.sqrt(grads[t] @ V @ grads[t]))]
                     for t, n in enumerate(term_names)},
        "replications": R,
    }
print(json.dumps(out, indent=1))
