"""Reference values for the subgroup marginal effects (Tests/ModelsTests/SubgroupMarginsTests.swift).

Data: datasets/vet_learners_sample.csv (the repository's synthetic panel, codebook in
datasets/codebook.md). Logit/probit of stem_enrolled and Poisson of early_leaver (log link) on
treated + female + migrant + ses. Full-sample average marginal effects: statsmodels get_margeff(at='overall',
dummy=True) (0-to-1 contrast for the 0/1 regressor `treated`, derivative for `ses`). Subgroup
effects (by female, by migrant), their differences from the first level and all SEs: this
script's own delta method (per-row effects and gradients averaged within subgroups,
se = sqrt(g' V g) with V the model covariance). The OLS case has a treated x female interaction,
so its subgroup effects differ; its derivative for ses uses the analytic slope.
Run: python3 reference.py > reference.json (statsmodels 0.15.0).
"""
import json
import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.stats import norm

d = pd.read_csv("../../../datasets/vet_learners_sample.csv")
d = d.dropna(subset=["stem_enrolled", "stem_score", "treated", "female", "migrant", "ses"])
BY = ["female", "migrant"]


def summarise(effects, grads, V):
    out = {}
    def est(rows):
        g = grads[rows].mean(0)
        return float(effects[rows].mean()), g
    e, g = est(np.arange(len(effects)))
    out["overall"] = [e, float(np.sqrt(g @ V @ g))]
    for b in BY:
        levels = sorted(d[b].unique())
        base_e, base_g = est(np.where(d[b].to_numpy() == levels[0])[0])
        for lv in levels:
            e, g = est(np.where(d[b].to_numpy() == lv)[0])
            out[f"{b}={int(lv)}"] = [e, float(np.sqrt(g @ V @ g))]
            if lv != levels[0]:
                dg = g - base_g
                out[f"{b}={int(lv)} - {int(levels[0])}"] = [e - base_e, float(np.sqrt(dg @ V @ dg))]
    return out


def glm_case(link):
    X = sm.add_constant(d[["treated", "female", "migrant", "ses"]].astype(float))
    y = (d.early_leaver if link == "poisson" else d.stem_enrolled).to_numpy(float)
    discrete = {"logit": sm.Logit, "probit": sm.Probit, "poisson": sm.Poisson}[link]
    model = discrete(y, X).fit(disp=0, tol=1e-12, maxiter=100)
    # Fisher scoring (expected information), as VETStat's IRLS: refit as GLM for the covariance.
    fam = sm.families.Poisson() if link == "poisson" else sm.families.Binomial(
        sm.families.links.Logit() if link == "logit" else sm.families.links.Probit())
    glm = sm.GLM(y, X, family=fam).fit(tol=1e-13)
    b, V = glm.params.to_numpy(), glm.cov_params().to_numpy()
    F = (lambda e: 1 / (1 + np.exp(-e))) if link == "logit" else norm.cdf
    f = (lambda e: F(e) * (1 - F(e))) if link == "logit" else norm.pdf
    fp = (lambda e: f(e) * (1 - 2 * F(e))) if link == "logit" else (lambda e: -e * norm.pdf(e))
    if link == "poisson":
        F = f = fp = np.exp
    x = X.to_numpy()
    x1, x0 = x.copy(), x.copy()
    x1[:, 1], x0[:, 1] = 1, 0
    eff_t = F(x1 @ b) - F(x0 @ b)
    grad_t = f(x1 @ b)[:, None] * x1 - f(x0 @ b)[:, None] * x0
    eta = x @ b
    eff_s = f(eta) * b[4]
    dcol = np.zeros_like(x)
    dcol[:, 4] = 1
    grad_s = (fp(eta) * b[4])[:, None] * x + f(eta)[:, None] * dcol
    margeff = model.get_margeff(at="overall", dummy=True)
    sm_out = {"treated": [float(margeff.margeff[0]), float(margeff.margeff_se[0])],
              "ses": [float(margeff.margeff[3]), float(margeff.margeff_se[3])]}
    return {"statsmodels": sm_out,
            "treated": summarise(eff_t, grad_t, V), "ses": summarise(eff_s, grad_s, V),
            "max_coef_diff_logit_vs_glm": float(np.max(np.abs(model.params.to_numpy() - b)))}


def ols_case():
    X = pd.DataFrame({"const": 1.0, "treated": d.treated, "female": d.female,
                      "treated:female": d.treated * d.female, "migrant": d.migrant, "ses": d.ses})
    fit = sm.OLS(d.stem_score.to_numpy(float), X.astype(float)).fit()
    b, V = fit.params.to_numpy(), fit.cov_params().to_numpy()
    fem = d.female.to_numpy(float)
    eff_t = b[1] + b[3] * fem
    grad_t = np.zeros((len(d), 6))
    grad_t[:, 1] = 1
    grad_t[:, 3] = fem
    eff_s = np.full(len(d), b[5])
    grad_s = np.zeros((len(d), 6))
    grad_s[:, 5] = 1
    return {"treated": summarise(eff_t, grad_t, V), "ses": summarise(eff_s, grad_s, V)}


print(json.dumps({"logit": glm_case("logit"), "probit": glm_case("probit"),
                  "poisson": glm_case("poisson"), "ols": ols_case()}, indent=1))
