# Shared by trace-slurm.sh and workload.sh (sourced).
# need_slurm SNAKEMAKE: a reachable controller and Snakemake with the Slurm executor plugin
need_slurm() {
  command -v sbatch >/dev/null || die "sbatch not found: no Slurm client here (local cluster: sudo harness/cluster/start.sh)"
  scontrol ping >/dev/null 2>&1 || die "no Slurm controller answers 'scontrol ping' (local cluster: sudo harness/cluster/start.sh)"
  [ -x "$1" ] || die "$1 not found (make .venv-slurm/.gwt-stamp, or set SNAKEMAKE)"
  "$(dirname "$1")/python" -c 'import snakemake_executor_plugin_slurm' 2>/dev/null \
    || die "snakemake-executor-plugin-slurm is not installed next to $1"
}
# copy_design SRC DEST [PAIRS]: the design, every row's n_pairs set to PAIRS when given
copy_design() {
  [ -f "$1" ] || die "design $1 not found"
  if [ -n "${3:-}" ]; then
    [[ "$3" =~ ^[1-9][0-9]*$ ]] || die "TRACE_PAIRS: expected a whole number > 0, got '$3'"
    awk -F'\t' -v n="$3" 'BEGIN{OFS="\t"} NR==1{for(i=1;i<=NF;i++) if($i=="n_pairs") c=i; if(!c) exit 2; print; next} {$c=n; print}' \
      "$1" > "$2" || die "$1 has no n_pairs column"
  else
    cp "$1" "$2"
  fi
  echo "[slurm] design: $1${3:+ with n_pairs=$3} -> $2"
}
cluster_name() { scontrol show config | awk '/^ClusterName/{print $3}'; }
