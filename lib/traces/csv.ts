/**
 * A small RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes) that keeps the
 * physical line number each record starts on, so readers can report bad rows by line.
 */

/** One parsed record and the 1-based line of the file it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/** Guess the delimiter from the first line: tab when it has more tabs than commas, else comma. */
export function sniffDelimiter(head: string): "," | "\t" {
  const first = head.split(/\r?\n/, 1)[0] ?? "";
  const tabs = first.split("\t").length;
  const commas = first.split(",").length;
  return tabs > commas ? "\t" : ",";
}

/**
 * Split `text` into records. Blank lines are skipped. Never throws: an unterminated quote ends the
 * record at end of file (the caller sees a field-count mismatch and reports it).
 * @example parseDelimited('a,b\n1,"x\ny"\n') // [{line:1,fields:['a','b']},{line:2,fields:['1','x\ny']}]
 */
export function parseDelimited(text: string, delimiter: string = sniffDelimiter(text)): CsvRecord[] {
  const out: CsvRecord[] = [];
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = "";
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && text.charCodeAt(i) === 34 /* " */) {
        i++;
        let buf = "";
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            buf += text.slice(i);
            i = n;
            break;
          }
          buf += text.slice(i, q);
          i = q + 1;
          if (text.charCodeAt(i) === 34) {
            buf += '"';
            i++;
          } else break;
        }
        for (let k = 0; k < buf.length; k++) if (buf.charCodeAt(k) === 10) line++;
        field = buf;
        // anything between the closing quote and the delimiter is kept verbatim
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === d || c === 10 || c === 13) break;
          field += text[i];
          i++;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === d || c === 10 || c === 13) break;
          j++;
        }
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      field = "";
      if (i >= n) endOfRecord = true;
      else {
        const c = text.charCodeAt(i);
        if (c === d) i++;
        else {
          if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
          i++;
          line++;
          endOfRecord = true;
        }
      }
    }
    if (!(fields.length === 1 && fields[0] === "")) out.push({ line: startLine, fields });
  }
  return out;
}
