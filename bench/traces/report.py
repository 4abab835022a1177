"""Compose artifacts/bench/traces.md from the JSON lines run.sh collected (tool x dataset x repeat).

Medians over repeats; ratios are pandas median / gwtime median from the same run (interleaved runs).
Usage: report.py RESULTS.jsonl OUT.md [NOTES.md] (NOTES is appended verbatim: hand-written analysis).
"""
import json
import os
import statistics
import sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
out = sys.argv[2]
notes = open(sys.argv[3]).read() if len(sys.argv) > 3 and os.path.exists(sys.argv[3]) else ""
by: dict = {}
for r in rows:
    by.setdefault(r["dataset"], {}).setdefault(r["tool"], []).append(r)


def med(rs, k):
    vals = [r[k] for r in rs if r.get(k) is not None]
    return statistics.median(vals) if vals else None


TOOLS = ["gwtime-duckdb", "gwtime-duckdb-nowrite", "pandas-read_csv", "pandas-read_csv+to_parquet", "pandas-equal-work"]
loads = [r["load1"] for r in rows if r.get("load1") is not None]
load = f"load average {min(loads):.1f}-{max(loads):.1f}, median {statistics.median(loads):.1f}" if loads else "load not recorded"
lines = [
    "# Trace ingest benchmark: gwtime (DuckDB) vs pandas read_csv",
    "",
    "Same files, same run, same machine (2 cores, shared), interleaved; ratios come from medians of the same run.",
    f"Conditions: {os.environ.get('BENCH_NOTE') or 'not described (set BENCH_NOTE)'} ({load} after each measurement).",
    "",
    "What each side does:",
    "- `gwtime-duckdb` = `ingestToParquet`: read CSV/TSV (columns whose first 16 KiB hold plain numbers or timestamps",
    "  typed by DuckDB's reader, the rest as text; missing markers as NULL; rejects kept with line numbers; a typed",
    "  column that fails on a later cell makes the COPY rerun with that column as text, so no row is lost), normalise",
    "  to TaskRun columns in SQL (units, missing values, workflow/task names, input-size sums and maps) and write zstd",
    "  Parquet (format v2), one DuckDB thread per 32 MiB of the largest input file, at most one per idle core (column",
    "  `threads`: what the default chose at the start of each run). This",
    "  is the shipped path. Both timers start once the library is loaded (the DuckDB binding; `import pandas`); CPU s and peak RSS cover the whole process.",
    "- `gwtime-duckdb-nowrite` = the same read + normalisation into an in-memory DuckDB table, no Parquet (bench only).",
    "- `pandas-read_csv` = `pd.read_csv` only: parse with type inference into a DataFrame; no normalisation, no output.",
    "  Even the no-write gwtime row does more work than this.",
    "- `pandas-read_csv+to_parquet` = the same read, then `DataFrame.to_parquet` (pyarrow, zstd) per input file: what a",
    "  pandas user runs to keep a reusable copy (still no normalisation). Compare it with `gwtime-duckdb` (last ratio column).",
    "- `pandas-equal-work` = bench/traces/pandas_equal.py: the work gwtime does, in pandas + pyarrow (every cell read as text by",
    "  pyarrow.csv, rows with the wrong field count rejected and counted, missing markers, Nextflow durations / memory / IO /",
    "  percentages / timestamps and Galaxy sizes converted with gwtime's rules, unparsable or negative cells counted and left",
    "  missing, TaskRun-like columns to zstd Parquet). `lib/traces/pandasEqual.test.ts` checks it keeps the same rows and finds",
    "  the same unparsable cells as gwtime on real and hostile traces. Its ratio is in the column `equal work`.",
    "The 1M / 10M Nextflow traces are SYNTHETIC (bench/traces/gen_trace.py, seed 20240607), for scale only.",
    "",
    "| dataset | input MB | rows | tool | n | threads | seconds (median) | CPU s | rows/s | MB/s | peak RSS MB | Parquet MB | speed ratio (pandas s / tool s) | RSS / Parquet | vs pandas read+Parquet (its s / tool s) | equal work: pandas-equal-work s / tool s | issues (unparsable cells + rejected rows) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
]
for ds, tools in by.items():
    p = tools.get("pandas-read_csv")
    ps = med(p, "seconds") if p else None
    pq_ds = med(tools.get("gwtime-duckdb", []), "parquetBytes")
    pw = tools.get("pandas-read_csv+to_parquet")
    pws = med(pw, "seconds") if pw else None
    pe = tools.get("pandas-equal-work")
    pes = med(pe, "seconds") if pe else None
    for t in TOOLS:
        rs = tools.get(t)
        if not rs:
            continue
        s, cpu, rss, pq = med(rs, "seconds"), med(rs, "cpuSeconds"), med(rs, "maxRssKb"), med(rs, "parquetBytes")
        mb = rs[0]["inputBytes"] / 1e6
        ratio = f"{ps / s:.2f}" if ps and t.startswith("gwtime") else ""
        ratio_w = f"{pws / s:.2f}" if pws and t == "gwtime-duckdb" else ""
        ratio_e = f"{pes / s:.2f}" if pes and t == "gwtime-duckdb" else ""
        bad = rs[0].get("issues") if t == "gwtime-duckdb" else rs[0]["unparsableCells"] + rs[0]["rejectedRows"] if t == "pandas-equal-work" else None
        rss_pq = f"{rss / 1024 / (pq_ds / 2**20):.1f}" if pq_ds and t == "gwtime-duckdb" else ""
        th = sorted({r["threads"] for r in rs if r.get("threads") is not None})
        lines.append(
            f"| {ds} | {mb:.0f} | {rs[0]['rows']:,} | {t} | {len(rs)} | {'/'.join(map(str, th))} | {s:.2f} | {cpu:.2f} | {rs[0]['rows'] / s:,.0f} | {mb / s:.1f} | {rss / 1024:.0f} | "
            f"{'' if not pq else f'{pq / 2**20:.1f}'} | {ratio} | {rss_pq} | {ratio_w} | {ratio_e} | {'' if bad is None else f'{bad:,}'} |"
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
if notes:
    lines += ["", notes.rstrip()]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
