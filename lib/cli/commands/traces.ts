import { readFileSync, writeFileSync } from "node:fs";
import {
  DUCKDB_FORMATS, type ColumnMapping, type TraceReadResult, detectFormat, expandTracePaths, ingestToParquet, readHead, readTraces,
  runsToCsv, runsToJsonLines, writeRunsParquet,
} from "../../traces";
import { basename } from "node:path";
import { terminalSafe as shown } from "../../util/safeText";
import { type Command, flagString, parseArgs } from "../command";

function bar(done: number, total: number, label: string): string {
  const w = 30;
  const k = total > 0 ? Math.round((done / total) * w) : 0;
  return `\r[${"#".repeat(k)}${"-".repeat(w - k)}] ${done}/${total} ${shown(label).slice(-50).padEnd(50)}`;
}

/** `gwtime traces <paths...> [--format F] [--mapping map.json] --out runs.parquet|csv|json [--threads N] [--progress]` */
export const tracesCommand: Command = {
  name: "traces",
  summary: "read workflow traces (Galaxy, Nextflow, Lotaru, WfFormat, Seqera, Cromwell, Snakemake, generic) into one TaskRun table",
  usage: "gwtime traces <files|folders...> [--format F] [--mapping map.json] [--out runs.parquet|.csv|.json] [--threads N] [--progress] [--raw-csv]",
  async run(argv) {
    const args = parseArgs(argv, ["progress", "raw-csv"]);
    const csvOpts = { rawCsv: args.flags.has("raw-csv") };
    if (args.positional.length === 0) throw new Error(`no input paths. usage: ${this.usage}`);
    const format = flagString(args, "format");
    const out = flagString(args, "out");
    const mappingFile = flagString(args, "mapping");
    const threadsFlag = flagString(args, "threads");
    const threads = threadsFlag === undefined ? undefined : Number(threadsFlag);
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
      throw new Error(`--threads: expected a whole number >= 1, got '${threadsFlag}'`);
    }
    const mapping = mappingFile ? (JSON.parse(readFileSync(mappingFile, "utf8")) as ColumnMapping) : undefined;
    const showProgress = args.flags.has("progress") || process.stderr.isTTY === true;
    const paths = expandTracePaths(args.positional);
    const fmts = new Set(paths.map((p) => format ?? detectFormat(readHead(p), basename(p)) ?? "unknown"));

    // Fast path: delimited formats DuckDB normalises in SQL, straight to Parquet.
    if (out?.endsWith(".parquet") && fmts.size === 1 && (DUCKDB_FORMATS as readonly string[]).includes([...fmts][0] as string)) {
      const fmt = [...fmts][0] as (typeof DUCKDB_FORMATS)[number];
      if (showProgress) process.stderr.write(bar(0, 1, `duckdb ${fmt}: ${paths.length} files`));
      const res = await ingestToParquet(paths, fmt, out, {
        ...(threads !== undefined ? { threads } : {}),
        onProgress: showProgress ? (f) => process.stderr.write(bar(Math.round(f * 100), 100, `duckdb ${fmt}`)) : undefined,
      });
      if (showProgress) process.stderr.write(`${bar(1, 1, "done")}\n`);
      for (const f of res.files) {
        process.stderr.write(`${shown(f.file)}\t${f.format}\t${f.rows} rows\t${f.issues.length} issues\n`);
        for (const i of f.issues.slice(0, 5)) process.stderr.write(`  line ${i.line ?? "-"}: ${shown(i.message)}\n`);
      }
      process.stderr.write(`wrote ${shown(res.out)}: ${res.rows} rows in ${res.seconds.toFixed(1)} s (${(res.parquetBytes / 1e6).toFixed(1)} MB)\n`);
      return 0;
    }

    const results: TraceReadResult[] = readTraces(paths, {
      ...(format ? { format } : {}),
      ...(mapping ? { mapping } : {}),
      onProgress: showProgress ? (done, total, r) => process.stderr.write(bar(done, total, r.file)) : undefined,
    });
    if (showProgress) process.stderr.write("\n");
    let rows = 0;
    for (const r of results) {
      rows += r.runs.length;
      process.stderr.write(`${shown(r.file)}\t${shown(r.format)}\t${r.runs.length} rows\t${r.issues.length} issues\n`);
      for (const i of r.issues.slice(0, 5)) process.stderr.write(`  line ${i.line ?? "-"}: ${shown(i.message)}\n`);
      if (r.issues.length > 5) process.stderr.write(`  ... ${r.issues.length - 5} more\n`);
    }
    const runs = results.flatMap((r) => r.runs);
    if (!out) process.stdout.write(runsToCsv(runs, false, csvOpts));
    else if (out.endsWith(".parquet")) await writeRunsParquet(results, out);
    else if (out.endsWith(".json") || out.endsWith(".jsonl")) writeFileSync(out, runsToJsonLines(runs));
    else writeFileSync(out, runsToCsv(runs, false, csvOpts));
    process.stderr.write(`${out ? `wrote ${shown(out)}: ` : ""}${rows} rows from ${results.length} files\n`);
    return results.some((r) => r.runs.length === 0 && r.issues.length > 0) && rows === 0 ? 1 : 0;
  },
};
