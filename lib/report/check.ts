import { pathToFileURL } from "node:url";
import { findChromium, launchChromium } from "../plots/browser";

interface ReportCheck {
  readonly file: string;
  readonly figures: number;
  readonly drawn: number;
  /** DOM ids of figure divs that stayed empty (no plotly SVG). */
  readonly empty: string[];
  readonly plotlyBundles: number;
  /** `console.error` messages (a failed resource load included). */
  readonly consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections on the page. */
  readonly pageErrors: string[];
  /**
   * Side effects only script from the content would cause: a dialog (alert/confirm/prompt), a popup,
   * the page navigating away, or the sentinel `window.__gwtInjected` being set.
   */
  readonly scriptRan: string[];
  /**
   * Markup that can run script, wherever it sits: an `on*` handler attribute, a `javascript:` or
   * `vbscript:` URL, an iframe/object/embed/frame/base/meta-refresh, or a `<script>` element that is not
   * the report's own (the plotly bundle, a figure's drawing script right after its `.gwt-figure` div,
   * or the page template's scripts in `<head>`).
   */
  readonly executable: string[];
  readonly skipped?: string;
}

/** Why a checked report fails, one reason per entry; empty when it passes. */
export function reportProblems(r: ReportCheck): string[] {
  if (r.skipped) return [];
  const out: string[] = [];
  const few = (xs: readonly string[]): string => `${xs.slice(0, 3).join(" | ")}${xs.length > 3 ? ` (+${xs.length - 3} more)` : ""}`;
  if (r.scriptRan.length) out.push(`script from the content ran: ${few(r.scriptRan)}`);
  if (r.executable.length) out.push(`executable markup in the page: ${few(r.executable)}`);
  if (r.pageErrors.length) out.push(`page errors: ${few(r.pageErrors)}`);
  if (r.consoleErrors.length) out.push(`console errors: ${few(r.consoleErrors)}`);
  if (r.empty.length) out.push(`empty figures: ${few(r.empty)}`);
  if (r.plotlyBundles > 1) out.push(`plotly.js embedded ${r.plotlyBundles}x (expected once)`);
  if (r.figures > 0 && r.plotlyBundles === 0) out.push("figures but no plotly.js bundle");
  return out;
}

/** A hang guard for page loads, not a speed target. */
const LOAD_TIMEOUT_MS = 120_000;

/** Runs before any script of the page: records a write to the sentinel `window.__gwtInjected`. */
const SENTINEL_INIT = `(() => {
  const log = [];
  Object.defineProperty(window, "__gwtCheckLog", { value: log });
  let v;
  Object.defineProperty(window, "__gwtInjected", { configurable: false, get() { return v; }, set(x) { v = x; log.push("window.__gwtInjected = " + String(x).slice(0, 80)); } });
})();`;

