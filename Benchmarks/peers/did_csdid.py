"""Callaway-Sant'Anna with Python csdid on the benchmark file: not-yet-treated comparisons,
doubly robust with two covariates (female, ses), unbalanced panel, dynamic aggregation with
analytical standard errors. Prints the overall dynamic effect and the elapsed seconds.

  python3 did_csdid.py FILE
"""
import sys
import time
import warnings

import pandas as pd
from csdid.att_gt import ATTgt

warnings.filterwarnings("ignore")
start = time.perf_counter()
d = pd.read_csv(sys.argv[1])
fit = ATTgt(yname="stem_score", tname="year", idname="learner_id", gname="first_treat", data=d,
            control_group="notyettreated", xformla="stem_score~female+ses",
            allow_unbalanced_panel=True).fit(est_method="dr", bstrap=False)
fit.aggte(typec="dynamic", bstrap=False, cband=False)
print("dynamic overall:", fit.atte["overall_att"], fit.atte["overall_se"])
print(f"elapsed_seconds: {time.perf_counter() - start:.3f}")
