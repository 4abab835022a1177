#!/usr/bin/env bash
# Model benchmark: gwtime GBT / RF-mode vs LightGBM, scikit-learn RF, ml-random-forest on the same
# CSVs and folds (see driver.ts). Writes artifacts/bench/models.md. Usage: bash bench/models/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY="${PY:-$ROOT/.venv-bench/bin/python}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gwt-bench-models.XXXXXX")"
MLRF_TIMEOUT="${MLRF_TIMEOUT:-300}"   # ml-random-forest: report "did not finish in N s" beyond this
SKRF_TIMEOUT="${SKRF_TIMEOUT:-900}"
echo "==> compiling the driver; tables in $WORK"
node_modules/.bin/tsc -p bench/models/tsconfig.json --outDir "$WORK/js"
DRIVER="node --max-old-space-size=8192 $WORK/js/driver.js"
$DRIVER prepare --out "$WORK"

run() { # run <timeout-s> <model> <data> <cmd...>
  local t="$1" model="$2" data="$3"; shift 3
  local out="$WORK/res_$(echo "$model-$(basename "$data")" | tr -c 'A-Za-z0-9_.-' '_').json"
  echo "    $model on $(basename "$data")"
  if ! timeout "$t" "$@" --data "$data" --model "$model" --out "$out"; then
    printf '{"data":"%s","model":"%s","status":"did not finish in %s s","timeoutS":%s}\n' "$data" "$model" "$t" "$t" > "$out"
  fi
}

for data in $(node -e 'for (const d of require(process.argv[1])) console.log(d.kind + "=" + d.file)' "$WORK/manifest.json"); do
  kind="${data%%=*}"; file="${data#*=}"
  echo "==> $(basename "$file") ($kind)"
  run 3600 "gwtime GBT" "$file" $DRIVER fit
  run 3600 "LightGBM" "$file" "$PY" bench/models/sk.py
  case "$kind" in
    real|real-small)
      run 3600 "gwtime RF-mode" "$file" $DRIVER fit
      run "$SKRF_TIMEOUT" "scikit-learn RF" "$file" "$PY" bench/models/sk.py
      run "$MLRF_TIMEOUT" "ml-random-forest" "$file" $DRIVER fit
      run 600 "ridge (log features)" "$file" $DRIVER fit
      run 600 "median baseline" "$file" $DRIVER fit
      ;;
    synthetic)
      case "$file" in *_100000.csv)
        run 3600 "gwtime RF-mode" "$file" $DRIVER fit
        run "$SKRF_TIMEOUT" "scikit-learn RF" "$file" "$PY" bench/models/sk.py ;;
      esac ;;
  esac
done
mkdir -p artifacts/bench
$DRIVER report --results "$WORK" --out artifacts/bench/models.md
echo "==> wrote artifacts/bench/models.md (raw results in $WORK)"
