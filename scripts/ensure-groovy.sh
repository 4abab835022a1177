#!/usr/bin/env bash
# Groovy (Debian package 'groovy') for the Nextflow-config check in lib/export: Nextflow itself cannot be
# installed on these machines (its launcher downloads its runtime), so the test parses the emitted config
# with Groovy's ConfigSlurper. Found: nothing to do. Missing: apt-get install when root (waiting for the
# dpkg lock other jobs may hold); otherwise say so and carry on (that test then skips with this reason).
set -uo pipefail
command -v groovy >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "==> installing Groovy (Debian package 'groovy') for the Nextflow config check"
  if apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends groovy >/dev/null; then
    exit 0
  fi
  echo "ensure-groovy: apt-get install groovy failed; the Nextflow config check will be skipped" >&2
  exit 0
fi
echo "ensure-groovy: no groovy found and cannot apt-get install it (not root or no apt); the Nextflow config check will be skipped" >&2
exit 0
