import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { findChromium } from "./browser";
import { boxByGroup } from "./builders";
import { exportStaticFigures } from "./export";
import { writeFigureJson } from "./save";

test("static export draws plotly specs to SVG and PNG and leaves result tables alone", { skip: findChromium() ? false : "no Chromium" }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-export-"));
  writeFigureJson(boxByGroup([{ name: "<b>S1</b>", values: [1, 2, 3] }], { title: "t", yTitle: "s" }), join(dir, "fig.json"));
  writeFileSync(join(dir, "results.json"), JSON.stringify([{ a: 1 }]));
  const r = await exportStaticFigures(dir);
  assert.deepEqual(r.written.map((p) => p.split("/").pop()).sort(), ["fig.png", "fig.svg"]);
  const svg = readFileSync(join(dir, "fig.svg"), "utf8");
  assert.match(svg, /^<svg/);
  assert.equal(svg.includes("<b>S1</b>"), false, "sample names stay escaped in the SVG");
  assert.equal(readFileSync(join(dir, "fig.png")).subarray(1, 4).toString(), "PNG");
  assert.equal(existsSync(join(dir, "results.svg")), false);
  await exportStaticFigures(dir);
  assert.equal(readFileSync(join(dir, "fig.svg"), "utf8"), svg, "a second export gives the same SVG bytes");
});
