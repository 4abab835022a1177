#!/usr/bin/env bash
# `make bench-train`: gwtime train at several sizes of SYNTHETIC data (a Nextflow trace of T tasks joined to
# a MultiQC general-stats table of T/10 samples; bench/train/gen.js), generated into a temp folder, never the
# repo. Per size: wall seconds per phase and peak RSS (/usr/bin/time -v), BENCH_REPEATS runs (default 1).
# BENCH_TRAIN_MAX_ROWS sets train's row cap per step (default: train's own, 5000).
# BENCH_TRAIN_SIZES="100000 1000000" chooses the task counts (the issue's target: 1000000 tasks x 100000
# samples in <= 2 min, <= 2 GB peak). Wall time depends on the machine's load: the table gives CPU seconds
# (user + sys of the process) too, which a busy machine inflates far less. Output: artifacts/bench/train.md, from every run appended to artifacts/bench/train.jsonl (delete it to start over).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SIZES="${BENCH_TRAIN_SIZES:-100000 1000000}"
REPEATS="${BENCH_REPEATS:-1}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/gwt-bench-train.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
RES="$TMP/results.jsonl"
mkdir -p artifacts/bench
# the code measured: the commit, "-dirty" when lib/ or bench/ differ from it (the report keeps code versions apart)
CODE="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain -- lib bench 2>/dev/null)" ]; then CODE="$CODE-dirty"; fi
for n in $SIZES; do
  s=$((n / 10))
  node bench/train/gen.js "$n" "$s" "$TMP/d$n"
  for rep in $(seq 1 "$REPEATS"); do
    load0=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -v -o "$TMP/time.txt" node bench/train/run.js "$TMP/d$n" "$TMP/m$n" > "$TMP/out.json"
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
    cpu=$(awk -F': ' '/User time \(seconds\)/ {u=$2} /System time \(seconds\)/ {s=$2} END {print u + s}' "$TMP/time.txt")
    load=$(cut -d' ' -f1 /proc/loadavg)
    node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); d.maxRssMb=Math.round(Number(process.argv[2])/1024); d.rep=Number(process.argv[3]); d.load1=Number(process.argv[4]); d.note=process.argv[5]; d.cpuS=Number(process.argv[6]); d.load1Before=Number(process.argv[7]); d.code=process.argv[8]; console.log(JSON.stringify(d))' "$TMP/out.json" "$rss" "$rep" "$load" "${BENCH_NOTE:-}" "$cpu" "$load0" "$CODE" | tee -a "$RES"
  done
done
cat "$RES" >> artifacts/bench/train.jsonl
node bench/train/report.js artifacts/bench/train.jsonl > artifacts/bench/train.md
cat artifacts/bench/train.md
