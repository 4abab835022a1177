/**
 * GradientBoostedTrees: gwtime's fast tree ensemble on typed arrays (LightGBM-style).
 * - mode "gbt": gradient boosting with squared-error ("l2") or logistic loss, shrinkage, L2 on leaves,
 *   leaf-wise growth (numLeaves / maxDepth), seeded row and feature subsampling, early stopping on a
 *   seeded validation split.
 * - mode "rf": random forest — bootstrap rows, optional per-node feature subsampling, deep trees,
 *   no shrinkage, average of trees.
 * Features are binned as LightGBM bins them (<= 255 bins, min 3 rows per bin, zero its own bin);
 * NaN learns a default direction where the training data had NaN and is treated as 0 elsewhere.
 */
import { rng } from "../../util/stats";
import { checkX, checkXy, ModelInputError, NotFittedError, takeRows, type Matrix, type ModelState, type Regressor } from "../estimator";
import { ModelFormatError, num, numArray, obj, plain, str } from "../shape";
import { binMatrix, binOf, fitBins } from "./binning";
import { TreeGrower, type GrownTree } from "./tree";

/** Parameters of GradientBoostedTrees; undefined ones take the defaults of the mode. */
export interface GBTParams {
  /** "gbt" (boosting, default) or "rf" (random forest). */
  readonly mode?: "gbt" | "rf";
  /** "l2" (regression, default) or "logistic" (y in {0,1}; predict gives probabilities). */
  readonly loss?: "l2" | "logistic";
  /** Trees (boosting rounds). Default 100. */
  readonly nEstimators?: number;
  /** Shrinkage (gbt only). Default 0.1. */
  readonly learningRate?: number;
  /** Max leaves per tree, <= 0 unlimited. Default gbt 31, rf 0. */
  readonly numLeaves?: number;
  /** Max depth, <= 0 unlimited. Default -1. */
  readonly maxDepth?: number;
  /** Min rows per leaf. Default gbt 20, rf 5. */
  readonly minSamplesLeaf?: number;
  /** Min hessian sum per leaf. Default 1e-3. */
  readonly minChildWeight?: number;
  /** L2 regularization on leaf values. Default 0. */
  readonly lambda?: number;
  /** Min gain to split. Default 0. */
  readonly minGain?: number;
  /** Row fraction per tree, without replacement (gbt only). Default 1. */
  readonly subsample?: number;
  /** Feature fraction per tree. Default 1. */
  readonly colsampleByTree?: number;
  /** Feature fraction per node (rf mtry). Default 1 (as scikit-learn's regressor). */
  readonly colsampleByNode?: number;
  /** Max bins per feature including the missing-value bin, as LightGBM's max_bin (<= 255). Default 255. */
  readonly maxBins?: number;
  /** Fewest rows a bin is closed with, as LightGBM's min_data_in_bin. Default 3. */
  readonly minDataInBin?: number;
  /** Rows sampled to find bin edges. Default 200000. */
  readonly binSampleSize?: number;
  /** Stop when the validation loss has not improved for this many rounds; 0 = off. Default 0. */
  readonly earlyStoppingRounds?: number;
  /** Fraction of rows held out for early stopping. Default 0.1. */
  readonly validationFraction?: number;
  /** Seed for binning sample, subsampling, bootstrap and the validation split. Default 0. */
  readonly seed?: number;
}

type ResolvedGBTParams = Required<GBTParams>;

/** Defaults shared by library and CLI. */
export const GBT_DEFAULTS: Omit<ResolvedGBTParams, "mode" | "numLeaves" | "minSamplesLeaf"> = {
  loss: "l2",
  nEstimators: 100,
  learningRate: 0.1,
  maxDepth: -1,
  minChildWeight: 1e-3,
  lambda: 0,
  minGain: 0,
  subsample: 1,
  colsampleByTree: 1,
  colsampleByNode: 1,
  maxBins: 255,
  minDataInBin: 3,
  binSampleSize: 200000,
  earlyStoppingRounds: 0,
  validationFraction: 0.1,
  seed: 0,
};

