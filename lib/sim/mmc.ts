/**
 * M/M/c workloads for validating the simulator against Erlang C: single-task workflows, Poisson
 * arrivals, exponential service, and the Kiefer-Wolfowitz recursion (FIFO c-server waits computed
 * directly) that the simulator must reproduce exactly on the same draws.
 */
import { rng } from "../util/stats";
import type { SimWorkflow } from "./types";

/** Draws of an M/M/c stream: arrival times and service times (seeded; arrivals from `seed`, services from `seed + 1`). */
export function mmcDraws(n: number, lambda: number, mu: number, seed: number): { arrivalS: Float64Array; serviceS: Float64Array } {
  const ra = rng(seed);
  const rs = rng(seed + 1);
  const arrivalS = new Float64Array(n);
  const serviceS = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    arrivalS[i] = t;
    serviceS[i] = -Math.log(1 - rs()) / mu;
    t += -Math.log(1 - ra()) / lambda;
  }
  return { arrivalS, serviceS };
}

/** `n` single-core jobs arriving at rate lambda with exponential service of rate mu, as simulator workflows. */
export function mmcWorkload(n: number, lambda: number, mu: number, seed: number): SimWorkflow[] {
  const d = mmcDraws(n, lambda, mu, seed);
  return Array.from(d.arrivalS, (t, i) => ({ id: `j${i}`, arrivalS: t, tasks: [{ step: "job", cores: 1, trueS: d.serviceS[i] as number, deps: [] }] }));
}

/** FIFO waits of a c-server queue (Kiefer-Wolfowitz): each arrival takes the server free soonest. */
export function fifoWaits(c: number, arrivalS: ArrayLike<number>, serviceS: ArrayLike<number>): Float64Array {
  const freeAt = new Float64Array(c);
  const w = new Float64Array(arrivalS.length);
  for (let i = 0; i < arrivalS.length; i++) {
    let s = 0;
    for (let j = 1; j < c; j++) if ((freeAt[j] as number) < (freeAt[s] as number)) s = j;
    const t = arrivalS[i] as number;
    const start = (freeAt[s] as number) > t ? (freeAt[s] as number) : t;
    w[i] = start - t;
    freeAt[s] = start + (serviceS[i] as number);
  }
  return w;
}

/** Mean FIFO wait of an M/M/c stream of `n` jobs, drawn and queued on the fly (no arrays: long validation runs). Same draws as mmcDraws. */
export function mmcMeanWaitStream(c: number, lambda: number, mu: number, n: number, seed: number): number {
  const ra = rng(seed);
  const rs = rng(seed + 1);
  const freeAt = new Float64Array(c);
  let t = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 1; j < c; j++) if ((freeAt[j] as number) < (freeAt[s] as number)) s = j;
    const start = (freeAt[s] as number) > t ? (freeAt[s] as number) : t;
    sum += start - t;
    freeAt[s] = start - Math.log(1 - rs()) / mu;
    t += -Math.log(1 - ra()) / lambda;
  }
  return sum / n;
}
