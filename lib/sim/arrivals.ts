/** Arrival times for workflows: a seeded Poisson stream at a chosen utilisation, or replayed trace timestamps. */
import { rng } from "../util/stats";
import type { Cluster, SimWorkflow } from "./types";

/** `n` arrival times (s) of a Poisson process with `ratePerS`, starting at 0, seeded. */
export function poissonArrivals(n: number, ratePerS: number, seed: number): Float64Array {
  if (!(ratePerS > 0)) throw new RangeError(`poissonArrivals: rate must be > 0 (got ${ratePerS})`);
  const r = rng(seed);
  const out = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    out[i] = t;
    t += -Math.log(1 - r()) / ratePerS;
  }
  return out;
}

/** Core-seconds of useful work of one workflow (true run times x cores). */
export function workflowCoreS(w: SimWorkflow): number {
  return w.tasks.reduce((s, t) => s + t.trueS * t.cores, 0);
}

/** Total cores of a cluster. */
export function clusterCores(c: Cluster): number {
  return c.partitions.reduce((s, p) => s + p.nodes * p.coresPerNode, 0);
}

/** Workflow arrival rate (per s) at which the useful work fills `utilisation` of the cluster's cores. */
export function rateForUtilisation(workflows: readonly SimWorkflow[], cluster: Cluster, utilisation: number): number {
  if (!(utilisation > 0)) throw new RangeError(`utilisation must be > 0 (got ${utilisation})`);
  const meanWork = workflows.reduce((s, w) => s + workflowCoreS(w), 0) / workflows.length;
  return (utilisation * clusterCores(cluster)) / meanWork;
}

/**
 * The workflows in a seeded random order, arriving as a Poisson stream at `utilisation` (new objects;
 * the inputs are left alone). Every policy compared on one seed sees the same arrivals.
 */
export function poissonWorkload(workflows: readonly SimWorkflow[], cluster: Cluster, utilisation: number, seed: number): SimWorkflow[] {
  const order = workflows.map((_, i) => i);
  const r = rng(seed ^ 0x5bd1e995);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const times = poissonArrivals(workflows.length, rateForUtilisation(workflows, cluster, utilisation), seed);
  return order.map((wi, k) => ({ ...(workflows[wi] as SimWorkflow), arrivalS: times[k] as number }));
}

/**
 * Arrivals replayed from trace timestamps (epoch ms or s, any origin): shifted to start at 0 and
 * divided by `compress` (2 = twice as fast as recorded). Workflows keep the trace's order.
 */
export function replayWorkload(workflows: readonly SimWorkflow[], timestamps: readonly number[], compress = 1): SimWorkflow[] {
  if (timestamps.length !== workflows.length) throw new RangeError(`replayWorkload: ${workflows.length} workflows but ${timestamps.length} timestamps`);
  const bad = timestamps.findIndex((t) => !Number.isFinite(t));
  if (bad >= 0) throw new RangeError(`replayWorkload: timestamp ${bad} is not a number`);
  const t0 = Math.min(...timestamps);
  return workflows.map((w, i) => ({ ...w, arrivalS: ((timestamps[i] as number) - t0) / compress }));
}

/**
 * The `compress` factor for replayWorkload at which the replayed arrivals offer `utilisation` of the
 * cluster's cores over the recorded span (useful work / (cores x span / compress)).
 */
export function compressForUtilisation(workflows: readonly SimWorkflow[], timestampsS: readonly number[], cluster: Cluster, utilisation: number): number {
  const span = Math.max(...timestampsS) - Math.min(...timestampsS);
  if (!(span > 0)) throw new RangeError("compressForUtilisation: the timestamps span no time");
  const work = workflows.reduce((s, w) => s + workflowCoreS(w), 0);
  return (utilisation * clusterCores(cluster) * span) / work;
}