function resolve(p: GBTParams): ResolvedGBTParams {
  const mode = p.mode ?? "gbt";
  const out: Record<string, unknown> = { ...GBT_DEFAULTS, mode, numLeaves: mode === "rf" ? 0 : 31, minSamplesLeaf: mode === "rf" ? 5 : 20 };
  for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = v;
  return out as unknown as ResolvedGBTParams;
}

/** The learned ensemble in flat arrays (all trees concatenated; child indices relative to the tree). */
export interface Forest {
  readonly nFeatures: number;
  readonly baseScore: number;
  /** True for rf mode: prediction is the mean of the trees. */
  readonly average: boolean;
  readonly treeStart: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  /** Total split gain per feature. */
  readonly featureImportance: Float64Array;
  /** Rounds kept (best iteration with early stopping). */
  readonly bestIteration: number;
  /** Validation loss per round (empty without early stopping). */
  readonly validationLoss: Float64Array;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Leaf value of tree `t` for one row of raw values (missing values follow the node's learned side). */
function treeValue(F: Forest, t: number, row: ArrayLike<number>): number {
  const st = F.treeStart[t] as number;
  let nd = st;
  let f = F.feature[nd] as number;
  while (f >= 0) {
    const v = row[f] as number;
    const goLeft = v !== v ? F.missingLeft[nd] === 1 : v <= (F.threshold[nd] as number);
    nd = st + (goLeft ? (F.left[nd] as number) : (F.right[nd] as number));
    f = F.feature[nd] as number;
  }
  return F.value[nd] as number;
}

/** Sum (or mean) of the trees for one row of raw values. */
function forestRaw(F: Forest, row: ArrayLike<number>): number {
  let s = 0;
  const nT = F.treeStart.length - 1;
  for (let t = 0; t < nT; t++) {
    s += treeValue(F, t, row);
  }
  return F.average ? (nT > 0 ? s / nT : 0) : F.baseScore + s;
}

/** Output of one grown tree on binned row i. */
function grownOnBins(tree: GrownTree, bins: Uint8Array, n: number, i: number): number {
  let nd = 0;
  let f = tree.feature[0] as number;
  while (f >= 0) {
    const b = bins[f * n + i] as number;
    const goLeft = b === 0 ? tree.missingLeft[nd] === 1 : b <= (tree.thresholdBin[nd] as number);
    nd = goLeft ? (tree.left[nd] as number) : (tree.right[nd] as number);
    f = tree.feature[nd] as number;
  }
  return tree.value[nd] as number;
}

/**
 * Histogram-binned gradient boosting / random forest.
 * @example
 * const m = new GradientBoostedTrees({ nEstimators: 300, numLeaves: 31, seed: 7 }).fit(X, yLog);
 * const pred = m.predict(Xtest);
 */
export class GradientBoostedTrees implements Regressor {
  readonly params: ResolvedGBTParams;
  private state_: Forest | null = null;

  constructor(params: GBTParams = {}) {
    this.params = resolve(params);
  }

  /** The learned forest (throws NotFittedError before fit). */
  get forest(): Forest {
    if (!this.state_) throw new NotFittedError("GradientBoostedTrees");
    return this.state_;
  }

  fit(X: Matrix, y: readonly number[] | Float64Array): this {
    const P = this.params;
    const [n0, p] = checkXy(X, y);
    if (P.loss === "logistic") for (let i = 0; i < n0; i++) if (y[i] !== 0 && y[i] !== 1) throw new ModelInputError(`logistic loss needs y in {0,1}; y[${i}] = ${y[i]}`);
    if (P.mode === "rf" && P.loss !== "l2") throw new ModelInputError("rf mode supports loss 'l2' only (fit 0/1 targets to get probabilities)");
    const rand = rng(P.seed);
    // validation split for early stopping
    let trainRows: Matrix = X;
    let ytr: Float64Array = Float64Array.from(y);
    let valRows: Matrix | null = null;
    let yva: Float64Array | null = null;
    if (P.mode === "gbt" && P.earlyStoppingRounds > 0 && n0 >= 10) {
      const perm = Int32Array.from({ length: n0 }, (_, i) => i);
      for (let i = n0 - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        const t = perm[i] as number;
        perm[i] = perm[j] as number;
        perm[j] = t;
      }
      const nv = Math.max(1, Math.floor(n0 * P.validationFraction));
      const vIdx = perm.subarray(0, nv).slice().sort();
      const tIdx = perm.subarray(nv).slice().sort();
      trainRows = takeRows(X, tIdx);
      valRows = takeRows(X, vIdx);
      ytr = Float64Array.from(tIdx, (i) => y[i] as number);
      yva = Float64Array.from(vIdx, (i) => y[i] as number);
    }
    const n = trainRows.length;
    const mapper = fitBins(trainRows, P.maxBins, P.binSampleSize, P.seed, P.minDataInBin);
    const bins = binMatrix(trainRows, mapper);
    const nv = valRows ? valRows.length : 0;
    const vbins = valRows ? binMatrix(valRows, mapper) : new Uint8Array(0);
    const grower = new TreeGrower(bins, n, mapper.nBins, n, Int32Array.from(mapper.edges, (e) => binOf(e, 0)));
    const growOpts = {
      maxDepth: P.maxDepth,
      numLeaves: P.numLeaves,
      minSamplesLeaf: P.minSamplesLeaf,
      minChildWeight: P.minChildWeight,
      lambda: P.lambda,
      minGain: P.minGain,
      featureFractionByNode: P.colsampleByNode,
    };
    const isRF = P.mode === "rf";
    const logistic = P.loss === "logistic";
    let base = 0;
    if (!isRF) {
      let s = 0;
      for (let i = 0; i < n; i++) s += ytr[i] as number;
      const m = s / n;
      base = logistic ? Math.log(Math.min(1 - 1e-6, Math.max(1e-6, m)) / (1 - Math.min(1 - 1e-6, Math.max(1e-6, m)))) : m;
    }
    const score = new Float64Array(n).fill(base);
    const vscore = new Float64Array(nv).fill(base);
    const grad = new Float64Array(n);
    const hess = logistic ? new Float64Array(n) : null;
    if (isRF) for (let i = 0; i < n; i++) grad[i] = -(ytr[i] as number);
    const idx = new Int32Array(n);
    const perm = Int32Array.from({ length: n }, (_, i) => i);
    const allFeatures = Int32Array.from({ length: p }, (_, i) => i);
    const featPerm = Int32Array.from(allFeatures);
    const nTreeFeat = Math.max(1, Math.round(p * P.colsampleByTree));
    const lr = isRF ? 1 : P.learningRate;
    // growing output
    const treeStart: number[] = [0];
    const feature: number[] = [];
    const threshold: number[] = [];
    const missingLeft: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const value: number[] = [];
    const importance = new Float64Array(p);
    const importanceAt: Float64Array[] = [];
    const valLoss: number[] = [];
    let best = Infinity;
    let bestIter = 0;
    let sinceBest = 0;
    for (let it = 0; it < P.nEstimators; it++) {
      // gradients
      if (!isRF) {
        if (logistic) {
          for (let i = 0; i < n; i++) {
            const pr = sigmoid(score[i] as number);
            grad[i] = pr - (ytr[i] as number);
            (hess as Float64Array)[i] = Math.max(pr * (1 - pr), 1e-16);
          }
        } else for (let i = 0; i < n; i++) grad[i] = (score[i] as number) - (ytr[i] as number);
      }
      // rows
      let m = n;
      let allRows = true;
      if (isRF) {
        for (let i = 0; i < n; i++) idx[i] = Math.floor(rand() * n);
        idx.sort();
        allRows = false;
      } else if (P.subsample < 1) {
        m = Math.max(1, Math.round(n * P.subsample));
        for (let i = 0; i < m; i++) {
          const j = i + Math.floor(rand() * (n - i));
          const t = perm[i] as number;
          perm[i] = perm[j] as number;
          perm[j] = t;
        }
        idx.set(perm.subarray(0, m));
        idx.subarray(0, m).sort();
        allRows = false;
      } else for (let i = 0; i < n; i++) idx[i] = i;
      // features
      let allowed = allFeatures;
      if (nTreeFeat < p) {
        for (let i = 0; i < nTreeFeat; i++) {
          const j = i + Math.floor(rand() * (p - i));
          const t = featPerm[i] as number;
          featPerm[i] = featPerm[j] as number;
          featPerm[j] = t;
        }
        allowed = featPerm.slice(0, nTreeFeat).sort();
      }
      const tree = grower.grow(idx, m, grad, hess, allowed, growOpts, rand);
      for (let k = 0; k < tree.value.length; k++) tree.value[k] = (tree.value[k] as number) * lr;
      // append
      const off = feature.length;
      for (let k = 0; k < tree.feature.length; k++) {
        const f = tree.feature[k] as number;
        feature.push(f);
        const t = tree.thresholdBin[k] as number;
        if (f >= 0) {
          const e = mapper.edges[f] as Float64Array;
          threshold.push(t - 1 < e.length ? (e[t - 1] as number) : Number.MAX_VALUE);
          importance[f] = (importance[f] as number) + (tree.gain[k] as number);
        } else threshold.push(0);
        missingLeft.push(tree.missingLeft[k] as number);
        left.push(tree.left[k] as number);
        right.push(tree.right[k] as number);
        value.push(tree.value[k] as number);
      }
      treeStart.push(off + tree.feature.length);
      if (isRF) continue;
      // update scores
      if (allRows) {
        for (const lf of tree.leaves) {
          const v = tree.value[lf.node] as number;
          for (let k = lf.start; k < lf.end; k++) {
            const r = idx[k] as number;
            score[r] = (score[r] as number) + v;
          }
        }
      } else for (let i = 0; i < n; i++) score[i] = (score[i] as number) + grownOnBins(tree, bins, n, i);
      if (valRows && yva) {
        let loss = 0;
        for (let i = 0; i < nv; i++) {
          const s = (vscore[i] as number) + grownOnBins(tree, vbins, nv, i);
          vscore[i] = s;
          const yi = yva[i] as number;
          if (logistic) {
            const pr = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(s)));
            loss -= yi * Math.log(pr) + (1 - yi) * Math.log(1 - pr);
          } else loss += (s - yi) * (s - yi);
        }
        loss /= nv;
        valLoss.push(loss);
        importanceAt.push(Float64Array.from(importance));
        if (loss < best - 1e-12) {
          best = loss;
          bestIter = it + 1;
          sinceBest = 0;
        } else if (++sinceBest >= P.earlyStoppingRounds) break;
      }
    }
    let nTrees = treeStart.length - 1;
    let imp = importance;
    if (valRows && bestIter > 0 && bestIter < nTrees) {
      nTrees = bestIter;
      imp = importanceAt[bestIter - 1] as Float64Array;
    }
    const nNodes = treeStart[nTrees] as number;
    this.state_ = {
      nFeatures: p,
      baseScore: base,
      average: isRF,
      treeStart: Int32Array.from(treeStart.slice(0, nTrees + 1)),
      feature: Int32Array.from(feature.slice(0, nNodes)),
      threshold: Float64Array.from(threshold.slice(0, nNodes)),
      missingLeft: Uint8Array.from(missingLeft.slice(0, nNodes)),
      left: Int32Array.from(left.slice(0, nNodes)),
      right: Int32Array.from(right.slice(0, nNodes)),
      value: Float64Array.from(value.slice(0, nNodes)),
      featureImportance: imp,
      bestIteration: nTrees,
      validationLoss: Float64Array.from(valLoss),
    };
    return this;
  }

