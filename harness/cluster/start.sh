#!/usr/bin/env bash
# Start a local single-node Slurm cluster on this machine (for trying the harness's Slurm path).
#   sudo harness/cluster/start.sh        install (apt) + configure + start; idempotent
#   harness/cluster/stop.sh              stop what this script started (by the PIDs it recorded)
# Daemons: munged, MariaDB (mariadbd), slurmdbd (job accounting for sacct), slurmctld, slurmd.
# Config it writes (each marked "written by gwtime harness/cluster/start.sh"; a config without
# that mark is someone's real cluster and is never overwritten):
#   /etc/slurm/slurm.conf, /etc/slurm/slurmdbd.conf, /etc/slurm/cgroup.conf
# One node = this host with the CPUs/memory `slurmd -C` detects; one partition `normal` (the name
# harness/profiles/slurm/config.yaml uses). PIDs of the daemons go to $GWT_SLURM_STATE/pids.
# Accounting: slurmdbd + MariaDB from Debian, so `sacct` holds every attempt (State=TIMEOUT,
# Elapsed, AllocCPUS) after the job left the queue; see harness/cluster/README.md for why.
set -euo pipefail
STATE="${GWT_SLURM_STATE:-/run/gwtime-slurm}"
CLUSTER="${GWT_SLURM_CLUSTER:-gwtime}"
MARK="# written by gwtime harness/cluster/start.sh"
CONF_CHANGED=0
say() { echo "[cluster] $*"; }
die() { echo "start.sh: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (it installs Debian packages with apt-get and runs munged, \
mariadbd, slurmdbd, slurmctld and slurmd as daemons); run: sudo $0"

# ---------- 1. packages ----------
PKGS=(slurm-wlm slurmdbd munge mariadb-server mariadb-client)
need=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "apt-get not found: install ${need[*]} by hand (Debian/Ubuntu packages)"
  say "installing ${need[*]} (apt-get)"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${need[@]}" >/dev/null
else
  say "packages present: ${PKGS[*]}"
fi
for b in munged mariadbd slurmdbd slurmctld slurmd sbatch sacct sacctmgr; do
  command -v "$b" >/dev/null || [ -x "/usr/sbin/$b" ] || die "$b not found after install"
done

mkdir -p "$STATE"
touch "$STATE/pids"
# pid_of NAME: the recorded PID when that process is still alive and still NAME
pid_of() {
  local pid
  pid=$(awk -v n="$1" '$1==n{p=$2} END{print p}' "$STATE/pids")
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$1" ] && echo "$pid"
  return 0
}
record() { grep -v "^$1 " "$STATE/pids" > "$STATE/pids.tmp" || true; echo "$1 $2" >> "$STATE/pids.tmp"; mv "$STATE/pids.tmp" "$STATE/pids"; }
# wait_for SECONDS WHAT CMD...: retry CMD once a second
wait_for() {
  local n=$1 what=$2; shift 2
  for _ in $(seq "$n"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  die "$what did not come up within ${n}s"
}
# pidfile_of FILE SECONDS: wait for a daemon's pid file and print the PID in it
pidfile_of() {
  for _ in $(seq "$2"); do [ -s "$1" ] && { cat "$1"; return 0; }; sleep 1; done
  die "no pid file $1 after ${2}s"
}
write_conf() {  # write_conf FILE MODE OWNER < content; refuses to replace a config gwtime did not write
  local f=$1 tmp
  if [ -f "$f" ] && ! head -1 "$f" | grep -qF "$MARK"; then
    die "$f exists and was not written by this script (a real Slurm setup?); not touching it"
  fi
  tmp=$(mktemp); cat > "$tmp"
  if [ -f "$f" ] && cmp -s "$tmp" "$f"; then rm -f "$tmp"; say "unchanged $f"; return 0; fi
  install -m "$2" -o "$3" -g "$3" "$tmp" "$f"; rm -f "$tmp"; say "wrote $f"; CONF_CHANGED=1
}

# ---------- 2. munge ----------
if [ ! -s /etc/munge/munge.key ]; then
  say "creating /etc/munge/munge.key"
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
fi
chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
if p=$(pid_of munged) && [ -n "$p" ]; then say "munged running (pid $p)"; else
  say "starting munged"
  rm -f /run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged
  record munged "$(pidfile_of /run/munge/munged.pid 20)"
fi
wait_for 20 munge bash -c 'munge -n | unmunge'

# ---------- 3. MariaDB + slurmdbd (accounting) ----------
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
if [ ! -d /var/lib/mysql/mysql ]; then
  say "initialising the MariaDB data directory"
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
fi
if p=$(pid_of mariadbd) && [ -n "$p" ]; then say "mariadbd running (pid $p)"; else
  say "starting mariadbd (socket /run/mysqld/mysqld.sock, no TCP)"
  rm -f /run/mysqld/mysqld.pid
  mkdir -p /var/log/mysql; chown mysql:mysql /var/log/mysql
  setsid /usr/sbin/mariadbd --user=mysql --datadir=/var/lib/mysql --skip-networking \
    --socket=/run/mysqld/mysqld.sock --pid-file=/run/mysqld/mysqld.pid \
    --innodb-buffer-pool-size=64M --log-error=/var/log/mysql/gwtime-error.log \
    </dev/null >/dev/null 2>&1 &
  record mariadbd "$(pidfile_of /run/mysqld/mysqld.pid 60)"
fi
wait_for 60 MariaDB mariadb -e 'select 1'
mkdir -p /etc/slurm
PASSFILE=/etc/slurm/gwtime-slurmdbd.pass
[ -s "$PASSFILE" ] || { head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$PASSFILE"; chmod 600 "$PASSFILE"; }
DBPASS=$(cat "$PASSFILE")
mariadb <<SQL
CREATE DATABASE IF NOT EXISTS slurm_acct_db;
CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED BY '$DBPASS';
ALTER USER 'slurm'@'localhost' IDENTIFIED BY '$DBPASS';
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';
SQL
say "database slurm_acct_db and user slurm@localhost ready"

HOST=$(hostname -s)
getent hosts "$HOST" >/dev/null || die "host name $HOST does not resolve (add it to /etc/hosts)"
mkdir -p /var/log/slurm /var/lib/slurm/slurmctld /var/lib/slurm/slurmd /run/slurm
chown slurm:slurm /var/log/slurm /var/lib/slurm/slurmctld /run/slurm

write_conf /etc/slurm/slurmdbd.conf 600 slurm <<EOF
$MARK
AuthType=auth/munge
DbdHost=localhost
SlurmUser=slurm
PidFile=/run/slurm/slurmdbd.pid
LogFile=/var/log/slurm/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=localhost
StoragePort=3306
StorageLoc=slurm_acct_db
StorageUser=slurm
StoragePass=$DBPASS
EOF
# MariaDB runs without TCP: slurmdbd reaches it over the default socket
if p=$(pid_of slurmdbd) && [ -n "$p" ]; then say "slurmdbd running (pid $p)"; else
  say "starting slurmdbd"
  rm -f /run/slurm/slurmdbd.pid
  /usr/sbin/slurmdbd
  record slurmdbd "$(pidfile_of /run/slurm/slurmdbd.pid 30)"
fi

# ---------- 4. slurm.conf for this host ----------
# `slurmd -C` prints the node line as Slurm detects it (CPUs, sockets, cores, RealMemory)
NODE=$(slurmd -C | awk '/^NodeName=/{sub(/ UpTime=.*/, ""); print}')
[ -n "$NODE" ] || die "slurmd -C printed no NodeName line"
CPUS=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$NODE")
say "this node: $NODE"
write_conf /etc/slurm/cgroup.conf 644 root <<EOF
$MARK
# not used (ProctrackType=proctrack/linuxproc, TaskPlugin=task/none); present so slurmd finds one
CgroupPlugin=autodetect
EOF
write_conf /etc/slurm/slurm.conf 644 root <<EOF
$MARK
# single-node cluster for trying the gwtime harness under Slurm (see harness/cluster/README.md)
ClusterName=$CLUSTER
SlurmctldHost=$HOST
SlurmUser=slurm
AuthType=auth/munge
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
# time limits: whole minutes, checked by slurmctld about every 30 s; SIGTERM then SIGKILL after KillWait
KillWait=30
OverTimeLimit=0
# keep finished jobs in slurmctld for 10 min, so squeue-based status checks also work
MinJobAge=600
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
# keep sbatch --comment in sacct: the Snakemake Slurm plugin puts rule and wildcards there
AccountingStoreFlags=job_comment
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=30
JobCompType=jobcomp/none
$NODE State=UNKNOWN
PartitionName=normal Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF

# a changed slurm.conf reaches running daemons through a reconfigure
if [ "$CONF_CHANGED" = 1 ] && [ -n "$(pid_of slurmctld)" ]; then say "scontrol reconfigure"; scontrol reconfigure; fi
wait_for 30 slurmdbd sacctmgr -n show cluster
if ! sacctmgr -n -P show cluster format=Cluster | grep -qx "$CLUSTER"; then
  say "registering cluster $CLUSTER in slurmdbd"
  sacctmgr -i add cluster "$CLUSTER" >/dev/null
fi

# ---------- 5. slurmctld + slurmd ----------
if p=$(pid_of slurmctld) && [ -n "$p" ]; then say "slurmctld running (pid $p)"; else
  say "starting slurmctld"
  rm -f /run/slurm/slurmctld.pid
  /usr/sbin/slurmctld
  record slurmctld "$(pidfile_of /run/slurm/slurmctld.pid 30)"
fi
wait_for 30 slurmctld scontrol ping
if p=$(pid_of slurmd) && [ -n "$p" ]; then say "slurmd running (pid $p)"; else
  say "starting slurmd"
  rm -f /run/slurm/slurmd.pid
  /usr/sbin/slurmd
  record slurmd "$(pidfile_of /run/slurm/slurmd.pid 30)"
fi
node_ready() { sinfo -h -n "$HOST" -o %t | grep -qE '^(idle|mix|alloc)'; }
for _ in $(seq 60); do node_ready && break
  # a node left DOWN by an earlier unclean stop comes back with an explicit resume
  sinfo -h -n "$HOST" -o %t | grep -qE '^(down|drain)' && scontrol update nodename="$HOST" state=resume 2>/dev/null || true
  sleep 1
done
node_ready || die "node $HOST not idle: $(sinfo -h -n "$HOST" -o '%t %E')"
say "up: cluster $CLUSTER, node $HOST ($CPUS CPUs), partition normal; pids in $STATE/pids"
sinfo
