"""Mann-Kendall / Sen's slope reference (pymannkendall.original_test) for
Tests/ModelsTests/TrendReferenceTests.swift. Input: flanders_adult_learning.csv (Eurostat
trng_lfse_04, BE2). Run from this folder: python3 generate_mk.py"""
import csv
import json

import pymannkendall as mk

rows = list(csv.DictReader(open("flanders_adult_learning.csv")))
out = {"pymannkendall": mk.__version__}
for sex in ["T", "F", "M"]:
    x = [float(r["value"]) for r in sorted(rows, key=lambda r: int(r["year"])) if r["sex"] == sex]
    r = mk.original_test(x)
    out[sex] = {"s": float(r.s), "var_s": float(r.var_s), "z": float(r.z), "p": float(r.p),
                "tau": float(r.Tau), "slope": float(r.slope), "intercept": float(r.intercept),
                "trend": r.trend}
json.dump(out, open("reference_mk.json", "w"), indent=1)
