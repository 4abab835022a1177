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

/** Refused values printed per run before "... and N more" (all of them are in --format-report). */
const MAX_ISSUES_SHOWN = 20;

/**
 * `gwtime qc <dir...> --out metrics.csv|json|parquet|xlsx [--format-report report.json] [--progress] [--keep-going]`.
 * Exit 1 when any file failed (the table of the others is still written) unless `--keep-going`.
 */
export const qcCommand: Command = {
  name: "qc",
  summary: "parse FastQC / Picard / GATK / samtools / fastp / MultiQC outputs under the given paths into one per-sample metrics table",
  usage:
    "gwtime qc <dir|file...> --out metrics.csv|json|parquet|xlsx [--format-report report.json] [--progress] [--sample-from-filename | --sample-from-dir] [--max-inflated-bytes N] [--raw-csv] [--keep-going]" +
    "   (exit 1 when any file failed, after writing the table of the others; --keep-going: exit 0 anyway)",
  async run(argv) {
    const args = parseArgs(argv, ["progress", "sample-from-filename", "sample-from-dir", "raw-csv", "keep-going"]);
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
    process.stderr.write(`gwtime qc: ${r.files.length} files: ${r.parsed} parsed, ${r.skipped} skipped, ${r.failed} failed; ${r.issues} values refused; ${res.rows.length} samples -> ${shown(out)}\n`);
    for (const f of r.files) if (f.status === "failed") process.stderr.write(`  failed: ${shown(f.reason)}\n`);
    let n = 0;
    for (const f of r.files)
      for (const i of f.issues ?? [])
        if (n++ < MAX_ISSUES_SHOWN) process.stderr.write(`  refused: ${shown(f.file)}${i.line !== undefined ? `, line ${i.line}` : ""}, field '${shown(i.field)}': '${shown(i.value)}' ${shown(i.reason)} (left empty)\n`);
    if (n > MAX_ISSUES_SHOWN) process.stderr.write(`  ... and ${n - MAX_ISSUES_SHOWN} more refused values (all listed under "issues" in --format-report)\n`);
    // R1/R2 of one sample merging is expected; one name from files in several folders usually is not.
    const merged = new Set(r.merges.filter((m) => new Set(m.files.map((f) => dirname(f))).size > 1).map((m) => m.sample));
    if (merged.size > 0)
      process.stderr.write(
        `  note: ${merged.size} sample(s) combine files from several folders (numbers averaged, listed under "merges" in --format-report), e.g. '${shown([...merged][0])}'.` +
          ` If those folders hold different samples whose file names repeat, rerun with --sample-from-dir (one sample per folder).\n`,
      );
    if (r.failed > 0 && !args.flags.has("keep-going")) {
      process.stderr.write(`gwtime qc: exit 1: ${r.failed} file(s) failed (the table holds the others; --keep-going exits 0 anyway)\n`);
      return 1;
    }
    return 0;
  },
};
