/**
 * Binning of features into at most 255 value bins (bin 0 is reserved for missing/NaN): edges from a
 * seeded sample of rows by LightGBM's bin finding (./greedyBins.ts), then a column-major Uint8Array
 * matrix. Bin b (1-based) holds values v with edges[b-2] < v <= edges[b-1]. `featureEdges` (plain
 * quantiles) stays for callers that want equal-count bins (the tail model's size classes).
 */
import { rng } from "../../util/stats";
import type { Matrix } from "../estimator";
import { greedyEdges } from "./greedyBins";

/** Bin edges per feature; a feature with k edges has k+1 value bins. */
interface BinMapper {
  readonly edges: Float64Array[];
  /** Number of value bins per feature (1..255); bin 0 is missing. */
  readonly nBins: Int32Array;
}

/** Indices of up to `size` rows out of n, seeded, ascending (all rows when n <= size). */
function sampleRows(n: number, size: number, seed: number): Int32Array {
  if (n <= size) return Int32Array.from({ length: n }, (_, i) => i);
  const r = rng(seed);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(r() * (n - i));
    const t = perm[i] as number;
    perm[i] = perm[j] as number;
    perm[j] = t;
  }
  return perm.subarray(0, size).sort();
}

/** Edges for one feature from its (sampled) values. maxBins <= 255. */
export function featureEdges(values: Float64Array, maxBins: number): Float64Array {
  let m = 0;
  const s = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === v) s[m++] = v;
  }
  const sorted = s.subarray(0, m).sort();
  if (m === 0) return new Float64Array(0);
  const distinct: number[] = [sorted[0] as number];
  for (let i = 1; i < m && distinct.length <= maxBins; i++) if ((sorted[i] as number) !== (sorted[i - 1] as number)) distinct.push(sorted[i] as number);
  const mid = (a: number, b: number): number => {
    const c = a + (b - a) / 2;
    return c >= b ? a : c;
  };
  const out: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) out.push(mid(distinct[i - 1] as number, distinct[i] as number));
  } else {
    const max = sorted[m - 1] as number;
    for (let j = 1; j < maxBins; j++) {
      const pos = Math.floor((j * m) / maxBins);
      if (pos <= 0) continue;
      const a = sorted[pos - 1] as number;
      const b = sorted[pos] as number;
      const e = a < b ? mid(a, b) : a;
      if (e >= max) continue;
      if (out.length === 0 || e > (out[out.length - 1] as number)) out.push(e);
    }
  }
  return Float64Array.from(out);
}

/**
 * Learn bin edges for every feature of X from a seeded sample of at most `sampleSize` rows.
 * @param maxBins bins per feature including the missing-value bin, as LightGBM's max_bin (<= 255)
 * @param minDataInBin fewest sampled rows a bin closes with (LightGBM's min_data_in_bin)
 */
export function fitBins(X: Matrix, maxBins: number, sampleSize: number, seed: number, minDataInBin = 3): BinMapper {
  const p = (X[0] as ArrayLike<number>).length;
  const rows = sampleRows(X.length, sampleSize, seed);
  const vals = new Float64Array(rows.length);
  const edges: Float64Array[] = [];
  const nBins = new Int32Array(p);
  for (let f = 0; f < p; f++) {
    for (let k = 0; k < rows.length; k++) vals[k] = (X[rows[k] as number] as ArrayLike<number>)[f] as number;
    const e = greedyEdges(vals, Math.min(255, maxBins), minDataInBin);
    edges.push(e);
    nBins[f] = e.length + 1;
  }
  return { edges, nBins };
}

/** Bin of one value: 0 for NaN, else 1 + number of edges below v (binary search). */
export function binOf(edges: Float64Array, v: number): number {
  if (v !== v) return 0;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** Column-major binned matrix: bins[f * n + i]. */
export function binMatrix(X: Matrix, mapper: BinMapper): Uint8Array {
  const n = X.length;
  const p = mapper.edges.length;
  const out = new Uint8Array(n * p);
  for (let f = 0; f < p; f++) {
    const e = mapper.edges[f] as Float64Array;
    const base = f * n;
    for (let i = 0; i < n; i++) out[base + i] = binOf(e, (X[i] as ArrayLike<number>)[f] as number);
  }
  return out;
}
