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

# labelled_schools.sav: one row per school of the panel, joined by school_id in the test that
# a joined file's variable labels name terms as the main file's do (made-up school figures).
schools = pd.DataFrame({"school_id": sorted(d["school_id"].unique())})
schools["size"] = [200 + (int(s) * 37) % 500 for s in schools["school_id"]]
schools["network"] = [1 + int(s) % 2 for s in schools["school_id"]]
pyreadstat.write_sav(schools, os.path.join(HERE, "labelled_schools.sav"),
                     column_labels={"school_id": "School", "size": "Schoolgrootte",
                                    "network": "Onderwijsnet"},
                     variable_value_labels={"network": {1: "GO!", 2: "vrij"}})
print("wrote", len(schools), "schools")
