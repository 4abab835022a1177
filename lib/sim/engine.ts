/**
 * The discrete-event cluster simulator. Workflows arrive; a task becomes ready when its dependencies
 * are done and waits in its partition's queue (ordered by the policy's priority, FIFO among equals);
 * the head of the queue starts on the first node with enough free cores (and memory) — no backfill,
 * so a big head task blocks the ones behind it. An attempt that would run past its time limit is
 * killed at the limit (its core-time is wasted) and resubmitted with the next attempt number; any
 * rerun (retry or speculative copy) takes the task's `rerunS`. Speculative copies start only on free
 * cores of another node when the queue is empty (LATE), at most `speculativeCap` of a partition's cores;
 * the first of original and copy to finish wins and the other is cancelled (its core-time is wasted).
 * Events are processed in time order, ties in the order they were scheduled; the run is deterministic.
 */
import { MinHeap } from "./heap";
import type { AttemptRecord, Cluster, Policy, SimTask, SimWorkflow, TaskView } from "./types";

export interface SimOptions {
  /** Keep every attempt in `SimResult.attempts` (tests, small runs). Default false. */
  readonly record?: boolean;
  /** Most cores of a partition running speculative copies at once, as a fraction. Default 0.1 (LATE's SpeculativeCap). */
  readonly speculativeCap?: number;
  /**
   * Attempts a task gets before it fails for good (Snakemake `--retries n` = n + 1 attempts). A failed
   * task's dependents never run and its workflow has no turnaround (NaN). Default Infinity (always retried).
   */
  readonly maxAttempts?: number;
}

/** What one simulation measured. Times in seconds; core-time in core-seconds. */
export interface SimResult {
  readonly policy: string;
  /** Per task (workflow order, then task order): ready → done. */
  readonly taskTurnaroundS: Float64Array;
  /** Per task: time spent queued, over all its attempts. */
  readonly taskWaitS: Float64Array;
  /** Per task: turnaround / true run time. */
  readonly taskSlowdown: Float64Array;
  /** Per workflow: arrival → its last task done (NaN when a task of it failed). */
  readonly workflowTurnaroundS: Float64Array;
  readonly kills: number;
  /** Tasks that were killed on their last allowed attempt (`SimOptions.maxAttempts`). */
  readonly failedTasks: number;
  readonly speculativeCopies: number;
  /** Core-seconds of attempts killed at their limit. */
  readonly killedCoreS: number;
  /** Core-seconds of the losing side of a speculation (the cancelled original or copy). */
  readonly speculativeCoreS: number;
  /** Core-seconds of the attempts that finished the tasks. */
  readonly usefulCoreS: number;
  readonly busyCoreS: number;
  /** First arrival → last task done. */
  readonly makespanS: number;
  readonly totalCores: number;
  readonly attempts?: AttemptRecord[];
}

interface Attempt {
  readonly g: number;
  readonly attempt: number;
  readonly copy: boolean;
  readonly part: number;
  readonly node: number;
  readonly startS: number;
  readonly endS: number;
  readonly limitS: number;
  readonly killed: boolean;
  running: boolean;
}

const ARRIVE = 0;
const END = 1;
const SPEC = 2;
interface SimEvent {
  readonly kind: number;
  readonly ref: number;
  readonly att: Attempt | undefined;
}

/** A problem with the simulated workload or cluster (names the workflow and task). */
export class SimInputError extends Error {
  override name = "SimInputError";
}

/**
 * Simulate `workflows` on `cluster` under `policy`. Inputs are not mutated.
 * @example const r = simulate(workflows, { partitions: [{ name: "main", nodes: 4, coresPerNode: 8 }] }, fifoNoLimit());
 */
