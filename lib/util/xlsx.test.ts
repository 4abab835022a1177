import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";
import { collectQc } from "../qc/collect";
import { columnOrder } from "../qc/collect";
import { writeQcRows } from "../qc/write";
import { writeXlsx, xlsxCells } from "./xlsx";

interface SheetCell { t: string; v: unknown }
// SheetJS (danfojs-node's xlsx engine, pinned in package.json overrides) reads the file back.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const XLSX = require("xlsx") as { readFile(p: string): { SheetNames: string[]; Sheets: Record<string, Record<string, SheetCell>> } };

test("xlsxCells: numeric columns stay numbers, mixed columns become text, missing is empty; input untouched", () => {
  const rows = [{ a: 1, b: "x", c: 2 }, { a: null, b: 3, c: Number.NaN }];
  const frozen = JSON.stringify(rows);
  assert.deepEqual(xlsxCells(rows, ["a", "b", "c", "d"]), [[1, "x", 2, null], [null, "3", null, null]]);
  assert.equal(JSON.stringify(rows), frozen);
});

test("writeXlsx: a formula-like sample name is stored as text, numbers as numbers", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-xlsx-"));
  try {
    const p = join(dir, "t.xlsx");
    await writeXlsx([{ sample: "=HYPERLINK(\"http://x\")", reads: 200000 }, { sample: "<b>S2</b>", reads: null }], ["sample", "reads"], p, "qc");
    const ws = XLSX.readFile(p).Sheets["qc"] as Record<string, SheetCell>;
    assert.deepEqual([ws["A2"]?.t, ws["A2"]?.v], ["s", "=HYPERLINK(\"http://x\")"]);
    assert.equal((ws["A2"] as { f?: string }).f, undefined, "no formula cell");
    assert.deepEqual([ws["B2"]?.t, ws["B2"]?.v], ["n", 200000]);
    assert.equal(ws["B3"], undefined, "missing stays empty, not 0");
    await assert.rejects(writeXlsx([], ["a"], join(dir, "t.csv")), /must end in \.xlsx/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("qc table of a real harness run round-trips through .xlsx", async () => {
  const qcDir = join(projectRoot(), "data", "harness", "runs", "r0001", "qc");
  const res = collectQc([qcDir]);
  assert.equal(res.report.failed, 0);
  assert.ok(res.rows.length >= 2, "FastQC R1/R2 and the BAM-level tools name their samples differently");
  const dir = mkdtempSync(join(tmpdir(), "gwt-xlsx-qc-"));
  try {
    const p = join(dir, "qc.xlsx");
    await writeQcRows(res.rows, p);
    const ws = XLSX.readFile(p).Sheets["qc"] as Record<string, SheetCell>;
    const cols = columnOrder(res.rows);
    const colName = (j: number): string => (j < 26 ? String.fromCharCode(65 + j) : String.fromCharCode(64 + Math.floor(j / 26)) + String.fromCharCode(65 + (j % 26)));
    let numbers = 0;
    cols.forEach((c, j) => assert.equal(ws[`${colName(j)}1`]?.v, c, `header ${c}`));
    res.rows.forEach((r, i) => {
      const row = r as unknown as Record<string, unknown>;
      cols.forEach((c, j) => {
        const v = row[c];
        const cell = ws[`${colName(j)}${i + 2}`];
        if (v === null || v === undefined) assert.equal(cell, undefined, c);
        else if (typeof v === "number") {
          numbers++;
          assert.equal(cell?.v, v, c);
        } else assert.equal(cell?.v, String(v), c);
      });
    });
    assert.ok(numbers > 50, `a harness run has many numeric QC metrics (${numbers})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
