import assert from "node:assert/strict";
import { test } from "node:test";
import { mirrorRoot } from "../data/paths";
import type { ResolvedFile } from "../data/resolve";
import type { TaskRun, TraceReadResult } from "../traces/schema";
import { datasetFolder, loadDatasetTraces, summarise } from "./load";

const run = (task: string) => ({ task, source: "t", raw: {} }) as unknown as TaskRun;

test("summarise keeps every run, issue and per-file count (nothing dropped)", () => {
  const results: TraceReadResult[] = [
    { file: "/x/a/one.csv", format: "galaxy", runs: [run("a"), run("b")], issues: [{ file: "/x/a/one.csv", line: 3, message: "bad" }], rowsSeen: 3 },
    { file: "/x/b/two.tsv", format: "nextflow", runs: [run("c")], issues: [], rowsSeen: 1 },
  ];
  const s = summarise(results);
  assert.deepEqual(s.runs.map((r) => r.task), ["a", "b", "c"]);
  assert.deepEqual(s.files, [
    { file: "a/one.csv", format: "galaxy", rows: 2, rowsSeen: 3, issues: 1 },
    { file: "b/two.tsv", format: "nextflow", rows: 1, rowsSeen: 1, issues: 0 },
  ]);
  assert.equal(s.issues.length, 1);
});

const haveMirror = mirrorRoot() !== undefined;

test("loadDatasetTraces records the pinned files it read and returns their runs", { skip: haveMirror ? false : "no dataset mirror (../shared/datasets or GWT_DATA_MIRROR)" }, async () => {
  const used: ResolvedFile[] = [];
  const got = await loadDatasetTraces({ used: (f) => used.push(...f) }, "sizey", { filter: (p) => p === "data/trace_chipseq.csv" });
  assert.deepEqual(used.map((f) => f.path), ["data/trace_chipseq.csv"]);
  assert.match(used[0]?.sha256 ?? "", /^[0-9a-f]{64}$/);
  assert.equal(got.files.length, 1);
  assert.ok(got.runs.length > 0);
  assert.equal(got.runs.length, got.files[0]?.rows);
  const folder = await datasetFolder({ used: () => undefined }, "sizey", (p) => p === "data/trace_chipseq.csv");
  assert.ok(used[0]?.localPath.startsWith(folder));
  await assert.rejects(datasetFolder({ used: () => undefined }, "sizey", () => false), /has no file matching the filter/);
});
