#!/usr/bin/env python3
"""Deterministic synthetic spell data for the survival peer benchmarks.

    python3 make_spells.py --rows 1000000 --out bench-data/spells_1m.csv [--seed 2030]

One row per spell, 8 columns: time (whole months 1-60), event (0/1), group (one of four
tracks), x1..x5 (x1, x2 normal; x3 0/1; x4 uniform; x5 a small count). The hazard is
exponential in 0.3 x1 - 0.2 x2 + 0.4 x3 + 0.5 x4 - 0.1 x5 plus a group effect, with uniform
censoring, rounded up to whole months so that event times tie as they do in learner data. The
file depends only on --rows and --seed (numpy's PCG64 generator).
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

GROUPS = np.array(["STEM-tech", "care", "business", "arts"])
GROUP_EFFECT = np.array([0.0, -0.3, 0.2, 0.4])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2030)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = np.random.Generator(np.random.PCG64(args.seed))
    n = args.rows
    x1 = rng.normal(size=n)
    x2 = rng.normal(size=n)
    x3 = rng.integers(0, 2, size=n)
    x4 = rng.uniform(size=n)
    x5 = rng.poisson(2.0, size=n)
    group = rng.integers(0, 4, size=n)
    eta = 0.3 * x1 - 0.2 * x2 + 0.4 * x3 + 0.5 * x4 - 0.1 * x5 + GROUP_EFFECT[group]
    latent = rng.exponential(scale=30.0 / np.exp(eta))
    censor = rng.uniform(1, 60, size=n)
    time = np.ceil(np.minimum(latent, censor)).clip(1, 60).astype(int)
    event = (latent <= censor).astype(int)
    frame = pd.DataFrame({
        "time": time, "event": event, "group": GROUPS[group], "x1": x1.round(4),
        "x2": x2.round(4), "x3": x3, "x4": x4.round(4), "x5": x5,
    })
    frame.to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
