import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { mirrorRoot } from "../../data/paths";
import { parseGalaxyFrame } from "./galaxy";
import { encodeOrdinalRows, fitOrdinalEncoder, galaxyExtraColumns, galaxyHistory, galaxyLoad, HISTORY_COLUMNS, parseGalaxyCreateTime, parseGalaxyDumpJobs, readGalaxyDumpJobs } from "./galaxyPlatform";

test("create_time is read as UTC with its microseconds; other shapes are refused", () => {
  assert.equal(parseGalaxyCreateTime("1970-01-01 00:00:01.5"), 1.5);
  assert.equal(parseGalaxyCreateTime("2017-04-03 10:14:27.344151"), Date.UTC(2017, 3, 3, 10, 14, 27) / 1000 + 0.344151);
  assert.ok(Number.isNaN(parseGalaxyCreateTime("")));
  assert.throws(() => parseGalaxyCreateTime("03/04/2017 10:14"), /create_time/);
});

const DUMP = [
  "id,create_time,start_epoch,end_epoch,destination_id,handler,galaxy_slots,input1,input1_filetype,input2,input2_filetype,user_id,runtime",
  "1,1970-01-01 00:00:00,5,20,slurm,h1,1,100,bam,50,bed,7,15",
  "2,1970-01-01 00:00:10,12,30,slurm,h2,4,400,bam,,,7,18",
  "3,1970-01-01 00:00:11,40,50,other,h1,,,,,,8,10",
  "4,1970-01-01 00:00:35,36,37,other,h1,,,,,,7,1",
];

