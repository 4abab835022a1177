/** lib/sim: a discrete-event cluster simulator to measure what run-time predictions buy a scheduler. */
export * from "./types";
export { MinHeap } from "./heap";
export { simulate, SimInputError, type SimOptions, type SimResult } from "./engine";
export { poissonArrivals, poissonWorkload, replayWorkload, rateForUtilisation, compressForUtilisation, workflowCoreS, clusterCores } from "./arrivals";
export { erlangC, mmcMeanWait } from "./erlang";
export { mmcDraws, mmcWorkload, fifoWaits, mmcMeanWaitStream } from "./mmc";
export * from "./policies";
export { oofPredictions, predictionQuality, type OofOptions } from "./workloads/oof";
export { harnessWorkload, HARNESS_DAG, type HarnessWorkload } from "./workloads/harness";
export { galaxyWorkload, type GalaxyWorkload, type GalaxyToolTable } from "./workloads/galaxy";
export { parseSlurmJobs, parseSlurmLimits, firstLimitS, slurmLimitPolicy, slurmReplayWorkflows, slurmOutcome, simOutcome, readyToStartS, startedAheadOfEarlier, relativeError, loadSlurmPolicyRun, slurmFidelity, SlurmTableError, SLURM_HARNESS_RULES, type SlurmJob, type SlurmLimits, type SlurmPolicyRun, type ScheduleOutcome, type ReplayTimes, type FidelityRow } from "./workloads/slurm";
export { comparePolicies, summarisePolicies, goalCheck, policiesJson, runMetrics, medianCi, type PolicyEntry, type RunRow, type PolicySummary, type GoalRow, type CompareResult } from "./compare";
export { standardPolicies, BASELINE, ORACLE } from "./policySet";
export { tradeoffFigure, turnaroundCdfFigure, killsFigure } from "./figures";
