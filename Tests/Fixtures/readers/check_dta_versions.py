#!/usr/bin/env python3
"""Reads every dta_v*.dta back with pandas.read_stata (its own Stata parser, independent of
ReadStat) and checks it against expected_dta_versions.json from make_dta_versions.c.

    python3 check_dta_versions.py
"""
import json
import math
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
expected = json.load(open(os.path.join(HERE, "expected_dta_versions.json")))
for name, e in expected.items():
    path = os.path.join(HERE, name)
    try:
        back = pd.read_stata(path)
    except ValueError as error:  # a version pandas does not read
        print(f"{name}: pandas {pd.__version__} does not read it ({error})")
        continue
    cols = e["columns"]
    assert list(back["id"]) == cols["id"], name
    assert [None if math.isnan(x) else x for x in back["score"]] == cols["score"], name
    codes = dict(e["value_labels"]["track"])
    track = [codes.get(str(v), v) if not isinstance(v, str) else v for v in back["track"]]
    note = "" if back["track"].dtype.name == "category" else " (value labels not applied)"
    assert track == cols["track"], name
    assert list(back["gemeente"]) == cols["gemeente"], name
    assert [d.date().isoformat() for d in back["start"]] == cols["start"], name
    with pd.io.stata.StataReader(path) as reader:
        labels = reader.variable_labels()
    assert labels == e["labels"], (name, labels)
    print(f"{name}: read back equal by pandas {pd.__version__}{note}")
