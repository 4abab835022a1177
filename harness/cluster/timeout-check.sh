#!/usr/bin/env bash
# Prove that Slurm enforces a time limit: submit `sleep` jobs with --time=1 (one minute) that would
# run longer, wait for them to end, and read Slurm's accounting record (sacct):
#   - the job must end in State=TIMEOUT;
#   - record_delay_s = End - (Start + Timelimit): when Slurm's record says the job ended, past the limit;
#   - kill_delay_s = last_tick - (Start + Timelimit): the job prints `date +%s` every second, so its
#     last line is when its processes really died (sacct's End is when slurmctld declared TIMEOUT,
#     not when the processes were gone).
# Two jobs: `term` exits on SIGTERM (the normal case); `ignore-term` traps SIGTERM, so Slurm must
# send SIGKILL after KillWait. Needs a running cluster (harness/cluster/start.sh).
#   harness/cluster/timeout-check.sh [--only-term] [--tsv FILE]
# Prints one TSV row per job (job_id kind state timelimit_s elapsed_s record_delay_s kill_delay_s)
# and exits 1 when a job did not end in TIMEOUT or outlived its limit by more than 120 s.
set -euo pipefail
ONLY_TERM=0; TSV=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only-term) ONLY_TERM=1 ;;
    --tsv) TSV="$2"; shift ;;
    *) echo "timeout-check.sh: unknown argument $1" >&2; exit 2 ;;
  esac; shift
done
command -v sbatch >/dev/null || { echo "timeout-check.sh: sbatch not found (harness/cluster/start.sh)" >&2; exit 1; }
LOG=$(mktemp -d "${TMPDIR:-/tmp}/gwtime-timeout.XXXXXX")
trap 'rm -rf "$LOG"' EXIT
submit() {  # submit KIND SCRIPT -> job id
  sbatch --parsable --job-name="gwt-timeout-$1" --time=1 --ntasks=1 --cpus-per-task=1 --mem=16 \
    --output="$LOG/$1.out" --wrap "$2"
}
declare -A KIND
TICK='for i in $(seq 240); do date +%s; sleep 1; done'
j=$(submit term "$TICK"); KIND[$j]=term
if [ $ONLY_TERM = 0 ]; then
  j=$(submit ignore-term "trap '' TERM; $TICK"); KIND[$j]=ignore-term
fi
echo "[timeout] submitted ${!KIND[*]} with --time=1 (60 s); waiting for Slurm to end them"
export SLURM_TIME_FORMAT=%s   # sacct Start/End as epoch seconds
fmt=JobIDRaw,State,TimelimitRaw,ElapsedRaw,Start,End
done_all() {
  for id in "${!KIND[@]}"; do
    st=$(sacct -X -n -P -j "$id" --format=State 2>/dev/null | head -1)
    case "$st" in ""|PENDING|RUNNING|REQUEUED|SUSPENDED|COMPLETING) return 1 ;; esac
    # slurmctld keeps the job COMPLETING until slurmd reports its processes gone
    if [ "$(squeue -h -t all -j "$id" -o %T 2>/dev/null)" = COMPLETING ]; then return 1; fi
  done
  return 0
}
for _ in $(seq 80); do done_all && break; sleep 5; done   # <= 400 s
rc=0
printf 'job_id\tkind\tstate\ttimelimit_s\telapsed_s\trecord_delay_s\tkill_delay_s\n' | tee ${TSV:+"$TSV"}
for id in "${!KIND[@]}"; do
  IFS='|' read -r _ state limit_min elapsed start end < <(sacct -X -n -P -j "$id" --format=$fmt | head -1)
  if [[ ! "$start" =~ ^[0-9]+$ && "$end" =~ ^[0-9]+$ ]] || [ "$state" != TIMEOUT ]; then
    echo "timeout-check.sh: job $id (${KIND[$id]}) ended as '$state' (start=$start end=$end), expected TIMEOUT" >&2
    rc=1; continue
  fi
  last=$(grep -E '^[0-9]+$' "$LOG/${KIND[$id]}.out" | tail -1)
  [ -n "$last" ] || { echo "timeout-check.sh: job $id wrote no ticks to its output" >&2; rc=1; continue; }
  rdelay=$(( end - start - limit_min * 60 )); kdelay=$(( last - start - limit_min * 60 ))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "${KIND[$id]}" "$state" $((limit_min * 60)) "$elapsed" \
    "$rdelay" "$kdelay" | tee ${TSV:+-a "$TSV"}
  [ "$kdelay" -le 120 ] || { echo "timeout-check.sh: job $id ran ${kdelay}s past its limit" >&2; rc=1; }
done
exit $rc
