#!/usr/bin/env bash
# Tiny end-to-end harness run (2 design rows + 1 scale-ladder row on P. falciparum, 2,000 read pairs) into a temp dir.
# Exits 0 with "skipped: ..." when the tools are absent; otherwise fails on any error.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if ! missing=$(harness/check-tools.sh); then
  echo "skipped: harness smoke run: tool $missing missing (make trace-tools)"; exit 0
fi
SNAKEMAKE="$ROOT/.venv/bin/snakemake"
[ -x "$SNAKEMAKE" ] || SNAKEMAKE="$(command -v snakemake || true)"
[ -n "$SNAKEMAKE" ] || { echo "skipped: harness smoke run: snakemake missing"; exit 0; }
TMP="$(mktemp -d "${TMPDIR:-/tmp}/gwtime-smoke.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/out" "$TMP/work"
# baseline and lowest quality, shrunk to 2,000 pairs
python3 harness/make_design.py --out "$TMP/full" --n-lhs 10 >/dev/null
# + one scale-ladder row on the second mapping reference (P. falciparum, 14 chromosomes)
python3 harness/make_design.py --scale --out "$TMP/scale" >/dev/null
awk -F'\t' 'BEGIN{OFS="\t"} NR==1{for(i=1;i<=NF;i++) if($i=="n_pairs") c=i; print; next}
            NR<=3{$c=2000; print}' "$TMP/full/design.tsv" > "$TMP/out/design.tsv"
awk -F'\t' 'BEGIN{OFS="\t"} NR==1{for(i=1;i<=NF;i++) if($i=="n_pairs") c=i; next}
            $8=="pfalciparum" && !done{$c=2000; print; done=1}' "$TMP/scale/design.tsv" >> "$TMP/out/design.tsv"
TRACE_OUT="$TMP/out" TRACE_WORK="$TMP/work" SNAKEMAKE="$SNAKEMAKE" harness/run.sh
python3 - "$TMP/out" <<'PY'
import csv, json, sys, pathlib
out = pathlib.Path(sys.argv[1])
rows = list(csv.DictReader(open(out / "trace.tsv"), delimiter="\t"))
m = json.loads((out / "manifest.json").read_text())
assert m["runs_completed"] == 3 and m["runs_failed"] == 0, m
assert len(rows) == 39 and all(r["status"] == "COMPLETED" for r in rows), len(rows)
pf = json.loads((out / "runs" / "s016" / "run.json").read_text())["input"]
assert pf["genome"] == "pfalciparum" and pf["pairs"] == 2000, pf
for run in ("r0001", "r0002", "s016"):
    qc = out / "runs" / run / "qc"
    for f in ("reads_R1_fastqc.zip", "markdup_metrics.txt", "wgs_metrics.txt", "gc_bias_metrics.txt"):
        assert (qc / f).stat().st_size > 0, f
print(f"smoke: ok, {len(rows)} trace rows from 3 runs (one on P. falciparum)")
PY
# A dataset recorded on another CPU is not extended (timings would not be comparable).
awk -F'\t' 'BEGIN{OFS="\t"} NR==1{for(i=1;i<=NF;i++) if($i=="cpu_model") c=i; print; next} {$c="Other CPU 9000"; print}' \
  "$TMP/out/trace.tsv" > "$TMP/out/trace.tsv.tmp" && mv "$TMP/out/trace.tsv.tmp" "$TMP/out/trace.tsv"
if TRACE_OUT="$TMP/out" TRACE_WORK="$TMP/work" SNAKEMAKE="$SNAKEMAKE" harness/run.sh > "$TMP/mixed.log" 2>&1; then
  echo "smoke: run.sh extended a dataset recorded on another CPU" >&2; exit 1
fi
grep -q "host-check: .*Other CPU 9000 x[0-9]* (3 runs)" "$TMP/mixed.log" || { cat "$TMP/mixed.log" >&2; exit 1; }
echo "smoke: ok, run.sh refuses to mix hosts"
