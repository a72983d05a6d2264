#!/usr/bin/env python3
"""Peer benchmark: logit with school-clustered SEs in statsmodels.

    python3 logit_statsmodels.py FILE

stem_enrolled ~ female + migrant + ses + age + C(track) + C(year) + C(region), discrete Logit
(Newton), cov_type='cluster' by school_id (G/(G-1) (N-1)/(N-K)). Prints the coefficient table,
then "elapsed_seconds: X" for read + fit + vcov (imports excluded).
"""
import sys
import time

t_load = time.perf_counter()
import pandas as pd  # noqa: E402
import statsmodels.formula.api as smf  # noqa: E402

FORMULA = "stem_enrolled ~ female + migrant + ses + age + C(track) + C(year) + C(region)"


def main() -> None:
    if len(sys.argv) != 2:
        print("usage: python3 logit_statsmodels.py FILE", file=sys.stderr)
        sys.exit(2)
    t0 = time.perf_counter()
    d = pd.read_csv(sys.argv[1])
    t_read = time.perf_counter()
    res = smf.logit(FORMULA, data=d).fit(
        disp=0, cov_type="cluster", cov_kwds={"groups": d["school_id"].to_numpy()})
    table = res.summary2().tables[1]
    t_fit = time.perf_counter()
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", None)
    pd.set_option("display.precision", 8)
    print(table)
    print(f"nobs: {int(res.nobs)}  clusters: {d['school_id'].nunique()}")
    print(f"timing: load {t0 - t_load:.3f} read {t_read - t0:.3f} fit+vcov {t_fit - t_read:.3f}")
    print(f"elapsed_seconds: {t_fit - t0:.3f}")


if __name__ == "__main__":
    main()
