/** The policies notebook 07 compares, built for one workload and cluster (static limits from the workload's own history). */
import type { PolicyEntry } from "./compare";
import { lateSpeculation, longestPredictedFirst, maxPrevious, oracle, predictedQuantile, shortestPredictedFirst, staticLimit, stepLimitsFromHistory, tailFirst, tailPartition } from "./policies";
import type { Cluster, SimWorkflow } from "./types";

export const BASELINE = "1 static p90, x2 per retry";
export const ORACLE = "7 oracle";

/**
 * Policies 1-7 of issue 18. The static limit is each step's p90 over ALL the workload's runs (in-sample:
 * it favours the baseline). The reserved-partition policy gets `reservedFraction` of the nodes of the
 * cluster's single partition for predicted-tail tasks (same total cores).
 */
export function standardPolicies(workflows: readonly SimWorkflow[], cluster: Cluster, opts: { tailThreshold?: number; reservedFraction?: number } = {}): PolicyEntry[] {
  const limits = stepLimitsFromHistory(workflows.flatMap((w) => w.tasks), 0.9);
  const thr = opts.tailThreshold ?? 0.5;
  const main = cluster.partitions[0];
  if (!main || cluster.partitions.length !== 1) throw new RangeError("standardPolicies expects a cluster with one partition");
  if (main.nodes < 2) throw new RangeError("standardPolicies needs at least 2 nodes (one is reserved for predicted-tail tasks)");
  const reservedNodes = Math.min(main.nodes - 1, Math.max(1, Math.round((opts.reservedFraction ?? 0.25) * main.nodes)));
  const split: Cluster = { partitions: [{ ...main, name: "general", nodes: main.nodes - reservedNodes }, { ...main, name: "reserved", nodes: reservedNodes }] };
  const q95 = () => predictedQuantile("q95", limits);
  return [
    { label: BASELINE, policy: staticLimit(limits), usesPrediction: false },
    { label: "2 max of previous runs", policy: maxPrevious(limits), usesPrediction: false },
    { label: "3 predicted q90", policy: predictedQuantile("q90", limits), usesPrediction: true },
    { label: "3 predicted q95", policy: q95(), usesPrediction: true },
    { label: "3 predicted q99", policy: predictedQuantile("q99", limits), usesPrediction: true },
    { label: "4 shortest predicted first (q95)", policy: shortestPredictedFirst(q95()), usesPrediction: true },
    { label: "4 longest predicted first (q95)", policy: longestPredictedFirst(q95()), usesPrediction: true },
    { label: "5 tail first (q95)", policy: tailFirst(q95(), thr), usesPrediction: true },
    { label: "5 tail to reserved nodes (q95)", policy: tailPartition(q95(), thr, "reserved", "general"), cluster: split, usesPrediction: true },
    { label: "6 speculate past q95 (q99 limit)", policy: lateSpeculation(predictedQuantile("q99", limits), "q95"), usesPrediction: true },
    { label: ORACLE, policy: oracle(), usesPrediction: false },
  ];
}
