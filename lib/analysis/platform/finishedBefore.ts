/**
 * What a scheduler has seen finish before a job is created: the most recent earlier runs that share
 * a key (the same user and tool, or the same tool) and had ended by the job's creation time. The
 * classic history predictor of batch schedulers (a user's last runs of a program); a job's own value
 * never enters its own history, and a run still going at the creation time is not seen.
 */

/** One run: group key, creation and end time (seconds, one epoch), the value to remember (e.g. log run time). */
export interface FinishedRun {
  readonly key: string | undefined;
  readonly createS: number;
  readonly endS: number;
  readonly value: number;
}

/** Per job (input order): the values of up to `k` runs of its key that ended at or before its creation, most recent first. */
export type History = ReadonlyArray<readonly number[]>;

/**
 * For each run, up to `k` values of other runs with the same key whose `endS <= createS` of this run,
 * ordered by end time, latest first (ties: later input first). Runs with an unknown key, end or value
 * are nobody's history; a run with an unknown creation time gets an empty history.
 * @example finishedBefore([{ key: "u", createS: 0, endS: 5, value: 1 }, { key: "u", createS: 9, endS: 12, value: 2 }], 3) // [[], [1]]
 */
export function finishedBefore(runs: readonly FinishedRun[], k: number): History {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`finishedBefore: k must be a positive integer (got ${k})`);
  const byKey = new Map<string, number[]>();
  runs.forEach((r, i) => {
    if (r.key === undefined || !Number.isFinite(r.endS) || !Number.isFinite(r.value)) return;
    const a = byKey.get(r.key) ?? [];
    a.push(i);
    byKey.set(r.key, a);
  });
  for (const a of byKey.values()) a.sort((x, y) => (runs[x] as FinishedRun).endS - (runs[y] as FinishedRun).endS || x - y);
  return runs.map((r, i) => {
    const seen = r.key === undefined ? undefined : byKey.get(r.key);
    if (!seen || !Number.isFinite(r.createS)) return [];
    // first position whose end is after the creation time
    let lo = 0;
    let hi = seen.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((runs[seen[mid] as number] as FinishedRun).endS <= r.createS) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let p = lo - 1; p >= 0 && out.length < k; p--) {
      const j = seen[p] as number;
      if (j !== i) out.push((runs[j] as FinishedRun).value);
    }
    return out;
  });
}
