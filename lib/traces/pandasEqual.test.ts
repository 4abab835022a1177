/**
 * The pandas side of `make bench-traces` (bench/traces/pandas_equal.py) does gwtime's work with the same
 * rules: on the same file it keeps the same rows, rejects the same rows and finds the same number of
 * unparsable cells as gwtime's TypeScript reader (and so the DuckDB path, which the parity test ties to
 * it). Real files: an nf-core execution trace in human-readable units (crispriscreen, 486 tasks) and a
 * usegalaxy.org job dump; plus the labelled synthetic hostile traces of the parity test. Needs
 * `.venv-bench` (pandas + pyarrow, made by `make bench-traces`): skipped, saying so, without it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { mirrorRoot, projectRoot } from "../data/paths";
import { HOSTILE_GALAXY, HOSTILE_NEXTFLOW, HOSTILE_NEXTFLOW_RAW } from "./hostileFixtures";
import { readTraces } from "./read";

const PY = join(projectRoot(), ".venv-bench", "bin", "python");
const SCRIPT = join(projectRoot(), "bench", "traces", "pandas_equal.py");
const NO_PANDAS = existsSync(PY) ? false : ".venv-bench absent (make bench-traces creates it): pandas side not run, skipped";
const STRUCTURAL = /^(expected \d+ fields|no process\/name; row skipped|no tool id)/;

/** gwtime's TS reader on `file`: rows kept, rows rejected, unparsable cells (field issues). */
function gwtime(file: string, format: "nextflow" | "galaxy") {
  const rs = readTraces([file], { format });
  const issues = rs.flatMap((r) => r.issues);
  return {
    rows: rs.reduce((n, r) => n + r.runs.length, 0),
    rejectedRows: issues.filter((i) => STRUCTURAL.test(i.message)).length,
    unparsableCells: issues.filter((i) => /^field '/.test(i.message)).length,
  };
}

function pandas(file: string, format: "nextflow" | "galaxy") {
  const out = mkdtempSync(join(tmpdir(), "gwt-pandas-eq-"));
  try {
    const p = spawnSync(PY, [SCRIPT, format, out, file], { encoding: "utf8" });
    assert.equal(p.status, 0, p.stderr);
    const j = JSON.parse(p.stdout) as { rows: number; rejectedRows: number; unparsableCells: number };
    return { rows: j.rows, rejectedRows: j.rejectedRows, unparsableCells: j.unparsableCells };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test("pandas equal-work script: same rows, rejected rows and unparsable cells as gwtime on real traces", { skip: NO_PANDAS }, (t) => {
  const m = mirrorRoot();
  const files: [string, "nextflow" | "galaxy"][] = [
    [join(m ?? "", "nfcore-runs/crispriscreen-cbbmlargelibrary/results/pipeline_info/execution_trace_2024-11-10_10-13-19.txt"), "nextflow"],
    [join(m ?? "", "galaxy-main/csv_dump/devteam_bwa_bwa_mem_0.4.2.csv"), "galaxy"],
    [join(projectRoot(), "data/harness/trace.tsv"), "nextflow"],
  ];
  const present = files.filter(([f]) => existsSync(f));
  if (present.length < files.length) t.diagnostic(`missing (skipped): ${files.filter(([f]) => !existsSync(f)).map(([f]) => f).join(", ")}`);
  assert.ok(present.length > 0, "no real trace found");
  for (const [f, fmt] of present) {
    const g = gwtime(f, fmt);
    assert.ok(g.rows > 0, f);
    assert.deepEqual(pandas(f, fmt), g, f);
  }
});

test("pandas equal-work script: same counts as gwtime on the hostile traces (bad units, 1e400, negatives, short rows)", { skip: NO_PANDAS }, () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-pandas-eq-"));
  try {
    for (const [name, body, fmt] of [
      ["hostile.tsv", HOSTILE_NEXTFLOW, "nextflow"],
      ["raw.tsv", HOSTILE_NEXTFLOW_RAW, "nextflow"],
      ["devteam_bwa_bwa_mem_0.4.2.csv", HOSTILE_GALAXY, "galaxy"],
    ] as const) {
      const f = join(dir, name);
      writeFileSync(f, body);
      const g = gwtime(f, fmt);
      assert.ok(g.unparsableCells > 0, `${name} is hostile`);
      assert.deepEqual(pandas(f, fmt), g, name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
