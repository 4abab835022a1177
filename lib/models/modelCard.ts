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
  L.push("## Inputs", "", "| feature | unit | transform |", "|---|---|---|");
  for (const f of file.features) L.push(`| ${f.name} | ${f.unit} | ${f.transform} |`);
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
    "- Missing feature values are allowed (trees learn a default direction); a feature column absent from the input is refused.",
    "",
  );
  return L.join("\n");
}
