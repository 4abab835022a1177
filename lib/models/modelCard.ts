/** Markdown model card for a saved model (from its file content; deterministic). */
import { escapeMarkdown, markdownTable, sanitizeMarkdown } from "../util/markdown";
import type { ModelFile } from "./serialize";

/** A string from the model file as text in the card (every use is mid-line). */
const esc = (v: unknown): string => escapeMarkdown(v, { midLine: true });

/** A value as card text; strings (they come from the model file) escaped for markdown. */
const fmt = (v: unknown): string => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : esc(typeof v === "object" && v !== null ? ((v as { type?: string }).type ?? "{…}") : String(v)));

/** Numbers as `fmt` shows them (as text, so markdownTable leaves them alone); other values as they are. */
const num = (v: unknown): unknown => (typeof v === "number" ? fmt(v) : typeof v === "object" && v !== null ? ((v as { type?: string }).type ?? "{…}") : v);

/** A hex digest in a code span; anything that is not a plain digest is escaped text instead. */
const code = (v: unknown): string => (typeof v === "string" && /^[0-9a-f]{1,128}$/i.test(v) ? `\`${v}\`` : esc(v));

/**
 * Model card (markdown): what it predicts, inputs with units/transforms, params, CV metrics,
 * provenance (training-data sha256, seed, gwtime version, checksum) and limits. Every string from the
 * file is escaped (`escapeMarkdown`; the description keeps its markdown but passes `sanitizeMarkdown`),
 * so a hostile model file cannot put HTML or script links into a rendered card.
 * @example writeFileSync("artifacts/models/bwa.md", modelCard(loadModel("artifacts/models/bwa.json").file));
 */
export function modelCard(file: ModelFile): string {
  const L: string[] = [];
  L.push(`# Model card: ${esc(file.modelType)}`, "");
  if (file.description) L.push(sanitizeMarkdown(file.description), "");
  L.push(`Predicts **${esc(file.target.name)}** (the trace's ${/^[\w.%-]+$/.test(file.target.name) ? `\`${file.target.name}\`` : esc(file.target.name)} field, in ${esc(file.target.unit)}${file.target.transform === "log" ? ", fitted on the natural-log scale" : ""}).`, "");
  if (file.step || file.tier || file.moment) L.push(`- step: ${esc(file.step ?? "-")}`, `- tier: ${esc(file.tier ?? "-")}`, `- moment: ${esc(file.moment ?? "-")}`, "");
  const env = file.envelope;
  const inputs = file.features.map((f) => ({ column: f.name, "registry feature": f.registryName ?? "-", unit: f.unit, transform: f.transform, "training min": env?.features[f.name]?.min ?? "-", "training max": env?.features[f.name]?.max ?? "-" }));
  L.push("## Inputs", "", markdownTable(inputs, { columns: env ? ["column", "registry feature", "unit", "transform", "training min", "training max"] : ["column", "registry feature", "unit", "transform"], format: num }));
  if (env) {
    L.push("", "## Training envelope", "", `- runs: ${env.rows}`);
    if (env.reads) L.push(`- **valid size range: ${fmt(env.reads.min)} to ${fmt(env.reads.max)} reads per mate** (the training runs' read counts). Beyond it the point model does not follow size (ridge clamps every feature to its training range; trees predict flat), so larger inputs are under-predicted. Notebook 05 §6 measures by how much on the scale ladder (\`data/harness-scale\`), against a size-aware form.`);
    L.push(`- reference: ${env.genomes.map((g) => (g.lengthBp ? `${esc(g.name)} (${fmt(g.lengthBp)} bp)` : esc(g.name))).join(", ") || "unrecorded"}`, `- CPU: ${env.cpuModels.map(esc).join(", ") || "unrecorded"}`);
    L.push("- `gwtime predict` flags per sample the features outside these ranges (`outside_training_range`).");
  }
  const smp = file.sampling;
  if (smp) L.push("", "## Training sample", "", `- fitted on ${smp.rowsUsed} of the step's ${smp.rowsAvailable} runs: ${smp.method} (seed ${smp.seed}); the CV metrics are of those runs`);
  const cal = file.calibration;
  if (cal) {
    L.push("", "## Calibration to another machine", "", `- calibration runs: ${fmt(cal.runs)} (${esc(cal.source)})`, `- CPU: ${cal.cpuModels.map(esc).join(", ") || "unrecorded"}`, `- scale (x prediction): ${fmt(cal.scale)} (90% bootstrap CI ${fmt(cal.scaleLo)} to ${fmt(cal.scaleHi)})`);
    L.push(`- interval: ${cal.conformalHalfWidthLog === null ? "too few runs for a recalibrated conformal interval: the original interval, scaled" : `split-conformal on the calibration runs, ±${fmt(cal.conformalHalfWidthLog)} on log time (${Math.round(cal.coverage * 100)}%)`}`);
  }
  L.push("", "## Parameters", "", markdownTable(Object.keys(file.params).sort().map((k) => ({ param: k, value: file.params[k] })), { columns: ["param", "value"], format: num }));
  L.push("", "## Cross-validated metrics", "");
  const keys = Object.keys(file.cvMetrics).sort();
  if (keys.length === 0) L.push("None recorded.");
  else {
    L.push(markdownTable(keys.map((k) => ({ metric: k, value: file.cvMetrics[k] })), { columns: ["metric", "value"], format: num }));
  }
  L.push(
    "",
    "## Provenance",
    "",
    `- schema version: ${fmt(file.schemaVersion)}`,
    `- gwtime version: ${esc(file.gwtimeVersion)}`,
    `- seed: ${fmt(file.seed)}`,
    `- training data sha256: ${code(file.trainingDataSha256)}`,
    `- model body sha256: ${code(file.bodySha256)}`,
    "",
    "## Limits",
    "",
    "- Valid for inputs like the training data (same tools, versions, hardware class) and inside the training envelope; outside it neither point model follows the features (ridge clamps them, trees extrapolate flat).",
    "- Intervals (when present) are split-conformal: marginal coverage over exchangeable runs, not per-sample guarantees.",
    file.tier
      ? "- Missing values: none are imputed. A sample missing any feature of this model (or holding an impossible value) is not predicted by it; `gwtime predict` drops it to the next poorer tier, or reports a per-sample error naming the feature."
      : "- Missing feature values are allowed (trees learn a default direction); a feature column absent from the input is refused.",
    "",
  );
  return L.join("\n");
}
