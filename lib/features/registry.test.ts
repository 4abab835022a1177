import assert from "node:assert/strict";
import { test } from "node:test";
import { isWideColumn } from "../qc/vocabulary";
import { FEATURES } from "./registry";

test("every registry feature reads a declared wide QC column, a derived, trace or ancestor column (lib/qc/vocabulary)", () => {
  const bad = FEATURES.filter((f) => !(isWideColumn(f.column) || f.column.startsWith("derived.") || f.column.startsWith("trace.") || f.column.startsWith("ancestor.")));
  assert.deepEqual(bad.map((f) => f.column), []);
  assert.equal(new Set(FEATURES.map((f) => f.name)).size, FEATURES.length, "registry names are unique");
});
