#!/usr/bin/env python3
"""Deterministic synthetic learner panel for the OLS peer benchmarks.

    python3 make_panel.py --rows 900000 --out bench-data/panel_900k.csv [--seed 2030]

One row per learner-year, 12 columns:
    learner_id, school_id, year, female, migrant, ses, track, age, score,
    stem_enrolled, early_leaver, region
About rows/4.5 learners (200,000 for 900,000 rows), each observed in 3-6 consecutive
years within 2015-2024, in ~1,500 schools spread over the five Flemish provinces.
Learners mostly stay in one school; ~10% move once to another school.

    score = 50 + school effect + year effect + learner effect - 1.5*female + 3*ses
            + track effect + noise

The file depends only on --rows and --seed (numpy's PCG64 generator), so every machine
benchmarks the same bytes.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

YEARS = np.arange(2015, 2025)
TRACKS = np.array(["STEM-tech", "care", "business", "arts", "general", "agri"])
TRACK_EFFECT = np.array([2.0, -1.0, 0.5, -0.5, 3.0, -2.0])
# track shares by gender: rows = male, female
TRACK_P = np.array([
    [0.34, 0.06, 0.18, 0.08, 0.26, 0.08],
    [0.10, 0.28, 0.20, 0.12, 0.26, 0.04],
])
REGIONS = np.array(["Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen"])
REGION_P = np.array([0.28, 0.13, 0.23, 0.17, 0.19])


def make_panel(rows: int, seed: int, schools: int = 1500) -> pd.DataFrame:
    rng = np.random.default_rng(seed)

    # --- learners and how many years each is observed (3-6), trimmed to exactly `rows`
    n_guess = int(np.ceil(rows / 4.5)) + 1000
    counts = rng.integers(3, 7, size=n_guess)
    cum = np.cumsum(counts)
    n = int(np.searchsorted(cum, rows, side="left")) + 1
    counts = counts[:n].copy()
    counts[-1] -= int(cum[n - 1] - rows)  # the last learner absorbs the remainder ...
    if counts[-1] < 3:  # ... keeping 3-6 years: take the shortfall from earlier 4-6 year learners
        short = 3 - int(counts[-1])
        counts[np.flatnonzero(counts[:-1] > 3)[-short:]] -= 1
        counts[-1] = 3
    assert counts.sum() == rows and counts.min() >= 3 and counts.max() <= 6

    # --- schools
    school_region = rng.choice(len(REGIONS), size=schools, p=REGION_P)
    school_eff = rng.normal(0.0, 4.0, size=schools)
    school_size = rng.lognormal(0.0, 0.6, size=schools)
    school_p = school_size / school_size.sum()

    # --- learner-level draws
    female = (rng.random(n) < 0.48).astype(np.int8)
    migrant = (rng.random(n) < 0.18).astype(np.int8)
    ses = np.round(rng.normal(0.0, 1.0, size=n) - 0.35 * migrant, 6)
    u = rng.random(n)
    cdf = np.cumsum(TRACK_P, axis=1)[female]  # (n, 6)
    track = (u[:, None] > cdf).sum(axis=1)
    track = np.minimum(track, len(TRACKS) - 1)
    learner_eff = rng.normal(0.0, 5.0, size=n)
    first_year = YEARS[0] + (rng.random(n) * (len(YEARS) - counts + 1)).astype(np.int64)
    birth_offset = rng.integers(0, 3, size=n)  # age 15-17 in the first observed year
    home = rng.choice(schools, size=n, p=school_p)
    mover = rng.random(n) < 0.10
    move_to = rng.choice(schools, size=n, p=school_p)
    move_to = np.where(move_to == home, (move_to + 1) % schools, move_to)
    move_at = 1 + (rng.random(n) * (counts - 1)).astype(np.int64)  # index of first year in new school

    # --- expand to learner-years
    lid = np.repeat(np.arange(n), counts)
    start = np.repeat(np.cumsum(counts) - counts, counts)
    k = np.arange(rows) - start  # 0-based year index within learner
    year = first_year[lid] + k
    school = np.where(mover[lid] & (k >= move_at[lid]), move_to[lid], home[lid])

    year_eff = dict(zip(YEARS, np.linspace(-1.0, 1.5, len(YEARS)) + rng.normal(0, 0.3, len(YEARS))))
    year_eff_v = np.vectorize(year_eff.get)(YEARS)[year - YEARS[0]]
    score = (50.0 + school_eff[school] + year_eff_v + learner_eff[lid] - 1.5 * female[lid]
             + 3.0 * ses[lid] + TRACK_EFFECT[track[lid]] + rng.normal(0.0, 8.0, size=rows))

    stem_p = 1.0 / (1.0 + np.exp(-(-1.2 + 2.5 * (track[lid] == 0) - 0.9 * female[lid] + 0.3 * ses[lid])))
    stem = (rng.random(rows) < stem_p).astype(np.int8)
    leave_p = 1.0 / (1.0 + np.exp(-(-3.2 - 0.5 * ses[lid] + 0.4 * migrant[lid] + 0.25 * k)))
    leaver = (rng.random(rows) < leave_p).astype(np.int8)

    return pd.DataFrame({
        "learner_id": lid + 100001,
        "school_id": school + 1,
        "year": year,
        "female": female[lid],
        "migrant": migrant[lid],
        "ses": ses[lid],
        "track": TRACKS[track[lid]],
        "age": 15 + birth_offset[lid] + (year - first_year[lid]),
        "score": np.round(score, 4),
        "stem_enrolled": stem,
        "early_leaver": leaver,
        "region": REGIONS[school_region[school]],
    })


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=900_000)
    ap.add_argument("--seed", type=int, default=2030)
    ap.add_argument("--schools", type=int, default=1500)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    t0 = time.perf_counter()
    df = make_panel(a.rows, a.seed, a.schools)
    df.to_csv(a.out, index=False)
    print(f"wrote {a.out}: {len(df)} rows, {df.learner_id.nunique()} learners, "
          f"{df.school_id.nunique()} schools, {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
