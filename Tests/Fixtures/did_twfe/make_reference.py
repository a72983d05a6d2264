"""Reference values for VETStat's i() terms, TWFE event studies, 2x2 DiD and Sun-Abraham.

Run from this folder: python3 make_reference.py  (writes *.csv beside it).
Data: ../mpdta/mpdta.csv (R package did, data(mpdta); see ../mpdta/REFERENCE.md).
Tools: pyfixest (feols with i(), CRV1 by county, fixest small-sample defaults), pandas, numpy.
"""
import warnings

import numpy as np
import pandas as pd
import pyfixest as pf

warnings.filterwarnings("ignore")
df = pd.read_csv("../mpdta/mpdta.csv")
df = df.rename(columns={"first.treat": "first_treat"})
treated = df["first_treat"] > 0
# fixest's event-study idiom: never-treated units get event time 0 and treat = 0, so their
# indicators i(rel, treat) are all zero.
df["rel"] = np.where(treated, df["year"] - df["first_treat"], 0).astype(int)
df["treat"] = treated.astype(int)
df["rel_b"] = df["rel"].clip(-3, 2)
df["D"] = (treated & (df["year"] >= df["first_treat"])).astype(int)
# Event time with never-treated coded -1000 (the ref = c(-1, -1000) idiom).
df["rel_nev"] = np.where(treated, df["year"] - df["first_treat"], -1000).astype(int)

rows = []


def add(model, fit):
    tidy = fit.tidy()
    for name, r in tidy.iterrows():
        rows.append(
            {"model": model, "term": name, "estimate": r["Estimate"], "std_error": r["Std. Error"]}
        )


add("es", pf.feols("lemp ~ i(rel, treat, ref=-1) | countyreal + year", df, vcov={"CRV1": "countyreal"}))
add("es_binned", pf.feols("lemp ~ i(rel_b, treat, ref=-1) | countyreal + year", df, vcov={"CRV1": "countyreal"}))
add("twfe_static", pf.feols("lemp ~ D | countyreal + year", df, vcov={"CRV1": "countyreal"}))
# Classic 2x2: cohort 2004 against never-treated, years 2003 and 2004, OLS with interaction.
two = df[df["first_treat"].isin([0, 2004]) & df["year"].isin([2003, 2004])].copy()
two["post"] = (two["year"] == 2004).astype(int)
add("did2x2", pf.feols("lemp ~ treat * post", two, vcov={"CRV1": "countyreal"}))
add("did2x2_iid", pf.feols("lemp ~ treat * post", two, vcov="iid"))

pd.DataFrame(rows).to_csv("twfe_reference.csv", index=False, float_format="%.17g")

# Sun-Abraham via pyfixest's saturated event study (cohort x event-time interactions,
# never-treated controls, all event times but -1) and its cohort-share aggregation.
sat = pf.event_study(
    data=df, yname="lemp", idname="countyreal", tname="year", gname="first_treat",
    estimator="saturated", cluster="countyreal",
)
cells = []
for name, r in sat.tidy().iterrows():
    # names like rel_time::-4.0:first_treated_period::2007
    left, right = name.split(":first_treated_period::")
    cells.append({"cohort": int(right), "event_time": int(float(left.split("::")[1])),
                  "estimate": r["Estimate"], "std_error": r["Std. Error"]})
pd.DataFrame(cells).to_csv("sunab_cells.csv", index=False, float_format="%.17g")
agg = sat.aggregate().reset_index()
agg = agg.rename(columns={"period": "event_time", "Estimate": "estimate", "Std. Error": "std_error"})
agg["event_time"] = agg["event_time"].astype(float).astype(int)
agg = agg[agg["event_time"] != -1]
agg[["event_time", "estimate", "std_error"]].to_csv(
    "sunab_aggregate.csv", index=False, float_format="%.17g")

with open("versions.txt", "w") as f:
    f.write(f"pyfixest {pf.__version__}\npandas {pd.__version__}\nnumpy {np.__version__}\n")

# Sun-Abraham with the last-treated cohort (2007) as control: never-treated counties removed,
# years from 2007 on dropped, cohort 2007 recoded as never treated.
last = df[(df["first_treat"] > 0) & (df["year"] < 2007)].copy()
last["first_treat"] = np.where(last["first_treat"] == 2007, 0, last["first_treat"])
sat_last = pf.event_study(
    data=last, yname="lemp", idname="countyreal", tname="year", gname="first_treat",
    estimator="saturated", cluster="countyreal",
)
agg = sat_last.aggregate().reset_index()
agg = agg.rename(columns={"period": "event_time", "Estimate": "estimate", "Std. Error": "std_error"})
agg["event_time"] = agg["event_time"].astype(float).astype(int)
agg = agg[agg["event_time"] != -1]
agg[["event_time", "estimate", "std_error"]].to_csv(
    "sunab_last_treated_aggregate.csv", index=False, float_format="%.17g")
