/** Apply the declarative search-pattern table to one file. Pure. */
import { DEFAULT_NUM_LINES, type SearchPattern, globToRegExp } from "./searchPatterns";

const globCache = new Map<string, RegExp>();
function glob(g: string): RegExp {
  let r = globCache.get(g);
  if (!r) globCache.set(g, (r = globToRegExp(g)));
  return r;
}

/** The first `n` lines of `text` (cheap: scans for newlines only as far as needed). */
export function headLines(text: string, n: number): string {
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const j = text.indexOf("\n", pos);
    if (j < 0) return text;
    pos = j + 1;
  }
  return text.slice(0, pos);
}

/**
 * The first pattern matching a file, or undefined.
 * @param name basename of the file
 * @param text decoded text of the file ("" for binary files: then only filename rules can match)
 * @param patterns the detection table (default `DEFAULT_SEARCH_PATTERNS`)
 */
export function detect(name: string, text: string, patterns: readonly SearchPattern[]): SearchPattern | undefined {
  for (const p of patterns) {
    if (p.fn && !p.fn.some((g) => glob(g).test(name))) continue;
    if (p.contents || p.contentsRe) {
      const head = headLines(text, p.numLines ?? DEFAULT_NUM_LINES);
      if (p.contents && !p.contents.every((c) => head.includes(c))) continue;
      if (p.contentsRe && !head.split("\n").some((l) => (p.contentsRe as RegExp).test(l))) continue;
    }
    if (!p.fn && !p.contents && !p.contentsRe) continue;
    return p;
  }
  return undefined;
}
