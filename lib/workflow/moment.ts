/**
 * Is a model feature known at a prediction moment, whatever workflow wrote the model? Column names say
 * where a number comes from, so this needs no graph:
 * - `ancestor.<step>.*` (a completed step's observed CPU/wall time and output size): in flight only;
 * - registry (lib/qc wide) columns: their producing harness rule (`producerOf`): input-read QC
 *   (FastQC, fastp) and the input size at submission, any other rule's output only in flight;
 * - MultiQC columns (`fastqc-percent_gc`, `multiqc_fastqc.Total_Sequences`): by module, FastQC/fastp at
 *   submission, any other module only in flight.
 * Which ancestors a given step has is the graph's business (`columnAvailability`, train's `--dag`); this
 * is the check a model file can be held to on its own (`gwtime predict`, the one model writer).
 */
import { type Availability, INPUT_QC_TOOLS, type Moment, producerOf } from "./harnessDag";

/** MultiQC module of a column: `fastqc_raw-percent_gc` → fastqc_raw; `multiqc_fastqc.Total_Sequences` → fastqc. */
export function moduleOf(column: string): string {
  const m = /^([^-.]+)[-.]/.exec(column.replace(/^general_stats\.\d+\./, "").replace(/^multiqc_/, ""));
  return (m?.[1] ?? column).toLowerCase();
}

/** True for MultiQC columns that describe the input reads (FastQC or fastp, whatever the section suffix). */
export function isInputReadsColumn(column: string): boolean {
  const m = moduleOf(column);
  return m.startsWith("fastqc") || m.startsWith("fastp");
}

/** The step an in-flight `ancestor.<step>.<what>` column was observed on, else undefined. */
export function ancestorStepOf(column: string): string | undefined {
  const m = /^ancestor\.(.+)\.(cpu_s|wall_s|output_bytes)$/.exec(column);
  return m?.[1];
}

/** The in-flight columns of one completed step (the names `observedStepColumns` and `gwtime train` write). */
export function ancestorColumnNames(step: string): { cpuS: string; wallS: string; outputBytes: string } {
  return { cpuS: `ancestor.${step}.cpu_s`, wallS: `ancestor.${step}.wall_s`, outputBytes: `ancestor.${step}.output_bytes` };
}

/**
 * Is `column` known when `step` starts at `moment`, judged from its name alone (see the file comment)?
 * In flight, a step's own observed columns never are.
 * @example featureKnownAt("ancestor.bwa_mem.cpu_s", "submission", "sortsam").available // false
 */
export function featureKnownAt(column: string, moment: Moment, step?: string): Availability {
  const anc = ancestorStepOf(column);
  if (anc !== undefined) {
    if (moment === "submission") return { available: false, producer: anc, reason: `observed on the completed step ${anc}: known only in flight, not at submission` };
    if (anc === step) return { available: false, producer: anc, reason: `observed on ${step} itself` };
    return { available: true, producer: anc, reason: `observed on ${anc}, completed before ${step ?? "the step"} (in flight)` };
  }
  let producer: string;
  try {
    producer = producerOf(column);
  } catch {
    producer = isInputReadsColumn(column) ? moduleOf(column) : `MultiQC module ${moduleOf(column)}`;
    if (isInputReadsColumn(column)) return { available: true, producer, reason: `QC of the input reads (MultiQC module ${producer}), known at submission` };
    return moment === "submission"
      ? { available: false, producer, reason: `${producer} is not QC of the input reads (FastQC/fastp): output of a workflow step, not known at submission` }
      : { available: true, producer, reason: `${producer}: output of a workflow step (in flight; which step is the graph's business)` };
  }
  if (producer === "input" || INPUT_QC_TOOLS.has(producer)) return { available: true, producer, reason: `QC of the input reads (${producer}), known at submission` };
  if (moment === "submission") return { available: false, producer, reason: `output of the workflow step ${producer}: not known at submission` };
  if (producer === step) return { available: false, producer, reason: `output of ${step} itself` };
  return { available: true, producer, reason: `output of ${producer} (in flight)` };
}

/** The features of a model that are not known at its moment, each with the reason (empty when all are). */
export function featuresUnknownAt(features: ReadonlyArray<{ readonly name: string }>, moment: Moment, step?: string): string[] {
  return features.map((f) => ({ f, a: featureKnownAt(f.name, moment, step) })).filter((x) => !x.a.available).map((x) => `${x.f.name} (${x.a.reason})`);
}

/** Prediction moment of each model tier (lib/features/tiers' TIER_MOMENT, restated here: workflow sits below features). */
const MOMENT_OF_TIER: Readonly<Record<string, Moment>> = { fastqc: "submission", fastp: "submission", "in-flight": "in-flight" };

/**
 * Why a model file cannot be trusted at its declared moment (empty when it can): an unknown moment, a
 * tier of another moment, or a feature not known then (`featuresUnknownAt`). A file without a moment
 * (written before tiers) is not judged. `gwtime predict` refuses a model with any.
 * @example momentViolations({ moment: "submission", features: [{ name: "ancestor.bwa_mem.cpu_s" }] }).length // 1
 */
export function momentViolations(file: { readonly features: ReadonlyArray<{ readonly name: string }>; readonly moment?: string; readonly tier?: string; readonly step?: string }): string[] {
  const m = file.moment;
  if (m === undefined) return [];
  if (m !== "submission" && m !== "in-flight") return [`unknown moment '${m}' (submission or in-flight)`];
  const out: string[] = [];
  if (file.tier !== undefined && MOMENT_OF_TIER[file.tier] !== undefined && MOMENT_OF_TIER[file.tier] !== m) out.push(`tier '${file.tier}' belongs to moment '${MOMENT_OF_TIER[file.tier]}', not '${m}'`);
  for (const f of featuresUnknownAt(file.features, m, file.step)) out.push(`feature ${f}`);
  return out;
}
