#!/usr/bin/env python3
"""Data for the wild bootstrap benchmark (run_bootstrap_peers.sh): 100,000 rows (--rows), 20
clusters of unequal size, y = 1 + 0.1 x + z + cluster effect + noise; numpy PCG64, --seed.

    python3 make_bootstrap_data.py --rows 100000 --out bench-data/bootstrap_100k.csv
"""
import argparse

import numpy as np
import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=100_000)
parser.add_argument("--clusters", type=int, default=20)
parser.add_argument("--seed", type=int, default=2030)
parser.add_argument("--out", required=True)
args = parser.parse_args()
rng = np.random.default_rng(args.seed)
g = (args.clusters * rng.random(args.rows) * rng.random(args.rows)).astype(int)
effects = rng.normal(size=args.clusters)
x = effects[g] + rng.normal(size=args.rows)
z = rng.normal(size=args.rows)
y = 1 + 0.1 * x + z + effects[g] + rng.normal(size=args.rows)
pd.DataFrame({"y": y, "x": x, "z": z, "school_id": g + 1}).to_csv(args.out, index=False)
