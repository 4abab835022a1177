"""pandas side of the trace benchmark: read_csv of the same files (no unit normalisation). One JSON line."""
import glob
import json
import os
import sys
import time

import pandas as pd

paths = []
for p in sys.argv[1:]:
    paths += sorted(glob.glob(os.path.join(p, "*.csv"))) if os.path.isdir(p) else [p]
t0 = time.perf_counter()
rows = 0
for p in paths:
    sep = "\t" if open(p).readline().count("\t") > 0 else ","
    rows += len(pd.read_csv(p, sep=sep, low_memory=False))
print(json.dumps({"tool": "pandas-read_csv", "rows": rows, "seconds": time.perf_counter() - t0}))
