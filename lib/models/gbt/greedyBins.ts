/**
 * Bin boundaries the way LightGBM finds them (BinMapper::FindBin with its defaults), so that our
 * trees see the same candidate thresholds on small tables:
 * - a bin closes only once it holds at least `minDataInBin` rows (LightGBM's min_data_in_bin = 3):
 *   on a few hundred rows most values are unique, and one bin per value would offer thresholds that
 *   LightGBM never tries;
 * - zero is a bin of its own, bounded at ±1e-35 (kZeroThreshold), with negatives and positives
 *   binned separately (max bins shared in proportion to their counts);
 * - beyond `maxBins` distinct values a greedy pass gives very frequent values their own bin and
 *   fills the others to about the mean bin size;
 * - a feature with missing values keeps one of its `maxBins` for them (ours is bin 0);
 * - values within one ulp count as one value; a boundary is the midpoint rounded one ulp up.
 * Bounds are returned without the final +Infinity: value v is in bin k (0-based) when
 * bounds[k-1] < v <= bounds[k].
 */

/** LightGBM's kZeroThreshold: |v| <= this is "zero". */
export const ZERO_THRESHOLD = 1e-35;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // [low, high] words on little-endian hosts (every Node target)

/** The next double above a finite a (std::nextafter(a, +inf)). */
export function nextUp(a: number): number {
  if (a === 0) return Number.MIN_VALUE;
  f64[0] = a;
  if (a > 0) {
    // magnitude + 1 ulp: low word with carry into the high word
    if ((u32[0] = ((u32[0] as number) + 1) >>> 0) === 0) u32[1] = (u32[1] as number) + 1;
  } else if ((u32[0] = ((u32[0] as number) - 1) >>> 0) === 0xffffffff) u32[1] = (u32[1] as number) - 1;
  return f64[0] as number;
}

/** b is a or the next double above it (values are sorted, so b >= a). */
const sameValue = (a: number, b: number): boolean => b === a || b <= nextUp(a);

/** Upper bounds (last = Infinity) for sorted distinct values with counts, at most maxBin bins. */
function greedyBounds(d: ArrayLike<number>, cnt: ArrayLike<number>, from: number, to: number, maxBin: number, total: number, minDataInBin: number): number[] {
  const n = to - from;
  const out: number[] = [];
  const push = (v: number): void => {
    if (out.length === 0 || !sameValue(out[out.length - 1] as number, v)) out.push(v);
  };
  if (n <= maxBin) {
    let inBin = 0;
    for (let i = from; i < to - 1; i++) {
      inBin += cnt[i] as number;
      if (inBin >= minDataInBin) {
        const before = out.length;
        push(nextUp(((d[i] as number) + (d[i + 1] as number)) / 2));
        if (out.length > before) inBin = 0;
      }
    }
  } else {
    if (minDataInBin > 0) maxBin = Math.max(1, Math.min(maxBin, Math.floor(total / minDataInBin)));
    let meanSize = total / maxBin;
    let restBins = maxBin;
    let restRows = total;
    const big = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if ((cnt[from + i] as number) >= meanSize) {
        big[i] = 1;
        restBins--;
        restRows -= cnt[from + i] as number;
      }
    }
    meanSize = restRows / restBins;
    const upper: number[] = [];
    const lower: number[] = [d[from] as number];
    let inBin = 0;
    for (let i = 0; i < n - 1; i++) {
      const c = cnt[from + i] as number;
      if (!big[i]) restRows -= c;
      inBin += c;
      if (big[i] || inBin >= meanSize || (big[i + 1] && inBin >= Math.max(1, meanSize * 0.5))) {
        upper.push(d[from + i] as number);
        lower.push(d[from + i + 1] as number);
        if (upper.length >= maxBin - 1) break;
        inBin = 0;
        if (!big[i]) {
          restBins--;
          meanSize = restRows / restBins;
        }
      }
    }
    for (let i = 0; i < upper.length; i++) push(nextUp(((upper[i] as number) + (lower[i + 1] as number)) / 2));
  }
  out.push(Infinity);
  return out;
}

/**
 * Bin upper bounds (without the final +Infinity) for one feature's values (NaN = missing).
 * @param maxBins bins including LightGBM's missing-value bin (255 → at most 254 value bins with NaN)
 */
export function greedyEdges(values: ArrayLike<number>, maxBins: number, minDataInBin = 3): Float64Array {
  const all = new Float64Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === v) all[m++] = v;
  }
  const vals = all.subarray(0, m).sort();
  const hasNaN = m < values.length;
  const maxBin = hasNaN ? maxBins - 1 : maxBins;
  if (m === 0 || maxBin < 2) return new Float64Array(0);
  // distinct values (the larger of two values one ulp apart) and their counts
  const d: number[] = [vals[0] as number];
  const cnt: number[] = [1];
  for (let i = 1; i < vals.length; i++) {
    const v = vals[i] as number;
    if (sameValue(d[d.length - 1] as number, v)) {
      d[d.length - 1] = v;
      cnt[cnt.length - 1] = (cnt[cnt.length - 1] as number) + 1;
    } else {
      d.push(v);
      cnt.push(1);
    }
  }
  let negRows = 0;
  let zeroRows = 0;
  let negEnd = d.length; // first index with d > -ZERO_THRESHOLD
  for (let i = 0; i < d.length; i++) {
    const v = d[i] as number;
    if (v <= -ZERO_THRESHOLD) negRows += cnt[i] as number;
    else {
      if (negEnd === d.length) negEnd = i;
      if (v <= ZERO_THRESHOLD) zeroRows += cnt[i] as number;
    }
  }
  let bounds: number[] = [];
  if (negEnd > 0) {
    const negMax = Math.max(1, Math.floor((negRows / (vals.length - zeroRows)) * (maxBin - 1)));
    bounds = greedyBounds(d, cnt, 0, negEnd, negMax, negRows, minDataInBin);
    bounds[bounds.length - 1] = -ZERO_THRESHOLD;
  }
  let posStart = -1;
  for (let i = negEnd; i < d.length; i++) {
    if ((d[i] as number) > ZERO_THRESHOLD) {
      posStart = i;
      break;
    }
  }
  const posMax = maxBin - 1 - bounds.length;
  if (posStart >= 0 && posMax > 0) {
    const posRows = vals.length - negRows - zeroRows;
    bounds.push(ZERO_THRESHOLD, ...greedyBounds(d, cnt, posStart, d.length, posMax, posRows, minDataInBin));
  } else bounds.push(Infinity);
  bounds.pop(); // the final +Infinity
  return Float64Array.from(bounds);
}
