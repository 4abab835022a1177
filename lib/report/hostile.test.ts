/**
 * Issue 19, item 4, end to end: a hostile sample name goes through the notebook helpers (nb.md with
 * the md template and with raw interpolation, nb.check, the HTML table, a figure), then through the
 * same nbconvert step as `make reproduce` (scripts/run_notebooks.py --html-from) into an HTML report
 * that `gwtime report check` opens in Chromium: it must be inert. The control renders the same
 * markdown unsanitised (what nb.md emitted before) and must fail the check.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";
import { findChromium } from "../plots/browser";
import { boxByGroup } from "../plots/builders";
import { md } from "../util/markdown";
import { checkReport, reportProblems } from "./check";
import { figureHtml, plotlyBundleHtml } from "./figureHtml";
import { NotebookContext } from "./notebook";

const PY = join(projectRoot(), ".venv", "bin", "python");
const hasNbconvert = existsSync(PY) && spawnSync(PY, ["-c", "import nbconvert"]).status === 0;
const skip = !findChromium() ? "no Chromium (make browser)" : !hasNbconvert ? "no .venv with nbconvert (make setup)" : false;

const NAMES = [`<img src=x onerror=alert(1)>`, `S2<script>window.__gwtInjected="script"</script>`, `[S3](javascript:window.__gwtInjected='link')`, `S4"><svg onload=alert(4)>`];

/** What a NotebookContext call displays (outside a kernel it writes to stdout, one write per output). */
function displayed(fn: () => void): string[] {
  const writes: string[] = [];
  const orig = process.stdout.write;
  process.stdout.write = ((s: string | Uint8Array) => { writes.push(String(s).replace(/\n$/, "")); return true; }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = orig;
  }
  return writes;
}

function notebookJson(outputs: Array<{ mime: "text/markdown" | "text/html"; text: string }>): string {
  const cells = outputs.map((o, i) => ({
    cell_type: "code", id: `c${i}`, metadata: {}, execution_count: i + 1, source: `// output ${i}`,
    outputs: [{ output_type: "display_data", metadata: {}, data: { [o.mime]: o.text } }],
  }));
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
}

function report(dir: string, name: string, outputs: Array<{ mime: "text/markdown" | "text/html"; text: string }>): string {
  const ipynb = join(dir, `${name}.ipynb`);
  const html = join(dir, `${name}.html`);
  writeFileSync(ipynb, notebookJson(outputs));
  const r = spawnSync(PY, [join(projectRoot(), "scripts", "run_notebooks.py"), "--html-from", ipynb, html], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return html;
}

test("a report built through nb.md, nb.check, the table and a figure from hostile names is inert; the unsanitised control fails", { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-hostile-"));
  try {
    const nb = new NotebookContext("99-hostile", { GWT_ARTIFACTS: dir });
    const raw = NAMES.map((n) => `Sample ${n} ran 12 s.`);
    const mdOut = displayed(() => {
      for (const n of NAMES) nb.md(md`Sample **${n}** ran ${12} s.`);
      for (const t of raw) nb.md(t); // a notebook that forgot to escape: showMarkdown still sanitises
      nb.check(`sample ${NAMES[0]} is fine`, true);
    });
    assert.equal(mdOut.length, 2 * NAMES.length + 1);
    const tableOut = displayed(() => nb.table(NAMES.map((n) => ({ sample: n, s: 12 }))));
    const fig = boxByGroup(NAMES.map((n) => ({ name: n, values: [1, 2, 3] })), { title: NAMES[0] as string, yTitle: "s" });
    const outputs = [
      ...mdOut.map((text) => ({ mime: "text/markdown" as const, text })),
      { mime: "text/html" as const, text: tableOut.join("") },
      { mime: "text/html" as const, text: plotlyBundleHtml() },
      { mime: "text/html" as const, text: figureHtml(fig, "99-hostile-names") },
    ];
    const safe = await checkReport(report(dir, "safe", outputs));
    assert.deepEqual(reportProblems(safe), [], "inert: nothing ran, no executable markup, no errors");
    assert.equal(safe.drawn, 1);
    const html = readFileSync(join(dir, "safe.html"), "utf8");
    assert.ok(html.includes("&lt;img src=x onerror=alert(1)&gt;"), "the name is shown as text");
    // Control: the same markdown as nb.md displayed it before (no sanitising) runs the injected script.
    const control = await checkReport(report(dir, "control", raw.map((text) => ({ mime: "text/markdown" as const, text }))), 2000);
    const p = reportProblems(control).join("\n");
    assert.match(p, /script from the content ran: .*(alert\("1"\)|__gwtInjected)/);
    assert.match(p, /executable markup in the page: .*(onerror|onload|<script>|javascript:)/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
