import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { projectRoot } from "../data/paths";
import { type ResolvedFile } from "../data/resolve";
import type { Figure } from "../plots/figure";
import { figureHtml, plotlyBundleHtml } from "./figureHtml";
import { stableStringify, writeFigureJson } from "../plots/save";
import { sha256File } from "../util/hash";
import { csvCell } from "../util/safeText";
import { showHtml, showMarkdown } from "./display";
import { escapeHtml } from "./escape";
import { type DatasetUse, makeProvenance, type Provenance, useOfResolved } from "./provenance";
import { htmlTable, type TableOptions } from "./table";

/** Where outputs go: `GWT_ARTIFACTS`, default `<project>/artifacts`. */
export function artifactsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env["GWT_ARTIFACTS"] ?? join(projectRoot(), "artifacts"));
}

/** `GWT_SMOKE=1`: notebooks run on a small slice of the data (make test). */
export function isSmoke(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env["GWT_SMOKE"];
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

/**
 * Per-notebook context: records the data it used, saves and shows figures, tables and the
 * provenance block. Notebooks hold prose and calls; the logic they call lives in lib/.
 */
export class NotebookContext {
  readonly name: string;
  readonly smoke: boolean;
  readonly figuresDir: string;
  readonly modelsDir: string;
  readonly reportsDir: string;
  private readonly uses: DatasetUse[] = [];
  private readonly figureNames = new Set<string>();
  private bundleShown = false;

  constructor(name: string, env: NodeJS.ProcessEnv = process.env) {
    this.name = name;
    this.smoke = isSmoke(env);
    const root = artifactsRoot(env);
    // Smoke runs write under artifacts/smoke so they never overwrite the real outputs.
    const base = this.smoke ? join(root, "smoke") : root;
    this.figuresDir = join(base, "figures", name);
    this.modelsDir = join(base, "models");
    this.reportsDir = join(base, "reports");
  }

  /**
   * The one smoke slice: `limit(n)` is `n` in smoke mode and undefined (everything) otherwise, for a
   * loader's `limit` option; `limit(items, n)` takes the first `n` items in smoke mode, all otherwise.
   * @example loadHarness(undefined, { limit: nb.limit(12) })
   */
  limit(n: number): number | undefined;
  limit<T>(items: readonly T[], n: number): T[];
  limit<T>(a: number | readonly T[], n?: number): number | undefined | T[] {
    if (typeof a === "number") return this.smoke ? a : undefined;
    return this.smoke ? a.slice(0, n) : [...a];
  }

  /** Record that this notebook read pinned public files (cited in provenance). */
  used(files: readonly ResolvedFile[]): void {
    for (const f of files) this.uses.push(useOfResolved(f));
  }

  /** Record a file this project generated (e.g. the harness trace), hashed now. */
  async usedProjectFile(dataset: string, path: string): Promise<void> {
    const abs = resolve(projectRoot(), path);
    this.uses.push({ dataset, path, sha256: await sha256File(abs), source: "project" });
  }

  /**
   * Record files this project generated, e.g. every file `loadHarness` read (`h.files`): absolute or
   * project-relative paths, each hashed now and cited by its project-relative path.
   */
  async usedProjectFiles(dataset: string, paths: readonly string[]): Promise<void> {
    for (const p of paths) await this.usedProjectFile(dataset, relative(projectRoot(), resolve(projectRoot(), p)));
  }

  /** Save the figure as plotly JSON under artifacts/figures/<notebook>/ and draw it. */
  show(fig: Figure, name: string): void {
    this.claimOutputName(name);
    writeFigureJson(fig, join(this.figuresDir, `${name}.json`));
    if (!this.bundleShown) {
      showHtml(plotlyBundleHtml());
      this.bundleShown = true;
    }
    showHtml(figureHtml(fig, `${this.name}-${name}`));
  }

  table(rows: ReadonlyArray<object>, opts: TableOptions = {}): void {
    showHtml(htmlTable(rows, opts));
  }

  /**
   * Show markdown. Values from data go in through the `md` template (each escaped, shown as text);
   * the whole text is sanitised anyway (`sanitizeMarkdown`: no raw HTML, no script links).
   * @example nb.md(md`**${step}**: ${n} runs`)
   */
  md(text: string): void {
    showMarkdown(text);
  }

  /**
   * A claim about this run's results, checked where the report states it: in a full run a claim
   * that does not hold stops the notebook (and `make reproduce`) with the claim's text; a smoke run
   * (a small slice, where the numbers are not the result) shows it as not checked.
   * @example nb.check("quality features lift freebayes beyond fold luck", row.liftMinOverSeeds > 0)
   */
  check(claim: string, holds: boolean): void {
    if (this.smoke) {
      showMarkdown(`*check not applied (smoke run on a small slice): ${escapeHtml(claim)}*`);
      return;
    }
    if (!holds) throw new Error(`${this.name}: check failed: ${claim}`);
    showMarkdown(`✔ *checked on this run's data: ${escapeHtml(claim)}*`);
  }

  /** Save a JSON result beside the figures (deterministic key order). */
  saveJson(name: string, value: unknown): void {
    this.claimOutputName(name);
    mkdirSync(this.figuresDir, { recursive: true });
    const p = join(this.figuresDir, `${name}.json`);
    writeFileSync(p, `${stableStringify(value)}\n`);
  }

  /** Figures and JSON results share one folder: a name written twice in one run would overwrite the first. */
  private claimOutputName(name: string): void {
    if (this.figureNames.has(name)) throw new Error(`output name '${name}' used twice in ${this.name} (figures and saveJson share artifacts/figures/${this.name}/)`);
    this.figureNames.add(name);
  }

  /**
   * Save rows as CSV beside the figures: header from the first row's keys, RFC 4180 quoting, text
   * cells neutralised against spreadsheet formulas (`csvCell`). Returns the path written.
   */
  saveCsv(name: string, rows: ReadonlyArray<Record<string, unknown>>): string {
    this.claimOutputName(`${name}.csv`);
    mkdirSync(this.figuresDir, { recursive: true });
    const p = join(this.figuresDir, `${name}.csv`);
    const head = Object.keys(rows[0] ?? {});
    const lines = [head.map((h) => csvCell(h)).join(","), ...rows.map((r) => head.map((h) => csvCell(r[h])).join(","))];
    writeFileSync(p, `${lines.join("\n")}\n`);
    return p;
  }

  /** The provenance block: shown in the report and written next to it for machines. */
  provenance(now: Date = new Date()): Provenance {
    const p = makeProvenance(this.uses, this.smoke, now);
    mkdirSync(this.reportsDir, { recursive: true });
    writeFileSync(join(this.reportsDir, `${this.name}.provenance.json`), `${JSON.stringify(p, null, 1)}\n`);
    const rows = p.datasets.map((d) => `<tr><td>${escapeHtml(d.dataset)}</td><td>${escapeHtml(d.path)}</td><td><code>${escapeHtml(d.sha256)}</code></td><td>${escapeHtml(d.source)}</td></tr>`).join("");
    showHtml(
      `<div class="gwt-provenance"><h3>Provenance</h3><ul>` +
        `<li>gwtime ${escapeHtml(p.gwtimeVersion)}, git commit <code>${escapeHtml(p.gitCommit)}</code>${p.gitDirty ? " (with uncommitted changes)" : ""}</li>` +
        `<li>generated ${escapeHtml(p.generatedAt)} with Node ${escapeHtml(p.node)}${p.smoke ? " — SMOKE RUN on a small slice, not for citation" : ""}</li></ul>` +
        `<table class="gwt-table"><thead><tr><th>dataset</th><th>file</th><th>sha256</th><th>read from</th></tr></thead><tbody>${rows}</tbody></table></div>`,
    );
    return p;
  }
}

/** Start a notebook: `const nb = notebook("01-platform-trace")`. */
export function notebook(name: string): NotebookContext {
  return new NotebookContext(name);
}
