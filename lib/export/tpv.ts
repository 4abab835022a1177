/**
 * Galaxy Total Perspective Vortex (TPV) rules: per tool a walltime that is a function of Galaxy's
 * `input_size` (GB), a `rules:` entry per longer queue bin sending predicted-long jobs to a
 * destination tagged with that bin, and `resubmit` on `walltime_reached` with the walltime scaled by
 * the attempt. Galaxy only knows the input size when it schedules, so the per-sample limits of the
 * batch become a size law: walltime_s = A * input_size ** B, B fitted by least squares on
 * log(limit) ~ log(size) over the batch, A raised until the law covers every sample's limit.
 */
import { commentText, yamlString } from "./escape";
import { provenanceLines, type ExportBatch, type StepLimits } from "./predictions";
import { ceilS } from "./quantile";

/** The size law of one step: walltime_s = a * input_size_gb ** b (covers every batch sample). */
interface TpvSizeModel {
  readonly a: number;
  readonly b: number;
  /** Samples the law was fitted on (those with a known input size). */
  readonly n: number;
}

/**
 * Fit the covering power law for one step; null when no sample has a size. With fewer than two
 * distinct sizes the law is flat (b = 0) at the largest limit.
 * @example tpvSizeModel(step) // { a: 41.2, b: 0.93, n: 10 }
 */
export function tpvSizeModel(step: StepLimits): TpvSizeModel | null {
  const pts = step.samples.filter((s) => s.sizeBytes !== null && s.sizeBytes > 0).map((s) => ({ x: Math.log((s.sizeBytes as number) / 2 ** 30), y: Math.log(s.limitS) }));
  if (pts.length === 0) return null;
  const mx = pts.reduce((a, p) => a + p.x, 0) / pts.length;
  const my = pts.reduce((a, p) => a + p.y, 0) / pts.length;
  const sxx = pts.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const b = sxx > 1e-12 ? pts.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx : 0;
  // Smallest intercept with this slope that keeps every sample's limit under the law.
  const loga = Math.max(...pts.map((p) => p.y - b * p.x));
  return { a: Math.exp(loga) * (1 + 1e-9), b, n: pts.length };
}

/** Tool ids are regexes in TPV: a plain step name matches any Galaxy tool id containing it as a path part. */
function toolId(process: string): string {
  return /^[A-Za-z0-9_]+$/.test(process) ? `.*/${process}/.*` : process;
}

/** This submission's attempt number (1 on first submission). */
const ATTEMPT = "int((getattr(job, 'destination_params', None) or {}).get('gwtime_attempt', 0)) + 1";

const num = (v: number): string => (Number.isInteger(v) ? String(v) : v.toPrecision(10).replace(/0+$/, "").replace(/\.$/, ""));

/** The TPV file (`gwtime_tpv.yml`) and a minimal Galaxy job conf for `tpv dry-run` (`job_conf.yml`). */
export function tpvFiles(batch: ExportBatch, opts: { maxRetries: number }): Record<"gwtime_tpv.yml" | "job_conf.yml", string> {
  const capS = ceilS(batch.bins[batch.bins.length - 1]?.limitS ?? Number.MAX_SAFE_INTEGER);
  const out = [
    "# gwtime walltimes for Galaxy TPV: add this file to tpv_config_files (after the site's own files)",
    "# params.walltime is in seconds: map it into the runner's native specification in your destinations",
    ...provenanceLines(batch).map((l) => `# ${commentText(l)}`),
  ];
  const tools: string[] = [];
  let nTools = 0;
  for (const s of batch.steps) {
    const law = tpvSizeModel(s);
    if (!law) {
      tools.push(`  # ${commentText(`${s.step}: no sample has an input size (QC lacks the size feature): tool left out`)}`);
      continue;
    }
    nTools++;
    const wall = `min(${num(law.a)} * max(input_size, 1e-6) ** ${num(law.b)}, ${capS})`;
    tools.push(`  # ${commentText(`${s.step} -> ${s.process}: walltime_s = ${num(law.a)} * input_size_GiB ** ${num(law.b)} (covers the ${batch.quantile} limit of all ${law.n} batch samples), capped at ${capS} s, x attempt on resubmission`)}`);
    tools.push(`  ${yamlString(toolId(s.process))}:`);
    tools.push("    context:");
    tools.push(`      gwtime_a: ${num(law.a)}`);
    tools.push(`      gwtime_b: ${num(law.b)}`);
    tools.push("    params:");
    // TPV has no attempt counter in its context: each submission stores its attempt in the destination
    // params, which a resubmission sees as job.destination_params (TPV's own SCALING_FACTOR pattern).
    tools.push(`      gwtime_attempt: ${yamlString(`{${ATTEMPT}}`)}`);
    tools.push(`      walltime: ${yamlString(`{int(min(gwtime_a * max(input_size, 1e-6) ** gwtime_b * (${ATTEMPT}), ${capS})) + 1}`)}`);
    tools.push("    rules:");
    for (let i = 1; i < batch.bins.length; i++) {
      const prev = batch.bins[i - 1] as { name: string; limitS: number };
      const bin = batch.bins[i] as { name: string; limitS: number };
      const hi = i + 1 < batch.bins.length ? ` and ${wall} <= ${(batch.bins[i] as { limitS: number }).limitS}` : "";
      tools.push(`      - id: ${yamlString(`gwtime_${s.step}_${bin.name}`)}`);
      tools.push(`        if: ${yamlString(`${wall} > ${prev.limitS}${hi}`)}`);
      tools.push("        scheduling:");
      tools.push(`          require: [${yamlString(bin.name)}]`);
    }
    tools.push("    resubmit:");
    tools.push("      gwtime_more_time:");
    tools.push(`        condition: ${yamlString(`walltime_reached and attempt <= ${opts.maxRetries}`)}`);
    tools.push("        destination: tpv_dispatcher");
  }
  out.push(nTools === 0 ? "tools: {}" : "tools:", ...tools);
  out.push("destinations:");
  for (const [i, b] of batch.bins.entries()) {
    out.push(`  ${yamlString(`gwtime_${b.name}`)}:`);
    out.push("    runner: local");
    out.push(`    params: {queue: ${yamlString(b.name)}, max_walltime: ${ceilS(b.limitS)}}`);
    if (i > 0) out.push(`    scheduling: {require: [${yamlString(b.name)}]}`);
  }
  const jobConf = [
    "# minimal Galaxy job conf for `tpv dry-run --job-conf job_conf.yml ... gwtime_tpv.yml`",
    "runners:",
    "  local:",
    "    load: galaxy.jobs.runners.local:LocalJobRunner",
    "execution:",
    "  default: tpv_dispatcher",
    "  environments:",
    "    tpv_dispatcher:",
    "      runner: dynamic",
    "      type: python",
    "      function: map_tool_to_destination",
    "      rules_module: tpv.rules",
    "      tpv_config_files:",
    "        - gwtime_tpv.yml",
  ];
  return { "gwtime_tpv.yml": `${out.join("\n")}\n`, "job_conf.yml": `${jobConf.join("\n")}\n` };
}
