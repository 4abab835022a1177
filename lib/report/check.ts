import { pathToFileURL } from "node:url";
import { findChromium, launchChromium } from "../plots/browser";

export interface ReportCheck {
  readonly file: string;
  readonly figures: number;
  readonly drawn: number;
  /** DOM ids of figure divs that stayed empty (no plotly SVG). */
  readonly empty: string[];
  readonly plotlyBundles: number;
  readonly consoleErrors: string[];
  readonly skipped?: string;
}

/** A hang guard for page loads, not a speed target. */
const LOAD_TIMEOUT_MS = 120_000;

/**
 * Open an HTML report in headless Chromium and check that every gwtime figure was actually drawn
 * (a plotly SVG inside each figure div, not an empty div) and that plotly.js is embedded once.
 * `drawWaitMs` bounds the wait for figures to draw (a broken figure never does); loading the page has
 * its own, generous bound, since a loaded machine can take seconds to parse the embedded plotly.js.
 */
export async function checkReport(file: string, drawWaitMs = 30000): Promise<ReportCheck> {
  const exe = findChromium();
  if (!exe) return { file, figures: 0, drawn: 0, empty: [], plotlyBundles: 0, consoleErrors: [], skipped: "no Chromium found; report check skipped" };
  const browser = await launchChromium(exe);
  try {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: LOAD_TIMEOUT_MS });
    // Give plotly a moment to lay out every figure.
    await page.waitForFunction(
      () => {
        const d = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ querySelector(s: string): unknown }> } }).document;
        const figs = Array.from(d.querySelectorAll(".gwt-figure"));
        return figs.every((f) => f.querySelector(".main-svg") !== null);
      },
      undefined,
      { timeout: drawWaitMs },
    ).catch(() => undefined);
    const res = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ id: string; querySelector(s: string): unknown }> } }).document;
      const figs = Array.from(d.querySelectorAll(".gwt-figure"));
      return {
        figures: figs.length,
        empty: figs.filter((f) => f.querySelector(".main-svg") === null).map((f) => f.id),
        bundles: d.querySelectorAll("script[data-gwt-plotly]").length,
      };
    });
    return { file, figures: res.figures, drawn: res.figures - res.empty.length, empty: res.empty, plotlyBundles: res.bundles, consoleErrors };
  } finally {
    await browser.close();
  }
}
