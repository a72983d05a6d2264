"""Reference values for the Oaxaca-Blinder tests (Tests/ModelsTests/OaxacaBlinderTests.swift).

Point estimates: statsmodels.stats.oaxaca.OaxacaBlinder (two_fold for pooled, neumark, cotton,
reimers; three_fold). Standard errors: an independent implementation of Jann (2008): every part
is computed as a function of theta = (beta_A, beta_B, mean_A, mean_B) -- the pooled references by
re-running the pooled regression on the fitted values -- and differentiated numerically (central
differences); the covariance of theta is Jann's analytic one (statsmodels' OLS cov_params per
group, covariance of the means = np.cov / n, blocks independent) or the cluster-robust stack of
influence functions summed by cluster with G/(G-1).
Group A = union 0, group B = union 1. Run: python3 oaxaca_reference.py > oaxaca_reference.json
"""
import json
import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.oaxaca import OaxacaBlinder

data = pd.read_csv("wage_panel.csv")
COVS = ["educ", "exper", "expersq", "married", "black", "hisp"]


def design(frame, base):
    """Design with intercept, COVS and occupation dummies omitting `base`."""
    levels = sorted(frame.occupation.unique())
    cols = {"(Intercept)": np.ones(len(frame))}
    for c in COVS:
        cols[c] = frame[c].to_numpy(float)
    for lv in levels:
        if lv != base:
            cols[f"occupation[{lv}]"] = (frame.occupation == lv).to_numpy(float)
    return pd.DataFrame(cols), levels


def parts(theta, k, xa, xb, reference, names, levels, normalise):
    ba, bb, ma, mb = theta[:k], theta[k:2*k], theta[2*k:3*k], theta[3*k:]
    na, nb = len(xa), len(xb)
    if reference == "a":
        bs = ba
    elif reference == "b":
        bs = bb
    elif reference == "reimers":
        bs = 0.5 * (ba + bb)
    elif reference == "cotton":
        bs = (na * ba + nb * bb) / (na + nb)
    else:
        yhat = np.concatenate([xa @ ba, xb @ bb])
        x = np.vstack([xa, xb])
        if reference == "pooled":
            d = np.concatenate([np.ones(na), np.zeros(nb)])
            x = np.column_stack([x, d])
        bs = np.linalg.lstsq(x, yhat, rcond=None)[0][:k]
    vecs = dict(ba=ba.copy(), bb=bb.copy(), bs=bs.copy(), ma=ma.copy(), mb=mb.copy())
    out_names = list(names)
    if normalise:
        idx = [i for i, n in enumerate(names) if n.startswith("occupation[")]
        base = [lv for lv in levels if f"occupation[{lv}]" not in names][0]
        out_names = names[:idx[0]] + [f"occupation[{base}]"] + names[idx[0]:]
        for key in ("ba", "bb", "bs"):
            b = vecs[key]
            c = b[idx].sum() / (len(idx) + 1)
            nb_ = np.concatenate([b[:idx[0]], [-c], b[idx[0]:]])
            nb_[0] += c
            nb_[[i + 1 for i in idx]] -= c
            vecs[key] = nb_
        for key in ("ma", "mb"):
            m = vecs[key]
            vecs[key] = np.concatenate([m[:idx[0]], [1 - m[idx].sum()], m[idx[0]:]])
    ba, bb, bs, ma, mb = (vecs[k_] for k_ in ("ba", "bb", "bs", "ma", "mb"))
    det = {
        "explained": (ma - mb) * bs,
        "unexplained": ma * (ba - bs) + mb * (bs - bb),
        "endowments": (ma - mb) * bb,
        "coefficients": mb * (ba - bb),
        "interaction": (ma - mb) * (ba - bb),
    }
    agg = {"mean_a": ma @ ba, "mean_b": mb @ bb, "difference": ma @ ba - mb @ bb}
    agg.update({p: v.sum() for p, v in det.items()})
    return out_names, agg, det


def flat(theta, *args):
    names, agg, det = parts(theta, *args)
    return np.concatenate([[agg[p] for p in sorted(agg)]] + [det[p] for p in sorted(det)])


def jacobian(f, theta, *args):
    base = f(theta, *args)
    jac = np.zeros((len(base), len(theta)))
    for j in range(len(theta)):
        h = 1e-5 * max(1.0, abs(theta[j]))
        tp, tm = theta.copy(), theta.copy()
        tp[j] += h
        tm[j] -= h
        jac[:, j] = (f(tp, *args) - f(tm, *args)) / (2 * h)
    return jac


