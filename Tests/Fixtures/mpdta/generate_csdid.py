"""Further Callaway-Sant'Anna fixtures on mpdta, computed with Python csdid (a line-by-line port
of R did 2.5.0 that reproduces did_r_ref_*.csv to 1e-15): covariates with every estimator,
universal base period, anticipation, clustering by state, an unbalanced panel and repeated
cross-sections. Writes csdid_reference.json and the derived data sets it uses.

Run from this folder: python3 generate_csdid.py  (csdid 0.4.3, drdid 1.1.7, numpy, pandas)
"""
import json
import warnings
from importlib.metadata import version

import numpy as np
import pandas as pd
from csdid.att_gt import ATTgt

warnings.filterwarnings("ignore")

base = pd.read_csv("mpdta.csv")
base["state"] = base["countyreal"] // 1000
base.to_csv("mpdta_state.csv", index=False)
rng = np.random.default_rng(20261202)
unbalanced = base[rng.random(len(base)) >= 0.12].reset_index(drop=True)
unbalanced.to_csv("mpdta_unbalanced.csv", index=False)
cross = base[rng.random(len(base)) < 0.6].reset_index(drop=True)
cross["person"] = np.arange(1, len(cross) + 1)
cross.to_csv("mpdta_cross_sections.csv", index=False)

data_sets = {"mpdta_state.csv": base, "mpdta_unbalanced.csv": unbalanced,
             "mpdta_cross_sections.csv": cross}

scenarios = [
    dict(name="nev_dr_cov", data="mpdta_state.csv", control="nevertreated", est="dr", cov=["lpop"]),
    dict(name="nyt_dr_cov", data="mpdta_state.csv", control="notyettreated", est="dr", cov=["lpop"]),
    dict(name="nyt_ipw_cov", data="mpdta_state.csv", control="notyettreated", est="ipw", cov=["lpop"]),
    dict(name="nyt_reg_cov", data="mpdta_state.csv", control="notyettreated", est="reg", cov=["lpop"]),
    dict(name="nev_dr_universal", data="mpdta_state.csv", control="nevertreated", est="dr", cov=["lpop"],
         base_period="universal"),
    dict(name="nyt_dr_anticipation", data="mpdta_state.csv", control="notyettreated", est="dr", cov=[],
         anticipation=1),
    dict(name="nev_dr_cluster_state", data="mpdta_state.csv", control="nevertreated", est="dr", cov=["lpop"],
         cluster="state"),
    dict(name="unbalanced_nev_dr_cov", data="mpdta_unbalanced.csv", control="nevertreated", est="dr",
         cov=["lpop"], unbalanced=True),
    dict(name="unbalanced_nyt_reg", data="mpdta_unbalanced.csv", control="notyettreated", est="reg",
         cov=[], unbalanced=True),
    dict(name="rcs_nev_dr_cov", data="mpdta_cross_sections.csv", control="nevertreated", est="dr",
         cov=["lpop"], panel=False),
    dict(name="rcs_nyt_ipw_cov", data="mpdta_cross_sections.csv", control="notyettreated", est="ipw",
         cov=["lpop"], panel=False),
    dict(name="rcs_nev_reg_cov", data="mpdta_cross_sections.csv", control="nevertreated", est="reg",
         cov=["lpop"], panel=False),
]


def number(x):
    x = float(x)
    return None if not np.isfinite(x) else x


out = []
for s in scenarios:
    kw = dict(yname="lemp", tname="year", idname="countyreal" if s.get("panel", True) else "person", gname="first.treat",
              data=data_sets[s["data"]], control_group=s["control"],
              panel=s.get("panel", True), allow_unbalanced_panel=s.get("unbalanced", False),
              anticipation=s.get("anticipation", 0))
    if s["cov"]:
        kw["xformla"] = "lemp~" + "+".join(s["cov"])
    if s.get("cluster"):
        kw["clustervar"] = ["countyreal", s["cluster"]]
    fit = ATTgt(**kw).fit(est_method=s["est"], base_period=s.get("base_period", "varying"),
                          bstrap=False)
    r = fit.results
    record = dict(s)
    record["att_gt"] = [dict(group=number(g), time=number(t), att=number(a), se=number(e))
                        for g, t, a, e in zip(r["group"], r["year"], r["att"], r["se"])]
    record["pretest"] = None if fit.MP["W"] is None else dict(W=number(fit.MP["W"]))
    aggregates = []
    for typ in ["simple", "group", "dynamic", "calendar"]:
        fit.aggte(typec=typ, bstrap=False, cband=False, na_rm=True)
        a = fit.atte
        entry = dict(type=typ, overall_att=number(a["overall_att"]), overall_se=number(a["overall_se"]))
        if a.get("egt") is not None:
            entry["egt"] = [number(v) for v in np.atleast_1d(a["egt"])]
            entry["att"] = [number(v) for v in np.atleast_1d(a["att_egt"])]
            entry["se"] = [number(v) for v in np.atleast_1d(a["se_egt"])]
        aggregates.append(entry)
    record["aggregates"] = aggregates
    out.append(record)

with open("csdid_reference.json", "w") as f:
    json.dump(dict(tool=f"csdid {version('csdid')}, drdid {version('drdid')}, "
                        f"numpy {np.__version__}, pandas {pd.__version__}",
                   scenarios=out), f, indent=1)
print("wrote", len(out), "scenarios")
