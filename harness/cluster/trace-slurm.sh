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
. "$ROOT/harness/cluster/common.sh"
need_slurm "$SNAKEMAKE"
mkdir -p "$OUT" "$WORK"
[ -f "$OUT/design.tsv" ] || copy_design "$SRC_DESIGN" "$OUT/design.tsv" "${TRACE_PAIRS:-}"
echo "[trace-slurm] $(date '+%F %T') Snakemake --executor slurm (profile $PROFILE) on $(cluster_name)"
# status checks every few seconds: the harness steps take seconds to minutes, the plugin's default
# first check after 40 s would dominate a small run
rc=0
TRACE_OUT="$OUT" TRACE_WORK="$WORK" SNAKEMAKE="$SNAKEMAKE" \
  SNAKEMAKE_EXTRA="--profile $PROFILE --slurm-init-seconds-before-status-checks ${TRACE_SLURM_STATUS_S:-5} ${TRACE_SLURM_EXTRA:-}" \
  bash harness/run.sh || rc=$?
# Slurm's records of every job the runs' Snakemake logs name (also after a resumed run)
python3 harness/cluster/sacct_jobs.py collect --logs "$WORK"/logs/r*.log --rules-only --raw "$OUT/sacct.txt" \
  --out "$OUT/slurm_jobs.tsv"
cat > "$OUT/SLURM.md" <<MD
# Run under Slurm

Timings in this folder were recorded with Snakemake's Slurm executor (snakemake-executor-plugin-slurm,
profile harness/profiles/slurm) through \`make trace-slurm\`, one design row at a time, on the cluster
\`$(cluster_name)\` (Slurm $(scontrol --version | awk '{print $2}')).
Each step ran as its own Slurm job; \`slurm_jobs.tsv\` holds Slurm's record of every job (sacct).
Not comparable with data/harness/ as is: one more process layer per step (sbatch + slurmstepd + a
Snakemake job process), and the scheduler's submit-to-start latency between steps.
MD
exit $rc
