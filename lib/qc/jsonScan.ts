/**
 * Find the values of chosen top-level keys of a JSON object without building the rest: one
 * validating pass over the text (exactly JSON.parse's grammar: ECMA-404 numbers, strings, escapes,
 * whitespace), then `JSON.parse` of the few wanted values only. fastp reports are ~100 KB of
 * per-cycle curves and k-mer tables around the ~2 KB gwtime reads; building them all was a fifth
 * of a 100x run. Anything that is not a valid JSON object returns undefined: callers then use
 * `JSON.parse(text)` itself, so errors and edge cases are exactly JSON.parse's.
 */

const WS = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
const DIGIT = (c: number): boolean => c >= 48 && c <= 57;
const HEX = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** End (exclusive) of the JSON string starting at `p` (a `"`), or -1 when invalid. */
function stringEnd(t: string, p: number): number {
  const n = t.length;
  for (let i = p + 1; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 32) return -1;
    if (c === 92) {
      const e = t.charCodeAt(++i);
      if (e === 117) {
        if (i + 4 >= n || !HEX(t.charCodeAt(i + 1)) || !HEX(t.charCodeAt(i + 2)) || !HEX(t.charCodeAt(i + 3)) || !HEX(t.charCodeAt(i + 4))) return -1;
        i += 4;
      } else if (!(e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116)) return -1;
    }
  }
  return -1;
}

/** End (exclusive) of the JSON number starting at `p`, or -1 when invalid. */
function numberEnd(t: string, p: number): number {
  let i = p;
  if (t.charCodeAt(i) === 45) i++;
  const c = t.charCodeAt(i);
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) while (DIGIT(t.charCodeAt(i))) i++;
  else return -1;
  if (t.charCodeAt(i) === 46) {
    i++;
    if (!DIGIT(t.charCodeAt(i))) return -1;
    while (DIGIT(t.charCodeAt(i))) i++;
  }
  const e = t.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const s = t.charCodeAt(i);
    if (s === 43 || s === 45) i++;
    if (!DIGIT(t.charCodeAt(i))) return -1;
    while (DIGIT(t.charCodeAt(i))) i++;
  }
  return i;
}

/** End (exclusive) of the JSON value starting at `p` (no leading whitespace), or -1 when invalid. */
function valueEnd(t: string, p: number): number {
  // Explicit stack of open containers: 1 = object, 2 = array.
  const stack: number[] = [];
  let i = p;
  for (;;) {
    // A value at i.
    while (WS(t.charCodeAt(i))) i++;
    const c = t.charCodeAt(i);
    if (c === 123 || c === 91) {
      const kind = c === 123 ? 1 : 2;
      i++;
      while (WS(t.charCodeAt(i))) i++;
      const close = kind === 1 ? 125 : 93;
      if (t.charCodeAt(i) === close) i++; // empty container: a complete value
      else {
        stack.push(kind);
        if (kind === 1) {
          if (t.charCodeAt(i) !== 34 || (i = stringEnd(t, i)) < 0) return -1;
          while (WS(t.charCodeAt(i))) i++;
          if (t.charCodeAt(i++) !== 58) return -1;
        }
        continue; // read the first member's value
      }
    } else if (c === 34) {
      if ((i = stringEnd(t, i)) < 0) return -1;
    } else if (c === 45 || DIGIT(c)) {
      if ((i = numberEnd(t, i)) < 0) return -1;
    } else if (t.startsWith("true", i)) i += 4;
    else if (t.startsWith("false", i)) i += 5;
    else if (t.startsWith("null", i)) i += 4;
    else return -1;
    // After a complete value: close containers or go on to the next member.
    for (;;) {
      if (stack.length === 0) return i;
      while (WS(t.charCodeAt(i))) i++;
      const kind = stack[stack.length - 1] as number;
      const d = t.charCodeAt(i);
      if (d === (kind === 1 ? 125 : 93)) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== 44) return -1;
      i++;
      if (kind === 1) {
        while (WS(t.charCodeAt(i))) i++;
        if (t.charCodeAt(i) !== 34 || (i = stringEnd(t, i)) < 0) return -1;
        while (WS(t.charCodeAt(i))) i++;
        if (t.charCodeAt(i++) !== 58) return -1;
      }
      break; // next value
    }
  }
}

/**
 * The values of `keys` in the top-level object of `text`, parsed; keys absent from the object are
 * absent from the result (duplicate keys: the last wins, as in JSON.parse).
 * @returns undefined when `text` is not exactly one valid JSON object (use `JSON.parse` then)
 */
export function parseTopLevelKeys(text: string, keys: readonly string[]): Record<string, unknown> | undefined {
  const want = new Set(keys);
  const spans = new Map<string, [number, number]>();
  const n = text.length;
  let i = 0;
  while (WS(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 123) return undefined;
  i++;
  while (WS(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 125) i++;
  else
    for (;;) {
      while (WS(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 34) return undefined;
      const ks = i;
      if ((i = stringEnd(text, i)) < 0) return undefined;
      const raw = text.slice(ks + 1, i - 1);
      const key = raw.includes("\\") ? (JSON.parse(text.slice(ks, i)) as string) : raw;
      while (WS(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i++) !== 58) return undefined;
      while (WS(text.charCodeAt(i))) i++;
      const vs = i;
      if ((i = valueEnd(text, i)) < 0) return undefined;
      if (want.has(key)) spans.set(key, [vs, i]);
      while (WS(text.charCodeAt(i))) i++;
      const d = text.charCodeAt(i++);
      if (d === 125) break;
      if (d !== 44) return undefined;
    }
  while (i < n && WS(text.charCodeAt(i))) i++;
  if (i !== n) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const s = spans.get(k);
    if (s) out[k] = JSON.parse(text.slice(s[0], s[1]));
  }
  return out;
}
