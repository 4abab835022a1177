#!/usr/bin/env bash
# Headless Chromium for static figure export and report checks (make figures / check-reports / smoke).
# Found (GWT_CHROMIUM or the usual Debian/Ubuntu paths): nothing to do. Missing: install the Debian
# package when we are root with apt-get; otherwise say how to get it and carry on (the export and the
# browser checks then skip with a message; nothing else depends on Chromium).
set -uo pipefail
for p in "${GWT_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
  [ -n "$p" ] && [ -x "$p" ] && exit 0
done
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "==> installing headless Chromium (Debian package 'chromium') for figure export and report checks"
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; then
    exit 0
  fi
  echo "ensure-chromium: apt-get install chromium failed; static figures and report checks will be skipped" >&2
  exit 0
fi
echo "ensure-chromium: no Chromium found and cannot apt-get install it (not root or no apt)." >&2
echo "  Install chromium (or Chrome) and/or set GWT_CHROMIUM=/path/to/chrome; static SVG/PNG export and" >&2
echo "  the headless report checks are skipped until then." >&2
exit 0
