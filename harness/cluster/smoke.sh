#!/usr/bin/env bash
# CI-sized check of the local Slurm path: start the cluster (harness/cluster/start.sh), one
# `sleep`-like job with --time=1 that would run 4 minutes, check Slurm ended it in TIMEOUT
# (timeout-check.sh), stop the cluster again (stop.sh) if this script started it.
# Prints "skipped: <why>" and exits 0 when it cannot run here (not root, no apt-get and no Slurm,
# or /etc/slurm/slurm.conf belongs to another Slurm setup). About 1.5-3 minutes.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
STATE="${GWT_SLURM_STATE:-/run/gwtime-slurm}"
MARK="# written by gwtime harness/cluster/start.sh"
skip() { echo "skipped: Slurm cluster smoke: $*"; exit 0; }
[ "$(id -u)" = 0 ] || skip "needs root (installs slurm-wlm/munge/mariadb with apt-get and runs the daemons)"
command -v apt-get >/dev/null || command -v slurmctld >/dev/null || [ -x /usr/sbin/slurmctld ] \
  || skip "neither apt-get nor an installed Slurm"
if [ -f /etc/slurm/slurm.conf ] && ! head -1 /etc/slurm/slurm.conf | grep -qF "$MARK"; then
  skip "/etc/slurm/slurm.conf belongs to another Slurm setup (not written by harness/cluster/start.sh)"
fi
t0=$(date +%s)
# leave a cluster that was already up as it was
started=1
if [ -s "$STATE/pids" ] && pid=$(awk '$1=="slurmctld"{print $2}' "$STATE/pids") && [ -n "$pid" ] \
   && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = slurmctld ]; then started=0; fi
[ $started = 1 ] && trap 'bash "$HERE/stop.sh" || echo "cluster smoke: stop.sh failed" >&2' EXIT
bash "$HERE/start.sh"
bash "$HERE/timeout-check.sh" --only-term
if [ $started = 1 ]; then
  trap - EXIT
  pids=$(cat "$STATE/pids")
  bash "$HERE/stop.sh"
  while read -r name pid; do
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ]; then
      echo "cluster smoke: $name (pid $pid) still running after stop.sh" >&2; exit 1
    fi
  done <<< "$pids"
  if pgrep -x slurmstepd >/dev/null; then echo "cluster smoke: a slurmstepd outlived the cluster" >&2; exit 1; fi
fi
echo "cluster smoke: ok, TIMEOUT enforced, $(( $(date +%s) - t0 )) s"
