/**
 * Input-derived text made safe where it lands outside HTML (HTML: `lib/report/escape.ts`):
 * spreadsheet cells (formula injection), terminals (escape sequences) and XML/SVG (characters XML 1.0
 * cannot hold). Pure functions; every CSV writer and every CLI line that shows a name goes through here.
 */

/** First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell neutralised for spreadsheets: one starting with `=`, `+`, `-`, `@`, tab or CR gets a
 * leading `'` (OWASP), so Excel/LibreOffice show it as text instead of evaluating it. Only for text:
 * numbers are written as numbers (a negative exit code stays `-1`).
 * @example csvNeutralise("=HYPERLINK(\"x\")") // "'=HYPERLINK(\"x\")"
 */
export function csvNeutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV cell: RFC 4180 quoting; text cells neutralised (`csvNeutralise`) unless `raw`.
 * null/undefined → empty; Date → ISO 8601; numbers as JS prints them.
 */
export function csvCell(v: unknown, raw = false): string {
  if (v === null || v === undefined) return "";
  const s = v instanceof Date ? v.toISOString() : typeof v === "string" && !raw ? csvNeutralise(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * C0 controls (ESC, BEL, CR, tab, newline, ...), DEL, C1 controls (incl. 8-bit CSI/OSC) and the
 * bidirectional overrides (Trojan Source): everything a terminal may act on instead of showing.
 */
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text shown on a terminal: control characters become visible escapes (`\x1b`, `\u202e`), so a file
 * or sample name cannot move the cursor, retitle the window (OSC), or hide text.
 * @example terminalSafe("a\u001b]0;pwned\u0007b") // "a\\x1b]0;pwned\\x07b"
 */
export function terminalSafe(text: unknown): string {
  return String(text).replace(TERMINAL_UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
  });
}

/** `terminalSafe` for multi-line messages: newlines and tabs kept, every other control made visible. */
export function terminalSafeLines(text: unknown): string {
  return String(text)
    .split("\n")
    .map((l) => l.split("\t").map(terminalSafe).join("\t"))
    .join("\n");
}

/** Characters XML 1.0 cannot hold at all (C0 but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text that may go into XML/SVG: characters XML 1.0 forbids are dropped (they cannot be escaped:
 * `&#1;` is invalid too). Markup characters are left to the serializer (the DOM escapes them).
 * @example xmlSafeText("GC\u0001%") // "GC%"
 */
export function xmlSafeText(text: string): string {
  return text.replace(XML_INVALID, "");
}
