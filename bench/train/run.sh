#!/usr/bin/env bash
# `make bench-train`: gwtime train at several sizes of SYNTHETIC data (a Nextflow trace of T tasks joined to
# a MultiQC general-stats table of T/10 samples; bench/train/gen.js), generated into a temp folder, never the
# repo. Per size: wall seconds per phase and peak RSS (/usr/bin/time -v), BENCH_REPEATS runs (default 1).
# BENCH_TRAIN_FIT=0 stops after the join (read + QC + join only, for larger sizes).
# BENCH_TRAIN_SIZES="10000 30000 100000" chooses the task counts (the issue's target is 1000000 tasks x
# 100000 samples: run it only on an otherwise idle machine). Output: artifacts/bench/train.md, from every run appended to artifacts/bench/train.jsonl (delete it to start over).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SIZES="${BENCH_TRAIN_SIZES:-10000 30000 100000}"
REPEATS="${BENCH_REPEATS:-1}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/gwt-bench-train.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
RES="$TMP/results.jsonl"
mkdir -p artifacts/bench
for n in $SIZES; do
  s=$((n / 10))
  node bench/train/gen.js "$n" "$s" "$TMP/d$n"
  for rep in $(seq 1 "$REPEATS"); do
    /usr/bin/time -v -o "$TMP/time.txt" node bench/train/run.js "$TMP/d$n" "$TMP/m$n" > "$TMP/out.json"
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
    load=$(cut -d' ' -f1 /proc/loadavg)
    node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); d.maxRssMb=Math.round(Number(process.argv[2])/1024); d.rep=Number(process.argv[3]); d.load1=Number(process.argv[4]); d.note=process.argv[5]; console.log(JSON.stringify(d))' "$TMP/out.json" "$rss" "$rep" "$load" "${BENCH_NOTE:-}" | tee -a "$RES"
  done
done
cat "$RES" >> artifacts/bench/train.jsonl
node bench/train/report.js artifacts/bench/train.jsonl > artifacts/bench/train.md
cat artifacts/bench/train.md
