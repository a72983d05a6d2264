#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into Fuzz/Seeds/<target>/: small valid inputs
taken from the repository's fixtures and bundled study, and every hostile-input reproducer of
issue 17 (deep nesting, huge powers and lags, an alias bomb, ...). Run from anywhere:
    python3 Fuzz/make_seeds.py
The seeds are committed; re-run this script only to change them."""
import os, pathlib, random, shutil

here = pathlib.Path(__file__).resolve().parent
root = here.parent
seeds = here / "Seeds"

def write(target, name, data):
    folder = seeds / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    (folder / name).write_bytes(data)

shutil.rmtree(seeds, ignore_errors=True)

# --- CSV: three option bytes (delimiter, decimal comma, threads), then the file.
small_csvs = [p for p in sorted((root / "Tests" / "Fixtures").rglob("*.csv")) if p.stat().st_size < 3000]
small_csvs += sorted((root / "datasets" / "demo").glob("*.csv"))[:1]
for i, path in enumerate(small_csvs[:12]):
    write("FuzzCSV", f"fixture_{i:02d}", bytes([0, 0, 0]) + path.read_bytes()[:4000])
write("FuzzCSV", "semicolon_decimal_comma", bytes([2, 1, 1]) + "a;b;c\n1,5;2;x\n\"\";3,25;\"q\"\"\"\n".encode())
write("FuzzCSV", "quoted_newline_crlf", bytes([1, 0, 0]) + b'\xef\xbb\xbfy,t\r\n"a\r\nb",1\r\nNA,.\r\n')
write("FuzzCSV", "extremes", bytes([1, 0, 0]) + b"x,y\n1e308,-1e308\n1e-320,inf\nnan,-0\n")
# Issue 15: a Latin-1 semicolon export with thousands separators (encoding and format detected),
# the same declared, and UTF-16 with a byte-order mark.
latin1 = "gemeente;bedrag\nLi\u00e8ge;2.687,86\nGent;687,86\nMalm\u00f6;1.234.567,5\n".encode("latin-1")
write("FuzzCSV", "latin1_thousands_detected", bytes([0, 0, 0]) + latin1)
write("FuzzCSV", "latin1_thousands_declared", bytes([2, 1, 16]) + latin1)
write("FuzzCSV", "utf16_bom", bytes([0, 0, 4]) + "a,b\n\"1,234\",x\n".encode("utf-16"))

# --- Formulas.
formulas = [
    "y ~ x", "y ~ x + z", "y ~ x * z + C(g)", "y ~ 0 + x", "y ~ (x + z + g)^2", "y ~ I(x^2) + log(w)",
    "y ~ x | id + t", "y ~ x + z | id^t", "y ~ x + (1 + x | id)", "y ~ x:C(g) - 1", "b ~ x + z + C(g, ref = 'b')",
]
for i, f in enumerate(formulas):
    write("FuzzFormula", f"formula_{i:02d}", f)
write("FuzzFormula", "c1_parentheses_20000", "y ~ " + "(" * 20000 + "x" + ")" * 20000)
write("FuzzFormula", "c1_nested_I_20000", "y ~ " + "I(" * 20000 + "x" + ")" * 20000)
write("FuzzFormula", "c1_nested_log_20000", "y ~ " + "log(" * 20000 + "x" + ")" * 20000)
write("FuzzFormula", "c1_unary_minus_40000", "y ~ " + "-" * 40000 + "x")
write("FuzzFormula", "c2_power_1e19", "y ~ (x + z)^1e19")
write("FuzzFormula", "c2_power_1e300", "y ~ (x + z)^1e300")
write("FuzzFormula", "c2_power_1e400", "y ~ x^1e400")
write("FuzzFormula", "h1_power_1e9", "y ~ (x + z)^1e9")
write("FuzzFormula", "h4_unknown_names_4000", "y ~ " + " + ".join(f"unknown{i}" for i in range(4000)))
write("FuzzFormula", "c5_wide_power", "y ~ (x + z + g + id + t + w + b + C(id) + C(t) + C(g))^5")

# --- Specs (the workspace holds data.csv and schools.csv).
bundled = (root / "notebooks-md" / "stem_gender_gap.yaml").read_text()
bundled = bundled.replace("../datasets/vet_learners_sample.csv", "data.csv").replace(
    "../datasets/vet_schools_sample.csv", "schools.csv")
write("FuzzSpec", "bundled_study.yaml", bundled)
for path in sorted((root / "Tests" / "Fixtures" / "specs" / "malformed").glob("*.yaml")):
    write("FuzzSpec", "malformed_" + path.name, path.read_text())
head = "study: s\ndata: {path: data.csv, panel: {unit: learner_id, time: year}}\n"
tail = "analyses:\n  - {name: a, kind: describe, variables: [stem_score], by: [year]}\n"
def derive_spec(expression):
    return head + "derive:\n  z: " + repr(expression).replace("'", '"') + "\n" + tail
levels = ["x0: &x0 [a, a, a, a, a, a, a, a, a]"]
for k in range(1, 9):
    levels.append(f"x{k}: &x{k} [" + ", ".join([f"*x{k-1}"] * 9) + "]")
write("FuzzSpec", "h3_alias_bomb.yaml", "\n".join(levels) + "\nstudy: bomb\nanalyses: *x8\n")
write("FuzzSpec", "c6_lag_1e19.yaml", derive_spec("lag(ses, 1e19)"))
write("FuzzSpec", "c6_lead_1e300.yaml", derive_spec("lead(ses, 1e300)"))
write("FuzzSpec", "c6_lead_int64.yaml", derive_spec("lead(ses, 9223372036854774784)"))
write("FuzzSpec", "control_character.yaml", "study: s\n\nseed: 1\x01\n")
write("FuzzSpec", "crlf.yaml", bundled.replace("\n", "\r\n"))
for name, label in [("regressions", "report_file"), ("prof_numeric", "describe_suffix")]:
    write("FuzzSpec", f"name_{label}.yaml", head + f"analyses:\n  - {{name: {name}, kind: ols, formula: 'stem_score ~ ses'}}\n")
write("FuzzSpec", "name_300.yaml", head + "analyses:\n  - {name: " + "n" * 300 + ", kind: ols, formula: 'stem_score ~ ses'}\n")

# --- Expressions: one choice byte (0: derive only, 1: also filter on it), then the text.
expressions = [
    "year - 2020", "if_else(female == 1, 'female', 'male')", "lag(ses, 1)", "lead(stem_score, 2) - stem_score",
    "is_missing(adoption_year)", "round(ses, 2)", "min(ses, 0) + max(age, 18) * 2 ^ 3", "not (age >= 15 and age <= 29)",
    "log(abs(ses) + 1) / sqrt(age)", "exp(stem_score)", "round(ses, 308)", "track == 'STEM-tech' or migrant != 0",
]
for i, e in enumerate(expressions):
    write("FuzzExpression", f"expression_{i:02d}", bytes([i % 2]) + e.encode())
write("FuzzExpression", "c7_parentheses_20000", b"\x00" + ("(" * 20000 + "ses" + ")" * 20000).encode())
write("FuzzExpression", "c7_flat_sum_40000", b"\x00" + " + ".join(["ses"] * 40000).encode())
write("FuzzExpression", "c7_not_50000", b"\x00" + ("not " * 50000 + "true").encode())
write("FuzzExpression", "c7_if_else_20000", b"\x00" + ("if_else(true, " * 20000 + "1" + ", 0)" * 20000).encode())
write("FuzzExpression", "c6_lag_1e19", b"\x00lag(ses, 1e19)")
write("FuzzExpression", "c6_lead_int64", b"\x00lead(ses, 9223372036854774784)")

# --- Fits: random byte strings (the first bytes draw the table, the next the model).
rng = random.Random(2030)
for i in range(16):
    write("FuzzFit", f"random_{i:02d}", bytes(rng.randrange(256) for _ in range(rng.randrange(20, 400))))
