import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { errorMessage } from "../util/errors";
import { sha256 } from "../util/hash";
import { xmlSafeText } from "../util/safeText";
import { findChromium, launchChromium } from "./browser";
import { plotlyBundlePath } from "./render";

export interface StaticExportResult {
  readonly written: string[];
  /** Figures that could not be exported (bad JSON, a drawing error), with why; the others still are. */
  readonly failed: { readonly file: string; readonly reason: string }[];
  /** Set when no browser was found: nothing exported, and why. */
  readonly skipped?: string;
}

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listJson(p));
    else if (e.endsWith(".json")) out.push(p);
  }
  return out.sort();
}

/** plotly tags clip paths and defs with a random 6-hex id per render; pin it so the SVG is reproducible. */
export function stableSvgIds(svg: string, name: string): string {
  const m = /id="defs-([0-9a-f]{6})"/.exec(svg);
  if (!m) return svg;
  const stable = sha256(name).slice(0, 6);
  return svg.split(m[1] as string).join(stable);
}

function isFigureSpec(v: { data?: unknown; layout?: unknown }): v is { data: unknown[]; layout: Record<string, unknown> } {
  return Array.isArray(v.data) && typeof v.layout === "object" && v.layout !== null;
}

/** A copy of a figure spec with every string XML-safe (`xmlSafeText`): labels from input files cannot make the SVG invalid. */
export function xmlSafeFigure<T>(v: T): T {
  if (typeof v === "string") return xmlSafeText(v) as T;
  if (Array.isArray(v)) return v.map(xmlSafeFigure) as T;
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [xmlSafeText(k), xmlSafeFigure(x)])) as T;
  return v;
}

/**
 * Export every plotly JSON under `dir` to SVG and PNG beside it, in one headless Chromium.
 * Without a browser it returns `skipped` with the reason instead of failing. Strings are made
 * XML-safe first; a figure that cannot be read or drawn is listed in `failed` and the rest go on.
 */
export async function exportStaticFigures(dir: string, opts: { formats?: ReadonlyArray<"svg" | "png">; width?: number; height?: number } = {}): Promise<StaticExportResult> {
  const exe = findChromium();
  if (!exe) return { written: [], failed: [], skipped: "no Chromium found (set GWT_CHROMIUM or apt-get install chromium); static SVG/PNG export skipped" };
  const formats = opts.formats ?? ["svg", "png"];
  const browser = await launchChromium(exe);
  const written: string[] = [];
  const failed: { file: string; reason: string }[] = [];
  try {
    const page = await browser.newPage();
    await page.setContent("<html><body><div id='g'></div></body></html>");
    await page.addScriptTag({ path: plotlyBundlePath() });
    for (const file of listJson(dir)) {
      try {
      const fig = xmlSafeFigure(JSON.parse(readFileSync(file, "utf8")) as { data?: unknown; layout?: Record<string, unknown> });
      // Notebooks also save result tables as JSON beside their figures: only plotly specs are drawn.
      if (!isFigureSpec(fig)) continue;
      for (const format of formats) {
        const url = await page.evaluate(
          async ({ fig, format, width, height }) => {
            const P = (globalThis as unknown as { Plotly: { toImage: (f: unknown, o: unknown) => Promise<string> } }).Plotly;
            return P.toImage({ data: fig.data, layout: fig.layout }, { format, width, height });
          },
          { fig, format, width: opts.width ?? 900, height: opts.height ?? Number(fig.layout["height"] ?? 500) },
        );
        const out = file.replace(/\.json$/, `.${format}`);
        if (format === "svg") writeFileSync(out, stableSvgIds(decodeURIComponent(url.replace(/^data:image\/svg\+xml,/, "")), file));
        else writeFileSync(out, Buffer.from(url.replace(/^data:image\/png;base64,/, ""), "base64"));
        written.push(out);
      }
      } catch (e) {
        failed.push({ file, reason: errorMessage(e) });
      }
    }
  } finally {
    await browser.close();
  }
  return { written, failed };
}
