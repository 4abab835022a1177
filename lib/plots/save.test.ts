import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { boxByGroup } from "./builders";
import { stableStringify, writeFigureJson } from "./save";

test("the same figure always serialises to the same bytes, whatever the key order", () => {
  assert.equal(stableStringify({ b: 1, a: { d: 2, c: 3 } }), stableStringify({ a: { c: 3, d: 2 }, b: 1 }));
  const dir = mkdtempSync(join(tmpdir(), "gwt-fig-"));
  const fig = boxByGroup([{ name: "bwa", values: [1.23456789, 2, 3] }], { title: "t", yTitle: "s", log: true });
  const a = readFileSync(writeFigureJson(fig, join(dir, "a.json")), "utf8");
  const b = readFileSync(writeFigureJson(boxByGroup([{ name: "bwa", values: [1.23456789, 2, 3] }], { title: "t", yTitle: "s", log: true }), join(dir, "b.json")), "utf8");
  assert.equal(a, b);
  assert.equal(JSON.parse(a).data[0].y[0], 1.23457);
});
