/**
 * Differential fuzz of the two trace paths: `n` seeded hostile rows (cells drawn from valid and hostile
 * values, some rows short or long) in one Nextflow TSV or Galaxy CSV; the TS readers and the DuckDB path
 * must give the same rows, values, field issues and rejected lines.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bothPaths, type PathOutcome } from "../traces/parity";
import { Mutator } from "./mutate";
import type { FuzzResult } from "./run";

const NF: Record<string, readonly string[]> = {
  task_id: ["1"],
  name: ["NFCORE_X:BWA (s1)", "NFCORE_Y:SAMTOOLS_SORT (s2)", "-", "", "P (1)"],
  process: ["NFCORE_X:BWA", "NFCORE_Y:SAMTOOLS_SORT", "-", "", "=1+1", "PROC_é"],
  tag: ["s1", "s2", "-", "", "=HYPERLINK(x)", "@SUM(A1)", "+cmd", "NA"],
  status: ["COMPLETED", "FAILED", "-"],
  exit: ["0", "1", "-1", "1e400", "x", "-", "", "NaN"],
  submit: ["2023-01-23 10:08:25.123", "1704164645678", "-", "yesterday", "1e400", "-5"],
  realtime: ["1h 2m 3s", "12.5s", "120ms", "1500", "1e400", "soon", "-5s", "1h 1h", "-", "", "1d 2h", "0", "-163", "1 h x", "2m", "1.5e3", "inf"],
  duration: ["1h 3m", "5s", "-5", "-", "soon", "1e400"],
  "%cpu": ["99%", "180.5%", "-3%", "1%%", "NaN", "inf", "", "-", "12.5", "1e999%"],
  peak_rss: ["1.2 GB", "12.5 MB", "100", "-1 MB", "1e999", "1e308 PB", "x", "-", "5 KB", "0", "2048", "-12"],
  rchar: ["1 KB", "100", "1e999", "-1", "-", "inf", "3.5 TB"],
  wchar: ["0", "100 MB", "x", "-", "1e400"],
  cpus: ["1", "2", "-2", "1.5", "x", "-", ""],
  threads: ["4", "-", "-1"],
  user_s: ["1.5", "-", "-1", "1e400"],
  sys_s: ["0.5", "-", "x"],
  cpu_s: ["2", "-", "-3"],
};

const GX: Record<string, readonly string[]> = {
  id: ["1"],
  create_time: ["2019-01-01 10:00:00", "2019-01-01 10:00:00.123456", "-", "", "yesterday"],
  tool_id: ["toolshed.g2.bx.psu.edu/repos/devteam/bwa/bwa_mem/0.4.2", "", "-"],
  state: ["ok", "error", "-", "=1+1"],
  exit_code: ["0", "1", "-1", "1e400", "x", ""],
  start_epoch: ["1500000000", "1500000000.5", "-", "1e300", "x", "-5"],
  end_epoch: ["1500000100", "", "1e999"],
  runtime: ["100.0", "1e999", "soon", "-5", "12", "0", "NaN", "-", "", "7.5", "inf"],
  galaxy_slots: ["1", "4", "-1", "x", ""],
  galaxy_memory_mb: ["", "2048", "-5", "1e400"],
  destination_id: ["slurm", "=cmd", "", "@x"],
  input1: ["1000.0", "69415268.0", "-3", "1e400", "12 MB", "", "-", "0"],
  input1_filetype: ["fastqsanger", "bam", ""],
  input2: ["5", "", "-1"],
  input2_filetype: ["bam", ""],
};

/** `n` hostile rows of `cols` (about 1 in 40 rows one cell short, 1 in 80 one cell long), header first. */
function table(cols: Record<string, readonly string[]>, sep: string, n: number, seed: number): string {
  const m = new Mutator(seed);
  const names = Object.keys(cols);
  const lines = [names.join(sep)];
  for (let i = 0; i < n; i++) {
    const cells = names.map((c) => (c === "task_id" || c === "id" ? String(i + 1) : m.pick(cols[c] as readonly string[])));
    const r = m.int(80);
    if (r < 2) cells.pop();
    else if (r === 2) cells.push("extra");
    lines.push(cells.join(sep));
  }
  return `${lines.join("\n")}\n`;
}

/** Nextflow TSV of `n` hostile rows (seeded). */
const hostileNextflow = (n: number, seed: number): string => table(NF, "\t", n, seed);
/** Galaxy dump CSV of `n` hostile rows (seeded). */
const hostileGalaxy = (n: number, seed: number): string => table(GX, ",", n, seed);

/** The first difference between two outcomes, or undefined. */
function firstDifference(a: PathOutcome, b: PathOutcome): string | undefined {
  if (a.rowsIn !== b.rowsIn) return `rows in: ts ${a.rowsIn}, duckdb ${b.rowsIn}`;
  for (const k of ["rows", "fieldIssues", "rejectedLines"] as const) {
    const x = a[k] as readonly unknown[];
    const y = b[k] as readonly unknown[];
    for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return `${k}[${i}]: ts ${String(x[i])} | duckdb ${String(y[i])}`;
  }
  return undefined;
}

/** Run the differential fuzz on `n` rows of one format: a mismatch counts as a crash (with the first difference). */
export async function fuzzTracesDifferential(fmt: "nextflow" | "galaxy", n: number, seed: number): Promise<FuzzResult & { readonly rowsIn: number; readonly rowsOut: number; readonly reported: number }> {
  const dir = mkdtempSync(join(tmpdir(), "gwt-fuzz-"));
  const t0 = performance.now();
  try {
    const file = join(dir, fmt === "galaxy" ? "devteam_bwa_bwa_mem_0.4.2.csv" : "trace_fuzz.tsv");
    writeFileSync(file, fmt === "galaxy" ? hostileGalaxy(n, seed) : hostileNextflow(n, seed));
    const { ts, duckdb } = await bothPaths(file, fmt);
    const diff = firstDifference(ts, duckdb);
    const seconds = (performance.now() - t0) / 1000;
    return {
      target: `${fmt} rows (TS vs DuckDB)`, cases: n, crashes: diff ? 1 : 0, crashExamples: diff ? [diff] : [], hangs: 0, nonFinite: 0, maxCaseMs: NaN, maxCaseCpuMs: NaN, seconds,
      rowsIn: ts.rowsIn, rowsOut: ts.rows.length, reported: ts.rejectedLines.length + ts.fieldIssues.filter((i) => /row skipped/.test(i)).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