  /** Raw scores (log-odds for logistic loss). */
  predictRaw(X: Matrix): Float64Array {
    const F = this.forest;
    const [n] = checkX(X, F.nFeatures);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = forestRaw(F, X[i] as ArrayLike<number>);
    return out;
  }

  /**
   * Predictions of the first `rounds[k]` trees, for each k, from one pass over the trees (scikit-learn's
   * `staged_predict` at chosen rounds): choosing the number of rounds on held-out rows costs one fit.
   * gbt mode only; a round count above the trees grown gives the full model.
   * @example const [p100, p300] = m.predictAtRounds(Xval, [100, 300]);
   */
  predictAtRounds(X: Matrix, rounds: readonly number[]): Float64Array[] {
    const F = this.forest;
    if (F.average) throw new ModelInputError("predictAtRounds: rf mode averages its trees; stages are a boosting notion");
    const [n] = checkX(X, F.nFeatures);
    const nT = F.treeStart.length - 1;
    const stops = rounds.map((r) => Math.max(0, Math.min(nT, Math.floor(r))));
    const out = rounds.map(() => new Float64Array(n));
    const order = stops.map((st, k) => [st, k] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 0; i < n; i++) {
      const row = X[i] as ArrayLike<number>;
      let s = 0;
      let t = 0;
      for (const [stop, k] of order) {
        for (; t < stop; t++) {
          s += treeValue(F, t, row);
        }
        const raw = F.baseScore + s;
        (out[k] as Float64Array)[i] = this.params.loss === "logistic" ? sigmoid(raw) : raw;
      }
    }
    return out;
  }

