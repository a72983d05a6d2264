#!/usr/bin/env python3
"""Peer benchmark: Kaplan-Meier by four groups and a Cox model with five covariates in
lifelines.

    python3 survival_lifelines.py FILE

KaplanMeierFitter per group and CoxPHFitter (Efron ties) on x1..x5, then the Schoenfeld test
(proportional_hazard_test, rank transform); prints the coefficients and medians, then
"elapsed_seconds: X" for read + fits.
"""

from __future__ import annotations

import sys
import time

import pandas as pd
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import proportional_hazard_test


def main() -> None:
    if len(sys.argv) != 2:
        print("usage: python3 survival_lifelines.py FILE", file=sys.stderr)
        sys.exit(2)
    t0 = time.perf_counter()
    data = pd.read_csv(sys.argv[1])
    t_read = time.perf_counter()
    for name, part in data.groupby("group"):
        km = KaplanMeierFitter().fit(part["time"], part["event"], label=name)
        print(name, len(part), int(part["event"].sum()), km.median_survival_time_)
    t_km = time.perf_counter()
    cph = CoxPHFitter().fit(
        data[["time", "event", "x1", "x2", "x3", "x4", "x5"]], "time", "event")
    t_cox = time.perf_counter()
    test = proportional_hazard_test(cph, data[["time", "event", "x1", "x2", "x3", "x4", "x5"]])
    t_zph = time.perf_counter()
    print(cph.summary[["coef", "se(coef)"]].to_string())
    print(test.summary.to_string())
    print(f"timing: read {t_read - t0:.3f} km {t_km - t_read:.3f} cox {t_cox - t_km:.3f} "
          f"zph {t_zph - t_cox:.3f}")
    print(f"elapsed_seconds: {t_zph - t0:.3f}")


if __name__ == "__main__":
    main()
