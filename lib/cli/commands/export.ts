import { qcFeatureRecords } from "../../features/qcRecords";
import { DEFAULT_EXPORT_OPTIONS, DEFAULT_SIZE, EXPORT_TARGETS, buildExport, checkQuantile, exportFiles, parseBins, parseModelSpec, writeExport, type ExportTarget } from "../../export";
import { readFeatureTable } from "../../features/featureTable";
import type { Command } from "../command";

/** `--flag v1 v2 ...` (values up to the next `--flag`), `--flag=v`, bare booleans. */
function parseMulti(argv: readonly string[], booleans: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let cur: string | null = null;
  for (const a of argv) {
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (!out.has(key)) out.set(key, []);
      if (eq > 0) {
        (out.get(key) as string[]).push(a.slice(eq + 1));
        cur = null;
      } else cur = booleans.includes(key) ? null : key;
    } else if (cur !== null) (out.get(cur) as string[]).push(a);
    else throw new Error(`unexpected argument '${a}'`);
  }
  return out;
}

function one(flags: Map<string, string[]>, name: string): string | undefined {
  const v = flags.get(name);
  if (v && v.length > 1) throw new Error(`--${name} takes one value, got ${v.length}`);
  return v?.[0];
}

/** `gwtime export`: the files Nextflow, Snakemake, Galaxy TPV or MultiQC read, from models and a batch's QC. */
export const exportCommand: Command = {
  name: "export",
  summary: "write per-sample time limits for Nextflow (-c config), Snakemake (profile + per-sample helper), Galaxy TPV (tools YAML) or MultiQC (custom content)",
  usage:
    "gwtime export --model <m.json[=PROCESS]...> (--qc <dir|files|multiqc_data.json...> [--sample-from-dir] | --features <table>) --to nextflow|snakemake|tpv|multiqc --out <dir> " +
    `[--quantile ${DEFAULT_EXPORT_OPTIONS.quantile}] [--bins ${DEFAULT_EXPORT_OPTIONS.bins}] [--max-retries ${DEFAULT_EXPORT_OPTIONS.maxRetries}] [--processes a,b,...] [--size-feature ${DEFAULT_SIZE.sizeFeature}] [--bytes-per-unit ${DEFAULT_SIZE.bytesPerUnit}]`,
  async run(argv) {
    const flags = parseMulti(argv, ["sample-from-dir", "group-by-dir"]);
    const models = flags.get("model") ?? [];
    const to = one(flags, "to");
    const out = one(flags, "out");
    if (models.length === 0 || !to || !out) throw new Error(`--model, --to and --out are required. usage: ${this.usage}`);
    if (!(EXPORT_TARGETS as readonly string[]).includes(to)) throw new Error(`--to must be one of ${EXPORT_TARGETS.join(", ")} (got '${to}')`);
    const quantile = checkQuantile(Number(one(flags, "quantile") ?? DEFAULT_EXPORT_OPTIONS.quantile));
    const bins = parseBins(one(flags, "bins") ?? DEFAULT_EXPORT_OPTIONS.bins);
    const maxRetries = Number(one(flags, "max-retries") ?? DEFAULT_EXPORT_OPTIONS.maxRetries);
    if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) throw new Error(`--max-retries must be an integer in 0..10 (got '${one(flags, "max-retries")}')`);
    const bytesPerUnit = Number(one(flags, "bytes-per-unit") ?? DEFAULT_SIZE.bytesPerUnit);
    if (!(bytesPerUnit > 0)) throw new Error(`--bytes-per-unit must be > 0`);
    const processes = one(flags, "processes")?.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
    let batch: { ids: string[]; records: Array<Record<string, number | null | undefined>> };
    const features = one(flags, "features");
    const qc = flags.get("qc") ?? [];
    if (features) batch = readFeatureTable(features);
    else if (qc.length > 0) {
      // one folder is one sample with --sample-from-dir (as on `qc` and `predict`; --group-by-dir is its old name)
      const got = qcFeatureRecords(qc, { sampleFromDir: flags.has("sample-from-dir") || flags.has("group-by-dir") });
      for (const f of got.failed) process.stderr.write(`gwtime export: skipped ${f.file}: ${f.reason}\n`);
      batch = got;
    } else throw new Error(`give --qc <dir...> or --features <table>. usage: ${this.usage}`);
    const exp = buildExport(models.map(parseModelSpec), batch, { quantile, bins, processes, sizeFeature: one(flags, "size-feature"), bytesPerUnit });
    for (const l of exp.leftOut) process.stderr.write(`gwtime export: left out ${l.step ?? ""}${l.sample !== undefined ? ` sample ${JSON.stringify(l.sample)}` : ""}: ${l.reason}\n`);
    if (exp.steps.length === 0) throw new Error("nothing to export: no model gave a prediction for any sample (see the messages above)");
    const written = writeExport(out, exportFiles(exp, to as ExportTarget, { maxRetries }));
    const n = exp.steps.reduce((a, s) => a + s.samples.length, 0);
    process.stdout.write(`${written.join("\n")}\n`);
    process.stderr.write(`gwtime export: ${exp.steps.length} step(s), ${n} sample limit(s) at quantile ${quantile}; ${exp.leftOut.length} item(s) left out\n`);
    return 0;
  },
};