  /** Predictions (probabilities for logistic loss). */
  predict(X: Matrix): Float64Array {
    const raw = this.predictRaw(X);
    if (this.params.loss === "logistic") for (let i = 0; i < raw.length; i++) raw[i] = sigmoid(raw[i] as number);
    return raw;
  }

  toJSON(): ModelState {
    const F = this.state_;
    return {
      type: "GradientBoostedTrees",
      params: { ...this.params },
      state: F
        ? {
            nFeatures: F.nFeatures,
            baseScore: F.baseScore,
            average: F.average,
            bestIteration: F.bestIteration,
            treeStart: plain(F.treeStart),
            feature: plain(F.feature),
            threshold: plain(F.threshold),
            missingLeft: plain(F.missingLeft),
            left: plain(F.left),
            right: plain(F.right),
            value: plain(F.value),
            featureImportance: plain(F.featureImportance),
            validationLoss: plain(F.validationLoss),
          }
        : null,
    };
  }

  /** Rebuild from toJSON() output, validating every array's shape and index range. */
  static fromJSON(s: ModelState): GradientBoostedTrees {
    const m = new GradientBoostedTrees(s.params as GBTParams);
    if (s.state === null || s.state === undefined) return m;
    const o = obj(s.state, "GradientBoostedTrees.state");
    const w = "GradientBoostedTrees.state";
    const p = num(o, "nFeatures", w, { int: true, min: 1 });
    const treeStart = numArray(o, "treeStart", w, { int: true, min: 0 });
    const nNodes = treeStart[treeStart.length - 1] ?? 0;
    const feature = numArray(o, "feature", w, { length: nNodes, int: true, min: -1, max: p - 1 });
    const threshold = numArray(o, "threshold", w, { length: nNodes });
    const missingLeft = numArray(o, "missingLeft", w, { length: nNodes, int: true, min: 0, max: 1 });
    const left = numArray(o, "left", w, { length: nNodes, int: true, min: -1 });
    const right = numArray(o, "right", w, { length: nNodes, int: true, min: -1 });
    const value = numArray(o, "value", w, { length: nNodes });
    for (let t = 0; t + 1 < treeStart.length; t++) {
      const a = treeStart[t] as number;
      const b = treeStart[t + 1] as number;
      if (b <= a) throw new ModelFormatError(`${w}.treeStart must be strictly increasing`);
      for (let k = a; k < b; k++) {
        if ((feature[k] as number) < 0) continue;
        const l = a + (left[k] as number);
        const r = a + (right[k] as number);
        // children must lie after the node inside the same tree: no cycles
        if (l <= k || l >= b || r <= k || r >= b) throw new ModelFormatError(`${w}: tree ${t} node ${k - a} has children outside its tree`);
      }
    }
    if (typeof o.average !== "boolean") throw new ModelFormatError(`${w}.average must be a boolean`);
    const vl = numArray(o, "validationLoss", w);
    m.state_ = {
      nFeatures: p,
      baseScore: num(o, "baseScore", w),
      average: o.average,
      bestIteration: num(o, "bestIteration", w, { int: true, min: 0 }),
      treeStart: Int32Array.from(treeStart),
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      missingLeft: Uint8Array.from(missingLeft),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
      featureImportance: Float64Array.from(numArray(o, "featureImportance", w, { length: p })),
      validationLoss: Float64Array.from(vl),
    };
    str(s.params as Record<string, unknown>, "mode", "GradientBoostedTrees.params", ["gbt", "rf"]);
    return m;
  }
}
