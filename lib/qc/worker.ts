/** Worker-thread entry of `collectParallel`: claim files from the shared counter, parse, post wide results. */
import { workerData } from "node:worker_threads";
import { collectFile, type QcFileReport, type WideRecord, wideRecord } from "./collect";
import type { WorkerInput, WorkerResult } from "./parallel";

const { files, options, shared, port } = workerData as WorkerInput;
// options came from collectQc (CollectOptions minus onProgress)
const state = new Int32Array(shared);
for (let i = Atomics.add(state, 0, 1); i < files.length; i = Atomics.add(state, 0, 1)) {
  const { report, records } = collectFile(files[i] as string, options);
  const result: WorkerResult<QcFileReport, WideRecord> = { i, report, wides: records.map(wideRecord) };
  port.postMessage([result]);
  Atomics.add(state, 1, 1);
  Atomics.notify(state, 1);
}
port.close();
