#!/usr/bin/env bash
# QC parsing benchmark: gwtime (`gwtime qc`) vs MultiQC on the same files, same machine, one run each.
# Inputs: the FastQC/Picard/GATK/samtools/fastp folders of multiqc-test-data (read in place), and
# 10x / 100x replicated trees (real directories, files symlinked and renamed per replicate) in a temp dir.
# Output: a markdown table on stdout and in artifacts/bench/qc.md.
# Knobs: REPS="1,10,100" (or "1 10 100") scales; RUNS=3 runs per tool and scale (medians reported),
# RUNS_<n>=k to override one scale (e.g. RUNS_100=1); KEEP_RESULTS=file keeps the raw TSV;
# BASELINE_DIST=/path/to/old/dist to time an
# older gwtime build side by side (label "gwtime-before"). Runs are interleaved tool by tool so
# that background load hits all tools alike.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
MIRROR="${GWT_DATA_MIRROR:-$ROOT/../shared/datasets}"
SRC="$MIRROR/multiqc-test-data/data/modules"
MULTIQC="${MULTIQC:-$ROOT/.venv-bench/bin/multiqc}"
REPS="${REPS:-1 10 100}"
REPS="${REPS//,/ }"
RUNS="${RUNS:-3}"
BASELINE_DIST="${BASELINE_DIST:-}"
TOOLS=(fastqc picard gatk samtools fastp)
[ -d "$SRC" ] || { echo "multiqc-test-data mirror not found at $SRC" >&2; exit 1; }
[ -x "$MULTIQC" ] || { echo "MultiQC not found at $MULTIQC (make .venv-bench)" >&2; exit 1; }
[ -f dist/cli/main.js ] || npx tsc -p tsconfig.json
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gwt-bench-qc.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
RESULTS="$WORK/results.tsv"
: > "$RESULTS"

make_tree() { # $1 = replicate count, $2 = destination
  local n="$1" dest="$2"
  if command -v python3 > /dev/null; then # same tree as the loop below, in seconds instead of minutes at 100x
    python3 - "$SRC" "$n" "$dest" "${TOOLS[@]}" <<'PY'
import os, sys
src, n, dest, tools = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
for t in tools:
    for root, _dirs, files in os.walk(os.path.join(src, t)):
        rel = os.path.relpath(root, src)
        for f in files:
            for r in range(1, n + 1):
                d = os.path.join(dest, f"rep{r}", rel)
                os.makedirs(d, exist_ok=True)
                os.symlink(os.path.join(root, f), os.path.join(d, f"r{r}_{f}"))
PY
    return
  fi
  for t in "${TOOLS[@]}"; do
    (cd "$SRC" && find "$t" -type f) | while read -r rel; do
      local d="${rel%/*}" b="${rel##*/}"
      for ((r = 1; r <= n; r++)); do
        mkdir -p "$dest/rep$r/$d"
        ln -s "$SRC/$rel" "$dest/rep$r/$d/r${r}_$b"
      done
    done
  done
}

measure() { # $1 = label, $2 = scale, $3 = tree, rest = command
  local label="$1" scale="$2" tree="$3"; shift 3
  local log="$WORK/time.$label.$scale.$run.log"
  /usr/bin/time -v "$@" > "$WORK/out.$label.$scale.log" 2> "$log" || { echo "$label failed at ${scale}x, see below" >&2; tail -20 "$log" >&2; }
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log")
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$scale" "$wall" "$rss" "$cpu" >> "$RESULTS"
}

for n in $REPS; do
  if [ "$n" = 1 ]; then tree="$WORK/x1"; mkdir -p "$tree"; for t in "${TOOLS[@]}"; do ln -s "$SRC/$t" "$tree/$t"; done
  else tree="$WORK/x$n"; echo "building ${n}x tree..." >&2; make_tree "$n" "$tree"; fi
  files=$(find -L "$tree" -type f | wc -l)
  bytes=$(find -L "$tree" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%d\n", s}')
  printf 'files\t%s\t%s\t%s\n' "$n" "$files" "$bytes" >> "$RESULTS"
  runs_var="RUNS_$n"; runs="${!runs_var:-$RUNS}"
  for ((run = 1; run <= runs; run++)); do
    echo "${n}x run $run/$runs: $files files, $bytes bytes; gwtime..." >&2
    measure gwtime "$n" "$tree" node dist/cli/main.js qc "$tree" --out "$WORK/gwt.$n.csv" --keep-going
    if [ -n "$BASELINE_DIST" ]; then
      echo "${n}x run $run/$runs: gwtime-before..." >&2
      measure gwtime-before "$n" "$tree" node "$BASELINE_DIST/cli/main.js" qc "$tree" --out "$WORK/gwt-before.$n.csv"
    fi
    echo "${n}x run $run/$runs: MultiQC..." >&2
    measure multiqc "$n" "$tree" "$MULTIQC" -f -q --no-report --no-version-check --no-ansi -o "$WORK/mqc.$n" \
      -m fastqc -m picard -m gatk -m samtools -m fastp "$tree"
  done
  if [ -n "$BASELINE_DIST" ]; then
    if cmp -s "$WORK/gwt.$n.csv" "$WORK/gwt-before.$n.csv"; then same=identical; else same=DIFFERENT; fi
    printf 'csv\t%s\t%s\n' "$n" "$same" >> "$RESULTS"
  fi
  printf 'parsed\t%s\t%s\n' "$n" "$(grep -h '^gwtime qc:' "$WORK/time.gwtime.$n.1.log" | sed "s|$WORK/||g" || true)" >> "$RESULTS"
done

mkdir -p artifacts/bench
[ -n "${KEEP_RESULTS:-}" ] && cp "$RESULTS" "$KEEP_RESULTS" # raw TSV, e.g. to merge runs of different scales
node bench/qc/table.js "$RESULTS" | tee artifacts/bench/qc.md
