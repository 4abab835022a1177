import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { boxByGroup } from "../plots/builders";
import { findChromium } from "../plots/browser";
import { figureHtml, plotlyBundleHtml } from "./figureHtml";
import { checkReport } from "./check";

const fig = boxByGroup([{ name: "bwa", values: [1, 2, 3] }], { title: "t", yTitle: "s" });

test("a report whose figures are drawn passes; an empty figure div is caught", { skip: findChromium() ? false : "no Chromium" }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-check-"));
  // Figure before the bundle: the queue must still draw it.
  const good = join(dir, "good.html");
  writeFileSync(good, `<html><body>${figureHtml(fig, "a")}${plotlyBundleHtml()}${figureHtml(fig, "b")}</body></html>`);
  const g = await checkReport(good);
  assert.equal(g.figures, 2);
  assert.equal(g.drawn, 2);
  assert.equal(g.plotlyBundles, 1);
  const bad = join(dir, "bad.html");
  writeFileSync(bad, `<html><body>${plotlyBundleHtml()}<div id="x" class="gwt-figure"></div></body></html>`);
  const b = await checkReport(bad, 3000);
  assert.deepEqual(b.empty, ["x"]);
});
