#!/usr/bin/env bash
# Trace ingest benchmark: gwtime (DuckDB path) vs pandas read_csv on the same files, in the same run.
# Inputs: the whole galaxy-main csv_dump (real) and SYNTHETIC 1M / 10M-row Nextflow traces generated
# (seeded) into a temp folder, never the repo. Output: artifacts/bench/traces.md (+ traces.jsonl).
# Each dataset runs gwtime (ingest → Parquet), gwtime --no-write (same read + normalisation into an
# in-memory table), pandas read_csv, pandas read_csv + to_parquet and pandas doing gwtime's work (bench/traces/pandas_equal.py:
# same unit rules, unparsable cells counted, Parquet), interleaved, BENCH_REPEATS times (default 3; the report takes
# medians; BENCH_TRACES_OUT=path/stem changes where the table goes). BENCH_NOTE="..." describes the machine conditions in the report. BENCH_TRACE_SIZES="1000000 10000000" chooses the synthetic sizes; BENCH_REPEATS_BIG (default
# 1) is the repeat count for sizes of 5M rows and more. bench/traces/notes.md (hand-written analysis, e.g. the
# before/after table of a change) is appended to the report.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY="${PY:-$ROOT/.venv-bench/bin/python}"
MIRROR="${GWT_DATA_MIRROR:-$ROOT/../shared/datasets}"
GALAXY="$(cd "$MIRROR/galaxy-main/csv_dump" && pwd)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/gwt-bench-traces.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
RES="$TMP/results.jsonl"
SIZES="${BENCH_TRACE_SIZES:-1000000 10000000}"
REPEATS="${BENCH_REPEATS:-3}"
REPEATS_BIG="${BENCH_REPEATS_BIG:-1}"
mkdir -p artifacts/bench

measure() { # dataset inputBytes rep cmd...
  local ds="$1" bytes="$2" rep="$3"; shift 3
  /usr/bin/time -v -o "$TMP/time.txt" "$@" > "$TMP/out.json"
  local rss cpu load; rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
  load=$(cut -d' ' -f1 /proc/loadavg)
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u + s}' "$TMP/time.txt")
  "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); d.update(dataset=sys.argv[2], inputBytes=int(sys.argv[3]), maxRssKb=int(sys.argv[4]), cpuSeconds=float(sys.argv[5]), rep=int(sys.argv[6]), load1=float(sys.argv[7])); print(json.dumps(d))' \
    "$TMP/out.json" "$ds" "$bytes" "$rss" "$cpu" "$rep" "$load" >> "$RES"
  tail -1 "$RES"
}

trio() { # dataset inputBytes repeats format path
  local ds="$1" bytes="$2" reps="$3" fmt="$4" path="$5"
  for rep in $(seq 1 "$reps"); do
    measure "$ds" "$bytes" "$rep" node bench/traces/ingest.js "$fmt" "$TMP/$ds.parquet" "$path"
    measure "$ds" "$bytes" "$rep" node bench/traces/ingest.js --no-write "$fmt" "$TMP/$ds.parquet" "$path"
    measure "$ds" "$bytes" "$rep" "$PY" bench/traces/pandas_read.py "$path"
    rm -rf "$TMP/pq"
    measure "$ds" "$bytes" "$rep" "$PY" bench/traces/pandas_read.py --to-parquet "$TMP/pq" "$path"
    rm -rf "$TMP/pq"
    # equal work: gwtime's unit rules, unparsable-cell count and Parquet, in pandas + pyarrow
    measure "$ds" "$bytes" "$rep" "$PY" bench/traces/pandas_equal.py "$fmt" "$TMP/pq" "$path"
    rm -rf "$TMP/pq"
  done
}

echo "==> galaxy-main csv_dump (real, $(du -sh "$GALAXY" | cut -f1))"
GB=$(cat "$GALAXY"/*.csv | wc -c)
trio galaxy-main "$GB" "$REPEATS" galaxy "$GALAXY"

for N in $SIZES; do
  if [ "$N" -ge 1000000 ]; then LABEL="nextflow-synthetic-$((N / 1000000))M"; else LABEL="nextflow-synthetic-$((N / 1000))k"; fi
  echo "==> $LABEL: generating (SYNTHETIC, seeded)"
  "$PY" bench/traces/gen_trace.py "$TMP/trace_$N.tsv" "$N"
  B=$(stat -c %s "$TMP/trace_$N.tsv")
  R="$REPEATS"; [ "$N" -ge 5000000 ] && R="$REPEATS_BIG"
  trio "$LABEL" "$B" "$R" nextflow "$TMP/trace_$N.tsv"
  rm -f "$TMP/trace_$N.tsv"
done
OUT="${BENCH_TRACES_OUT:-artifacts/bench/traces}"  # e.g. a loaded-machine run kept beside the quiet-machine table
cp "$RES" "$OUT.jsonl"
"$PY" bench/traces/report.py "$RES" "$OUT.md" bench/traces/notes.md
