/** Evaluation metrics. Inputs are parallel arrays; nothing is mutated. */

const len = (a: ArrayLike<number>, b: ArrayLike<number>, what: string): number => {
  if (a.length !== b.length) throw new RangeError(`${what}: arrays differ in length (${a.length} vs ${b.length})`);
  return a.length;
};

/** Coefficient of determination 1 - SS_res/SS_tot (use on log runtime). */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = len(yTrue, yPred, "r2");
  let m = 0;
  for (let i = 0; i < n; i++) m += yTrue[i] as number;
  m /= n;
  let ssr = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    ssr += ((yTrue[i] as number) - (yPred[i] as number)) ** 2;
    sst += ((yTrue[i] as number) - m) ** 2;
  }
  return sst > 0 ? 1 - ssr / sst : NaN;
}

/** Median of |pred - true| / true (true > 0; seconds). */
export function medianAPE(trueS: ArrayLike<number>, predS: ArrayLike<number>): number {
  const n = len(trueS, predS, "medianAPE");
  const e = Float64Array.from({ length: n }, (_, i) => Math.abs((predS[i] as number) - (trueS[i] as number)) / (trueS[i] as number)).sort();
  if (n === 0) return NaN;
  return n % 2 ? (e[(n - 1) / 2] as number) : ((e[n / 2 - 1] as number) + (e[n / 2] as number)) / 2;
}

/** Mean absolute error (same unit as the inputs, e.g. seconds). */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = len(yTrue, yPred, "mae");
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs((yTrue[i] as number) - (yPred[i] as number));
  return s / n;
}

/** Share of y inside [lower, upper]. */
export function intervalCoverage(y: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  const n = len(y, lower, "intervalCoverage");
  len(y, upper, "intervalCoverage");
  let c = 0;
  for (let i = 0; i < n; i++) if ((y[i] as number) >= (lower[i] as number) && (y[i] as number) <= (upper[i] as number)) c++;
  return c / n;
}

/** Mean of upper - lower. */
export function meanIntervalWidth(lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  const n = len(lower, upper, "meanIntervalWidth");
  let s = 0;
  for (let i = 0; i < n; i++) s += (upper[i] as number) - (lower[i] as number);
  return s / n;
}

/** Precision and recall of `score >= threshold` against 0/1 labels (NaN when undefined). */
export function precisionRecall(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold = 0.5): { precision: number; recall: number } {
  const n = len(labels, scores, "precisionRecall");
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < n; i++) {
    const p = (scores[i] as number) >= threshold;
    const l = labels[i] === 1;
    if (p && l) tp++;
    else if (p) fp++;
    else if (l) fn++;
  }
  return { precision: tp + fp > 0 ? tp / (tp + fp) : NaN, recall: tp + fn > 0 ? tp / (tp + fn) : NaN };
}

/**
 * Area under the precision-recall curve as average precision (scikit-learn's definition):
 * sum over score thresholds of (R_t - R_{t-1}) * P_t, ties handled as one threshold.
 */
export function prAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = len(labels, scores, "prAuc");
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] === 1 ? 1 : 0;
  if (pos === 0) return NaN;
  let tp = 0, fp = 0, prevR = 0, ap = 0;
  for (let k = 0; k < n; ) {
    const s = scores[order[k] as number] as number;
    while (k < n && scores[order[k] as number] === s) {
      if (labels[order[k] as number] === 1) tp++;
      else fp++;
      k++;
    }
    const r = tp / pos;
    ap += (r - prevR) * (tp / (tp + fp));
    prevR = r;
  }
  return ap;
}

/** Brier score: mean (p - label)^2. */
export function brier(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  const n = len(labels, probs, "brier");
  let s = 0;
  for (let i = 0; i < n; i++) s += ((probs[i] as number) - (labels[i] as number)) ** 2;
  return s / n;
}

/** One reliability-diagram bin. */
export interface ReliabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
}

/** Equal-width probability bins: mean predicted vs observed rate (empty bins omitted). */
export function reliabilityBins(labels: ArrayLike<number>, probs: ArrayLike<number>, nBins = 10): ReliabilityBin[] {
  const n = len(labels, probs, "reliabilityBins");
  const c = new Float64Array(nBins), sp = new Float64Array(nBins), sl = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    const p = probs[i] as number;
    const b = Math.min(nBins - 1, Math.max(0, Math.floor(p * nBins)));
    c[b] = (c[b] as number) + 1;
    sp[b] = (sp[b] as number) + p;
    sl[b] = (sl[b] as number) + (labels[i] as number);
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const cb = c[b] as number;
    if (cb > 0) out.push({ lo: b / nBins, hi: (b + 1) / nBins, count: cb, meanPredicted: (sp[b] as number) / cb, observedRate: (sl[b] as number) / cb });
  }
  return out;
}

/** Expected calibration error: count-weighted mean |meanPredicted - observedRate| over bins. */
export function expectedCalibrationError(labels: ArrayLike<number>, probs: ArrayLike<number>, nBins = 10): number {
  const bins = reliabilityBins(labels, probs, nBins);
  let s = 0, n = 0;
  for (const b of bins) {
    s += b.count * Math.abs(b.meanPredicted - b.observedRate);
    n += b.count;
  }
  return n > 0 ? s / n : NaN;
}
