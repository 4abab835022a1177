/** Markdown model card for a saved model (from its file content; deterministic). */
import type { ModelFile } from "./serialize";

const fmt = (v: unknown): string => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : typeof v === "object" && v !== null ? ((v as { type?: string }).type ?? "{…}") : String(v));

/**
 * Model card (markdown): what it predicts, inputs with units/transforms, params, CV metrics,
 * provenance (training-data sha256, seed, gwtime version, checksum) and limits.
 * @example writeFileSync("artifacts/models/bwa.md", modelCard(loadModel("artifacts/models/bwa.json").file));
 */
export function modelCard(file: ModelFile): string {
  const L: string[] = [];
  L.push(`# Model card: ${file.modelType}`, "");
  if (file.description) L.push(file.description, "");
  L.push(`Predicts **${file.target.name}** (${file.target.unit}${file.target.transform === "log" ? ", on the natural-log scale" : ""}).`, "");
  if (file.step || file.tier || file.moment) L.push(`- step: ${file.step ?? "-"}`, `- tier: ${file.tier ?? "-"}`, `- moment: ${file.moment ?? "-"}`, "");
  const env = file.envelope;
  L.push("## Inputs", "", env ? "| feature | unit | transform | training min | training max |" : "| feature | unit | transform |", env ? "|---|---|---|---|---|" : "|---|---|---|");
  for (const f of file.features) L.push(env ? `| ${f.name} | ${f.unit} | ${f.transform} | ${fmt(env.features[f.name]?.min ?? "-")} | ${fmt(env.features[f.name]?.max ?? "-")} |` : `| ${f.name} | ${f.unit} | ${f.transform} |`);
  if (env) {
    L.push("", "## Training envelope", "", `- runs: ${env.rows}`);
    if (env.reads) L.push(`- reads per mate: ${fmt(env.reads.min)} to ${fmt(env.reads.max)}`);
    L.push(`- reference: ${env.genomes.map((g) => (g.lengthBp ? `${g.name} (${g.lengthBp} bp)` : g.name)).join(", ") || "unrecorded"}`, `- CPU: ${env.cpuModels.join(", ") || "unrecorded"}`);
    L.push("- `gwtime predict` flags per sample the features outside these ranges (`outside_training_range`).");
  }
  const smp = file.sampling;
  if (smp) L.push("", "## Training sample", "", `- fitted on ${smp.rowsUsed} of the step's ${smp.rowsAvailable} runs: ${smp.method} (seed ${smp.seed}); the CV metrics are of those runs`);
  const cal = file.calibration;
  if (cal) {
    L.push("", "## Calibration to another machine", "", `- calibration runs: ${cal.runs} (${cal.source})`, `- CPU: ${cal.cpuModels.join(", ") || "unrecorded"}`, `- scale (x prediction): ${fmt(cal.scale)} (90% bootstrap CI ${fmt(cal.scaleLo)} to ${fmt(cal.scaleHi)})`);
    L.push(`- interval: ${cal.conformalHalfWidthLog === null ? "too few runs for a recalibrated conformal interval: the original interval, scaled" : `split-conformal on the calibration runs, ±${fmt(cal.conformalHalfWidthLog)} on log time (${Math.round(cal.coverage * 100)}%)`}`);
  }
  L.push("", "## Parameters", "", "| param | value |", "|---|---|");
  for (const k of Object.keys(file.params).sort()) L.push(`| ${k} | ${fmt(file.params[k])} |`);
  L.push("", "## Cross-validated metrics", "");
  const keys = Object.keys(file.cvMetrics).sort();
  if (keys.length === 0) L.push("None recorded.");
  else {
    L.push("| metric | value |", "|---|---|");
    for (const k of keys) L.push(`| ${k} | ${fmt(file.cvMetrics[k])} |`);
  }
  L.push(
    "",
    "## Provenance",
    "",
    `- schema version: ${file.schemaVersion}`,
    `- gwtime version: ${file.gwtimeVersion}`,
    `- seed: ${file.seed}`,
    `- training data sha256: \`${file.trainingDataSha256}\``,
    `- model body sha256: \`${file.bodySha256}\``,
    "",
    "## Limits",
    "",
    "- Valid for inputs like the training data (same tools, versions, hardware class); far outside the training range trees extrapolate flat.",
    "- Intervals (when present) are split-conformal: marginal coverage over exchangeable runs, not per-sample guarantees.",
    file.tier
      ? "- Missing values: none are imputed. A sample missing any feature of this model (or holding an impossible value) is not predicted by it; `gwtime predict` drops it to the next poorer tier, or reports a per-sample error naming the feature."
      : "- Missing feature values are allowed (trees learn a default direction); a feature column absent from the input is refused.",
    "",
  );
  return L.join("\n");
}
