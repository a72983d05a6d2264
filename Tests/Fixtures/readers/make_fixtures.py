#!/usr/bin/env python3
"""Writes the reader fixtures of Tests/DataTableTests/FileReaderTests.swift and expected.json.

SPSS (.sav, .zsav, .por), Stata (.dta) and SAS transport (.xpt) files are written with
pyreadstat; .xlsx workbooks with openpyxl; CSV twins in UTF-8, Latin-1, Windows-1252 and UTF-16
and gzip. expected.json holds, per file, the writer's values (null = missing; value labels
applied), the variable labels, value labels and missing counts by kind, and every file is read
back with pyreadstat / pandas to check that the reference readers agree with the writer.
Run: python3 make_fixtures.py (pyreadstat 1.3, openpyxl 3.1, pandas 2).
"""
import datetime as dt
import gzip
import subprocess
import json
import math
import os

import numpy as np
import openpyxl
import pandas as pd
import pyreadstat

HERE = os.path.dirname(os.path.abspath(__file__))
expected = {}

# ---- SPSS, Stata, SAS ----
gemeente = ["Liège", "Brussel-Hoofdstad", "Gent", "Antwerpen", "Liège", "Malmö", "Gent", "Brugge"]
score = [12.5, 7.25, -99.0, 15.0, 9.5, 999.0, 11.0, math.nan]
track = [1, 2, 3, 1, 9, 2, 3, 1]
female = [0, 1, 1, 0, 1, 0, 1, 0]
birth = [dt.date(2005, 3, 1), dt.date(2004, 12, 31), dt.date(2006, 1, 15), dt.date(2005, 7, 4),
         dt.date(2003, 2, 28), dt.date(2004, 2, 29), dt.date(2005, 10, 10), dt.date(2006, 6, 6)]
bedrag = [2687.86, 1234.5, 0.25, 100000.0, 42.0, 7.5, 1e-3, 55.55]
df = pd.DataFrame({
    "learner_id": np.arange(1, 9, dtype=np.int32), "gemeente": gemeente, "score": score,
    "track": np.array(track, dtype=np.float64), "female": np.array(female, dtype=np.float64),
    "birth": birth, "bedrag": bedrag,
})
labels = {"learner_id": "Leerling", "gemeente": "Gemeente van de school",
          "score": "Score wiskunde", "track": "Onderwijsvorm", "female": "Geslacht",
          "birth": "Geboortedatum", "bedrag": "Bedrag (EUR)"}
value_labels = {"track": {1: "BSO", 2: "TSO", 3: "ASO", 9: "onbekend"},
                "female": {0: "man", 1: "vrouw"}}
iso = [d.isoformat() for d in birth]


def entry(values, types, missing, with_labels=True, with_value_labels=True):
    e = {"columns": values, "types": types, "missing": missing}
    if with_labels:
        e["labels"] = labels
    if with_value_labels:
        e["value_labels"] = {k: [[str(c), l] for c, l in sorted(v.items())]
                             for k, v in value_labels.items()}
    return e


def labelled(codes, miss=()):
    return [None if c in miss else value_labels_of[c] for c in codes]


value_labels_of = value_labels["track"]
track_levels = [None if c == 9 else value_labels["track"][c] for c in track]
female_levels = [value_labels["female"][c] for c in female]

# SPSS with user-missing values: score -99 and 999, track 9.
spss_missing = {"score": [-99.0, 999.0], "track": [9]}
for name, compress in [("learners.sav", False), ("learners.zsav", True)]:
    pyreadstat.write_sav(df, os.path.join(HERE, name), column_labels=labels,
                         variable_value_labels=value_labels, missing_ranges=spss_missing,
                         compress=compress)
    expected[name] = entry(
        {"learner_id": list(range(1, 9)), "gemeente": gemeente,
         "score": [None if (math.isnan(s) or s in (-99.0, 999.0)) else s for s in score],
         "track": track_levels, "female": female_levels, "birth": iso, "bedrag": bedrag},
        {"track": "category", "female": "category", "birth": "date", "gemeente": "string",
         "learner_id": "int", "score": "double", "bedrag": "double"},
        {"score": {"system-missing": 1, "user-missing -99": 1, "user-missing 999": 1},
         "track": {"user-missing 9 (onbekend)": 1}})
    back, meta = pyreadstat.read_sav(os.path.join(HERE, name), apply_value_formats=True)
    assert list(back["track"].astype(object).where(back["track"].notna(), None)) == track_levels
    assert back["score"].isna().sum() == 3
    assert meta.column_names_to_labels == labels

