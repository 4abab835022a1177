import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parseBytes, parseDurationS, parsePercent } from "../util/units";
import { expandTracePaths, ingestToParquet, openDuckdb, queryParquet, readTraces, runtimeSummaryByTask, runtimeSummaryParquet, writeRunsParquet } from "./index";
import { datasetDir, fixture } from "./testPaths";

test("SQL unit macros agree with the TS helpers", async () => {
  const con = await openDuckdb();
  try {
    const durations = ["1h 2m 3s", "4.5s", "120ms", "1d 2h", "1500", "-", "", "soon", "2m", "1m 30s", "-163"];
    const bytes = ["1.2 GB", "512 MB", "100 B", "2048", "-", "12 furlongs", "1 KB", "1.5e3"];
    const pcts = ["180.5%", "12.5", "-"];
    for (const d of durations) {
      const r = (await con.runAndReadAll(`SELECT gwt_duration_s('${d}') AS v`)).getRowObjectsJS()[0]?.["v"];
      assert.equal(r === null ? undefined : r, parseDurationS(d), `duration '${d}'`);
    }
    for (const b of bytes) {
      const r = (await con.runAndReadAll(`SELECT gwt_bytes('${b}') AS v`)).getRowObjectsJS()[0]?.["v"];
      assert.equal(r === null ? undefined : r, parseBytes(b), `bytes '${b}'`);
    }
    for (const p of pcts) {
      const r = (await con.runAndReadAll(`SELECT gwt_percent('${p}') AS v`)).getRowObjectsJS()[0]?.["v"];
      assert.equal(r === null ? undefined : r, parsePercent(p), `percent '${p}'`);
    }
  } finally {
    con.closeSync();
  }
});

test("DuckDB ingest = TS readers: sizey Nextflow traces and Lotaru reports (rows, summaries)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-duck-"));
  try {
    for (const [fmt, paths, expected] of [
      ["nextflow", expandTracePaths([join(datasetDir("sizey"), "data")]), 7258],
      ["lotaru", expandTracePaths([join(datasetDir("lotaru"), "execution_reports")]), 10157],
    ] as const) {
      const out = join(dir, `${fmt}.parquet`);
      const res = await ingestToParquet(paths, fmt, out);
      assert.equal(res.rows, expected);
      const ts = readTraces(paths, { keepRaw: false }).flatMap((r) => r.runs);
      const a = runtimeSummaryByTask(ts);
      const b = await runtimeSummaryParquet(out);
      assert.equal(b.length, a.length);
      a.forEach((x, i) => {
        const y = b[i];
        assert.equal(y?.task, x.task);
        assert.equal(y?.n, x.n);
        assert.ok(Math.abs((y?.p90S ?? NaN) - x.p90S) < 1e-9, `${x.task} p90`);
      });
      const [{ peak, mem } = { peak: 0, mem: 0 }] = (await queryParquet(out, "SELECT sum(peakRssBytes) AS peak, sum(memoryRequestedBytes) AS mem FROM runs")) as { peak: number; mem: number }[];
      assert.equal(peak, ts.reduce((s, r) => s + (r.peakRssBytes ?? 0), 0));
      assert.equal(mem, ts.reduce((s, r) => s + (r.memoryRequestedBytes ?? 0), 0));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("DuckDB ingest of Galaxy dumps: input sizes summed per row, same as the TS reader", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-duck-"));
  try {
    const paths = ["devteam_bwa_bwa_mem_0.4.2.csv", "devteam_picard_picard_MergeSamFiles_1.136.0.csv"].map((f) => join(datasetDir("galaxy-main"), "csv_dump", f));
    const out = join(dir, "g.parquet");
    const res = await ingestToParquet(paths, "galaxy", out);
    const ts = readTraces(paths, { keepRaw: false }).flatMap((r) => r.runs);
    assert.equal(res.rows, ts.length);
    const [row] = (await queryParquet(out, "SELECT sum(inputBytes) AS s, count(inputBytes) AS n, sum(wallS) AS w FROM runs")) as { s: number; n: bigint; w: number }[];
    assert.equal(row?.s, ts.reduce((s, r) => s + (r.inputBytes ?? 0), 0));
    assert.equal(Number(row?.n), ts.filter((r) => r.inputBytes !== undefined).length);
    assert.equal(row?.w, ts.reduce((s, r) => s + (r.wallS ?? 0), 0));
    const [m] = (await queryParquet(out, "SELECT inputBytesByName['fastq_input1'] AS f1, task FROM runs LIMIT 1")) as { f1: number; task: string }[];
    assert.equal(m?.task, "devteam/bwa/bwa_mem");
    assert.equal(m?.f1, 69415268);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("DuckDB ingest reports structurally bad rows with line numbers; writeRunsParquet for JSON formats", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-duck-"));
  try {
    const res = await ingestToParquet([fixture("nextflow-bad.tsv")], "nextflow", join(dir, "bad.parquet"));
    assert.equal(res.rows, 4);
    assert.deepEqual(res.files[0]?.issues.map((i) => i.line), [4]);
    const results = readTraces([fixture("cromwell-metadata.json")]);
    const n = await writeRunsParquet(results, join(dir, "c.parquet"));
    assert.equal(n, 6);
    const rows = await queryParquet(join(dir, "c.parquet"), "SELECT task, wallS, memoryRequestedBytes FROM runs ORDER BY startTime NULLS LAST LIMIT 1");
    assert.equal(rows[0]?.["task"], "BwaMem");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