def covariance(xa, xb, ya, yb, fa, fb, cluster_a=None, cluster_b=None):
    k = xa.shape[1]
    if cluster_a is None:
        v = np.zeros((4 * k, 4 * k))
        v[:k, :k] = fa.cov_params()
        v[k:2*k, k:2*k] = fb.cov_params()
        v[2*k:3*k, 2*k:3*k] = np.cov(xa, rowvar=False) / len(xa)
        v[3*k:, 3*k:] = np.cov(xb, rowvar=False) / len(xb)
        return v
    clusters = np.unique(np.concatenate([cluster_a, cluster_b]))
    pos = {c: i for i, c in enumerate(clusters)}
    u = np.zeros((len(clusters), 4 * k))
    for off, x, f, cl in ((0, xa, fa, cluster_a), (k, xb, fb, cluster_b)):
        inv = np.linalg.inv(x.T @ x)
        infl_b = (x * f.resid[:, None]) @ inv
        infl_m = (x - x.mean(axis=0)) / len(x)
        for r in range(len(x)):
            u[pos[cl[r]], off:off + k] += infl_b[r]
            u[pos[cl[r]], 2*k + off:2*k + off + k] += infl_m[r]
    g = len(clusters)
    return g / (g - 1) * u.T @ u


def case(frame, base, reference, normalise, cluster=None, fixed=False):
    x, levels = design(frame, base)
    names = list(x.columns)
    a = (frame.union == 0).to_numpy()
    xa, xb = x[a].to_numpy(), x[~a].to_numpy()
    ya, yb = frame.lwage[a].to_numpy(), frame.lwage[~a].to_numpy()
    fa, fb = sm.OLS(ya, xa).fit(), sm.OLS(yb, xb).fit()
    k = len(names)
    theta = np.concatenate([fa.params, fb.params, xa.mean(0), xb.mean(0)])
    ca = cb = None
    if cluster:
        ca, cb = frame[cluster][a].to_numpy(), frame[cluster][~a].to_numpy()
    v = covariance(xa, xb, ya, yb, fa, fb, ca, cb)
    if fixed:  # Stata oaxaca, fixed: the covariate means carry no sampling variance
        v[2 * k:, :] = 0
        v[:, 2 * k:] = 0
    args = (k, xa, xb, reference, names, levels, normalise)
    out_names, agg, det = parts(theta, *args)
    jac = jacobian(flat, theta, *args)
    se = np.sqrt(np.maximum(np.diag(jac @ v @ jac.T), 0))
    keys = sorted(agg)
    res = {"components": {}, "detailed": {}}
    for i, p in enumerate(keys):
        res["components"][p] = [float(agg[p]), float(se[i])]
    off = len(keys)
    for p in sorted(det):
        res["detailed"][p] = {
            n: [float(det[p][i]), float(se[off + i])] for i, n in enumerate(out_names)}
        off += len(out_names)
    return res


def statsmodels_points(frame):
    x, _ = design(frame, 1)
    x.insert(1, "union", frame.union.to_numpy(float))
    model = OaxacaBlinder(frame.lwage.to_numpy(), x.to_numpy(), 1, hasconst=True, swap=False)
    out = {}
    for t in ("pooled", "nuemark", "cotton", "reimers"):
        r = model.two_fold(two_fold_type=t)
        out[t] = {"unexplained": float(model.unexplained), "explained": float(model.explained),
                  "difference": float(model.gap)}
    model.three_fold()
    out["threefold"] = {"endowments": float(model.endow_eff), "coefficients": float(model.coef_eff),
                        "interaction": float(model.int_eff), "difference": float(model.gap)}
    return out


y87 = data[data.year == 1987].reset_index(drop=True)
y87["row"] = np.arange(len(y87))  # each row its own cluster: the robust covariance
ref = {
    "statsmodels_1987": statsmodels_points(y87),
    "jann_1987": {r: case(y87, 1, r, False) for r in
                  ("a", "b", "pooled", "neumark", "cotton", "reimers")},
    "jann_1987_normalised_pooled": case(y87, 1, "pooled", True),
    "jann_1987_robust_reimers": case(y87, 1, "reimers", False, cluster="row"),
    "jann_panel_cluster_pooled": case(data, 1, "pooled", False, cluster="nr"),
    "jann_panel_cluster_normalised_neumark": case(data, 1, "neumark", True, cluster="nr"),
    "jann_1987_fixed_pooled": case(y87, 1, "pooled", False, fixed=True),
    "jann_panel_cluster_fixed_a": case(data, 1, "a", False, cluster="nr", fixed=True),
}
print(json.dumps(ref, indent=1))
