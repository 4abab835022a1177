#!/usr/bin/env bash
# Run the trace-harness design, one workflow run at a time (comparable timings), resumable.
#   harness/run.sh                  all design rows not yet done
#   TRACE_RUNS=n harness/run.sh     only the first n design rows
#   RETRY_FAILED=1 harness/run.sh   also re-run rows recorded as FAILED
#   TRACE_ALLOW_MIXED_HOST=1        add rows to a dataset recorded on another CPU (refused otherwise)
# A row is done when data/harness/runs/<run>/run.json exists (COMPLETED or FAILED); after each
# row, data/harness/trace.tsv and manifest.json are rebuilt from the per-run files.
# TRACE_DESIGN / TRACE_OUT / TRACE_WORK override paths (smoke.sh uses them).
# FREEBAYES_CPU_LIMIT_S: cap freebayes's CPU time (right-censored step; make trace-scale sets it).
# SNAKEMAKE_EXTRA: extra Snakemake options (harness/cluster/trace-slurm.sh: --executor slurm ...).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="${TRACE_OUT:-data/harness}"
WORK="${TRACE_WORK:-harness/work}"
DESIGN="${TRACE_DESIGN:-$OUT/design.tsv}"
REFS="${TRACE_REFS:-harness/work/refs}"
N="${TRACE_RUNS:-0}"
SNAKEMAKE="${SNAKEMAKE:-$ROOT/.venv/bin/snakemake}"
[ -x "$SNAKEMAKE" ] || SNAKEMAKE="$(command -v snakemake || true)"
[ -n "$SNAKEMAKE" ] || { echo "run.sh: snakemake not found (pip install -r requirements.txt)" >&2; exit 1; }
if missing=$(harness/check-tools.sh); then :; else
  echo "run.sh: tool missing: $missing (run: make trace-tools)" >&2; exit 1
fi
mkdir -p "$WORK/logs" "$OUT/runs"
ABS_OUT="$(realpath "$OUT")"; ABS_WORK="$(realpath "$WORK")"
# one batch at a time: a second run.sh would distort the timings of the first
exec 9>"$WORK/run.lock"
flock -n 9 || { echo "run.sh: another run.sh is running (lock $WORK/run.lock)" >&2; exit 1; }

# a dataset holds one CPU's timings; refuse to extend it from another machine unless asked
[ "${TRACE_ALLOW_MIXED_HOST:-0}" = 1 ] || python3 harness/collect.py host-check --outdir "$OUT" || exit 1
HARNESS_WORK="$(dirname "$REFS")" harness/prepare_refs.sh || exit 1
[ -f "$DESIGN" ] || python3 harness/make_design.py --out "$OUT"

mapfile -t RUNS < <(awk -F'\t' 'NR>1{print $1}' "$DESIGN")
[ "$N" -gt 0 ] 2>/dev/null && RUNS=("${RUNS[@]:0:$N}")
TOTAL=${#RUNS[@]}
SM=("$SNAKEMAKE" -s harness/Snakefile -d "$WORK" --cores 2 --resources serial=1 --keep-going --rerun-incomplete
    --rerun-triggers mtime --config "design=$(realpath "$DESIGN")" "outdir=$ABS_OUT" "workdir=$ABS_WORK" "refs=$(realpath "$REFS")"
    "freebayes_cpu_limit_s=${FREEBAYES_CPU_LIMIT_S:-0}")
# extra Snakemake options, e.g. the Slurm executor (harness/cluster/trace-slurm.sh)
[ -n "${SNAKEMAKE_EXTRA:-}" ] && { read -ra EXTRA <<< "$SNAKEMAKE_EXTRA"; SM+=("${EXTRA[@]}"); }
"${SM[@]}" --unlock >/dev/null 2>&1 || true

status_of() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['status'])" "$1" 2>/dev/null; }
progress() {  # done/total and ETA from the median wall time of runs so far
  python3 - "$OUT" "$TOTAL" "${RUNS[@]}" <<'PY'
import json, statistics, sys, pathlib
out, total, runs = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
done, walls, failed = 0, [], 0
for r in runs:
    p = out / "runs" / r / "run.json"
    if p.exists():
        d = json.loads(p.read_text()); done += 1; failed += d["status"] != "COMPLETED"
        if d.get("start_ms") and d.get("complete_ms"):
            walls.append((d["complete_ms"] - d["start_ms"]) / 1000 + ((d.get("input") or {}).get("simulate_wall_s") or 0))
med = statistics.median(walls) if walls else 0
eta = med * (total - done)
print(f"[trace] {done}/{total} runs done ({failed} failed), median {med:.0f} s/run, "
      f"ETA {int(eta//3600)}h{int(eta%3600//60):02d}m", flush=True)
PY
}

LOADPID=""
stop_load() { [ -n "$LOADPID" ] && kill -- "-$LOADPID" 2>/dev/null; wait "$LOADPID" 2>/dev/null; LOADPID=""; }
trap 'stop_load; exit 130' INT TERM

progress
for run in "${RUNS[@]}"; do
  rj="$OUT/runs/$run/run.json"
  if [ -f "$rj" ]; then
    [ "${RETRY_FAILED:-0}" = 1 ] && [ "$(status_of "$rj")" = FAILED ] || continue
    rm -rf "$OUT/runs/$run" "$WORK/runs/$run"
  fi
  load=$(awk -F'\t' -v r="$run" 'NR==1{for(i=1;i<=NF;i++) if($i=="load_label") c=i} $1==r{print $c}' "$DESIGN")
  if [ "$load" = cpu_io ]; then
    setsid python3 harness/load.py "$ABS_WORK/load.bin" & LOADPID=$!
    sleep 5  # let the load reach steady state before the first step
  fi
  echo "[trace] $(date '+%F %T') start $run (load=$load)"
  "${SM[@]}" -- "$ABS_OUT/runs/$run/run.json" > "$WORK/logs/$run.log" 2>&1
  rc=$?
  stop_load
  if [ ! -f "$rj" ]; then
    step=$(grep -oP 'Error in rule \K\w+' "$WORK/logs/$run.log" | head -1)
    echo "[trace] $run FAILED (snakemake rc=$rc, rule ${step:-?}); see $WORK/logs/$run.log"
    python3 harness/collect.py run --run "$run" --design "$DESIGN" --workdir "$WORK" --outdir "$OUT" \
      --refs "$REFS" --status FAILED ${step:+--failed-step "$step"}
  fi
  # FASTQ/BAM are temp() outputs; also clear what a failed run leaves behind
  ( cd "$WORK/runs/$run" 2>/dev/null && rm -rf -- *.fq *.sam *.bam *.bai *.vcf *.vcf.gz *.pdf art tmp fastqc samtools_stats.full.txt )
  python3 harness/collect.py aggregate --outdir "$OUT" --refs "$REFS"
  progress
done
echo "[trace] finished: $OUT/trace.tsv"
