/**
 * Parse files on worker threads while the calling thread parses too, and hand every file's result
 * back in file order — synchronously, so `collectQc` stays a plain function. Files are claimed one
 * at a time from a shared counter (big FastQC zips and tiny flagstats balance themselves); results
 * come back over MessagePorts read with `receiveMessageOnPort`, the caller sleeping in
 * `Atomics.wait` until a worker posts. A worker that fails to start or dies only costs speed: its
 * unfinished files are parsed again here (parsing is deterministic, so the output does not change).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from "node:worker_threads";

/** Trees smaller than this are parsed on the calling thread (a worker costs ~50 ms to start). */
export const PARALLEL_MIN_FILES = 256;

/**
 * Worker count for `n` files when asked for `"auto"`: one per extra CPU (at most 3), none for
 * small trees. Not the default: on the shared 2-CPU bench machine a worker cost +20% CPU and gave
 * no wall-clock gain (bench/qc notes); use it where cores are idle.
 */
export function autoWorkers(n: number): number {
  if (n < PARALLEL_MIN_FILES || !existsSync(WORKER_SCRIPT)) return 0;
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

/** The compiled worker entry (next to this file in dist/). */
const WORKER_SCRIPT = join(__dirname, "worker.js");

/** What the worker gets (`options`: the collect options, minus the progress callback). */
export interface WorkerInput {
  readonly files: readonly string[];
  readonly options: object;
  /** Int32[0] = next file to claim, Int32[1] = results posted (bumped and notified per file). */
  readonly shared: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** One file's result as posted by a worker (collect.ts's file report and wide records). */
export interface WorkerResult<R = unknown, W = unknown> {
  readonly i: number;
  readonly report: R;
  readonly wides: readonly W[];
}

/** Without workers for a minute, files claimed by a (dead?) worker are parsed here instead. */
const STALL_MS = 60_000;

/**
 * Parse `files` on `nWorkers` threads plus this one; call `emit` once per file, in file order.
 * @param options collect options (`onProgress` is not sent to workers; call it from `emit`)
 * @param parseHere how this thread parses one file (collect.ts passes it: no import back to collect.ts)
 */
export function collectParallel<R, W>(
  files: readonly string[],
  options: { readonly onProgress?: unknown },
  nWorkers: number,
  emit: (i: number, report: R, wides: readonly W[]) => void,
  parseHere: (file: string) => { report: R; wides: readonly W[] },
): void {
  const n = files.length;
  const shared = new SharedArrayBuffer(8);
  const state = new Int32Array(shared);
  const results: (WorkerResult<R, W> | undefined)[] = new Array(n);
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  const { onProgress: _drop, ...sendable } = options;
  for (let w = 0; w < nWorkers; w++) {
    try {
      const { port1, port2 } = new MessageChannel();
      const input: WorkerInput = { files, options: sendable, shared, port: port2 };
      const worker = new Worker(WORKER_SCRIPT, { workerData: input, transferList: [port2] });
      worker.unref();
      workers.push(worker);
      ports.push(port1);
    } catch {
      break; // options not cloneable, no threads: the calling thread does the rest
    }
  }
  const local = (i: number): WorkerResult<R, W> => ({ i, ...parseHere(files[i] as string) });
  let next = 0; // next result to emit
  const drain = (): void => {
    for (const p of ports) for (let m = receiveMessageOnPort(p); m; m = receiveMessageOnPort(p)) for (const r of m.message as WorkerResult<R, W>[]) results[r.i] ??= r;
    for (; next < n && results[next]; next++) {
      const r = results[next] as WorkerResult<R, W>;
      results[next] = undefined;
      emit(next, r.report, r.wides);
    }
  };
  // Claim and parse here too.
  for (let i = Atomics.add(state, 0, 1); i < n; i = Atomics.add(state, 0, 1)) {
    results[i] = local(i);
    drain();
  }
  // Wait for the workers' last files.
  let lastPosted = Atomics.load(state, 1);
  let lastProgress = Date.now();
  while (next < n) {
    drain();
    if (next >= n) break;
    const posted = Atomics.load(state, 1);
    if (posted !== lastPosted) {
      lastPosted = posted;
      lastProgress = Date.now();
      continue;
    }
    if (Date.now() - lastProgress > STALL_MS) {
      for (let i = next; i < n; i++) results[i] ??= local(i);
      continue;
    }
    Atomics.wait(state, 1, posted, 1000);
  }
  for (const p of ports) p.close();
  for (const w of workers) void w.terminate();
}
