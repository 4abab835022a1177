"""pandas side of the trace benchmark: read_csv of the same files (no unit normalisation). One JSON line.

  pandas_read.py PATH...                       read_csv only (the issue's baseline)
  pandas_read.py --to-parquet OUTDIR PATH...   read_csv, then to_parquet (pyarrow, zstd) per input file:
                                               what a pandas user does to keep a reusable copy (one file per
                                               input, since the Galaxy CSVs have different columns)
"""
import glob
import json
import os
import sys
import time

import pandas as pd

args = sys.argv[1:]
out_dir = None
if args and args[0] == "--to-parquet":
    out_dir, args = args[1], args[2:]
    os.makedirs(out_dir, exist_ok=True)
paths = []
for p in args:
    paths += sorted(glob.glob(os.path.join(p, "*.csv"))) if os.path.isdir(p) else [p]
t0 = time.perf_counter()
rows = 0
parquet_bytes = 0
for i, p in enumerate(paths):
    sep = "\t" if open(p).readline().count("\t") > 0 else ","
    df = pd.read_csv(p, sep=sep, low_memory=False)
    rows += len(df)
    if out_dir is not None:
        # object columns may mix numbers and text in a CSV; pyarrow needs one type per column
        for c in df.columns[df.dtypes == object]:
            df[c] = df[c].astype("string")
        f = os.path.join(out_dir, f"{i:04d}.parquet")
        df.to_parquet(f, engine="pyarrow", compression="zstd", index=False)
        parquet_bytes += os.path.getsize(f)
rec = {"tool": "pandas-read_csv" if out_dir is None else "pandas-read_csv+to_parquet", "rows": rows, "seconds": time.perf_counter() - t0}
if out_dir is not None:
    rec["parquetBytes"] = parquet_bytes
print(json.dumps(rec))
