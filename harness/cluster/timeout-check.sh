#!/usr/bin/env bash
# Prove that Slurm enforces a time limit: submit `sleep` jobs with --time=1 (one minute) that would
# run longer, wait for them to end, and read Slurm's accounting record (sacct):
#   - the job must end in State=TIMEOUT;
#   - kill delay = End - (Start + Timelimit), seconds past the limit before Slurm ended it.
# Two jobs: `term` exits on SIGTERM (the normal case); `ignore-term` traps SIGTERM, so Slurm must
# send SIGKILL after KillWait. Needs a running cluster (harness/cluster/start.sh).
#   harness/cluster/timeout-check.sh [--only-term] [--tsv FILE]
# Prints one TSV row per job (job_id kind state timelimit_s elapsed_s kill_delay_s) and exits 1
# when a job did not end in TIMEOUT.
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
j=$(submit term 'sleep 240'); KIND[$j]=term
if [ $ONLY_TERM = 0 ]; then
  j=$(submit ignore-term 'trap "" TERM; for i in $(seq 240); do sleep 1; done'); KIND[$j]=ignore-term
fi
echo "[timeout] submitted ${!KIND[*]} with --time=1 (60 s); waiting for Slurm to end them"
export SLURM_TIME_FORMAT=%s   # sacct Start/End as epoch seconds
fmt=JobIDRaw,State,TimelimitRaw,ElapsedRaw,Start,End
done_all() {
  for id in "${!KIND[@]}"; do
    st=$(sacct -X -n -P -j "$id" --format=State 2>/dev/null | head -1)
    case "$st" in ""|PENDING|RUNNING|REQUEUED|SUSPENDED|COMPLETING) return 1 ;; esac
  done
}
for _ in $(seq 80); do done_all && break; sleep 5; done   # <= 400 s
rc=0
printf 'job_id\tkind\tstate\ttimelimit_s\telapsed_s\tkill_delay_s\n' | tee ${TSV:+"$TSV"}
for id in "${!KIND[@]}"; do
  IFS='|' read -r _ state limit_min elapsed start end < <(sacct -X -n -P -j "$id" --format=$fmt | head -1)
  if [[ ! "$start" =~ ^[0-9]+$ && "$end" =~ ^[0-9]+$ ]] || [ "$state" != TIMEOUT ]; then
    echo "timeout-check.sh: job $id (${KIND[$id]}) ended as '$state' (start=$start end=$end), expected TIMEOUT" >&2
    rc=1; continue
  fi
  delay=$(( end - start - limit_min * 60 ))
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "${KIND[$id]}" "$state" $((limit_min * 60)) "$elapsed" "$delay" \
    | tee ${TSV:+-a "$TSV"}
done
exit $rc
