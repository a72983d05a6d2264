"""Turns a `vetstat simulate` learner panel into the Callaway-Sant'Anna benchmark file: one
first-treated year per learner, the adoption year of the school the learner is first seen in
(the school of the learner's earliest row, whether or not it adopts), 0 when that school never
adopts, as `first_treat`. A learner who later moves keeps the first school's year (assignment by
the first school, not by where the learner went).

Benchmarks/Benchmarks/VETStatBenchmarks/DiDBenchmarks.swift (`didPanel`) prepares the same data
in memory the same way.

  python3 did_prepare.py SIMULATED.csv OUT.csv
"""
import sys

import pandas as pd

source, out = sys.argv[1], sys.argv[2]
d = pd.read_csv(source, usecols=["learner_id", "school_id", "year", "female", "ses", "stem_score",
                                 "adoption_year"])
d = d.sort_values(["learner_id", "year"], kind="stable")
# The earliest row of each learner, its adoption year missing or not (groupby "first" would skip
# a missing year and take a later school's).
first = d.drop_duplicates("learner_id").set_index("learner_id")["adoption_year"]
d["first_treat"] = d["learner_id"].map(first).fillna(0).astype(int)
d.drop(columns=["adoption_year"]).to_csv(out, index=False)
