"""Compose artifacts/bench/traces.md from the JSON lines run.sh collected (tool x dataset x repeat).

Medians over repeats; ratios are pandas median / gwtime median from the same run (interleaved runs).
"""
import json
import statistics
import sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
out = sys.argv[2]
by: dict = {}
for r in rows:
    by.setdefault(r["dataset"], {}).setdefault(r["tool"], []).append(r)


def med(rs, k):
    vals = [r[k] for r in rs if r.get(k) is not None]
    return statistics.median(vals) if vals else None


TOOLS = ["gwtime-duckdb", "gwtime-duckdb-nowrite", "pandas-read_csv"]
lines = [
    "# Trace ingest benchmark: gwtime (DuckDB) vs pandas read_csv",
    "",
    "Same files, same run, same machine: 2 cores, shared and busy (a DNA-seq harness and other engineers' jobs ran",
    "throughout, load average ~6-9), so absolute seconds are inflated and noisy; the three tools ran interleaved, and",
    "ratios come from medians of the same run.",
    "",
    "What each side does:",
    "- `gwtime-duckdb` = `ingestToParquet`: read CSV/TSV (every column as text, rejects kept with line numbers), normalise",
    "  to TaskRun columns in SQL (units, missing values, workflow/task names, input-size sums and maps) and write zstd",
    "  Parquet (format v2). This is the shipped path.",
    "- `gwtime-duckdb-nowrite` = the same read + normalisation into an in-memory DuckDB table, no Parquet (bench only).",
    "- `pandas-read_csv` = `pd.read_csv` only: parse with type inference into a DataFrame; no normalisation, no output.",
    "  Even the no-write gwtime row does more work than this.",
    "The 1M / 10M Nextflow traces are SYNTHETIC (bench/traces/gen_trace.py, seed 20240607), for scale only.",
    "",
    "| dataset | input MB | rows | tool | n | seconds (median) | CPU s | rows/s | MB/s | peak RSS MB | Parquet MB | speed ratio (pandas s / tool s) | RSS / Parquet |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
]
for ds, tools in by.items():
    p = tools.get("pandas-read_csv")
    ps = med(p, "seconds") if p else None
    pq_ds = med(tools.get("gwtime-duckdb", []), "parquetBytes")
    for t in TOOLS:
        rs = tools.get(t)
        if not rs:
            continue
        s, cpu, rss, pq = med(rs, "seconds"), med(rs, "cpuSeconds"), med(rs, "maxRssKb"), med(rs, "parquetBytes")
        mb = rs[0]["inputBytes"] / 1e6
        ratio = f"{ps / s:.2f}" if ps and t != "pandas-read_csv" else ""
        rss_pq = f"{rss / 1024 / (pq_ds / 2**20):.1f}" if pq_ds and t == "gwtime-duckdb" else ""
        lines.append(
            f"| {ds} | {mb:.0f} | {rs[0]['rows']:,} | {t} | {len(rs)} | {s:.2f} | {cpu:.2f} | {rs[0]['rows'] / s:,.0f} | {mb / s:.1f} | {rss / 1024:.0f} | "
            f"{'' if not pq else f'{pq / 2**20:.1f}'} | {ratio} | {rss_pq} |"
        )
g1 = by.get("nextflow-synthetic-1M", {}).get("gwtime-duckdb")
g10 = by.get("nextflow-synthetic-10M", {}).get("gwtime-duckdb")
if g1 and g10:
    lines += ["", f"Linearity (gwtime → Parquet): 10M/1M time ratio = {med(g10, 'seconds') / med(g1, 'seconds'):.1f}, CPU ratio = "
              f"{med(g10, 'cpuSeconds') / med(g1, 'cpuSeconds'):.1f} (10.0 = linear); peak RSS 1M = {med(g1, 'maxRssKb') / 1024:.0f} MB, "
              f"10M = {med(g10, 'maxRssKb') / 1024:.0f} MB (flat: streaming)."]
p1 = by.get("nextflow-synthetic-1M", {}).get("pandas-read_csv")
p10 = by.get("nextflow-synthetic-10M", {}).get("pandas-read_csv")
if p1 and p10:
    lines += [f"pandas: 10M/1M time ratio = {med(p10, 'seconds') / med(p1, 'seconds'):.1f}; peak RSS 1M = {med(p1, 'maxRssKb') / 1024:.0f} MB, 10M = {med(p10, 'maxRssKb') / 1024:.0f} MB."]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
