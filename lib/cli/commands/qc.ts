import { writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { DEFAULT_COLLECT_OPTIONS, collectQc, formatOfPath, writeQcRows } from "../../qc";
import { terminalSafe as shown } from "../../util/safeText";
import { type Command, flagString, parseArgs } from "../command";

/** A one-line progress bar on stderr (`\r`-rewritten). */
function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total > 0 ? Math.round((width * done) / total) : width;
  return `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} files`;
}

/** `gwtime qc <dir...> --out metrics.csv|json|parquet|xlsx [--format-report report.json] [--progress]`. */
export const qcCommand: Command = {
  name: "qc",
  summary: "parse FastQC / Picard / GATK / samtools / fastp / MultiQC outputs under the given paths into one per-sample metrics table",
  usage: "gwtime qc <dir|file...> --out metrics.csv|json|parquet|xlsx [--format-report report.json] [--progress] [--sample-from-filename | --sample-from-dir] [--max-inflated-bytes N] [--raw-csv]",
  async run(argv) {
    const args = parseArgs(argv, ["progress", "sample-from-filename", "sample-from-dir", "raw-csv"]);
    const out = flagString(args, "out");
    if (args.positional.length === 0 || !out) throw new Error(`usage: ${this.usage}`);
    const format = formatOfPath(out);
    if (!format) throw new Error(`--out must end in .csv, .json, .parquet or .xlsx (got '${out}')`);
    const showProgress = args.flags.has("progress") || process.stderr.isTTY === true;
    const capFlag = flagString(args, "max-inflated-bytes");
    const maxInflatedBytes = capFlag === undefined ? undefined : Number(capFlag);
    if (maxInflatedBytes !== undefined && !(Number.isInteger(maxInflatedBytes) && maxInflatedBytes > 0)) throw new Error(`--max-inflated-bytes: expected a whole number of bytes > 0, got '${capFlag}'`);
    let last = 0;
    const res = collectQc(args.positional, {
      ...DEFAULT_COLLECT_OPTIONS,
      keepRecords: false,
      ...(maxInflatedBytes !== undefined ? { maxInflatedBytes } : {}),
      sampleNameFromFilename: args.flags.has("sample-from-filename"),
      sampleFromDir: args.flags.has("sample-from-dir"),
      onProgress: showProgress
        ? (done, total) => {
            const now = Date.now();
            if (done === total || now - last > 100) {
              last = now;
              process.stderr.write(progressBar(done, total));
            }
          }
        : undefined,
    });
    if (showProgress) process.stderr.write("\n");
    await writeQcRows(res.rows, out, format, { rawCsv: args.flags.has("raw-csv") });
    const reportPath = flagString(args, "format-report");
    if (reportPath) writeFileSync(reportPath, `${JSON.stringify(res.report, null, 1)}\n`);
    const r = res.report;
    process.stderr.write(`gwtime qc: ${r.files.length} files: ${r.parsed} parsed, ${r.skipped} skipped, ${r.failed} failed; ${res.rows.length} samples -> ${shown(out)}\n`);
    for (const f of r.files) if (f.status === "failed") process.stderr.write(`  failed: ${shown(f.reason)}\n`);
    // R1/R2 of one sample merging is expected; one name from files in several folders usually is not.
    const merged = new Set(r.merges.filter((m) => new Set(m.files.map((f) => dirname(f))).size > 1).map((m) => m.sample));
    if (merged.size > 0)
      process.stderr.write(
        `  note: ${merged.size} sample(s) combine files from several folders (numbers averaged, listed under "merges" in --format-report), e.g. '${shown([...merged][0])}'.` +
          ` If those folders hold different samples whose file names repeat, rerun with --sample-from-dir (one sample per folder).\n`,
      );
    return 0;
  },
};
