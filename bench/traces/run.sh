#!/usr/bin/env bash
# Trace ingest benchmark: gwtime (DuckDB path) vs pandas read_csv on the same files, in the same run.
# Inputs: the whole galaxy-main csv_dump (real) and SYNTHETIC 1M / 10M-row Nextflow traces generated
# (seeded) into a temp folder, never the repo. Output: artifacts/bench/traces.md.
# BENCH_TRACE_SIZES="1000000 10000000" to choose the synthetic sizes.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY="${PY:-$ROOT/.venv-bench/bin/python}"
MIRROR="${GWT_DATA_MIRROR:-$ROOT/../shared/datasets}"
GALAXY="$MIRROR/galaxy-main/csv_dump"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/gwt-bench-traces.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
RES="$TMP/results.jsonl"
SIZES="${BENCH_TRACE_SIZES:-1000000 10000000}"
mkdir -p artifacts/bench

measure() { # dataset tool inputBytes cmd...
  local ds="$1" tool="$2" bytes="$3"; shift 3
  /usr/bin/time -v -o "$TMP/time.txt" "$@" > "$TMP/out.json"
  local rss; rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
  "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); d.update(dataset=sys.argv[2], inputBytes=int(sys.argv[3]), maxRssKb=int(sys.argv[4])); print(json.dumps(d))' \
    "$TMP/out.json" "$ds" "$bytes" "$rss" >> "$RES"
  tail -1 "$RES"
}

echo "==> galaxy-main csv_dump (real, $(du -sh "$GALAXY" | cut -f1))"
GB=$(cat "$GALAXY"/*.csv | wc -c)
measure galaxy-main gwtime-duckdb "$GB" node bench/traces/ingest.js galaxy "$TMP/galaxy.parquet" "$GALAXY"
measure galaxy-main pandas-read_csv "$GB" "$PY" bench/traces/pandas_read.py "$GALAXY"

for N in $SIZES; do
  LABEL="nextflow-synthetic-$((N / 1000000))M"
  echo "==> $LABEL: generating (SYNTHETIC, seeded)"
  "$PY" bench/traces/gen_trace.py "$TMP/trace_$N.tsv" "$N"
  B=$(stat -c %s "$TMP/trace_$N.tsv")
  measure "$LABEL" gwtime-duckdb "$B" node bench/traces/ingest.js nextflow "$TMP/trace_$N.parquet" "$TMP/trace_$N.tsv"
  measure "$LABEL" pandas-read_csv "$B" "$PY" bench/traces/pandas_read.py "$TMP/trace_$N.tsv"
  rm -f "$TMP/trace_$N.tsv"
done
"$PY" bench/traces/report.py "$RES" artifacts/bench/traces.md
cp "$RES" artifacts/bench/traces.jsonl
