#!/usr/bin/env bash
# Install the trace-harness tools from Debian packages (Debian 12 names).
set -euo pipefail
PKGS="bwa samtools picard-tools fastqc fastp art-nextgen-simulation-tools
art-nextgen-simulation-tools-profiles dwgsim bcftools freebayes seqtk time r-base-core"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-tools: apt-get not found. Install these tools another way, e.g. bioconda:" >&2
  echo "  fastqc fastp bwa samtools picard bcftools freebayes art seqtk r-base (and GNU time)" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-tools: must run as root (apt-get install). Try: sudo $0" >&2
  exit 1
fi
apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PKGS
echo "install-tools: done"