test("dump jobs and extra columns: load by id, destination, sizes", () => {
  const jobs = parseGalaxyDumpJobs(DUMP.join("\n"), "dump.csv");
  assert.deepEqual(jobs.map((j) => [j.id, j.createS, j.destination, j.user, j.tool, j.totalBytes]), [["1", 0, "slurm", "7", "dump", 150], ["2", 10, "slurm", "7", "dump", 400], ["3", 11, "other", "8", "dump", NaN], ["4", 35, "other", "7", "dump", NaN]]);
  const load = galaxyLoad(jobs);
  assert.deepEqual(load.byId.get("2"), [1, 0, 1, 0]);
  assert.deepEqual(load.byId.get("3"), [1, 1, 0, 0], "job 1 runs and job 2 waits overall, neither on 'other'");
  const frame = parseGalaxyFrame(DUMP.join("\n"));
  const cols = galaxyExtraColumns(frame, ["load", "destination", "size"], { load });
  assert.deepEqual([...cols.keys()], ["load.running_all", "load.queued_all", "load.running_dest", "load.queued_dest", "destination_id", "handler", "galaxy_slots", "input.bytes_per_slot", "input.total_bytes", "input.n_files"]);
  assert.deepEqual(cols.get("input.total_bytes")?.values, [150, 400, NaN, NaN]);
  assert.deepEqual(cols.get("input.n_files")?.values, [2, 1, 0, 0]);
  assert.deepEqual(cols.get("input.bytes_per_slot")?.values, [150, 100, NaN, NaN]);
  assert.deepEqual(cols.get("destination_id")?.values, ["slurm", "slurm", "other", "other"]);
  assert.deepEqual([...galaxyExtraColumns(frame, ["size"]).keys()], ["input.total_bytes", "input.n_files"]);
  assert.throws(() => galaxyExtraColumns(frame, ["load"]), /needs the dump's load/);
  assert.throws(() => galaxyExtraColumns(frame, ["load"], { load: galaxyLoad(jobs.slice(0, 2)) }), /job id 3 \(row 3\) is not in the dump's load table/);
  assert.throws(() => galaxyExtraColumns(frame, ["history"], { load }), /needs the dump's history/);
  assert.throws(() => galaxyLoad([...jobs, jobs[0]!]), /job id 1 appears twice/);
});

test("history: the same user's runs of the tool that had ended at creation; a job's own run time never enters", () => {
  const jobs = parseGalaxyDumpJobs(DUMP.join("\n"), "dump.csv");
  const hist = galaxyHistory(jobs);
  const h = (id: string) => Object.fromEntries(HISTORY_COLUMNS.map((c, k) => [c, hist.byId.get(id)![k]]));
  // job 2 (user 7, created at 10): job 1 had not ended (20) → no user history; nor any tool history
  assert.deepEqual(h("2")["hist.user_tool_n_prev"], 0);
  assert.ok(Number.isNaN(h("2")["hist.tool_median10_log_s"]!));
  // job 4 (user 7, created at 35): jobs 1 (ended 20) and 2 (ended 30) are seen, latest first; job 3 (user 8) ended at 50
  assert.equal(h("4")["hist.user_tool_n_prev"], 2);
  assert.equal(h("4")["hist.user_tool_last_log_s"], Math.log1p(18));
  assert.equal(h("4")["hist.user_tool_median3_log_s"], (Math.log1p(18) + Math.log1p(15)) / 2);
  assert.equal(h("4")["hist.user_tool_last_log_s_per_byte"], Math.log1p(18) - Math.log1p(400));
  assert.equal(h("4")["hist.tool_median10_log_s"], (Math.log1p(18) + Math.log1p(15)) / 2);
  // changing job 4's own run time changes nothing in its history
  const other = galaxyHistory(jobs.map((j) => (j.id === "4" ? { ...j, runtimeS: 1e6 } : j)));
  assert.deepEqual(other.byId.get("4"), hist.byId.get("4"));
  const frame = parseGalaxyFrame(DUMP.join("\n"));
  assert.deepEqual([...galaxyExtraColumns(frame, ["history"], { history: hist }).keys()], [...HISTORY_COLUMNS]);
});

test("a bad dump row names file, line and field", () => {
  assert.throws(() => parseGalaxyDumpJobs([DUMP[0], "1,yesterday,5,20,slurm,h1,1,100,bam,50,bed,7,15"].join("\n"), "dump.csv"), /dump\.csv, line 2, field 'create_time'/);
  assert.throws(() => parseGalaxyDumpJobs("id,create_time\n1,", "x.csv"), /x\.csv, line 1: no 'start_epoch' column/);
});

test("ordinal encoder: codes follow the training rows' smoothed means; unseen classes are NaN; test rows unused", () => {
  const frame = parseGalaxyFrame(["c,x", "a,1", "a,2", "b,3", "b,", "z,5"].join("\n"));
  const y = [1, 1, 9, 9, 100];
  const enc = fitOrdinalEncoder(frame, [0, 1, 2, 3], y, 0);
  // numeric columns first (NaN kept), then the categorical code: a (mean 1) → 0, b (mean 9) → 1, z unseen → NaN
  assert.deepEqual(encodeOrdinalRows(frame, enc, [0, 2, 3, 4]).map((r) => Array.from(r)), [[1, 0], [3, 1], [NaN, 1], [5, NaN]]);
  // y of a row outside the fitted rows changes nothing
  assert.deepEqual(fitOrdinalEncoder(frame, [0, 1, 2, 3], [1, 1, 9, 9, -1e9], 0), enc);
  // order flips with the means
  const flipped = fitOrdinalEncoder(frame, [0, 1, 2, 3], [9, 9, 1, 1, 0], 0);
  assert.equal(flipped.categorical.get("c")?.get("a"), 1);
});

const root = mirrorRoot();
const dumpDir = root ? join(root, "galaxy-main", "csv_dump") : undefined;
const have = dumpDir !== undefined && existsSync(dumpDir);

test("load over the real dump: every job usable, one job's counts equal a direct count", { skip: have ? false : "no dataset mirror" }, () => {
  const { jobs, files } = readGalaxyDumpJobs(dumpDir as string);
  assert.equal(files.length, 126);
  assert.equal(jobs.length, 162755);
  const load = galaxyLoad(jobs);
  assert.equal(load.unusable, 0);
  // a busy moment: the job with the most running jobs on its destination, and a job picked by position
  for (const j of [jobs[1000]!, jobs[100000]!]) {
    const running = jobs.filter((o) => o !== j && o.startS <= j.createS && j.createS < o.endS);
    const dest = running.filter((o) => o.destination === j.destination);
    const got = load.byId.get(String(Number(j.id)))!;
    assert.equal(got[0], running.length);
    assert.equal(got[2], dest.length);
  }
});
