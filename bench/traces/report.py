"""Compose artifacts/bench/traces.md from the JSON lines run.sh collected (one per tool x dataset)."""
import json
import sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
out = sys.argv[2]
by = {}
for r in rows:
    by.setdefault(r["dataset"], {})[r["tool"]] = r
lines = [
    "# Trace ingest benchmark: gwtime (DuckDB) vs pandas read_csv",
    "",
    "Same files, same run, same machine (2 cores, shared and busy while this ran: other engineers' builds and the DNA-seq harness were running; absolute numbers are noisy, ratios less so).",
    "gwtime = `ingestToParquet` (read CSV/TSV, normalise to TaskRun columns in SQL: units, missing values, input-size sums; write zstd Parquet).",
    "pandas = `pd.read_csv` only (no normalisation, no output), so the comparison is generous to pandas.",
    "The 1M / 10M Nextflow traces are SYNTHETIC (bench/traces/gen_trace.py, seed 20240607), for scale only.",
    "",
    "| dataset | input MB | rows | tool | seconds | rows/s | MB/s | peak RSS MB | Parquet MB | speed ratio (pandas s / gwtime s) | RSS / Parquet |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
]
for ds, tools in by.items():
    g, p = tools.get("gwtime-duckdb"), tools.get("pandas-read_csv")
    for r in (g, p):
        if not r:
            continue
        mb = r["inputBytes"] / 1e6
        pq = r.get("parquetBytes")
        ratio = f"{p['seconds'] / g['seconds']:.2f}" if (g and p and r is g) else ""
        rss_pq = f"{r['maxRssKb'] / 1024 / (pq / 2**20):.1f}" if pq else ""
        lines.append(f"| {ds} | {mb:.0f} | {r['rows']:,} | {r['tool']} | {r['seconds']:.1f} | {r['rows'] / r['seconds']:,.0f} | {mb / r['seconds']:.1f} | {r['maxRssKb'] / 1024:.0f} | {'' if not pq else f'{pq / 2**20:.1f}'} | {ratio} | {rss_pq} |")
g1 = by.get("nextflow-synthetic-1M", {}).get("gwtime-duckdb")
g10 = by.get("nextflow-synthetic-10M", {}).get("gwtime-duckdb")
if g1 and g10:
    lines += ["", f"Linearity (gwtime): 10M/1M time ratio = {g10['seconds'] / g1['seconds']:.1f} (10.0 = linear); peak RSS 1M = {g1['maxRssKb'] / 1024:.0f} MB, 10M = {g10['maxRssKb'] / 1024:.0f} MB."]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