/** In the page after load: markup that can run script, outside the report's own scripts (see ReportCheck.executable). */
function scanExecutable(): string[] {
  type El = { tagName: string; id: string; className: unknown; attributes: ArrayLike<{ name: string; value: string }>; parentElement: El | null; previousElementSibling: El | null; textContent: string | null; getAttribute(n: string): string | null; closest(s: string): El | null };
  const d = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El> } }).document;
  const out: string[] = [];
  const where = (el: El): string => {
    const parts: string[] = [];
    for (let e: El | null = el; e && parts.length < 3; e = e.parentElement) parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}`);
    return parts.join(">");
  };
  const SCRIPT_URL = /(^|;)(javascript|vbscript|livescript):/;
  for (const el of Array.from(d.querySelectorAll("*"))) {
    const tag = el.tagName.toLowerCase();
    for (const a of Array.from(el.attributes)) {
      const n = a.name.toLowerCase();
      // any attribute holding a script URL: href/src/action/formaction/xlink:href, and SVG <animate values="a;javascript:…">
      const v = a.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
      if (n.startsWith("on")) out.push(`${where(el)} has ${n}="${a.value.slice(0, 60)}"`);
      else if (n === "srcdoc") out.push(`${where(el)} has srcdoc`);
      else if (SCRIPT_URL.test(v)) out.push(`${where(el)} ${n}="${a.value.slice(0, 60)}"`);
    }
    if (["iframe", "frame", "object", "embed", "base", "applet"].includes(tag)) out.push(`<${tag}> at ${where(el)}`);
    if (tag === "meta" && (el.getAttribute("http-equiv") ?? "").toLowerCase() === "refresh") out.push(`<meta http-equiv=refresh> at ${where(el)}`);
    if (tag === "script") {
      const ownBundle = el.getAttribute("data-gwt-plotly") === "bundle";
      const prev = el.previousElementSibling;
      const ownFigure = prev !== null && String(prev.className).split(/\s+/).includes("gwt-figure") && (el.textContent ?? "").startsWith("(function(){var s=");
      const template = el.closest("head") !== null;
      if (!ownBundle && !ownFigure && !template) out.push(`<script> at ${where(el)}: ${(el.textContent ?? "").trim().slice(0, 60)}`);
    }
  }
  return out;
}

/**
 * Open HTML reports in headless Chromium (one browser for all) and check each: every gwtime figure
 * drawn (a plotly SVG inside each figure div), plotly.js embedded once, no page errors or console
 * errors, no script from the content ran (dialogs, popups, navigation, the `__gwtInjected` sentinel)
 * and no markup that could run script (`ReportCheck.executable`). Without Chromium every result is
 * `skipped`. `drawWaitMs` bounds the wait for figures to draw (a broken figure never does); loading a
 * page has its own, generous bound, since a loaded machine can take seconds to parse plotly.js.
 */
export async function checkReports(files: readonly string[], drawWaitMs = 30000): Promise<ReportCheck[]> {
  const exe = findChromium();
  const none = { figures: 0, drawn: 0, empty: [], plotlyBundles: 0, consoleErrors: [], pageErrors: [], scriptRan: [], executable: [] };
  if (!exe) return files.map((file) => ({ file, ...none, skipped: "no Chromium found (GWT_CHROMIUM or /usr/bin/chromium…); not checked" }));
  const browser = await launchChromium(exe);
  try {
    const out: ReportCheck[] = [];
    for (const file of files) {
      const context = await browser.newContext();
      try {
        await context.addInitScript(SENTINEL_INIT);
        const page = await context.newPage();
        const consoleErrors: string[] = [];
        const pageErrors: string[] = [];
        const scriptRan: string[] = [];
        const href = pathToFileURL(file).href;
        page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
        page.on("pageerror", (e) => pageErrors.push(String(e)));
        page.on("dialog", (dl) => { scriptRan.push(`${dl.type()}(${JSON.stringify(dl.message().slice(0, 80))})`); dl.dismiss().catch(() => undefined); });
        page.on("popup", (p) => scriptRan.push(`popup ${p.url().slice(0, 80)}`));
        page.on("framenavigated", (f) => { if (f === page.mainFrame() && f.url() !== href && f.url() !== "about:blank") scriptRan.push(`navigated to ${f.url().slice(0, 80)}`); });
        await page.goto(href, { waitUntil: "load", timeout: LOAD_TIMEOUT_MS });
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
          const log = (globalThis as unknown as { __gwtCheckLog?: string[] }).__gwtCheckLog ?? [];
          return { figures: figs.length, empty: figs.filter((f) => f.querySelector(".main-svg") === null).map((f) => f.id), bundles: d.querySelectorAll("script[data-gwt-plotly]").length, log: [...log] };
        });
        const executable = await page.evaluate(scanExecutable);
        out.push({ file, figures: res.figures, drawn: res.figures - res.empty.length, empty: res.empty, plotlyBundles: res.bundles, consoleErrors, pageErrors, scriptRan: [...scriptRan, ...res.log], executable });
      } finally {
        await context.close();
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** One report; see `checkReports`. */
export async function checkReport(file: string, drawWaitMs = 30000): Promise<ReportCheck> {
  return (await checkReports([file], drawWaitMs))[0] as ReportCheck;
}
