/** Cross-validation splitters: they only yield (train, test) index pairs (scikit-learn style). */
import { rng } from "../../util/stats";

/** One fold: sorted row indices. */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

function shuffle<T>(a: T[], seed: number): T[] {
  const r = rng(seed);
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  }
  return a;
}

function toFolds(assign: Int32Array, k: number): Fold[] {
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < assign.length; i++) (assign[i] === f ? test : train).push(i);
    folds.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return folds;
}

/**
 * Shuffled K-fold over n rows (fold sizes differ by at most one).
 * @example for (const { train, test } of kFold(5, X.length, 42)) { ... }
 */
export function kFold(k: number, n: number, seed: number): Fold[] {
  if (!Number.isInteger(k) || k < 2 || k > n) throw new RangeError(`kFold needs 2 <= k <= n (k=${k}, n=${n})`);
  const order = shuffle(Array.from({ length: n }, (_, i) => i), seed);
  const assign = new Int32Array(n);
  order.forEach((row, pos) => (assign[row] = pos % k));
  return toFolds(assign, k);
}

/**
 * Group K-fold: every row of a group lands in the same test fold, so repeats of one input never sit
 * on both sides. Groups are shuffled (seeded), then assigned largest first to the fold with the
 * fewest rows, which balances fold sizes.
 * @example groupKFold(5, rows.map((r) => r.sampleId), 7)
 */
export function groupKFold(k: number, groups: readonly (string | number)[], seed: number): Fold[] {
  const byGroup = new Map<string | number, number[]>();
  groups.forEach((g, i) => {
    const a = byGroup.get(g) ?? [];
    a.push(i);
    byGroup.set(g, a);
  });
  if (!Number.isInteger(k) || k < 2 || k > byGroup.size) throw new RangeError(`groupKFold needs 2 <= k <= number of groups (k=${k}, groups=${byGroup.size})`);
  const keys = shuffle([...byGroup.keys()], seed);
  const order = keys.map((g, i) => ({ g, i, n: (byGroup.get(g) as number[]).length })).sort((a, b) => b.n - a.n || a.i - b.i);
  const sizes = new Array<number>(k).fill(0);
  const assign = new Int32Array(groups.length);
  for (const { g, n } of order) {
    let f = 0;
    for (let j = 1; j < k; j++) if ((sizes[j] as number) < (sizes[f] as number)) f = j;
    sizes[f] = (sizes[f] as number) + n;
    for (const row of byGroup.get(g) as number[]) assign[row] = f;
  }
  return toFolds(assign, k);
}
