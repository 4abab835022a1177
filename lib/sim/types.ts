/** The simulator's data: tasks with true run times (seconds), workflows, the cluster, and a policy. */

/** gwtime's out-of-fold prediction of one task's run time (seconds), from a model that never saw its input. */
export interface Prediction {
  /** Point prediction (s). */
  readonly pointS: number;
  /** One-sided split-conformal upper bounds (s) at quantile 0.9 / 0.95 / 0.99. */
  readonly upperS: { readonly q90: number; readonly q95: number; readonly q99: number };
  /** Calibrated P(run lands in the tail), from the tail-risk classifier. */
  readonly tailProb: number;
}

/** One step of a workflow. */
export interface SimTask {
  /** Process / tool name: the key of per-process history (limits, max of previous runs). */
  readonly step: string;
  /** Cores it occupies while it runs (>= 1). */
  readonly cores: number;
  /** Memory it occupies (bytes); 0 or undefined when memory is not simulated. */
  readonly memBytes?: number;
  /** True run time of the first attempt (s), from the trace. */
  readonly trueS: number;
  /**
   * Run time of any rerun (a retry or a speculative copy on another node). Equals trueS for an
   * input-induced slow run (the input is slow everywhere); shorter for a machine-induced one. Default trueS.
   */
  readonly rerunS?: number;
  /** Indices (in the workflow's task list) of the steps that must finish first. */
  readonly deps: readonly number[];
  readonly pred?: Prediction;
}

/** A workflow run: a DAG (or a single task) arriving at `arrivalS`. */
export interface SimWorkflow {
  readonly id: string;
  readonly arrivalS: number;
  readonly tasks: readonly SimTask[];
}

/** A set of identical nodes. Tasks of a partition only run on its nodes. */
export interface Partition {
  readonly name: string;
  readonly nodes: number;
  readonly coresPerNode: number;
  /** Memory per node (bytes); undefined = memory not simulated. */
  readonly memPerNode?: number;
}

export interface Cluster {
  readonly partitions: readonly Partition[];
}

/** What a policy sees of a task when it decides. */
export interface TaskView {
  readonly workflow: SimWorkflow;
  readonly task: SimTask;
  /** 1 for the first attempt, 2 after one walltime kill, ... */
  readonly attempt: number;
  /** The limit of the previous (killed) attempt, undefined on the first attempt. */
  readonly previousLimitS: number | undefined;
}

/**
 * A scheduling policy: what time limit an attempt gets, in what order queued tasks start, on which
 * partition, and when to launch a speculative copy. Stateful policies reset in `reset`.
 */
export interface Policy {
  readonly name: string;
  /** Walltime limit of this attempt (s); Infinity = none. A task running past it is killed and resubmitted. */
  limitS(t: TaskView): number;
  /** Queue key: lower starts first; equal keys start in the order they became ready. Default 0 (FIFO). */
  priority?(t: TaskView): number;
  /** Partition name (default: the first partition). */
  partition?(t: TaskView): string;
  /** Seconds after an attempt's start at which it becomes a candidate for one speculative copy; undefined = never. */
  speculateAfterS?(t: TaskView): number | undefined;
  /** Told every successful run (learning policies, e.g. max of previous runs). */
  observe?(task: SimTask, runS: number): void;
  /** Forget what was learned (called at the start of every simulation). */
  reset?(): void;
}

/** One attempt as it happened (recorded when `SimOptions.record` is set). */
export interface AttemptRecord {
  readonly workflow: number;
  readonly task: number;
  readonly attempt: number;
  readonly copy: boolean;
  readonly partition: string;
  readonly node: number;
  readonly startS: number;
  readonly endS: number;
  readonly outcome: "done" | "killed" | "cancelled";
}
