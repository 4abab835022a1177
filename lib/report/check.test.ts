import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";
import { boxByGroup } from "../plots/builders";
import { findChromium } from "../plots/browser";
import { figureHtml, plotlyBundleHtml } from "./figureHtml";
import { checkReport, checkReports, reportProblems } from "./check";

const fig = boxByGroup([{ name: "bwa", values: [1, 2, 3] }], { title: "t", yTitle: "s" });
const FIXTURES = join(projectRoot(), "lib", "report", "fixtures");
const noBrowser = findChromium() ? false : "no Chromium (make browser): report checks skipped";

test("a report whose figures are drawn passes; an empty figure div is caught", { skip: noBrowser }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-check-"));
  // Figure before the bundle: the queue must still draw it.
  const good = join(dir, "good.html");
  writeFileSync(good, `<html><body>${figureHtml(fig, "a")}${plotlyBundleHtml()}${figureHtml(fig, "b")}</body></html>`);
  const g = await checkReport(good);
  assert.equal(g.figures, 2);
  assert.equal(g.drawn, 2);
  assert.equal(g.plotlyBundles, 1);
  assert.deepEqual(reportProblems(g), [], "the report's own scripts are not flagged");
  const bad = join(dir, "bad.html");
  writeFileSync(bad, `<html><body>${plotlyBundleHtml()}<div id="x" class="gwt-figure"></div></body></html>`);
  const b = await checkReport(bad, 3000);
  assert.deepEqual(b.empty, ["x"]);
  assert.match(reportProblems(b).join("\n"), /empty figures: x/);
});

test("hostile report: script injected through the content ran -> failed, naming what ran and the markup", { skip: noBrowser }, async () => {
  const r = await checkReport(join(FIXTURES, "hostile-injected-script.html"), 2000);
  assert.ok(r.scriptRan.some((s) => s.startsWith("alert(") && s.includes("injected")), r.scriptRan.join(" | "));
  assert.ok(r.scriptRan.some((s) => /__gwtInjected = (onerror|script)/.test(s)), r.scriptRan.join(" | "));
  assert.ok(r.executable.some((s) => /img has onerror=/.test(s)), r.executable.join(" | "));
  assert.ok(r.executable.some((s) => /^<script> at /.test(s)), r.executable.join(" | "));
  const p = reportProblems(r);
  assert.match(p[0] ?? "", /^script from the content ran: /);
  assert.match(p.join("\n"), /executable markup in the page: /);
});

test("hostile report: a page error fails the check; a script link fails it without running", { skip: noBrowser }, async () => {
  const [pe, link] = await checkReports([join(FIXTURES, "hostile-page-error.html"), join(FIXTURES, "hostile-script-link.html")], 2000);
  assert.match((pe as { pageErrors: string[] }).pageErrors.join("\n"), /gwtReportInit is not a function/);
  assert.match(reportProblems(pe as never).join("\n"), /^page errors: /m);
  assert.deepEqual((link as { scriptRan: string[] }).scriptRan, [], "nothing ran: no click");
  const l = (link as { executable: string[] }).executable;
  assert.ok(l.some((x) => /a href="\s*JaVaScRiPt:/.test(x)), l.join(" | "));
  assert.ok(l.some((x) => /animate values="#;javascript:/.test(x)), l.join(" | "));
  assert.match(reportProblems(link as never).join("\n"), /^executable markup in the page: /m);
});

test("without Chromium every report is skipped, never passed", async () => {
  const saved = process.env["GWT_CHROMIUM"];
  process.env["GWT_CHROMIUM"] = "/no/such/chromium";
  try {
    const [r] = await checkReports([join(FIXTURES, "hostile-injected-script.html")]);
    assert.match(r?.skipped ?? "", /no Chromium found/);
  } finally {
    if (saved === undefined) delete process.env["GWT_CHROMIUM"];
    else process.env["GWT_CHROMIUM"] = saved;
  }
});
