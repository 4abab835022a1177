#!/usr/bin/env bash
# Stop the local Slurm cluster that harness/cluster/start.sh started, by the PIDs it recorded in
# $GWT_SLURM_STATE/pids (default /run/gwtime-slurm/pids): jobs still queued or running are
# cancelled first, then slurmd, slurmctld, slurmdbd, mariadbd, munged get SIGTERM (SIGKILL after
# 30 s). A PID is signalled only while /proc/PID/comm still names the daemon recorded for it.
# Packages and config stay installed, so the next start.sh takes seconds.
set -uo pipefail
STATE="${GWT_SLURM_STATE:-/run/gwtime-slurm}"
say() { echo "[cluster] $*"; }
[ "$(id -u)" = 0 ] || { echo "stop.sh: needs root (the daemons run as root/slurm/munge/mysql)" >&2; exit 1; }
[ -f "$STATE/pids" ] || { say "nothing to stop (no $STATE/pids)"; exit 0; }
alive() { [ -r "/proc/$2/comm" ] && [ "$(cat "/proc/$2/comm")" = "$1" ]; }
pid_of() { awk -v n="$1" '$1==n{p=$2} END{print p}' "$STATE/pids"; }

ctld=$(pid_of slurmctld)
if [ -n "$ctld" ] && alive slurmctld "$ctld" && [ -n "$(squeue -h -o %i 2>/dev/null)" ]; then
  say "cancelling jobs still in the queue: $(squeue -h -o %i | tr '\n' ' ')"
  scancel --full $(squeue -h -o %i) 2>/dev/null || true
  for _ in $(seq 60); do [ -z "$(squeue -h -t R,CG,PD -o %i 2>/dev/null)" ] && break; sleep 1; done
fi
rc=0
for name in slurmd slurmctld slurmdbd mariadbd munged; do
  pid=$(pid_of "$name")
  [ -n "$pid" ] || continue
  if ! alive "$name" "$pid"; then say "$name (pid $pid) not running"; continue; fi
  say "stopping $name (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 30); do alive "$name" "$pid" || break; sleep 1; done
  if alive "$name" "$pid"; then say "$name (pid $pid) ignored SIGTERM for 30 s: SIGKILL"; kill -KILL "$pid"; sleep 1; fi
  alive "$name" "$pid" && { echo "stop.sh: $name (pid $pid) still running" >&2; rc=1; }
done
# job steps are children of slurmd's slurmstepd; none may outlive the cluster
for d in slurmstepd slurmscriptd; do
  left=$(pgrep -x "$d" || true)
  if [ -n "$left" ]; then echo "stop.sh: $d still running: $left" >&2; rc=1; fi
done
[ $rc = 0 ] && rm -f "$STATE/pids" && say "stopped"
exit $rc
