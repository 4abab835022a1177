import { sanitizeMarkdown } from "../util/markdown";

/**
 * Output to the notebook when running under tslab, to stdout otherwise (tests, scripts). tslab is
 * looked up lazily so the library never needs a kernel.
 */
interface TslabDisplay {
  html(s: string): void;
  markdown(s: string): void;
}

let cached: TslabDisplay | null | undefined;

function tslabDisplay(): TslabDisplay | null {
  if (cached !== undefined) return cached;
  try {
    const kernel = require("tslab/dist/jupyter") as { lastWriteDisplayData?: unknown };
    // Outside a running kernel tslab's display throws "Not ready": fall back to stdout.
    cached = kernel.lastWriteDisplayData ? (require("tslab") as { display: TslabDisplay }).display : null;
  } catch {
    cached = null;
  }
  return cached;
}

export function showHtml(html: string): void {
  const d = tslabDisplay();
  if (d) d.html(html);
  else process.stdout.write(`${html.length > 2000 ? `${html.slice(0, 2000)}…` : html}\n`);
}

/**
 * Show markdown, always through `sanitizeMarkdown`: whatever a notebook interpolated, no raw HTML and
 * no script link reaches the page (values should still go through `md`/`escapeMarkdown` to show as text).
 */
export function showMarkdown(md: string): void {
  const safe = sanitizeMarkdown(md);
  const d = tslabDisplay();
  if (d) d.markdown(safe);
  else process.stdout.write(`${safe}\n`);
}
