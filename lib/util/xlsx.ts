/**
 * Spreadsheet output for operators who live in Excel. danfojs-node is the one dependency here that
 * writes .xlsx (SheetJS underneath); arquero and DuckDB (without its network-installed excel
 * extension) cannot. It is loaded lazily: it pulls in tfjs and costs ~1 s to import.
 */

/** A cell as written: numbers stay numbers, everything else is text, missing is an empty cell. */
type XlsxCell = number | string | null;

/**
 * Column-typed cells: a column whose present values are all finite numbers is numeric; any other
 * column is text throughout (so one stray string never turns half a column into numbers-as-text).
 * Pure; the input rows are not changed.
 */
export function xlsxCells(rows: ReadonlyArray<Readonly<Record<string, unknown>>>, columns: readonly string[]): XlsxCell[][] {
  const numeric = columns.map((c) => rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === "number"));
  return rows.map((r) =>
    columns.map((c, j) => {
      const v = r[c];
      if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) return null;
      return numeric[j] ? (v as number) : String(v);
    }),
  );
}

/**
 * Write `rows` (in `columns` order) to one sheet of a new .xlsx file. Strings are stored as text
 * cells, so a sample name such as `=HYPERLINK(...)` is shown, never evaluated.
 * @example await writeXlsx([{ sample: "S1", reads: 2e5 }], ["sample", "reads"], "qc.xlsx", "qc")
 */
export async function writeXlsx(rows: ReadonlyArray<Readonly<Record<string, unknown>>>, columns: readonly string[], path: string, sheetName = "Sheet1"): Promise<void> {
  if (!path.toLowerCase().endsWith(".xlsx")) throw new Error(`writeXlsx: '${path}' must end in .xlsx`);
  if (columns.length === 0) throw new Error(`writeXlsx: no columns to write to '${path}'`);
  const dfd = await import("danfojs-node");
  const cells = xlsxCells(rows, columns);
  const df = new dfd.DataFrame(cells.length ? cells : [], { columns: [...columns] });
  dfd.toExcel(df, { filePath: path, sheetName });
}
