/**
 * Nextflow config (pass with `nextflow run ... -c gwtime.config`): per process a `time` closure that
 * looks the task's sample up (its `tag`; nf-core modules set `tag "$meta.id"`) in an emitted map of
 * limits, falls back to the step's limit for samples not listed, multiplies by `task.attempt`, and is
 * capped by the largest queue bin; `errorStrategy` retries on walltime-kill exit codes 137-140.
 */
import { commentText, groovyString } from "./escape";
import { provenanceLines, type ExportBatch } from "./predictions";
import { ceilS } from "./quantile";

/** Options of the Nextflow writer. */
interface NextflowOptions {
  /** Retries after a walltime kill (exit 137-140); attempt n gets limit x n. */
  readonly maxRetries: number;
}

const fmt = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

/**
 * The config text. Every sample id and process name is a Groovy single-quoted literal (no `${}`
 * interpolation); comments are escaped to stay on one line.
 * @example nextflowConfig(buildExport(models, qc, opts), { maxRetries: 2 })
 */
export function nextflowConfig(batch: ExportBatch, opts: NextflowOptions): string {
  const capS = ceilS(batch.bins[batch.bins.length - 1]?.limitS ?? Number.MAX_SAFE_INTEGER);
  const out: string[] = ["// gwtime run-time limits for Nextflow: nextflow run <pipeline> -c <this file>"];
  for (const l of provenanceLines(batch)) out.push(`// ${commentText(l)}`);
  out.push(`// queue bins: ${batch.bins.map((b) => `${b.name}<=${b.limitS}s`).join(", ")}; time is capped at the largest bin (${capS} s)`);
  out.push("process {");
  out.push(`    resourceLimits = [time: '${capS}s']`);
  for (const s of batch.steps) {
    const fallback = ceilS(s.fallbackS);
    out.push(`    // ${commentText(`${s.step}: ${s.target.name} in ${s.target.unit}; ${s.samples.length} samples; fallback ${fallback} s (largest limit in the batch)`)}`);
    out.push(`    withName: ${groovyString(s.process)} {`);
    for (const x of s.samples) {
      out.push(`        // ${commentText(`${JSON.stringify(x.sample)}: predicted ${fmt(x.predictedS)} s, ${Math.round(s.coverage * 100)}% interval ${fmt(x.lowerS)}-${fmt(x.upperS)} s, limit ${ceilS(x.limitS)} s (q${batch.quantile}), bin ${x.bin ?? "over every bin"}, p_tail ${x.tailProbability === null ? "-" : x.tailProbability.toFixed(3)}, ${x.tier}`)}`);
    }
    out.push("        time = {");
    out.push(`            def limitS = [${s.samples.map((x) => `${groovyString(x.sample)}: ${ceilS(x.limitS)}L`).join(", ")}]`);
    out.push("            def id = task.tag == null ? null : task.tag.toString()");
    out.push(`            long base = (id != null && limitS.containsKey(id)) ? limitS[id] : ${fallback}L`);
    out.push(`            return Math.min(base * (task.attempt as long), ${capS}L) + 's'`);
    out.push("        }");
    out.push("        errorStrategy = { task.exitStatus in 137..140 ? 'retry' : 'terminate' }");
    out.push(`        maxRetries = ${opts.maxRetries}`);
    out.push("    }");
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}
