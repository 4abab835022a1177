#!/usr/bin/env bash
# QC parsing benchmark: gwtime (`gwtime qc`) vs MultiQC on the same files, same machine, one run each.
# Inputs: the FastQC/Picard/GATK/samtools/fastp folders of multiqc-test-data (read in place), and
# 10x / 100x replicated trees (real directories, files symlinked and renamed per replicate) in a temp dir.
# Output: a markdown table on stdout and in artifacts/bench/qc.md.  REPS="1 10 100" to choose scales.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
MIRROR="${GWT_DATA_MIRROR:-$ROOT/../shared/datasets}"
SRC="$MIRROR/multiqc-test-data/data/modules"
MULTIQC="${MULTIQC:-$ROOT/.venv-bench/bin/multiqc}"
REPS="${REPS:-1 10 100}"
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
  local log="$WORK/time.$label.$scale.log"
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
  bytes=$(find -L "$tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
  printf 'files\t%s\t%s\t%s\n' "$n" "$files" "$bytes" >> "$RESULTS"
  echo "${n}x: $files files, $bytes bytes; gwtime..." >&2
  measure gwtime "$n" "$tree" node dist/cli/main.js qc "$tree" --out "$WORK/gwt.$n.csv"
  echo "${n}x: MultiQC..." >&2
  measure multiqc "$n" "$tree" "$MULTIQC" -f -q --no-report --no-version-check --no-ansi -o "$WORK/mqc.$n" \
    -m fastqc -m picard -m gatk -m samtools -m fastp "$tree"
done

mkdir -p artifacts/bench
node bench/qc/table.js "$RESULTS" | tee artifacts/bench/qc.md
