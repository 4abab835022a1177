/**
 * A reader for the Python literals MultiQC writes into its per-module tables (a fastp cell is
 * `{'before_filtering': {'total_reads': 237142, ...}}`): dicts, lists, tuples, quoted strings with
 * backslash escapes, ints, floats (`nan`/`inf` become null), True/False/None. Nothing is evaluated.
 * Pure; throws a `SyntaxError` naming the offset on anything else.
 */

/** A parsed literal. */
export type PyValue = null | boolean | number | string | PyValue[] | { [k: string]: PyValue };

/**
 * Parse one Python literal.
 * @example parsePythonLiteral("{'rate': 0.105, 'ok': True}") // { rate: 0.105, ok: true }
 */
export function parsePythonLiteral(text: string): PyValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${i} of a Python literal`);
  };
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const str = (): string => {
    const q = text[i];
    i++;
    let out = "";
    while (i < text.length && text[i] !== q) {
      if (text[i] === "\\") {
        const c = text[i + 1];
        const esc: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"' };
        if (c === "x" || c === "u") {
          const len = c === "x" ? 2 : 4;
          const hex = text.slice(i + 2, i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) fail("bad escape");
          out += String.fromCharCode(parseInt(hex, 16));
          i += 2 + len;
          continue;
        }
        out += c !== undefined && c in esc ? esc[c] : `\\${c ?? ""}`;
        i += 2;
        continue;
      }
      out += text[i];
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
    return out;
  };
  const value = (): PyValue => {
    ws();
    const c = text[i];
    if (c === undefined) return fail("unexpected end");
    if (c === "'" || c === '"') return str();
    if (c === "{") {
      i++;
      const o: { [k: string]: PyValue } = {};
      ws();
      if (text[i] === "}") { i++; return o; }
      for (;;) {
        const k = value();
        ws();
        if (text[i] !== ":") fail("expected ':'");
        i++;
        o[String(k)] = value();
        ws();
        if (text[i] === ",") { i++; ws(); if (text[i] === "}") { i++; return o; } continue; }
        if (text[i] === "}") { i++; return o; }
        fail("expected ',' or '}'");
      }
    }
    if (c === "[" || c === "(") {
      const close = c === "[" ? "]" : ")";
      i++;
      const a: PyValue[] = [];
      ws();
      if (text[i] === close) { i++; return a; }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ",") { i++; ws(); if (text[i] === close) { i++; return a; } continue; }
        if (text[i] === close) { i++; return a; }
        fail(`expected ',' or '${close}'`);
      }
    }
    const m = /^(True|False|None|-?nan|-?inf|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!m) return fail("unexpected character");
    i += (m[1] as string).length;
    const w = m[1] as string;
    if (w === "True") return true;
    if (w === "False") return false;
    if (w === "None" || /nan|inf/.test(w)) return null;
    return Number(w);
  };
  const v = value();
  ws();
  if (i !== text.length) fail("trailing text");
  return v;
}
