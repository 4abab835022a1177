import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
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

test("a control character in a figure label still gives valid XML, and a bad figure does not stop the others", { skip: findChromium() ? false : "no Chromium" }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-export-"));
  writeFigureJson(boxByGroup([{ name: "S\u0001\u001b[31m1\u000b", values: [1, 2, 3] }], { title: "GC\u0002 %", yTitle: "s\u0007" }), join(dir, "a-ctrl.json"));
  writeFileSync(join(dir, "b-broken.json"), "{ not json");
  writeFigureJson(boxByGroup([{ name: "S2", values: [4, 5] }], { title: "ok", yTitle: "s" }), join(dir, "c-ok.json"));
  const r = await exportStaticFigures(dir, { formats: ["svg"] });
  assert.deepEqual(r.written.map((p) => p.split("/").pop()).sort(), ["a-ctrl.svg", "c-ok.svg"], "figures after the broken one are exported");
  assert.deepEqual(r.failed.map((f) => f.file.split("/").pop()), ["b-broken.json"]);
  for (const f of ["a-ctrl.svg", "c-ok.svg"]) {
    const xml = spawnSync("python3", ["-c", "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])", join(dir, f)], { encoding: "utf8" });
    assert.equal(xml.status, 0, `${f} is well-formed XML: ${xml.stderr}`);
  }
  assert.match(readFileSync(join(dir, "a-ctrl.svg"), "utf8"), /S\[31m1/, "the label is kept, minus the characters XML cannot hold");
});
