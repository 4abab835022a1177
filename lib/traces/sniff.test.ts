import assert from "node:assert/strict";
import { test } from "node:test";
import { sampleRecords, typedColumns } from "./sniff";

test("sampleRecords: data records of a head, the cut last one dropped when truncated", () => {
  assert.deepEqual(sampleRecords("a,b\n1,2\n3,4", ",", true), [["1", "2"]]);
  assert.deepEqual(sampleRecords("a,b\n1,2\n3,4\n", ",", false), [["1", "2"], ["3", "4"]]);
  assert.deepEqual(sampleRecords('a\tb\n"x\ty"\t2\n', "\t", false), [["x\ty", "2"]]);
});

test("typedColumns: plain numbers / ISO timestamps (markers allowed) are typed; units, padding, garbage, no evidence stay text", () => {
  const header = ["n", "unit", "pad", "mark", "empty", "ts", "tsnum", "nan", "absent_in_rows"];
  const rows = [
    ["1", "1 GB", " 2", "-", "", "2024-01-02 03:04:05.123456", "1700000000000", "NaN", ""],
    ["-2.5e3", "2", "3", "NA", "", "2024-01-02 03:04", "2024-01-02 03:04:05", "1", ""],
    [".5", "3", "4", "4", "", "2024-01-02T03:04:05", "5", "2", ""],
  ];
  const D = ["DOUBLE"] as const;
  const wanted = new Map<string, readonly ("DOUBLE" | "TIMESTAMP")[]>([
    ["n", D], ["unit", D], ["pad", D], ["mark", D], ["empty", D], ["ts", ["DOUBLE", "TIMESTAMP"]], ["tsnum", ["DOUBLE", "TIMESTAMP"]], ["nan", D], ["missing", D],
  ]);
  const t = typedColumns(header, rows, wanted);
  assert.deepEqual([...t].sort(), [["mark", "DOUBLE"], ["n", "DOUBLE"], ["nan", "DOUBLE"], ["ts", "TIMESTAMP"]]);
  // a short row (fewer fields) counts as empty cells, not as a reason to read text
  assert.equal(typedColumns(["a", "b"], [["1"], ["2", "3"]], new Map([["b", D]])).get("b"), "DOUBLE");
});
