import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { mirrorRoot } from "../../data/paths";
import {
  encodeGalaxyRows,
  fitGalaxyEncoder,
  galaxyCsvNameForToolId,
  galaxyToolR2,
  inferColumn,
  kFoldIndices,
  parseGalaxyFrame,
  parseGalaxyPaperTable,
  r2Score,
  removeBadColumns,
  reproduceGalaxy,
} from "./galaxy";

test("columns are typed like pandas.read_csv", () => {
  assert.equal(inferColumn(["1", "2.5", "", "nan"]).dtype, "float");
  assert.equal(inferColumn(["True", "False"]).dtype, "bool");
  assert.equal(inferColumn(["True", ""]).dtype, "object");
  assert.deepEqual(inferColumn(['"a"', "None", "b"]).values, ['"a"', undefined, "b"]);
});

test("remove_bad_columns keeps parameters, file types, file sizes and runtime", () => {
  const rows = [
    ["100", "bam", '"coordinate"', '"5"', "x1", "[1]", "h1", "1.0", "u1"],
    ["200", "bam", '"queryname"', '"7"', "x2", "[2]", "h2", "2.0", "u2"],
    ["300", "sam", '"coordinate"', '"9"', "x3", "[3]", "h1", "3.0", "u3"],
    ["400", "bam", '"coordinate"', "", "x4", "[4]", "h2", "4.0", "u4"],
    ["500", "bam", '"coordinate"', '"5"', "x5", "[5]", "h1", "5.0", "u5"],
    ["600", "bam", '"queryname"', '"5"', "x6", "[6]", "h2", "6.0", "u6"],
  ];
  const header = ["input", "input_filetype", "parameters.sort_order", "parameters.level", "parameters.input", "parameters.list", "handler", "runtime", "parameters.__workflow_invocation_uuid__"];
  const frame = parseGalaxyFrame([header.join(","), ...rows.map((r) => r.map((v) => (v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v)).join(","))].join("\n"));
  const kept = removeBadColumns(removeBadColumns(frame));
  assert.deepEqual([...kept.columns.keys()], ["input", "input_filetype", "parameters.sort_order", "parameters.level", "runtime"]);
  assert.deepEqual(kept.columns.get("parameters.sort_order")?.values, ["coordinate", "queryname", "coordinate", "coordinate", "coordinate", "queryname"]);
  assert.equal(kept.columns.get("parameters.level")?.dtype, "float");
  assert.equal(frame.columns.get("parameters.sort_order")?.values[0], '"coordinate"', "input frame not mutated");
  // encoding (runtime removed): numeric first (NaN → 0), then 2-class categoricals as one 0/1 column
  const cols = new Map(kept.columns);
  cols.delete("runtime");
  const feats = { columns: cols, nRows: kept.nRows };
  const enc = fitGalaxyEncoder(feats, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(encodeGalaxyRows(feats, enc, [0, 1, 2, 3]), [
    [100, 5, 0, 0],
    [200, 7, 0, 1],
    [300, 9, 1, 0],
    [400, 0, 0, 0],
  ]);
  // a category unseen in training encodes as zeros; ≥3 classes one-hot
  const enc2 = fitGalaxyEncoder(feats, [0, 1]);
  assert.deepEqual(encodeGalaxyRows(feats, enc2, [2]), [[300, 9, 0, 0]]);
});

test("KFold sizes follow scikit-learn and folds partition the rows", () => {
  const f = kFoldIndices(10, 3, 1);
  assert.deepEqual(f.map((x) => x.test.length), [4, 3, 3]);
  assert.deepEqual(f.flatMap((x) => x.test).sort((a, b) => a - b), [...Array(10).keys()]);
  for (const x of f) assert.equal(x.train.length + x.test.length, 10);
  assert.deepEqual(kFoldIndices(10, 3, 1), f, "seeded");
});

test("r2Score and tool-id mapping", () => {
  assert.equal(r2Score([1, 2, 3], [1, 2, 3]), 1);
  assert.equal(r2Score([1, 2, 3], [2, 2, 2]), 0);
  assert.equal(r2Score([1, 2, 3], [3, 2, 1]), -3);
  assert.equal(galaxyCsvNameForToolId("toolshed.g2.bx.psu.edu/repos/devteam/picard/picard_SortSam/1.136.1"), "devteam_picard_picard_SortSam_1.136.1");
  assert.equal(galaxyCsvNameForToolId("CONVERTER_bam_to_bai"), "CONVERTER_bam_to_bai");
});

const root = mirrorRoot();
const galaxyRoot = root ? join(root, "galaxy-main") : undefined;
const have = galaxyRoot !== undefined && existsSync(join(galaxyRoot, "paper_comparison_benchmarks.csv"));

test("every paper-table tool with a CSV is found (124 of 126 CSVs)", { skip: have ? false : "no dataset mirror" }, () => {
  const g = galaxyRoot as string;
  const table = parseGalaxyPaperTable(readFileSync(join(g, "paper_comparison_benchmarks.csv"), "utf8"));
  assert.equal(table.length, 1271);
  const files = new Set(readdirSync(join(g, "csv_dump")).map((f) => f.replace(/\.csv$/, "")));
  assert.equal(table.filter((t) => files.has(galaxyCsvNameForToolId(t.toolId))).length, 124);
});

test("smoke: the paper's protocol on 2 small tools runs and lands near the paper", { skip: have ? false : "no dataset mirror" }, () => {
  const rows = reproduceGalaxy(galaxyRoot as string, { limit: 2 });
  assert.equal(rows.length, 2);
  for (const r of rows) {
    assert.ok(r.nJobs >= 100 && Number.isFinite(r.ourR2) && Number.isFinite(r.paperR2), JSON.stringify(r));
    assert.ok(Math.abs(r.diff) < 0.3, JSON.stringify(r));
  }
  assert.deepEqual(reproduceGalaxy(galaxyRoot as string, { limit: 2 }), rows, "deterministic");
});

test("SortSam 1.136.1 (3,719 jobs): our R² within 0.03 of the paper's 0.900", { skip: have ? false : "no dataset mirror" }, () => {
  const file = join(galaxyRoot as string, "csv_dump", "devteam_picard_picard_SortSam_1.136.1.csv");
  const s = galaxyToolR2(parseGalaxyFrame(readFileSync(file, "utf8"), file));
  assert.equal(s.nJobs, 3719);
  assert.deepEqual(s.features, ["inputFile", "inputFile_filetype", "parameters.dbkey", "parameters.sort_order", "parameters.validation_stringency"]);
  assert.ok(Math.abs(s.r2 - 0.899804) < 0.03, String(s.r2));
});
