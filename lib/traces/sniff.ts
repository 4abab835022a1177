import { MISSING_MARKERS } from "./build";
import { parseDelimited } from "./csv";

/**
 * Column type guesses for the DuckDB ingest: a column whose first rows hold only plain numbers (or ISO
 * timestamps) is read typed by DuckDB's CSV reader instead of as text + SQL unit macros. A guess only:
 * the ingest re-reads a column as text when a later cell does not parse (see `ingestToParquet`).
 */

/** A DuckDB type the CSV reader can parse a raw field into, exactly as `TRY_CAST(text AS type)` would. */
export type TypedRead = "DOUBLE" | "TIMESTAMP";

/** Plain decimal numbers: no padding, units, thousands separators, NaN/inf or missing markers. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** "YYYY-MM-DD HH:MM[:SS[.ffffff]]" (or with T), no zone: what DuckDB's TIMESTAMP read and TRY_CAST agree on. */
const PLAIN_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?$/;

const MATCHES: Record<TypedRead, RegExp> = { DOUBLE: PLAIN_NUMBER, TIMESTAMP: PLAIN_TIMESTAMP };

/**
 * Data records (header dropped) of a file's first bytes. When `truncated`, the last record may be cut
 * and is dropped too.
 * @example sampleRecords("a,b\n1,2\n3,", ",", true) // [["1", "2"]]
 */
export function sampleRecords(head: string, delim: string, truncated: boolean): string[][] {
  const recs = parseDelimited(head, delim).slice(1);
  return (truncated ? recs.slice(0, -1) : recs).map((r) => r.fields);
}

/**
 * The typed read each wanted column's sampled cells all fit, if any: every cell that is not a missing
 * marker (read as NULL: the ingest passes the markers as DuckDB's `nullstr`) matches one of the column's
 * allowed types (tried in order), and at least one does. Columns not in the header, or with any other
 * cell (units, padding, garbage), are left out (read as text).
 * @example typedColumns(["exit", "memory"], [["0", "2 GB"]], new Map([["exit", ["DOUBLE"]], ["memory", ["DOUBLE"]]])) // Map { "exit" => "DOUBLE" }
 */
export function typedColumns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  wanted: ReadonlyMap<string, readonly TypedRead[]>,
): Map<string, TypedRead> {
  const out = new Map<string, TypedRead>();
  for (const [col, allowed] of wanted) {
    const i = header.indexOf(col);
    if (i < 0) continue;
    const cells = rows.map((r) => r[i] ?? "").filter((c) => !MISSING_MARKERS.includes(c));
    if (cells.length === 0) continue;
    const type = allowed.find((t) => cells.every((c) => MATCHES[t].test(c)));
    if (type) out.set(col, type);
  }
  return out;
}
