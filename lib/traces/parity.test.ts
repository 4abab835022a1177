/**
 * Trace-path parity on hostile files (issue #19): the TypeScript readers and the DuckDB path give the
 * same rows, the same values, the same field issues (same lines and words) and the same rejected lines.
 * Fixtures: `hostileFixtures.ts` (small, labelled synthetic).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { HOSTILE_GALAXY, HOSTILE_NEXTFLOW, HOSTILE_NEXTFLOW_RAW } from "./hostileFixtures";
import { bothPaths } from "./parity";

async function check(name: string, content: string | Buffer, fmt: "nextflow" | "galaxy"): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gwt-parity-"));
  try {
    const f = join(dir, name);
    writeFileSync(f, content);
    const { ts, duckdb } = await bothPaths(f, fmt);
    assert.deepEqual(duckdb.rows, ts.rows, "same rows and values");
    assert.deepEqual(duckdb.fieldIssues, ts.fieldIssues, "same field issues");
    assert.deepEqual(duckdb.rejectedLines, ts.rejectedLines, "same rejected lines");
    assert.equal(duckdb.rowsIn, ts.rowsIn, "rows in = out + reported, the same on both paths");
    assert.ok(ts.fieldIssues.length > 0, "the fixture is hostile");
    assert.doesNotMatch(ts.rows.join("\n"), /Infinity|NaN|"inf"/, "no non-finite value is stored");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("hostile Nextflow trace (human units): both paths give the same rows, values, field issues and rejects", async () => {
  await check("trace_hostile.tsv", HOSTILE_NEXTFLOW, "nextflow");
});

test("hostile raw Nextflow trace (typed numeric reads in DuckDB): same rows, values and issues", async () => {
  await check("trace_raw.tsv", HOSTILE_NEXTFLOW_RAW, "nextflow");
});

test("hostile Galaxy dump (1e999, bad runtimes, Latin-1, quoted newline, short row): same on both paths", async () => {
  await check("devteam_bwa_bwa_mem_0.4.2.csv", HOSTILE_GALAXY, "galaxy");
});
