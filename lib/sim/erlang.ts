/** Queueing theory used to validate the simulator: M/M/c (Erlang C). */

/** Probability an arrival waits in an M/M/c queue with offered load a = lambda/mu (Erlang C). Needs a < c. */
export function erlangC(c: number, a: number): number {
  if (!(a > 0 && a < c)) throw new RangeError(`erlangC needs 0 < a < c (a=${a}, c=${c})`);
  // Erlang B by the stable recursion, then C from B.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho + rho * b);
}

/** Mean waiting time in queue of M/M/c: C(c, a) / (c mu - lambda). */
export function mmcMeanWait(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}
