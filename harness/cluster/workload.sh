#!/usr/bin/env bash
# One policy of the "predicted limits in a real scheduler" workload (issue 21), through Slurm:
# every design row (TRACE_RUNS=n: the first n) submitted at once by one Snakemake run with the Slurm
# executor, each limited rule's runtime from a limits profile (limits.py) times the attempt, and
# `--retries` (default 1: a TIMEOUT is retried once with the limit doubled). Afterwards Slurm's own
# records (sacct) give: TIMEOUT kills, core-minutes of killed attempts, makespan, per-run turnaround.
#   harness/cluster/workload.sh LIMITS_DIR OUT_DIR
#     LIMITS_DIR   from limits.py (config.yaml + limits.tsv): static p90, or gwtime's export
#     OUT_DIR      new folder: design.tsv, runs/ (per-run trace), limits.tsv, slurm_jobs.tsv,
#                  sacct.txt (raw record), summary.tsv (one row), turnaround.tsv (one row per run),
#                  load.tsv (the machine's /proc/loadavg every LOAD_EVERY_S=15 s while the workload ran)
#   env: TRACE_DESIGN (default data/harness/design.tsv), TRACE_RUNS, TRACE_PAIRS, RETRIES (1),
#        JOBS (Slurm jobs in flight, default 50), TRACE_WORK (scratch, default harness/work-workload/<policy>),
#        TRACE_REFS (default harness/work/refs), SNAKEMAKE (default .venv-slurm/bin/snakemake),
#        JOB_AUTOGROUP_NICE (e.g. -10: every Slurm job's scheduler autogroup gets this nice value, checked
#        each second, so on a shared host the jobs get the CPUs before other sessions' work; Linux with
#        sched_autogroup_enabled=1 shares CPU per session, which makes plain `nice` useless across
#        sessions; the Slurm daemons get the same nice and autogroup nice; root only; unset = jobs compete
#        like any session),
#        TRACE_INPUTS (a work folder whose runs/<run>/ hold reads_R1.fq, reads_R2.fq, sim.json simulated
#        beforehand: linked into TRACE_WORK so every policy reads byte-identical inputs and no policy
#        pays for the simulation; without it each policy simulates its inputs inside Slurm)
# Not resumable: a second run into the same OUT_DIR would make makespan and turnaround meaningless.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
die() { echo "workload: $*" >&2; exit 1; }
. "$ROOT/harness/cluster/common.sh"
[ $# = 2 ] || die "usage: harness/cluster/workload.sh LIMITS_DIR OUT_DIR"
LIMITS="$(realpath "$1")"; OUT="$2"
[ -f "$LIMITS/config.yaml" ] && [ -f "$LIMITS/limits.tsv" ] || die "$LIMITS: no config.yaml + limits.tsv (make them with harness/cluster/limits.py)"
POLICY=$(awk -F'\t' 'NR==2{print $1}' "$LIMITS/limits.tsv")
[ -n "$POLICY" ] || die "$LIMITS/limits.tsv has no rows"
SNAKEMAKE="${SNAKEMAKE:-$ROOT/.venv-slurm/bin/snakemake}"
PROFILE="${TRACE_SLURM_PROFILE:-$ROOT/harness/profiles/slurm}"
REFS="${TRACE_REFS:-harness/work/refs}"
WORK="${TRACE_WORK:-harness/work-workload/$POLICY}"
need_slurm "$SNAKEMAKE"
[ -e "$OUT/slurm_jobs.tsv" ] && die "$OUT already holds a measured workload (slurm_jobs.tsv); use a new OUT_DIR"
mkdir -p "$OUT" "$WORK"
copy_design "${TRACE_DESIGN:-data/harness/design.tsv}" "$OUT/design.tsv" "${TRACE_PAIRS:-}"
HARNESS_WORK="$(dirname "$REFS")" harness/prepare_refs.sh
cp "$LIMITS/limits.tsv" "$OUT/limits.tsv"
N=$(awk 'END{print NR-1}' "$OUT/design.tsv"); [ -n "${TRACE_RUNS:-}" ] && [ "$TRACE_RUNS" -lt "$N" ] && N=$TRACE_RUNS
if [ -n "${TRACE_INPUTS:-}" ]; then
  for run in $(awk -F'\t' -v n="$N" 'NR>1 && NR<=n+1{print $1}' "$OUT/design.tsv"); do
    src="$TRACE_INPUTS/runs/$run"
    for f in reads_R1.fq reads_R2.fq sim.json; do [ -s "$src/$f" ] || die "TRACE_INPUTS: $src/$f missing"; done
    mkdir -p "$WORK/runs/$run"
    # hard links when the folders share a file system (Snakemake deletes the temp() reads after use)
    for f in reads_R1.fq reads_R2.fq sim.json; do ln -f "$src/$f" "$WORK/runs/$run/$f" 2>/dev/null || cp -p "$src/$f" "$WORK/runs/$run/$f"; done
  done
  echo "[workload] inputs of $N runs linked from $TRACE_INPUTS (simulated beforehand)"
fi
T0=$(date +%s)
# the machine's load while the workload runs (other work on the host slows the steps: say it)
( printf 'epoch_s\tload1\tload5\trunnable_total\n'
  while :; do read -r l1 l5 _ rt _ < /proc/loadavg; printf '%s\t%s\t%s\t%s\n' "$(date +%s)" "$l1" "$l5" "$rt"; sleep "${LOAD_EVERY_S:-15}"; done
) > "$OUT/load.tsv" &
LOADPID=$!
PRIOPID=""
if [ -n "${JOB_AUTOGROUP_NICE:-}" ]; then
  [[ "$JOB_AUTOGROUP_NICE" =~ ^-?[0-9]+$ ]] || die "JOB_AUTOGROUP_NICE: expected a whole number, got '$JOB_AUTOGROUP_NICE'"
  [ -w /proc/self/autogroup ] || die "JOB_AUTOGROUP_NICE: /proc/self/autogroup not writable (root and sched_autogroup_enabled needed)"
  echo "$JOB_AUTOGROUP_NICE" > /proc/self/autogroup   # this driver and Snakemake (status checks, submissions)
  # the Slurm daemons too (scheduling, limit checks, accounting), so a busy host does not delay dispatch
  for d in $(pgrep -x 'slurmctld|slurmd|slurmdbd|munged'); do
    renice -n "$JOB_AUTOGROUP_NICE" -p "$d" >/dev/null 2>&1 || true
    echo "$JOB_AUTOGROUP_NICE" > "/proc/$d/autogroup" 2>/dev/null || true
  done
  # each Slurm job runs in its own session (slurmstepd's children): set its autogroup once it appears
  ( while :; do
      for s in $(pgrep -x slurmstepd); do for c in $(pgrep -P "$s"); do echo "$JOB_AUTOGROUP_NICE" > "/proc/$c/autogroup" 2>/dev/null || true; done; done
      sleep 1
    done ) &
  PRIOPID=$!
  echo "[workload] Slurm jobs' autogroup nice: $JOB_AUTOGROUP_NICE"
fi
trap 'kill "$LOADPID" $PRIOPID 2>/dev/null || true' EXIT
echo "[workload] $(date '+%F %T') policy $POLICY: $N runs at once through Slurm ($(cluster_name)), retries ${RETRIES:-1}"
rc=0
"$SNAKEMAKE" -s harness/Snakefile -d "$WORK" --profile "$PROFILE" --workflow-profile "$LIMITS" \
  --jobs "${JOBS:-50}" --retries "${RETRIES:-1}" --keep-going --rerun-incomplete \
  --slurm-init-seconds-before-status-checks "${TRACE_SLURM_STATUS_S:-5}" \
  --config "design=$(realpath "$OUT/design.tsv")" "outdir=$(realpath "$OUT")" "workdir=$(realpath "$WORK")" \
  "refs=$(realpath "$REFS")" "trace_runs=$N" > "$OUT/snakemake.log" 2>&1 || rc=$?
T1=$(date +%s)
echo "[workload] snakemake exit $rc after $((T1 - T0)) s (log $OUT/snakemake.log)"
# accounting can lag the last job's end by a moment
sleep 2
python3 harness/cluster/sacct_jobs.py collect --logs "$OUT/snakemake.log" --rules-only \
  --raw "$OUT/sacct.txt" --out "$OUT/slurm_jobs.tsv"
python3 harness/cluster/sacct_jobs.py summary "$OUT/slurm_jobs.tsv" --policy "$POLICY" \
  --out "$OUT/summary.tsv" --runs "$OUT/turnaround.tsv"
column -t -s $'\t' "$OUT/summary.tsv"
exit $rc
