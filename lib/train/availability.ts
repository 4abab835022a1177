/**
 * When does a QC column exist? Each MultiQC module's numbers are written by some process of the
 * workflow (FastQC → FASTQC, cutadapt → CUTADAPT, featureCounts → SUBREAD_FEATURECOUNTS, ...).
 * - At submission a step may use a module only if it is QC of the input reads: FastQC or fastp whose
 *   process depends on no other step. A process that read X's output starts after X completes in every
 *   sample; one sample where it started first proves it does not (order alone cannot prove a dependency,
 *   so a step always finishing first by chance makes the check conservative: the module is not used). nf-core/sarek runs FASTQC and FASTP on the raw reads; the
 *   crispriscreen pipeline runs FASTQC after CUTADAPT, on trimmed reads — not input QC.
 * - In flight a step may also use modules whose every producing process is one of its declared
 *   ancestors (`--dag`), and the ancestors' own times. A declared edge the trace contradicts (the step
 *   was submitted before its "ancestor" completed, in some sample) is an error.
 */
import { GwtInputError } from "../util/errors";
import type { JoinedTask } from "./join";
import { tasksByStep } from "./features";

/**
 * Processes (steps) that may have written a module's columns: the steps sharing the most whole name
 * tokens with the module (`fastqc_raw` → FASTQC, `gatk4_markduplicates_mark_duplicates` →
 * GATK4_MARKDUPLICATES). Ties keep every step, so availability stays conservative (`samtools_flagstat`
 * next to SAMTOOLS_VIEW and FLAGSTAT_STATS needs both to be ancestors).
 */
export function producersOf(module: string, steps: readonly string[]): string[] {
  const tokens = new Set(module.toLowerCase().split("_").filter((t) => t.length >= 3));
  let best = 0;
  let out: string[] = [];
  for (const s of steps) {
    const st = s.toLowerCase().replace(/^.*:/, "").split("_");
    const score = st.filter((t) => tokens.has(t)).length;
    if (score > best) { best = score; out = [s]; } else if (score === best && score > 0) out.push(s);
  }
  return out.sort();
}

/** Verdict on one module at submission, with the evidence (for the report). */
export interface ModuleTiming {
  readonly module: string;
  readonly producers: string[];
  readonly inputQc: boolean;
  readonly why: string;
}

/** Is the module QC of the input reads? (see the file comment). */
export function inputQcTiming(module: string, tasks: readonly JoinedTask[], steps: readonly string[]): ModuleTiming {
  const isReadsTool = /^(fastqc|fastp)/.test(module.toLowerCase());
  const producers = producersOf(module, steps);
  if (!isReadsTool) return { module, producers, inputQc: false, why: "not a reads-QC tool (FastQC/fastp): output of a later step" };
  if (producers.length === 0) return { module, producers, inputQc: true, why: "no producing process in the trace: taken as QC of the input reads (not checkable)" };
  if (!anyOverlap(tasks)) return { module, producers, inputQc: true, why: "inconclusive: the trace ran one task at a time, so its order says nothing about dependencies; taken as QC of the input reads" };
  const at = tasksByStep(tasks);
  const prod = new Set(producers);
  // A step X the producer may depend on: in EVERY sample both ran, the producer was submitted after X
  // completed. One sample where it started before X completed proves it does not read X's output.
  const others = [...new Set(tasks.map((t) => t.step))].filter((s) => !prod.has(s)).sort();
  for (const x of others) {
    let common = 0;
    let always = true;
    let example = "";
    for (const p of tasks) {
      if (!prod.has(p.step) || p.submitMs === undefined) continue;
      const xt = at.get(x)?.get(p.sample);
      if (xt?.completeMs === undefined) continue;
      common++;
      if (p.submitMs < xt.completeMs) { always = false; break; }
      example ||= p.sample;
    }
    if (always && common >= 2) return { module, producers, inputQc: false, why: `${producers.join(", ")} started only after ${x} completed, in all ${common} samples (e.g. '${example}'): it reads an intermediate file, not the input reads` };
  }
  return { module, producers, inputQc: true, why: `${producers.join(", ")} started before each other step had completed in at least one sample: it depends on none of them` };
}

/** True when some two tasks ran at the same time (else task order reflects a serial executor, not the graph). */
export function anyOverlap(tasks: readonly JoinedTask[]): boolean {
  const iv = tasks.filter((t) => t.submitMs !== undefined && t.completeMs !== undefined).sort((a, b) => (a.submitMs as number) - (b.submitMs as number));
  let end = -Infinity;
  for (const t of iv) {
    if ((t.submitMs as number) < end) return true;
    end = Math.max(end, t.completeMs as number);
  }
  return false;
}

/** Check declared ancestors against the trace: an ancestor must complete before the step is submitted, in every sample. */
export function checkDag(dag: ReadonlyMap<string, ReadonlySet<string>>, tasks: readonly JoinedTask[], file: string): void {
  const at = tasksByStep(tasks);
  for (const [step, ancs] of dag) {
    for (const a of ancs) {
      for (const t of tasks) {
        if (t.step !== step) continue;
        const p = at.get(a)?.get(t.sample);
        if (p?.completeMs !== undefined && t.submitMs !== undefined && t.submitMs < p.completeMs) {
          throw new GwtInputError(`declared ancestor '${a}' of '${step}' had not completed when '${step}' of sample '${t.sample}' was submitted: the graph is not this workflow's`, { file });
        }
      }
    }
  }
}
