/** Small numeric helpers shared by analysis, features and models. Pure; never mutate inputs. */

/** Quantile with linear interpolation (numpy's default, "type 7"). NaN for empty input. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return quantileSorted(s, q);
}

/** Same as `quantile` on already ascending-sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s / values.length;
}

/** Sample standard deviation (n-1). */
export function sd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < n; i++) s += ((values[i] as number) - m) ** 2;
  return Math.sqrt(s / (n - 1));
}

/** Deterministic PRNG (mulberry32). Every random choice in gwtime takes one of these, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Indices resampled by group (cluster bootstrap): repeats of one input move together. */
export function clusterResample(groups: readonly (string | number)[], rand: () => number): number[] {
  const byGroup = new Map<string | number, number[]>();
  groups.forEach((g, i) => {
    const l = byGroup.get(g);
    if (l) l.push(i);
    else byGroup.set(g, [i]);
  });
  const keys = [...byGroup.keys()];
  const out: number[] = [];
  for (let k = 0; k < keys.length; k++) {
    const g = keys[Math.floor(rand() * keys.length)] as string | number;
    for (const i of byGroup.get(g) as number[]) out.push(i);
  }
  return out;
}

/**
 * The tail definition's reference: the median of each stratum's values ("comparable runs": same
 * tool, step, or input-size bin). Values that are not finite are left out of their stratum.
 * @example comparableMedians([1, 3, 10], ["a", "a", "b"]) // Map { "a" => 2, "b" => 10 }
 */
export function comparableMedians<K>(values: ArrayLike<number>, strata: ArrayLike<K>): Map<K, number> {
  const by = new Map<K, number[]>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    const key = strata[i] as K;
    const l = by.get(key);
    if (l) l.push(v);
    else by.set(key, [v]);
  }
  const out = new Map<K, number>();
  for (const [key, l] of by) out.set(key, median(l));
  return out;
}

/**
 * Tail runs: `value > k x` the median of the comparable values (same stratum).
 * @example tailFlags([1, 1, 5], [0, 0, 0], 2) // [false, false, true]
 */
export function tailFlags<K>(values: ArrayLike<number>, strata: ArrayLike<K>, k: number): boolean[] {
  const med = comparableMedians(values, strata);
  return Array.from({ length: values.length }, (_, i) => (values[i] as number) > k * (med.get(strata[i] as K) ?? NaN));
}
