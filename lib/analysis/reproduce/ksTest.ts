/**
 * One-sample Kolmogorov–Smirnov test as Apache Commons Math 3 computes it (`KolmogorovSmirnovTest
 * .kolmogorovSmirnovTest(distribution, data)`): D statistic against a continuous CDF, p = 1 − P(D_n < d)
 * with the Marsaglia–Tsang–Wang (Durbin matrix) method for n ≤ 140. Lotaru's Online-P baseline uses it.
 */

/** Standard normal CDF (erfc with ~1e-7 relative accuracy, Numerical Recipes' Chebyshev fit). */
export function normalCdf(x: number, mu = 0, sigma = 1): number {
  const z = (x - mu) / (sigma * Math.SQRT2);
  const t = 1 / (1 + 0.5 * Math.abs(z));
  const erfc =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/** KS statistic D = sup |F_n − F| of `data` against `cdf`. */
export function ksStatistic(data: readonly number[], cdf: (x: number) => number): number {
  const s = [...data].sort((a, b) => a - b);
  const n = s.length;
  let d = 0;
  for (let i = 1; i <= n; i++) {
    const y = cdf(s[i - 1] as number);
    d = Math.max(d, i / n - y, y - (i - 1) / n);
  }
  return d;
}

function matMul(a: number[][], b: number[][]): number[][] {
  const m = a.length;
  const out = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < m; i++)
    for (let k = 0; k < m; k++) {
      const aik = (a[i] as number[])[k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) (out[i] as number[])[j] += aik * ((b[k] as number[])[j] as number);
    }
  return out;
}

function matPow(a: number[][], p: number): number[][] {
  if (p === 1) return a;
  const half = matPow(a, Math.floor(p / 2));
  const sq = matMul(half, half);
  return p % 2 === 0 ? sq : matMul(sq, a);
}

/** P(D_n < d) for the one-sample KS statistic (Apache's `cdf(d, n, false)`, n ≤ 140 branch). */
export function ksCdf(d: number, n: number): number {
  const ninv = 1 / n;
  const ninvhalf = 0.5 * ninv;
  if (d <= ninvhalf) return 0;
  if (d <= ninv) {
    let res = 1;
    const f = 2 * d - ninv;
    for (let i = 1; i <= n; i++) res *= i * f;
    return res;
  }
  if (1 - ninv <= d && d < 1) return 1 - 2 * Math.pow(1 - d, n);
  if (d >= 1) return 1;
  const k = Math.ceil(n * d);
  const m = 2 * k - 1;
  const h = k - n * d;
  const H = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i - j + 1 >= 0 ? 1 : 0)));
  for (let i = 0; i < m; i++) {
    (H[i] as number[])[0] -= Math.pow(h, i + 1);
    (H[m - 1] as number[])[i] -= Math.pow(h, m - i);
  }
  (H[m - 1] as number[])[0] += 2 * h - 1 > 0 ? Math.pow(2 * h - 1, m) : 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      if (i - j + 1 > 0) for (let g = 2; g <= i - j + 1; g++) (H[i] as number[])[j] /= g;
  const P = matPow(H, n);
  let s = (P[k - 1] as number[])[k - 1] as number;
  for (let i = 1; i <= n; i++) s *= i / n;
  return s;
}

/** p-value of the one-sample KS test of `data` against `cdf`. */
export function ksTestPValue(data: readonly number[], cdf: (x: number) => number): number {
  return 1 - ksCdf(ksStatistic(data, cdf), data.length);
}
