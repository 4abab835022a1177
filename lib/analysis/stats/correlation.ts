import { mean, rng } from "../../util/stats";

/** Pairs where both values are finite (correlations ignore missing values pairwise). */
export function finitePairs(x: readonly number[], y: readonly number[]): { x: number[]; y: number[] } {
  if (x.length !== y.length) throw new Error(`length mismatch: ${x.length} vs ${y.length}`);
  const ox: number[] = [];
  const oy: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isFinite(a) && Number.isFinite(b)) {
      ox.push(a);
      oy.push(b);
    }
  }
  return { x: ox, y: oy };
}

/** Pearson correlation of finite pairs; NaN with fewer than 3 pairs or zero variance. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const p = finitePairs(x, y);
  const n = p.x.length;
  if (n < 3) return NaN;
  const mx = mean(p.x);
  const my = mean(p.y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (p.x[i] as number) - mx;
    const dy = (p.y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Average ranks (ties share the mean rank), 1-based. */
export function ranks(values: readonly number[]): number[] {
  const idx = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(values.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && (idx[j + 1] as readonly [number, number])[0] === (idx[i] as readonly [number, number])[0]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[(idx[k] as readonly [number, number])[1]] = avg;
    i = j + 1;
  }
  return r;
}

/** Spearman rank correlation of finite pairs. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const p = finitePairs(x, y);
  return pearson(ranks(p.x), ranks(p.y));
}

/** Residuals of y after least-squares regression on the columns of Z (with intercept). */
export function residualize(y: readonly number[], Z: readonly (readonly number[])[]): number[] {
  const n = y.length;
  const k = Z.length + 1;
  // Normal equations (k is tiny: intercept + a few controls).
  const A: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const b = new Array<number>(k).fill(0);
  const row = (i: number): number[] => [1, ...Z.map((z) => z[i] as number)];
  for (let i = 0; i < n; i++) {
    const r = row(i);
    for (let a = 0; a < k; a++) {
      b[a] = (b[a] as number) + (r[a] as number) * (y[i] as number);
      for (let c = 0; c < k; c++) (A[a] as number[])[c] = ((A[a] as number[])[c] as number) + (r[a] as number) * (r[c] as number);
    }
  }
  const beta = solve(A, b);
  return y.map((v, i) => {
    const r = row(i);
    let fit = 0;
    for (let a = 0; a < k; a++) fit += (r[a] as number) * (beta[a] as number);
    return v - fit;
  });
}

/** Gaussian elimination with partial pivoting and a tiny ridge for stability. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r.map((v, j) => v + (i === j ? 1e-12 : 0)), b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((M[r] as number[])[c] as number) > Math.abs((M[p] as number[])[c] as number)) p = r;
    [M[c], M[p]] = [M[p] as number[], M[c] as number[]];
    const piv = (M[c] as number[])[c] as number;
    if (Math.abs(piv) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((M[r] as number[])[c] as number) / piv;
      if (f === 0) continue;
      for (let j = c; j <= n; j++) (M[r] as number[])[j] = ((M[r] as number[])[j] as number) - f * ((M[c] as number[])[j] as number);
    }
  }
  return M.map((r, i) => {
    const d = r[i] as number;
    return Math.abs(d) < 1e-300 ? 0 : (r[n] as number) / d;
  });
}

/**
 * Partial correlation of x and y controlling for Z (e.g. log input size): Pearson correlation of the
 * residuals after regressing each on Z. `rank: true` gives the partial Spearman (on ranks).
 * Rows with any non-finite value are dropped.
 */
export function partialCorrelation(x: readonly number[], y: readonly number[], Z: readonly (readonly number[])[], opts: { rank?: boolean } = {}): number {
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i] as number) && Number.isFinite(y[i] as number) && Z.every((z) => Number.isFinite(z[i] as number))) keep.push(i);
  }
  if (keep.length < Z.length + 3) return NaN;
  const pick = (v: readonly number[]): number[] => keep.map((i) => v[i] as number);
  let xs = pick(x);
  let ys = pick(y);
  let zs = Z.map(pick);
  if (opts.rank) {
    xs = ranks(xs);
    ys = ranks(ys);
    zs = zs.map(ranks);
  }
  return pearson(residualize(xs, zs), residualize(ys, zs));
}

/**
 * Mutual information (nats) between x and y by equal-frequency binning (bins per axis default
 * ~cuberoot(n), at most 10), with the Miller–Madow bias correction. Robust enough to rank features;
 * not for absolute claims.
 */
export function mutualInformation(x: readonly number[], y: readonly number[], bins?: number): number {
  const p = finitePairs(x, y);
  const n = p.x.length;
  if (n < 8) return NaN;
  const b = bins ?? Math.max(2, Math.min(10, Math.round(Math.cbrt(n))));
  const bx = rankBins(p.x, b);
  const by = rankBins(p.y, b);
  const joint = new Map<number, number>();
  const mx = new Array<number>(b).fill(0);
  const my = new Array<number>(b).fill(0);
  for (let i = 0; i < n; i++) {
    const a = bx[i] as number;
    const c = by[i] as number;
    joint.set(a * b + c, (joint.get(a * b + c) ?? 0) + 1);
    mx[a] = (mx[a] as number) + 1;
    my[c] = (my[c] as number) + 1;
  }
  let mi = 0;
  for (const [key, cnt] of joint) {
    const a = Math.floor(key / b);
    const c = key % b;
    mi += (cnt / n) * Math.log((cnt * n) / ((mx[a] as number) * (my[c] as number)));
  }
  const nonEmpty = (arr: number[]): number => arr.filter((v) => v > 0).length;
  const correction = (joint.size - nonEmpty(mx) - nonEmpty(my) + 1) / (2 * n);
  return Math.max(0, mi - correction);
}

function rankBins(v: readonly number[], b: number): number[] {
  const r = ranks(v);
  const n = v.length;
  return r.map((x) => Math.min(b - 1, Math.floor(((x - 1) / n) * b)));
}

/** Percentile bootstrap CI of a statistic over row indices, seeded. */
export function bootstrapCI(n: number, stat: (idx: readonly number[]) => number, opts: { reps?: number; level?: number; seed?: number } = {}): { estimate: number; lo: number; hi: number } {
  const reps = opts.reps ?? 500;
  const level = opts.level ?? 0.95;
  const rand = rng(opts.seed ?? 1);
  const all = [...Array(n).keys()];
  const estimate = stat(all);
  const vals: number[] = [];
  const idx = new Array<number>(n);
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rand() * n);
    const v = stat(idx);
    if (Number.isFinite(v)) vals.push(v);
  }
  vals.sort((a, b) => a - b);
  const q = (p: number): number => (vals.length ? (vals[Math.min(vals.length - 1, Math.max(0, Math.floor(p * vals.length)))] as number) : NaN);
  return { estimate, lo: q((1 - level) / 2), hi: q(1 - (1 - level) / 2) };
}
