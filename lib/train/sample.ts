/**
 * A capped, seeded, stratified sample of one step's training rows, so a step with a million runs fits
 * in seconds (the fit grows with rows; the join and the report still see every row). Strata are the
 * quantile bins of the log target, so the sample keeps the slow tail the tail classifier learns from;
 * within a stratum rows are drawn by a seeded shuffle. Same table + cap + seed → the same rows.
 */
import type { TrainingSample } from "../models/serialize";
import { rng } from "../util/stats";
import type { StepTable } from "./fit";

/** Most runs a step's model is fitted on by default (`gwtime train --max-rows`; the fit time grows with rows, the join sees all). */
export const DEFAULT_MAX_ROWS = 5000;

/** Strata (quantile bins of log time) the capped sample is drawn from. */
export const SAMPLE_STRATA = 10;

/**
 * Indices of at most `max` rows of `yLog` (ascending): every row when there are no more than `max`,
 * else each of `SAMPLE_STRATA` equal-count bins of the sorted log target contributes in proportion to
 * its size (largest remainders, ties to the lower bin), drawn by a shuffle seeded with `seed`.
 * @example capIndices(Float64Array.from([1, 2, 3, 4]), 2, 7).length // 2
 */
export function capIndices(yLog: Float64Array, max: number, seed: number): Int32Array {
  const n = yLog.length;
  if (!(max >= 1)) throw new Error(`the row cap must be at least 1 (got ${max})`);
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  // rows by log target (ties by index: stable, deterministic)
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => (yLog[a] as number) - (yLog[b] as number) || a - b);
  const k = Math.min(SAMPLE_STRATA, max);
  const bounds = Array.from({ length: k + 1 }, (_, s) => Math.round((s * n) / k));
  const want = bounds.slice(0, k).map((b, s) => ((bounds[s + 1] as number) - b) * (max / n));
  const take = want.map(Math.floor);
  let left = max - take.reduce((a, b) => a + b, 0);
  const byRemainder = want.map((w, s) => ({ s, r: w - Math.floor(w) })).sort((a, b) => b.r - a.r || a.s - b.s);
  for (const { s } of byRemainder) {
    if (left <= 0) break;
    take[s] = (take[s] as number) + 1;
    left--;
  }
  const rand = rng(seed);
  const out: number[] = [];
  for (let s = 0; s < k; s++) {
    const stratum = Array.from(order.subarray(bounds[s] as number, bounds[s + 1] as number));
    const m = take[s] as number;
    // partial Fisher-Yates: the first m positions are a uniform sample of the stratum
    for (let i = 0; i < m; i++) {
      const j = i + Math.floor(rand() * (stratum.length - i));
      const t = stratum[i] as number;
      stratum[i] = stratum[j] as number;
      stratum[j] = t;
      out.push(stratum[i] as number);
    }
  }
  return Int32Array.from(out.sort((a, b) => a - b));
}

/**
 * The step table cut to at most `max` rows (`capIndices`), with what the model file records about it;
 * the table itself when it is within the cap (no sampling stated).
 */
export function capStepTable(t: StepTable, max: number, seed: number): { table: StepTable; sampling: TrainingSample | undefined } {
  if (t.ids.length <= max) return { table: t, sampling: undefined };
  const idx = capIndices(t.yLog, max, seed);
  const pick = <T>(a: readonly T[]): T[] => Array.from(idx, (i) => a[i] as T);
  return {
    table: { step: t.step, ids: pick(t.ids), groups: pick(t.groups), records: pick(t.records), yLog: Float64Array.from(idx, (i) => t.yLog[i] as number), specs: t.specs },
    sampling: { rowsAvailable: t.ids.length, rowsUsed: idx.length, method: `stratified by log time (${Math.min(SAMPLE_STRATA, max)} equal-count bins, rows in proportion), seeded shuffle within each bin`, seed },
  };
}