export function simulate(workflows: readonly SimWorkflow[], cluster: Cluster, policy: Policy, opts: SimOptions = {}): SimResult {
  const parts = cluster.partitions;
  if (parts.length === 0) throw new SimInputError("cluster has no partition");
  const partIndex = new Map(parts.map((p, i) => [p.name, i]));
  const free = parts.map((p) => new Float64Array(p.nodes).fill(p.coresPerNode));
  const freeMem = parts.map((p) => (p.memPerNode === undefined ? undefined : new Float64Array(p.nodes).fill(p.memPerNode)));
  const freeTotal = parts.map((p) => p.nodes * p.coresPerNode);
  const specCores = parts.map(() => 0);
  const specCap = parts.map((p) => Math.floor((opts.speculativeCap ?? 0.1) * p.nodes * p.coresPerNode));
  const totalCores = parts.reduce((s, p) => s + p.nodes * p.coresPerNode, 0);

  // Flatten tasks: global index g.
  const wfStart = new Int32Array(workflows.length + 1);
  workflows.forEach((w, i) => (wfStart[i + 1] = (wfStart[i] as number) + w.tasks.length));
  const n = wfStart[workflows.length] as number;
  const wfOf = new Int32Array(n);
  const taskOf: SimTask[] = new Array(n);
  const remDeps = new Int32Array(n);
  const children: number[][] = Array.from({ length: n }, () => []);
  workflows.forEach((w, wi) => {
    if (!(Number.isFinite(w.arrivalS) && w.arrivalS >= 0)) throw new SimInputError(`workflow ${w.id}: arrivalS must be a finite number >= 0 (got ${w.arrivalS})`);
    w.tasks.forEach((t, ti) => {
      const g = (wfStart[wi] as number) + ti;
      wfOf[g] = wi;
      taskOf[g] = t;
      if (!(t.trueS > 0 && Number.isFinite(t.trueS))) throw new SimInputError(`workflow ${w.id} task ${ti} (${t.step}): trueS must be a finite number > 0 (got ${t.trueS})`);
      if (!(t.cores >= 1)) throw new SimInputError(`workflow ${w.id} task ${ti} (${t.step}): cores must be >= 1 (got ${t.cores})`);
      for (const d of t.deps) {
        if (!Number.isInteger(d) || d < 0 || d >= w.tasks.length || d === ti) throw new SimInputError(`workflow ${w.id} task ${ti} (${t.step}): dependency ${d} is not another task of the workflow`);
        children[(wfStart[wi] as number) + d]?.push(g);
      }
      remDeps[g] = t.deps.length;
    });
  });
  const wfRemaining = Int32Array.from(workflows, (w) => w.tasks.length);
  const readyFirst = new Float64Array(n);
  const readySince = new Float64Array(n);
  const waitS = new Float64Array(n);
  const finish = new Float64Array(n).fill(NaN);
  const attemptNo = new Int32Array(n);
  const prevLimit = new Float64Array(n).fill(NaN);
  const orig: Array<Attempt | undefined> = new Array(n);
  const copyOf: Array<Attempt | undefined> = new Array(n);
  const hadCopy = new Uint8Array(n);
  const wfTurn = new Float64Array(workflows.length).fill(NaN);

  const events = new MinHeap<SimEvent>();
  const queues = parts.map(() => new MinHeap<number>());
  const candidates: Attempt[][] = parts.map(() => []);
  const records: AttemptRecord[] | undefined = opts.record ? [] : undefined;
  let kills = 0;
  let failedTasks = 0;
  const maxAttempts = opts.maxAttempts ?? Infinity;
  if (!(maxAttempts >= 1)) throw new SimInputError(`maxAttempts must be >= 1 (got ${maxAttempts})`);
  let copies = 0;
  let killedCoreS = 0;
  let speculativeCoreS = 0;
  let usefulCoreS = 0;
  let busyCoreS = 0;
  let now = 0;
  let firstArrival = Infinity;
  let lastDone = 0;

  policy.reset?.();
  workflows.forEach((w, wi) => {
    events.push(w.arrivalS, { kind: ARRIVE, ref: wi, att: undefined });
    firstArrival = Math.min(firstArrival, w.arrivalS);
  });

  const view = (g: number): TaskView => ({ workflow: workflows[wfOf[g] as number] as SimWorkflow, task: taskOf[g] as SimTask, attempt: attemptNo[g] as number, previousLimitS: Number.isNaN(prevLimit[g]) ? undefined : (prevLimit[g] as number) });

  function enqueue(g: number): void {
    const v = view(g);
    const name = policy.partition?.(v);
    const p = name === undefined ? 0 : partIndex.get(name);
    if (p === undefined) throw new SimInputError(`policy ${policy.name} sent task ${taskOf[g]?.step} to unknown partition '${name}'`);
    const part = parts[p]!;
    const t = taskOf[g] as SimTask;
    if (t.cores > part.coresPerNode || (part.memPerNode !== undefined && (t.memBytes ?? 0) > part.memPerNode)) {
      throw new SimInputError(`workflow ${workflows[wfOf[g] as number]?.id} task ${t.step}: needs ${t.cores} cores / ${t.memBytes ?? 0} bytes, more than a node of partition '${part.name}' has`);
    }
    readySince[g] = now;
    queues[p]!.push(policy.priority?.(v) ?? 0, g);
  }

  function makeReady(g: number): void {
    readyFirst[g] = now;
    attemptNo[g] = 1;
    enqueue(g);
  }

  function firstFit(p: number, cores: number, mem: number, exclude: number): number {
    const f = free[p] as Float64Array;
    const fm = freeMem[p];
    for (let i = 0; i < f.length; i++) if (i !== exclude && (f[i] as number) >= cores && (fm === undefined || (fm[i] as number) >= mem)) return i;
    return -1;
  }

  function occupy(a: Attempt, sign: 1 | -1): void {
    const t = taskOf[a.g] as SimTask;
    const f = free[a.part] as Float64Array;
    f[a.node] = (f[a.node] as number) - sign * t.cores;
    freeTotal[a.part] = (freeTotal[a.part] as number) - sign * t.cores;
    const fm = freeMem[a.part];
    if (fm) fm[a.node] = (fm[a.node] as number) - sign * (t.memBytes ?? 0);
    if (a.copy) specCores[a.part] = (specCores[a.part] as number) + sign * t.cores;
  }

  function start(g: number, p: number, node: number, copy: boolean): void {
    const t = taskOf[g] as SimTask;
    const v = view(g);
    const limit = copy ? Infinity : policy.limitS(v);
    if (!(limit > 0)) throw new SimInputError(`policy ${policy.name} gave task ${t.step} a limit of ${limit}`);
    const dur = copy || v.attempt > 1 ? (t.rerunS ?? t.trueS) : t.trueS;
    const killed = dur > limit;
    if (!copy) waitS[g] = (waitS[g] as number) + (now - (readySince[g] as number));
    const a: Attempt = { g, attempt: v.attempt, copy, part: p, node, startS: now, endS: now + (killed ? limit : dur), limitS: limit, killed, running: true };
    occupy(a, 1);
    if (copy) {
      copyOf[g] = a;
      hadCopy[g] = 1;
      copies++;
    } else {
      orig[g] = a;
      const s = hadCopy[g] ? undefined : policy.speculateAfterS?.(v);
      if (s !== undefined && now + s < a.endS) events.push(now + s, { kind: SPEC, ref: g, att: a });
    }
    events.push(a.endS, { kind: END, ref: g, att: a });
  }

  function stop(a: Attempt, outcome: AttemptRecord["outcome"]): void {
    a.running = false;
    occupy(a, -1);
    const coreS = (now - a.startS) * (taskOf[a.g] as SimTask).cores;
    busyCoreS += coreS;
    if (outcome === "killed") killedCoreS += coreS;
    else if (outcome === "cancelled") speculativeCoreS += coreS;
    else usefulCoreS += coreS;
    records?.push({ workflow: wfOf[a.g] as number, task: a.g - (wfStart[wfOf[a.g] as number] as number), attempt: a.attempt, copy: a.copy, partition: parts[a.part]!.name, node: a.node, startS: a.startS, endS: now, outcome });
  }

  function complete(g: number): void {
    finish[g] = now;
    lastDone = Math.max(lastDone, now);
    for (const c of children[g] as number[]) {
      remDeps[c] = (remDeps[c] as number) - 1;
      if (remDeps[c] === 0) makeReady(c);
    }
    const w = wfOf[g] as number;
    wfRemaining[w] = (wfRemaining[w] as number) - 1;
    if (wfRemaining[w] === 0) wfTurn[w] = now - (workflows[w] as SimWorkflow).arrivalS;
  }

  function dispatch(p: number): void {
    const q = queues[p] as MinHeap<number>;
    while (q.size > 0) {
      const g = q.peek() as number;
      const t = taskOf[g] as SimTask;
      if ((freeTotal[p] as number) < t.cores) return;
      const node = firstFit(p, t.cores, t.memBytes ?? 0, -1);
      if (node < 0) return;
      q.pop();
      start(g, p, node, false);
    }
    const cand = candidates[p] as Attempt[];
    if (cand.length === 0) return;
    const keep: Attempt[] = [];
    for (const a of cand) {
      if (!a.running || copyOf[a.g]) continue;
      const t = taskOf[a.g] as SimTask;
      const node = (specCores[p] as number) + t.cores <= (specCap[p] as number) ? firstFit(p, t.cores, t.memBytes ?? 0, a.node) : -1;
      if (node >= 0) start(a.g, p, node, true);
      else keep.push(a);
    }
    candidates[p] = keep;
  }

  while (events.size > 0) {
    now = events.peekKey() as number;
    const ev = events.pop() as SimEvent;
    if (ev.kind === ARRIVE) {
      const w = workflows[ev.ref] as SimWorkflow;
      const base = wfStart[ev.ref] as number;
      if (w.tasks.length === 0) wfTurn[ev.ref] = 0;
      w.tasks.forEach((t, ti) => {
        if (t.deps.length === 0) makeReady(base + ti);
      });
    } else if (ev.kind === END) {
      const a = ev.att as Attempt;
      if (!a.running) continue;
      const g = a.g;
      if (a.killed) {
        stop(a, "killed");
        kills++;
        orig[g] = undefined;
        if (!copyOf[g]?.running && a.attempt >= maxAttempts) failedTasks++;
        else if (!copyOf[g]?.running) {
          prevLimit[g] = a.limitS;
          attemptNo[g] = (attemptNo[g] as number) + 1;
          enqueue(g);
        }
      } else {
        stop(a, "done");
        const other = a.copy ? orig[g] : copyOf[g];
        if (other?.running) stop(other, "cancelled");
        policy.observe?.(taskOf[g] as SimTask, now - a.startS);
        complete(g);
      }
    } else {
      const a = ev.att as Attempt;
      if (a.running && !copyOf[a.g]) candidates[a.part]?.push(a);
    }
    for (let p = 0; p < parts.length; p++) dispatch(p);
  }

  for (let g = 0; g < n; g++) {
    if (Number.isNaN(finish[g]) && failedTasks === 0) throw new SimInputError(`workflow ${workflows[wfOf[g] as number]?.id} task ${taskOf[g]?.step} never ran: its dependencies form a cycle`);
  }
  const turn = new Float64Array(n);
  const slow = new Float64Array(n);
  for (let g = 0; g < n; g++) {
    turn[g] = (finish[g] as number) - (readyFirst[g] as number);
    slow[g] = (turn[g] as number) / (taskOf[g] as SimTask).trueS;
  }
  return {
    policy: policy.name,
    taskTurnaroundS: turn,
    taskWaitS: waitS,
    taskSlowdown: slow,
    workflowTurnaroundS: wfTurn,
    kills,
    failedTasks,
    speculativeCopies: copies,
    killedCoreS,
    speculativeCoreS,
    usefulCoreS,
    busyCoreS,
    makespanS: workflows.length ? lastDone - firstArrival : 0,
    totalCores,
    ...(records ? { attempts: records } : {}),
  };
}
