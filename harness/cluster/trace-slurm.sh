#!/usr/bin/env bash
# The trace-harness design through Slurm: harness/run.sh (one design row at a time, resumable, the
# same per-step measurement and collect.py) with Snakemake's Slurm executor and the profile
# harness/profiles/slurm, then Slurm's own records of every job (sacct) next to the trace.
#   make trace-slurm [TRACE_RUNS=n] [TRACE_PAIRS=n] [TRACE_OUT=dir] [TRACE_WORK=dir]
# TRACE_OUT (default data/harness-slurm) gets design.tsv (data/harness/design.tsv, or TRACE_DESIGN;
# TRACE_PAIRS=n sets every row's n_pairs, e.g. 2000 for a smoke-sized run), trace.tsv, runs/, and
# slurm_jobs.tsv (one row per Slurm job: rule, run, state, submit/start/end, elapsed, limit, CPUs).
# Needs a reachable Slurm cluster (sudo harness/cluster/start.sh for a local one) and Snakemake with
# snakemake-executor-plugin-slurm (SNAKEMAKE=..., default .venv-slurm/bin/snakemake).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
OUT="${TRACE_OUT:-data/harness-slurm}"
WORK="${TRACE_WORK:-harness/work-slurm}"
SRC_DESIGN="${TRACE_DESIGN:-data/harness/design.tsv}"
SNAKEMAKE="${SNAKEMAKE:-$ROOT/.venv-slurm/bin/snakemake}"
PROFILE="${TRACE_SLURM_PROFILE:-$ROOT/harness/profiles/slurm}"
die() { echo "trace-slurm: $*" >&2; exit 1; }
command -v sbatch >/dev/null || die "sbatch not found: no Slurm client here (local cluster: sudo harness/cluster/start.sh)"
scontrol ping >/dev/null 2>&1 || die "no Slurm controller answers 'scontrol ping' (local cluster: sudo harness/cluster/start.sh)"
[ -x "$SNAKEMAKE" ] || die "$SNAKEMAKE not found (make .venv-slurm/.gwt-stamp, or set SNAKEMAKE)"
"$(dirname "$SNAKEMAKE")/python" -c 'import snakemake_executor_plugin_slurm' 2>/dev/null \
  || die "snakemake-executor-plugin-slurm is not installed next to $SNAKEMAKE"
mkdir -p "$OUT" "$WORK"
if [ ! -f "$OUT/design.tsv" ]; then
  [ -f "$SRC_DESIGN" ] || die "design $SRC_DESIGN not found"
  if [ -n "${TRACE_PAIRS:-}" ]; then
    [[ "$TRACE_PAIRS" =~ ^[1-9][0-9]*$ ]] || die "TRACE_PAIRS: expected a whole number > 0, got '$TRACE_PAIRS'"
    awk -F'\t' -v n="$TRACE_PAIRS" 'BEGIN{OFS="\t"} NR==1{for(i=1;i<=NF;i++) if($i=="n_pairs") c=i; if(!c) exit 2; print; next} {$c=n; print}' \
      "$SRC_DESIGN" > "$OUT/design.tsv" || die "$SRC_DESIGN has no n_pairs column"
  else
    cp "$SRC_DESIGN" "$OUT/design.tsv"
  fi
  echo "[trace-slurm] design: $SRC_DESIGN${TRACE_PAIRS:+ with n_pairs=$TRACE_PAIRS} -> $OUT/design.tsv"
fi
T0=$(date +%s)
echo "[trace-slurm] $(date '+%F %T') Snakemake --executor slurm (profile $PROFILE) on $(scontrol show config | awk '/^ClusterName/{print $3}')"
# status checks every few seconds: the harness steps take seconds to minutes, the plugin's default
# first check after 40 s would dominate a small run
rc=0
TRACE_OUT="$OUT" TRACE_WORK="$WORK" SNAKEMAKE="$SNAKEMAKE" \
  SNAKEMAKE_EXTRA="--profile $PROFILE --slurm-init-seconds-before-status-checks ${TRACE_SLURM_STATUS_S:-5} ${TRACE_SLURM_EXTRA:-}" \
  bash harness/run.sh || rc=$?
# Slurm's records of this invocation's jobs, merged into the folder's job table
python3 harness/cluster/sacct_jobs.py collect --since "$T0" --user "$(id -un)" --out "$WORK/slurm_jobs.new.tsv"
python3 - "$OUT/slurm_jobs.tsv" "$WORK/slurm_jobs.new.tsv" <<'PY'
import csv, sys
old, new = sys.argv[1], sys.argv[2]
rows = {}
for path in (old, new):
    try:
        with open(path, newline="") as fh:
            rd = csv.DictReader(fh, delimiter="\t"); cols = rd.fieldnames
            for r in rd:
                if r["rule"]:  # Snakemake's jobs only (the plugin's --comment), not other jobs in the window
                    rows[int(r["job_id"])] = r
    except FileNotFoundError:
        continue
with open(old, "w", newline="") as fh:
    w = csv.DictWriter(fh, cols, delimiter="\t", lineterminator="\n"); w.writeheader()
    for k in sorted(rows): w.writerow(rows[k])
print(f"[trace-slurm] {len(rows)} Slurm jobs in {old}")
PY
cat > "$OUT/SLURM.md" <<MD
# Run under Slurm

Timings in this folder were recorded with Snakemake's Slurm executor (snakemake-executor-plugin-slurm,
profile harness/profiles/slurm) through \`make trace-slurm\`, one design row at a time, on the cluster
\`$(scontrol show config | awk '/^ClusterName/{print $3}')\` (Slurm $(scontrol --version | awk '{print $2}')).
Each step ran as its own Slurm job; \`slurm_jobs.tsv\` holds Slurm's record of every job (sacct).
Not comparable with data/harness/ as is: one more process layer per step (sbatch + slurmstepd + a
Snakemake job process), and the scheduler's submit-to-start latency between steps.
MD
exit $rc