# SPSS portable: no labels of values or user-missing in pyreadstat's writer.
por = df.drop(columns=["birth"]).rename(columns={"learner_id": "id"})
# The portable format's character set has no accented letters.
por["gemeente"] = [g.replace("è", "e").replace("ö", "o") for g in gemeente]
pyreadstat.write_por(por, os.path.join(HERE, "learners.por"))
back, meta = pyreadstat.read_por(os.path.join(HERE, "learners.por"))
expected["learners.por"] = {
    "columns": {"ID": list(range(1, 9)), "GEMEENTE": list(back["GEMEENTE"]),
                "SCORE": [None if math.isnan(s) else s for s in score],
                "TRACK": track, "FEMALE": female, "BEDRAG": bedrag},
    "types": {"GEMEENTE": "string", "ID": "int", "SCORE": "double", "TRACK": "int",
              "FEMALE": "int", "BEDRAG": "double"},
    "missing": {"SCORE": {"system-missing": 1}}}
assert list(back.columns) == list(expected["learners.por"]["columns"]), list(back.columns)
print("por strings as pyreadstat reads them:", list(back["GEMEENTE"]))

# Stata with value labels (no user-missing in Stata; extended missings come from haven, see R).
dta = df.copy()
dta["score"] = [None if s in (-99.0, 999.0) else s for s in score]
pyreadstat.write_dta(dta, os.path.join(HERE, "learners.dta"), column_labels=labels,
                     variable_value_labels=value_labels, version=15)
expected["learners.dta"] = entry(
    {"learner_id": list(range(1, 9)), "gemeente": gemeente,
     "score": [None if (s is None or math.isnan(s)) else s for s in dta["score"]],
     "track": [value_labels["track"][c] for c in track], "female": female_levels,
     "birth": iso, "bedrag": bedrag},
    {"track": "category", "female": "category", "birth": "date", "gemeente": "string",
     "learner_id": "int", "score": "double", "bedrag": "double"},
    {"score": {"system-missing": 3}})
back = pd.read_stata(os.path.join(HERE, "learners.dta"))
assert list(back["track"].astype(str)) == [value_labels["track"][c] for c in track]
# Older Stata formats (pyreadstat's version 8 is format 113, 10 and 11 are 114, 12 is 115, 13
# is 117, 14 is 118): the same table, strings in ASCII before 118 (no UTF-8 in older formats).
ascii_dta = dta.copy()
ascii_dta["gemeente"] = [g.replace("è", "e").replace("ö", "o") for g in gemeente]
for version in [8, 10, 12, 13, 14]:
    name = f"learners_v{version}.dta"
    frame = dta if version >= 14 else ascii_dta
    pyreadstat.write_dta(frame, os.path.join(HERE, name), column_labels=labels,
                         variable_value_labels=value_labels, version=version)
    entry_v = json.loads(json.dumps(expected["learners.dta"]))
    entry_v["columns"]["gemeente"] = list(frame["gemeente"])
    expected[name] = entry_v
    back = pd.read_stata(os.path.join(HERE, name))
    assert list(back["gemeente"]) == list(frame["gemeente"]), name

# SAS transport (names upper-cased to 8 characters by the format).
xpt = df.drop(columns=["gemeente"]).rename(columns={"learner_id": "ID"})
pyreadstat.write_xport(xpt, os.path.join(HERE, "learners.xpt"))
back, meta = pyreadstat.read_xport(os.path.join(HERE, "learners.xpt"))
expected["learners.xpt"] = {
    "columns": {"ID": list(range(1, 9)),
                "score": [None if math.isnan(s) else s for s in score],
                "track": track, "female": female, "birth": iso, "bedrag": bedrag},
    "types": {"ID": "int", "score": "double", "track": "int", "female": "int",
              "birth": "date", "bedrag": "double"},
    "missing": {"score": {"system-missing": 1}}}
assert list(back.columns) == list(expected["learners.xpt"]["columns"]), list(back.columns)

# ---- Excel ----
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Leerlingen"
ws.append(["learner_id", "gemeente", "score", "ingeschreven", "bedrag", "geslaagd", "tijdstip"])
rows = [
    [1, "Liège", 12.5, dt.date(2021, 9, 1), 2687.86, True, dt.datetime(2021, 9, 1, 8, 30)],
    [2, "Brussel-Hoofdstad", "NA", dt.date(2020, 9, 1), 1234.5, False,
     dt.datetime(2020, 9, 1, 13, 45, 10)],
    [3, "Gent", 15.0, dt.date(1999, 12, 31), "#N/A", True, dt.datetime(1999, 12, 31, 23, 59, 59)],
    [4, "Malmö", "14", dt.date(2024, 2, 29), 0.1, None, dt.datetime(2024, 2, 29, 0, 0, 1)],
]
for r in rows:
    ws.append(r)
ws["C4"].number_format = "0.00"
for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
    for c in row:
        c.number_format = "dd/mm/yyyy"
for row in ws.iter_rows(min_row=2, min_col=7, max_col=7):
    for c in row:
        c.number_format = "yyyy-mm-dd hh:mm:ss"
