/**
 * Escaping for every place a string from an input file (sample id, process name, path) lands in an
 * exported file: Groovy single-quoted strings (no `${}` interpolation), YAML double-quoted scalars,
 * and one-line comments in either language.
 */

const hex4 = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * A Groovy single-quoted string literal (never interpolated: `$` stays literal). Backslash and quote
 * are escaped, newlines/CR/tab by their short escapes, other control and line-separator characters as
 * \\uXXXX.
 * @example groovyString("a'b${x}") // "'a\\'b${x}'"
 */
export function groovyString(s: string): string {
  const body = s.replace(/[\\'\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => {
    switch (c) {
      case "\\": return "\\\\";
      case "'": return "\\'";
      case "\n": return "\\n";
      case "\r": return "\\r";
      case "\t": return "\\t";
      default: return hex4(c);
    }
  });
  return `'${body}'`;
}

/**
 * A YAML double-quoted scalar: JSON string escapes (valid YAML 1.1/1.2) plus escapes for the
 * characters YAML treats as non-printable or as line breaks.
 * @example yamlString("a\"b\nc") // "\"a\\\"b\\nc\""
 */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, hex4);
}

/** Text safe inside a one-line `#` or `//` comment: backslashes doubled, controls and line separators escaped. */
export function commentText(s: string): string {
  return s.replace(/[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => (c === "\\" ? "\\\\" : hex4(c)));
}
