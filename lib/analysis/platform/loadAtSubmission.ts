/**
 * Platform load at a job's submission, reconstructed from a job dump: how many other jobs were
 * running, and how many were waiting, at the moment the job was created — overall or among jobs that
 * share a key (e.g. the same Galaxy destination). Only what a scheduler knows at that moment is used:
 * another job counts as running when it had started and had not ended at the creation time, and as
 * waiting when it had been created and had not started. A job's own start and end never enter its own
 * counts.
 */

/** One job's clock (seconds, any common epoch); NaN = unknown. */
export interface JobClock {
  readonly createS: number;
  readonly startS: number;
  readonly endS: number;
}

/** Load per job, in input order (NaN where the job's creation time is unknown). */
export interface LoadAtSubmission {
  /** Other jobs with start <= create < end. */
  readonly running: Float64Array;
  /** Other jobs with create' <= create < start, where create' = min(create, start). */
  readonly queued: Float64Array;
  /** Jobs left out of everyone's counts because start or end is unknown or end < start. */
  readonly unusable: number;
}

/** Count of values <= x in a sorted array (upper bound). */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const sortedOf = (v: number[]): Float64Array => Float64Array.from(v).sort();

/**
 * Running and queued jobs at each job's creation, over all jobs or within each key.
 * Counting is O(n log n): running = #{start <= c} − #{end <= c} (a usable job has start <= end),
 * queued = #{create' <= c} − #{start <= c}; the job itself is taken out when it falls in its own window.
 * @param key optional group per job (same length); counts then use only jobs with the same key.
 * @example loadAtSubmission([{ createS: 0, startS: 5, endS: 20 }, { createS: 10, startS: 12, endS: 30 }]).running // [0, 1]
 */
export function loadAtSubmission(jobs: readonly JobClock[], key?: readonly (string | undefined)[]): LoadAtSubmission {
  if (key && key.length !== jobs.length) throw new RangeError(`loadAtSubmission: ${key.length} keys for ${jobs.length} jobs`);
  const usable = jobs.map((j) => Number.isFinite(j.startS) && Number.isFinite(j.endS) && j.endS >= j.startS);
  const groups = new Map<string, number[]>();
  jobs.forEach((_, i) => {
    const k = key ? (key[i] ?? "\u0000missing") : "";
    const g = groups.get(k) ?? [];
    g.push(i);
    groups.set(k, g);
  });
  const running = new Float64Array(jobs.length).fill(NaN);
  const queued = new Float64Array(jobs.length).fill(NaN);
  for (const rows of groups.values()) {
    const ok = rows.filter((i) => usable[i]);
    const starts = sortedOf(ok.map((i) => (jobs[i] as JobClock).startS));
    const ends = sortedOf(ok.map((i) => (jobs[i] as JobClock).endS));
    const creates = sortedOf(ok.map((i) => {
      const j = jobs[i] as JobClock;
      return Number.isFinite(j.createS) ? Math.min(j.createS, j.startS) : j.startS;
    }));
    for (const i of rows) {
      const j = jobs[i] as JobClock;
      const c = j.createS;
      if (!Number.isFinite(c)) continue;
      const nStart = countAtMost(starts, c);
      let run = nStart - countAtMost(ends, c);
      let que = countAtMost(creates, c) - nStart;
      if (usable[i]) {
        if (j.startS <= c && c < j.endS) run -= 1;
        if (Math.min(c, j.startS) <= c && c < j.startS) que -= 1;
      }
      running[i] = run;
      queued[i] = que;
    }
  }
  return { running, queued, unusable: usable.filter((u) => !u).length };
}