other = wb.create_sheet("Scholen")
other.append(["school_id", "naam"])
other.append([10, "Sint-Jozef"])
other.append([11, "Atheneum"])
wb.save(os.path.join(HERE, "learners.xlsx"))
xlsx_expected = {
    "columns": {"learner_id": [1, 2, 3, 4], "gemeente": ["Liège", "Brussel-Hoofdstad", "Gent", "Malmö"],
                "score": [12.5, None, 15.0, 14.0],
                "ingeschreven": ["2021-09-01", "2020-09-01", "1999-12-31", "2024-02-29"],
                "bedrag": [2687.86, 1234.5, None, 0.1], "geslaagd": ["true", "false", "true", None],
                "tijdstip": ["2021-09-01T08:30:00", "2020-09-01T13:45:10", "1999-12-31T23:59:59",
                             "2024-02-29T00:00:01"]},
    "types": {"learner_id": "int", "gemeente": "string", "score": "double",
              "ingeschreven": "date", "bedrag": "double", "geslaagd": "bool",
              "tijdstip": "datetime"},
    "missing": {"score": {"NA": 1}, "bedrag": {"#N/A": 1}, "geslaagd": {"empty": 1}}}
expected["learners.xlsx"] = xlsx_expected
expected["learners.xlsx#Scholen"] = {
    "columns": {"school_id": [10, 11], "naam": ["Sint-Jozef", "Atheneum"]},
    "types": {"school_id": "int", "naam": "string"}, "missing": {}}
back = pd.read_excel(os.path.join(HERE, "learners.xlsx"), sheet_name="Leerlingen")
assert list(back["learner_id"]) == [1, 2, 3, 4]
assert [d.date().isoformat() for d in back["ingeschreven"]] == xlsx_expected["columns"]["ingeschreven"]

# The same workbook in the 1904 date system.
wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
wb.save(os.path.join(HERE, "learners1904.xlsx"))
expected["learners1904.xlsx"] = xlsx_expected
back = pd.read_excel(os.path.join(HERE, "learners1904.xlsx"), sheet_name="Leerlingen")
assert [d.date().isoformat() for d in back["ingeschreven"]] == xlsx_expected["columns"]["ingeschreven"]

# ---- Text: a semicolon file with decimal comma and thousands '.', in four encodings ----
amounts = ["2.687,86", "1.234,50", "687,86", "12.345.678,00", "0,25", "1.000,00"]
text_rows = ["gemeente;bedrag;jaar;score"]
places = ["Liège", "Brussel-Hoofdstad", "Gent", "Malmö", "Liège", "Brugge"]
for i, (p, a) in enumerate(zip(places, amounts)):
    text_rows.append(f"{p};{a};{2018 + i};{i},5")
text = "\n".join(text_rows) + "\n"
for name, enc in [("amounts_utf8.csv", "utf-8"), ("amounts_latin1.csv", "latin-1"),
                  ("amounts_cp1252.csv", "cp1252"), ("amounts_utf16.csv", "utf-16")]:
    with open(os.path.join(HERE, name), "w", encoding=enc, newline="") as f:
        f.write(text)
with open(os.path.join(HERE, "amounts_utf8.csv.gz"), "wb") as f:
    f.write(gzip.compress(text.encode("utf-8"), mtime=0))
# Zstandard by the zstd command-line tool (Debian zstd); the second file holds two frames, as
# `cat a.zst b.zst` makes, which a reader must read whole.
def zstd(data):
    return subprocess.run(["zstd", "-q", "-c", "-19"], input=data, capture_output=True,
                          check=True).stdout
with open(os.path.join(HERE, "amounts_utf8.csv.zst"), "wb") as f:
    f.write(zstd(text.encode("utf-8")))
half = len(text) // 2
with open(os.path.join(HERE, "amounts_utf8_frames.csv.zst"), "wb") as f:
    f.write(zstd(text[:half].encode("utf-8")) + zstd(text[half:].encode("utf-8")))
amounts_expected = {
    "columns": {"gemeente": places,
                "bedrag": [2687.86, 1234.5, 687.86, 12345678.0, 0.25, 1000.0],
                "jaar": [2018 + i for i in range(6)], "score": [i + 0.5 for i in range(6)]},
    "types": {"gemeente": "string", "bedrag": "double", "jaar": "int", "score": "double"},
    "missing": {}}
back = pd.read_csv(os.path.join(HERE, "amounts_latin1.csv"), sep=";", decimal=",",
                   thousands=".", encoding="latin-1")
assert list(back["bedrag"]) == amounts_expected["columns"]["bedrag"]
assert list(back["gemeente"]) == places
for name in ["amounts_utf8.csv", "amounts_latin1.csv", "amounts_cp1252.csv",
             "amounts_utf16.csv", "amounts_utf8.csv.gz", "amounts_utf8.csv.zst",
             "amounts_utf8_frames.csv.zst"]:
    expected[name] = amounts_expected

with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1, sort_keys=True)
print("wrote", len(expected), "fixtures; pyreadstat", pyreadstat.__version__, "openpyxl",
      openpyxl.__version__, "pandas", pd.__version__)
