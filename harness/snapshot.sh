#!/usr/bin/env bash
# Stage a consistent snapshot of the harness data while `make trace` may still be running:
# every runs/<id>/ that has its run.json (a folder without one is a run in progress), plus trace.tsv
# and manifest.json once they describe exactly those runs (run.sh rebuilds both after each run).
#   harness/snapshot.sh            stage (git add) the snapshot; commit it yourself
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${TRACE_OUT:-data/harness}"
for attempt in 1 2 3 4 5 6; do
  mapfile -t DONE < <(for f in "$OUT"/runs/*/run.json; do [ -f "$f" ] && basename "$(dirname "$f")"; done | sort)
  TAGS=$(python3 - "$OUT" <<'PY'
import csv, json, sys
out = sys.argv[1]
with open(f"{out}/trace.tsv", newline="") as fh:
    tags = sorted({r["tag"] for r in csv.DictReader(fh, delimiter="\t")})
man = json.load(open(f"{out}/manifest.json"))
runs = sorted(man["runs"]) if isinstance(man["runs"], dict) else sorted(r["run_id"] for r in man["runs"])
print(" ".join(tags) + "|" + " ".join(runs))
PY
)
  want="${DONE[*]}"
  if [ "${TAGS%%|*}" = "$want" ] && [ "${TAGS##*|}" = "$want" ]; then
    git add -- "$OUT/trace.tsv" "$OUT/manifest.json" "${DONE[@]/#/$OUT/runs/}"
    echo "snapshot: ${#DONE[@]} completed runs staged ($OUT/trace.tsv, manifest.json, runs/<id>/)"
    exit 0
  fi
  sleep 5  # trace.tsv / manifest.json are being rebuilt after a run finished
done
echo "snapshot: trace.tsv / manifest.json do not match the completed runs after 30 s; not staged" >&2
exit 1
