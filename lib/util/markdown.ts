/**
 * Markdown that shows input strings as text (HTML: `lib/report/escape.ts`; CSV/terminal/XML:
 * `safeText.ts`). Markdown passes raw HTML through to the page (Jupyter, nbconvert and GitHub all
 * render `<img onerror=…>` inside markdown as an element), so a sample name must never reach markdown
 * unescaped:
 * - `escapeMarkdown(value)`: one value shown literally inside markdown text or a table cell;
 * - `` md`…${value}…` ``: the author's markdown with every interpolated value escaped;
 * - `markdownTable(rows)`: a GFM table, every header and cell escaped;
 * - `sanitizeMarkdown(text)`: the last guard on a whole text before it is displayed (no raw HTML,
 *   no link to a script URL), for text assembled without the helpers above.
 * Pure functions, no markdown library: the rules below are small and tested on hostile strings.
 */

/** C0/C1 controls and DEL: a newline or tab inside a value would start a new block or table row. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Whether text appended after `before` starts a block: only whitespace, `>` and list markers precede it on its line. */
function atBlockStart(before: string): boolean {
  const line = before.slice(before.lastIndexOf("\n") + 1);
  return /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*$/.test(line);
}

/**
 * A value shown as literal text in markdown. `& < >` become entities (no HTML, no autolink);
 * backslash, backtick, `*`, `[`, `]`, `|`, `~`, `$` and a `_` at a word edge are backslash-escaped
 * (no code span, emphasis, link, table cell break, strikethrough or math); control characters
 * (newlines, tabs) become spaces. Unless `midLine` (the value follows other text on its line), a
 * leading `#`, `-`, `+`, `=` or `1.` is escaped too, so the value cannot open a heading or a list.
 * Numbers are written as is; names like `fastqc.per_base_n_content` are unchanged.
 * @example escapeMarkdown("<img src=x onerror=alert(1)>") // "&lt;img src=x onerror=alert(1)&gt;"
 */
export function escapeMarkdown(value: unknown, opts: { midLine?: boolean } = {}): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  const s = (value instanceof Date ? value.toISOString() : String(value)).replace(CONTROLS, " ");
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === "&") out += "&amp;";
    else if (c === "<") out += "&lt;";
    else if (c === ">") out += "&gt;";
    else if ("\\`*[]|~$".includes(c)) out += `\\${c}`;
    else if (c === "_" && !(/[A-Za-z0-9]/.test(s[i - 1] ?? "") && /[A-Za-z0-9]/.test(s[i + 1] ?? ""))) out += "\\_";
    else out += c;
  }
  if (opts.midLine) return out;
  return out.replace(/^(\s*)([#+=-])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
}

/**
 * Tagged template: the literal parts are the author's markdown, every `${value}` is `escapeMarkdown`ed
 * (block starters only where the value opens a line or a list item).
 * @example nb.md(md`**${sample}** ran ${seconds} s`)
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += escapeMarkdown(values[i], { midLine: !atBlockStart(out) }) + (strings[i + 1] ?? "");
  return out;
}

/**
 * A GFM table (`| a | b |` / `|---|---|`), header and cells escaped with `escapeMarkdown`;
 * `columns` default to the keys of the first row, `format` turns a cell into text first.
 * @example markdownTable([{ sample: "S1", s: 12 }]) // "| sample | s |\n|---|---|\n| S1 | 12 |"
 */
export function markdownTable(rows: ReadonlyArray<object>, opts: { columns?: readonly string[]; format?: (v: unknown, column: string) => unknown } = {}): string {
  const cols = opts.columns ?? Object.keys(rows[0] ?? {});
  const cell = (v: unknown, c: string): string => escapeMarkdown(opts.format ? opts.format(v, c) : v, { midLine: true });
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [line(cols.map((c) => escapeMarkdown(c, { midLine: true }))), `|${cols.map(() => "---").join("|")}|`, ...rows.map((r) => line(cols.map((c) => cell((r as Record<string, unknown>)[c], c))))].join("\n");
}

/** URL schemes a link in a report may use; anything else (javascript:, data:, vbscript:, file:) is shown as text. */
const SAFE_SCHEMES = new Set(["http", "https", "mailto"]);

/**
 * A link destination is safe when its scheme (if any) is http, https or mailto. The scheme is read
 * from the text before the first `/`, `?` or `#`; if that part holds `&` or `\` (an entity or escape
 * that could spell `javascript&colon;`) the destination counts as unsafe.
 */
export function isSafeLinkDestination(dest: string): boolean {
  const head = dest.split(/[/?#]/, 1)[0] as string;
  if (/[&\\]/.test(head)) return false;
  const colon = head.indexOf(":");
  return colon < 0 || SAFE_SCHEMES.has(head.slice(0, colon).toLowerCase());
}

/** The destination of an inline link whose `(` is at `open`: spaces and one line ending skipped, then up to whitespace or the unbalanced `)`. */
function destinationAt(text: string, open: number): string {
  let i = open + 1;
  while (text[i] === " " || text[i] === "\t") i++;
  if (text[i] === "\r") i++;
  if (text[i] === "\n") i++;
  while (text[i] === " " || text[i] === "\t") i++;
  let depth = 0;
  let dest = "";
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (/[\s\u0000-\u001f]/.test(c)) break;
    if (c === "(") depth++;
    else if (c === ")" && depth-- === 0) break;
    dest += c;
  }
  return dest;
}

/**
 * The last guard on a markdown text before it is displayed: every `<` becomes `&lt;` (no raw HTML,
 * no HTML comment, no `<scheme:…>` autolink; also inside code spans, where it then shows as `&lt;`),
 * `]:` becomes `]\:` (no link reference definitions), and an inline link or image whose destination
 * is not http(s)/mailto/relative (`isSafeLinkDestination`) is shown as text (`]\(`). Everything else,
 * including entities such as `&lt;` written by `escapeHtml`, passes unchanged.
 * @example sanitizeMarkdown("**S1** <img src=x onerror=alert(1)>") // "**S1** &lt;img src=x onerror=alert(1)>"
 */
export function sanitizeMarkdown(text: string): string {
  const s = text.replace(/</g, "&lt;").replace(/\]:/g, "]\\:");
  let out = "";
  let from = 0;
  for (let at = s.indexOf("](", from); at >= 0; at = s.indexOf("](", at + 2)) {
    if (isSafeLinkDestination(destinationAt(s, at + 1))) continue;
    out += `${s.slice(from, at + 1)}\\`;
    from = at + 1;
  }
  return out + s.slice(from);
}
