"""Writes labelled_panel.sav: the synthetic learner panel's 2024 rows (datasets/, no real person)
with SPSS variable labels, for the test that a report names terms by their variable labels.
Run from this folder: python3 make_labelled_panel.py (pyreadstat 1.3.8, pandas)."""
import os

import pandas as pd
import pyreadstat

HERE = os.path.dirname(os.path.abspath(__file__))
d = pd.read_csv(os.path.join(HERE, "../../../datasets/vet_learners_sample.csv"))
d = d[d["year"] == 2024][["learner_id", "school_id", "female", "ses", "track", "stem_score"]]
labels = {"learner_id": "Leerling", "school_id": "School", "female": "Meisje",
          "ses": "Sociaal-economische status", "track": "Onderwijsvorm",
          "stem_score": "STEM-score"}
pyreadstat.write_sav(d, os.path.join(HERE, "labelled_panel.sav"), column_labels=labels)
print("wrote", len(d), "rows")
