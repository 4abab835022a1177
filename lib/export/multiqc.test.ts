import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { qcFeatureRecords } from "../features/qcRecords";
import { findChromium, launchChromium } from "../plots/browser";
import { qcTestData, NO_MIRROR } from "../qc/testData";
import { writeExport } from "./index";
import { multiqcFiles } from "./multiqc";
import { buildExport, parseModelSpec, type ExportBatch } from "./predictions";
import { parseBins } from "./quantile";
import { HOSTILE_IDS, harnessBatch, shippedModel, venvTool } from "./testSupport";

const multiqc = venvTool("multiqc");
/** Real FastQC outputs (MultiQC's own test data): MultiQC names these samples itself, so names can be compared. */
const fastqcDir = qcTestData("fastqc/groups");

interface MqcData {
  report_saved_raw_data: Record<string, Record<string, Record<string, unknown>>>;
  report_general_stats_data: unknown;
}

/** Copy `qcDir` and the export into a fresh folder, run MultiQC on it, return multiqc_data.json and the report path. */
function runMultiqc(exp: ExportBatch, qcDir?: string): { data: MqcData; html: string } {
  const dir = mkdtempSync(join(tmpdir(), "gwt-mqc-"));
  if (qcDir) cpSync(qcDir, join(dir, "in"), { recursive: true });
  writeExport(join(dir, "in"), multiqcFiles(exp));
  const r = spawnSync(multiqc.path as string, ["--no-ansi", "-f", "-o", join(dir, "out"), join(dir, "in")], { encoding: "utf8", timeout: 600_000, cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  return { data: JSON.parse(readFileSync(join(dir, "out", "multiqc_data", "multiqc_data.json"), "utf8")) as MqcData, html: join(dir, "out", "multiqc_report.html") };
}

test("MultiQC custom content: real MultiQC shows the gwtime section with every sample's numbers, on the same rows as its FastQC samples", { skip: multiqc.skip || (!fastqcDir && NO_MIRROR) }, async (t) => {
  const qc = qcFeatureRecords(fastqcDir as string);
  const exp = buildExport([parseModelSpec(shippedModel("bwa_mem")), parseModelSpec(shippedModel("sortsam"))], qc, { quantile: 0.95, bins: parseBins("normal=4h,long=24h") });
  assert.ok(exp.steps.length === 2 && exp.steps.every((s) => s.samples.length > 0));
  const { data, html } = runMultiqc(exp, fastqcDir);
  const table = data.report_saved_raw_data.multiqc_gwtime_table;
  const fastqc = data.report_saved_raw_data.multiqc_fastqc;
  assert.ok(table && fastqc, `sections: ${Object.keys(data.report_saved_raw_data).join(", ")}`);
  const ours = exp.steps[0]?.samples.map((s) => s.sample).sort();
  assert.deepEqual(Object.keys(table).sort(), ours);
  for (const n of ours ?? []) assert.ok(Object.prototype.hasOwnProperty.call(fastqc, n), `gwtime sample '${n}' is a FastQC sample of MultiQC too (${Object.keys(fastqc).join(", ")})`);
  for (const s of exp.steps)
    for (const x of s.samples) {
      const row = table[x.sample] as Record<string, unknown>;
      assert.equal(row[`${s.step}_limit_s`], Math.ceil(x.limitS));
      assert.equal(row[`${s.step}_bin`], x.bin);
      assert.equal(row[`${s.step}_tier`], x.tier);
    }
  const gs = JSON.stringify(data.report_general_stats_data);
  assert.ok(gs.includes("gwtime_predicted_total_s") && gs.includes("gwtime_bin"), "general stats columns");
  const exe = findChromium();
  if (!exe) {
    t.skip("no Chromium (make browser installs it): the HTML part of this check skipped");
    return;
  }
  const browser = await launchChromium(exe);
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(html).href, { waitUntil: "load", timeout: 120_000 });
    const seen = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document;
      const sec = d.getElementById("gwtime");
      return sec ? (sec.textContent ?? "") : null;
    });
    assert.ok(seen !== null, "the report has a #gwtime section");
    const body = await page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);
    assert.ok(body.includes("gwtime run-time predictions"), "section title rendered");
    for (const n of ours ?? []) assert.ok(body.includes(n), `sample ${n} rendered`);
  } finally {
    await browser.close();
  }
});

test("MultiQC custom content: hostile sample ids come back from multiqc_data.json unchanged (harness QC)", { skip: multiqc.skip || (!harnessBatch() && "harness runs missing") }, () => {
  const b = harnessBatch() as NonNullable<ReturnType<typeof harnessBatch>>;
  const ids = [HOSTILE_IDS[0], HOSTILE_IDS[4]] as string[];
  const exp = buildExport([parseModelSpec(shippedModel("freebayes"))], { ids, records: b.records }, { quantile: 0.95, bins: parseBins("normal=4h") });
  const { data } = runMultiqc(exp);
  const table = data.report_saved_raw_data.multiqc_gwtime_table ?? {};
  assert.deepEqual(Object.keys(table).sort(), [...ids].sort());
});
