#!/usr/bin/env bash
# Model benchmark: gwtime GBT / RF-mode vs LightGBM, scikit-learn RF, ml-random-forest on the same
# CSVs and folds (see driver.ts). Writes artifacts/bench/models.md. Usage: bash bench/models/run.sh
#
# Resumable: tables and results live in $BENCH_MODELS_WORK (default ${TMPDIR:-/tmp}/gwt-bench-models);
# a (model, table) whose result file already exists with at least the requested reps is skipped, so a
# killed run continues where it stopped and the table is re-rendered from everything finished so far.
#   FRESH=1          start over (delete the work directory first)
#   ONLY=<regex>     run only tables whose CSV name matches (e.g. ONLY=synthetic_1000000), then report
#   REPS=3           fit repetitions (median kept) for the non-reference models on real / small tables
#   SCALE_REPS=1     fit repetitions on the synthetic 100k / 300k / 1M tables
#   MLRF_TIMEOUT=300 ml-random-forest is reported as "did not finish in N s" beyond this
#   SCALE_RF=1       also fit gwtime RF-mode and scikit-learn RF on the synthetic 100k table (slow)
#   MLRF_MAX_ROWS=3200 skip ml-random-forest on larger tables (it does not finish 1,500 rows x 31 in 300 s)
#   HARNESS_DIR=data/harness  harness data for the harness table (e.g. a live, larger harness folder)
#   OUT=artifacts/bench/models.md  where the report goes (point it elsewhere for a partial run)
# Everything runs single-threaded (node; scikit-learn n_jobs=1; LightGBM num_threads=1).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY="${PY:-$ROOT/.venv-bench/bin/python}"
WORK="${BENCH_MODELS_WORK:-${TMPDIR:-/tmp}/gwt-bench-models}"
[ "${FRESH:-0}" = 1 ] && rm -rf "$WORK"
mkdir -p "$WORK"
ONLY="${ONLY:-.}"
REPS="${REPS:-3}"
SCALE_REPS="${SCALE_REPS:-1}"
MLRF_TIMEOUT="${MLRF_TIMEOUT:-300}"
MLRF_MAX_ROWS="${MLRF_MAX_ROWS:-3200}"
SKRF_TIMEOUT="${SKRF_TIMEOUT:-900}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
echo "==> compiling the driver; tables and raw results in $WORK"
node_modules/.bin/tsc -p bench/models/tsconfig.json --outDir "$WORK/js"
DRIVER="node --max-old-space-size=8192 $WORK/js/driver.js"
$DRIVER prepare --out "$WORK"

# done_already <out-json> <reps> <timeout>: a result with >= reps, or a timeout recorded at >= this timeout
done_already() {
  [ -f "$1" ] && node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const ok = r.status ? (r.timeoutS ?? 0) >= Number(process.argv[3]) : (r.reps ?? 1) >= Number(process.argv[2]);
    process.exit(ok ? 0 : 1);' "$1" "$2" "$3"
}

run() { # run <timeout-s> <reps> <model> <data> <cmd...>
  local t="$1" reps="$2" model="$3" data="$4"; shift 4
  local out="$WORK/res_$(echo "$model-$(basename "$data")" | tr -c 'A-Za-z0-9_.-' '_').json"
  if done_already "$out" "$reps" "$t"; then echo "    $model: done already ($(basename "$out"))"; return; fi
  local t0=$SECONDS
  echo "    $model on $(basename "$data") (reps $reps, timeout $t s)"
  if ! timeout "$t" "$@" --data "$data" --model "$model" --out "$out.tmp" --reps "$reps"; then
    rm -f "$out.tmp"
    printf '{"data":"%s","model":"%s","status":"did not finish in %s s","timeoutS":%s}\n' "$data" "$model" "$t" "$t" > "$out"
  else mv "$out.tmp" "$out"; fi
  echo "      ($((SECONDS - t0)) s)"
}

for data in $(node -e 'for (const d of require(process.argv[1])) console.log(d.kind + "=" + d.rows + "=" + d.file)' "$WORK/manifest.json"); do
  kind="${data%%=*}"; rest="${data#*=}"; rows="${rest%%=*}"; file="${rest#*=}"
  [[ "$(basename "$file")" =~ $ONLY ]] || continue
  echo "==> $(basename "$file") ($kind)"
  case "$kind" in
    real|real-small|mlrf)
      # our GBT and LightGBM back to back (their ratio is the headline), then the forests and baselines
      run 3600 "$REPS" "gwtime GBT" "$file" $DRIVER fit
      run 3600 "$REPS" "LightGBM" "$file" "$PY" bench/models/sk.py
      run 3600 "$REPS" "gwtime RF-mode" "$file" $DRIVER fit
      run "$SKRF_TIMEOUT" "$REPS" "scikit-learn RF" "$file" "$PY" bench/models/sk.py
      if [ "$rows" -le "$MLRF_MAX_ROWS" ]; then run "$MLRF_TIMEOUT" 1 "ml-random-forest" "$file" $DRIVER fit
      else echo "    ml-random-forest: skipped ($rows rows > MLRF_MAX_ROWS=$MLRF_MAX_ROWS)"; fi
      if [ "$kind" != mlrf ]; then
        run 600 "$REPS" "OLS (log features, ml-regression)" "$file" $DRIVER fit
        run 600 "$REPS" "ridge (log features)" "$file" $DRIVER fit
        run 600 "$REPS" "median baseline" "$file" $DRIVER fit
      fi ;;
    synthetic)
      run 3600 "$SCALE_REPS" "gwtime GBT" "$file" $DRIVER fit
      run 3600 "$SCALE_REPS" "LightGBM" "$file" "$PY" bench/models/sk.py
      case "$file" in *_100000.csv)
        if [ "${SCALE_RF:-0}" = 1 ]; then  # opt-in: 100-tree min-1-row forests on 80k rows take many minutes each
          run 3600 1 "gwtime RF-mode" "$file" $DRIVER fit
          run "$SKRF_TIMEOUT" 1 "scikit-learn RF" "$file" "$PY" bench/models/sk.py
        fi ;;
      esac ;;
  esac
done
OUT="${OUT:-artifacts/bench/models.md}"
mkdir -p "$(dirname "$OUT")"
$DRIVER report --results "$WORK" --out "$OUT"
echo "==> wrote $OUT (raw results in $WORK; rerun to resume, FRESH=1 to start over)"
