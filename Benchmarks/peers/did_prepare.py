"""Turns a `vetstat simulate` learner panel into the Callaway-Sant'Anna benchmark file: one
first-treated year per learner (the adoption year of the school the learner is first seen in,
0 when that school never adopts), as `first_treat`.

  python3 did_prepare.py SIMULATED.csv OUT.csv
"""
import sys

import pandas as pd

source, out = sys.argv[1], sys.argv[2]
d = pd.read_csv(source, usecols=["learner_id", "school_id", "year", "female", "ses", "stem_score",
                                 "adoption_year"])
d = d.sort_values(["learner_id", "year"])
first = d.groupby("learner_id")["adoption_year"].transform("first")
d["first_treat"] = first.fillna(0).astype(int)
d.drop(columns=["adoption_year"]).to_csv(out, index=False)
