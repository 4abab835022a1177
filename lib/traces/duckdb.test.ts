import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parseBytes, parseDurationS, parsePercent } from "../util/units";
import { ingestThreads, planScans } from "./duckdb";
import { expandTracePaths, ingestToParquet, openDuckdb, queryParquet, readTraces, runtimeSummaryByTask, runtimeSummaryParquet, writeRunsParquet } from "./index";
import { datasetDir, fixture, NO_MIRROR } from "./testPaths";

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

test("DuckDB ingest = TS readers: sizey Nextflow traces and Lotaru reports (rows, summaries)", { skip: NO_MIRROR }, async () => {
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

test("DuckDB ingest of Galaxy dumps: input sizes summed per row, same as the TS reader", { skip: NO_MIRROR }, async () => {
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
    assert.deepEqual(res.files[0]?.issues.filter((i) => /COLUMNS/.test(i.message)).map((i) => i.line), [4]);
    // field issues and the dropped row (no process) too, on the lines and in the words of the TS reader
    const tsIssues = readTraces([fixture("nextflow-bad.tsv")])[0]?.issues ?? [];
    const key = (i: { line: number | undefined; message: string }) => `${i.line}: ${/COLUMNS|fields/.test(i.message) ? "short row" : i.message}`;
    assert.deepEqual(res.files[0]?.issues.map(key).sort(), tsIssues.map(key).sort());
    const results = readTraces([fixture("cromwell-metadata.json")]);
    const n = await writeRunsParquet(results, join(dir, "c.parquet"));
    assert.equal(n, 6);
    const rows = await queryParquet(join(dir, "c.parquet"), "SELECT task, wallS, memoryRequestedBytes FROM runs ORDER BY startTime NULLS LAST LIMIT 1");
    assert.equal(rows[0]?.["task"], "BwaMem");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("fast-path SQL macros (one cast per field, regex only for text) = the one-argument macros and the TS helpers", async () => {
  const con = await openDuckdb();
  try {
    const cells = ["12", " 12 ", "1.5e3", "-3", "NaN", " nan ", "NAN", "NA", " - ", "-", "", "null", "None", "inf", "1h 2m 3s", " 4.5s ", "120ms", "1.2 GB", " 512 MB", "12 furlongs", "180.5%", " 3 % ", "soon"];
    for (const x of cells) {
      const lit = `'${x}'`;
      const [r] = (await con.runAndReadAll(
        `SELECT gwt_num_x(${lit}) IS NOT DISTINCT FROM gwt_num(${lit}) AS num, gwt_missing(${lit}) = gwt_miss_t(trim(${lit})) AS miss,
           gwt_percent_x(${lit}) IS NOT DISTINCT FROM gwt_percent(${lit}) AS pct,
           gwt_bytes_tn(trim(${lit}), gwt_num_x(${lit})) AS b, gwt_duration_tn(trim(${lit}), gwt_num_x(${lit})) AS d`,
      )).getRowObjectsJS();
      assert.equal(r?.["num"], true, `num '${x}'`);
      assert.equal(r?.["miss"], true, `missing '${x}'`);
      assert.equal(r?.["pct"], true, `percent '${x}'`);
      const b = r?.["b"] === null ? undefined : (r?.["b"] as number);
      const d = r?.["d"] === null ? undefined : (r?.["d"] as number);
      const tsB = parseBytes(x);
      const tsD = parseDurationS(x);
      // the TS helpers read "NaN"-like text as missing and keep negatives; SQL drops negatives (never a size/time)
      // known gaps (old macros too): SQL casts "inf" and "1.5e3" like numbers where the TS regexes do not
      if (!/nan|inf/i.test(x) && x.trim() !== "-3") assert.equal(b, tsB, `bytes '${x}'`);
      if (!/nan|inf|e3/i.test(x)) assert.equal(d, tsD, `duration '${x}'`);
    }
  } finally {
    con.closeSync();
  }
});

test("DuckDB ingest = TS reader on a Nextflow trace with human-readable units, padding and missing markers", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-duck-"));
  try {
    const path = join(dir, "trace_demo.tsv");
    const rows = [
      ["task_id", "process", "tag", "status", "exit", "submit", "realtime", "%cpu", "memory", "peak_rss", "rchar", "hostname"],
      ["1", "NFCORE_DEMO:DEMO:FASTQC", "S1", "COMPLETED", "0", "2023-01-02 03:04:05.123", "1h 2m 3s", "180.5%", "2 GB", "512 MB", "1024", "n1"],
      ["2", "NFCORE_DEMO:DEMO:FASTQC", " - ", "COMPLETED", "0", "1674490103249", " 1500 ", " 12.5 ", "-", " 2048 ", "NA", " n2 "],
      ["3", "NFCORE_DEMO:DEMO:TRIM", "S2", "FAILED", "1", "-", "120ms", "-", "1.5e3", "nan", "-", "-"],
      ["4", "-", "S3", "COMPLETED", "0", "-", "4.5s", "1%", "1 KB", "1", "1", "n3"],
    ];
    writeFileSync(path, rows.map((r) => r.join("\t")).join("\n") + "\n");
    const out = join(dir, "demo.parquet");
    const res = await ingestToParquet([path], "nextflow", out);
    const ts = readTraces([path], { keepRaw: false }).flatMap((r) => r.runs);
    assert.equal(res.rows, ts.length);
    const got = await queryParquet(out, "SELECT task, sample, wallS, cpuPercent, memoryRequestedBytes, peakRssBytes, readBytes, machine, epoch_ms(submitTime) AS submitMs FROM runs ORDER BY task, wallS");
    const want = [...ts].sort((a, b) => a.task.localeCompare(b.task) || (a.wallS ?? 0) - (b.wallS ?? 0));
    const orNull = (v: unknown) => (v === undefined ? null : v);
    want.forEach((w, i) => {
      const g = got[i] ?? {};
      assert.equal(g["task"], w.task);
      assert.equal(g["sample"], orNull(w.sample), `sample ${i}`);
      for (const k of ["wallS", "cpuPercent", "memoryRequestedBytes", "peakRssBytes", "readBytes"] as const) assert.equal(g[k], orNull(w[k]), `${k} ${i}`);
      assert.equal(g["machine"], orNull(w.machine), `machine ${i}`);
      assert.equal(g["submitMs"] === null ? null : Number(g["submitMs"]), w.submitTime ? w.submitTime.getTime() : null, `submit ${i}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("typed fast path: a column numeric in the first rows but with units, padding or garbage later is re-read as text; same runs as the TS reader, bad rows reported", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-duck-"));
  try {
    const path = join(dir, "trace_late.tsv");
    const header = ["task_id", "process", "tag", "status", "exit", "submit", "realtime", "%cpu", "memory", "peak_rss", "rchar", "tool_version"];
    const plain = (i: number) => [String(i), "NFCORE_LATE:LATE:BWA_MEM", `S${i}`, "COMPLETED", "0", String(1700000000000 + i), String(1000 + i), "12.5", "2147483648", i % 50 ? String(1048576 + i) : "-", String(4096 * i), "0.7.17"];
    const rows = Array.from({ length: 400 }, (_, i) => plain(i + 1)); // ~24 KiB: past the type sample
    const late: [number, string][] = [[9, "1.5 GB"], [6, "1h 2m 3s"], [10, "garbage"], [8, " 512 "], [7, "180.5%"], [5, "2024-01-02 03:04:05.678"], [4, "NA"], [6, "-"], [11, "-"], [9, "1e3"]];
    late.forEach(([col, v], k) => {
      const r = plain(401 + k);
      r[col] = v;
      rows.push(r);
    });
    rows.push(["411", "NFCORE_LATE:LATE:FASTQC", "S411"]); // short row: rejected by both readers
    rows.push(["412", "-", "S412", "COMPLETED", "0", "1", "1", "1", "1", "1", "1", "1"]); // no process: skipped by both
    writeFileSync(path, [header, ...rows].map((r) => r.join("\t")).join("\n") + "\n");

    // the fast path was taken: these columns look numeric in the sample, so the first attempt reads them typed
    const [scan] = planScans([path], "nextflow");
    for (const c of ["exit", "submit", "realtime", "%cpu", "memory", "peak_rss", "rchar"]) assert.ok(scan?.typed.has(c), `typed ${c}`);
    assert.ok(!scan?.typed.has("tool_version"));

    const out = join(dir, "late.parquet");
    const res = await ingestToParquet([path], "nextflow", out);
    const [ts] = readTraces([path], { keepRaw: false });
    const want = [...(ts?.runs ?? [])].sort((a, b) => Number(a.sample?.slice(1)) - Number(b.sample?.slice(1)));
    assert.equal(res.rows, want.length);
    assert.equal(res.rows, 410);
    assert.ok(res.attempts > 1, "re-read the failed typed columns as text");
    // the short row is reported with its line (header = line 1), like the TS reader does
    const tsLine = ts?.issues.find((i) => /field|column/i.test(i.message) && i.line === 412)?.line;
    assert.equal(tsLine, 412);
    assert.deepEqual(res.files[0]?.issues.filter((i) => /COLUMNS/.test(i.message)).map((i) => i.line), [412]);
    assert.deepEqual(res.files[0]?.issues.map((i) => i.line).sort(), (ts?.issues ?? []).map((i) => i.line).sort(), "field issues on the same lines as the TS reader's");
    const got = await queryParquet(out, "SELECT *, epoch_ms(submitTime) AS submitMs FROM runs ORDER BY CAST(sample[2:] AS INTEGER)");
    const orNull = (v: unknown) => (v === undefined ? null : v);
    want.forEach((w, i) => {
      const g = got[i] ?? {};
      assert.equal(g["sample"], orNull(w.sample), `row ${i}`);
      for (const k of ["task", "workflow", "status", "toolVersion", "exitCode", "wallS", "cpuPercent", "memoryRequestedBytes", "peakRssBytes", "readBytes"] as const) {
        assert.equal(g[k], orNull(w[k]), `${k} of ${w.sample}`);
      }
      assert.equal(g["submitMs"] === null ? null : Number(g["submitMs"]), w.submitTime ? w.submitTime.getTime() : null, `submit of ${w.sample}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("missing markers: NaN-like numbers and marker text fields are missing, as in the TS readers", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-duck-"));
  try {
    const path = join(dir, "trace_nan.tsv");
    const rows = [
      ["task_id", "process", "tag", "status", "exit", "realtime", "%cpu", "peak_rss", "tool_version", "hostname"],
      ["1", "P", "S1", "-", "NaN", "NAN", "-nan%", "nan", "-", "NA"],
      ["2", "P", "S2", " NA ", "1", "5", "1", "1", " None ", " n2 "],
    ];
    writeFileSync(path, rows.map((r) => r.join("\t")).join("\n") + "\n");
    const out = join(dir, "nan.parquet");
    await ingestToParquet([path], "nextflow", out);
    const ts = readTraces([path], { keepRaw: false }).flatMap((r) => r.runs);
    const got = await queryParquet(out, "SELECT sample, status, exitCode, wallS, cpuPercent, peakRssBytes, toolVersion, machine FROM runs ORDER BY sample");
    const orNull = (v: unknown) => (v === undefined ? null : v);
    ts.forEach((w, i) => {
      for (const k of ["status", "exitCode", "wallS", "cpuPercent", "peakRssBytes", "toolVersion", "machine"] as const) assert.equal(got[i]?.[k], orNull(w[k]), `${k} of ${w.sample}`);
    });
    assert.equal(got[0]?.["toolVersion"], null);
    assert.equal(got[1]?.["machine"], "n2");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("typed fast path on a Galaxy dump: a timestamp / input-size column with garbage after the type sample is re-read as text, same runs as the TS reader", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-duck-"));
  try {
    const path = join(dir, "devteam_bwa_bwa_mem_0.4.2.csv");
    const header = ["create_time", "destination_id", "end_epoch", "exit_code", "galaxy_memory_mb", "galaxy_slots", "input1", "input1_filetype", "runtime", "start_epoch", "state", "tool_id"];
    const row = (i: number) => [`2017-04-03 10:14:${String(i % 60).padStart(2, "0")}.344151`, "slurm", String(1491214467 + i), "0", "8192", "4", String(1000 * i), "fastqsanger", String(i), String(1491214400 + i), "ok", "toolshed.g2.bx.psu.edu/repos/devteam/bwa/bwa_mem/0.4.2"];
    const rows = Array.from({ length: 300 }, (_, i) => row(i + 1));
    const bad = [row(301), row(302), row(303)];
    bad[0]![0] = "yesterday"; // create_time
    bad[1]![6] = "12 MB"; // input1
    bad[2]![8] = "-"; // runtime: a marker, NULL even in the typed read
    rows.push(...bad);
    writeFileSync(path, [header, ...rows].map((r) => r.join(",")).join("\n") + "\n");
    const [scan] = planScans([path], "galaxy");
    for (const c of ["create_time", "input1", "runtime", "start_epoch"]) assert.ok(scan?.typed.has(c), `typed ${c}`);
    const out = join(dir, "g.parquet");
    const res = await ingestToParquet([path], "galaxy", out);
    assert.equal(res.attempts, 2);
    const ts = readTraces([path], { keepRaw: false }).flatMap((r) => r.runs);
    assert.equal(res.rows, ts.length);
    assert.equal(res.rows, 303);
    const tsIssues = readTraces([path], { keepRaw: false }).flatMap((r) => r.issues.map((i) => ({ line: i.line, message: i.message })));
    assert.deepEqual(res.files[0]?.issues, tsIssues, "the garbage cells are reported as the TS reader reports them");
    assert.equal(tsIssues.length, 2);
    const got = await queryParquet(out, "SELECT epoch_ms(submitTime) AS submitMs, inputBytes, wallS, inputBytesByName['input1'] AS in1 FROM runs ORDER BY startTime");
    const orNull = (v: unknown) => (v === undefined ? null : v);
    ts.forEach((w, i) => {
      assert.equal(got[i]?.["submitMs"] === null ? null : Number(got[i]?.["submitMs"]), w.submitTime ? w.submitTime.getTime() : null, `submit ${i}`);
      assert.equal(got[i]?.["inputBytes"], orNull(w.inputBytes), `input ${i}`);
      assert.equal(got[i]?.["in1"], orNull(w.inputBytesByName?.["input1"]), `input1 ${i}`);
      assert.equal(got[i]?.["wallS"], orNull(w.wallS), `wall ${i}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("ingestThreads: one thread per 32 MiB of the largest file (rounded), at least one, at most one per idle core", () => {
  const mib = 2 ** 20;
  assert.equal(ingestThreads(3.6 * mib, 8, 8), 1); // Galaxy dump: many small files
  assert.equal(ingestThreads(20 * mib, 2, 2), 1);
  assert.equal(ingestThreads(60 * mib, 2, 2), 2);
  assert.equal(ingestThreads(2048 * mib, 8, 7.6), 8);
  assert.equal(ingestThreads(2048 * mib, 2, 0), 1); // nothing idle: still one thread
  assert.equal(ingestThreads(2048 * mib, 2, 1.2), 1);
  assert.equal(ingestThreads(2048 * mib, 16, 6.4), 6);
  assert.equal(ingestThreads(2048 * mib, 2, 5), 2); // idle never exceeds the cores
});
