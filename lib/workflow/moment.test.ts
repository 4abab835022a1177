import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { loadModel } from "../models/serialize";
import { featureKnownAt, momentViolations } from "./moment";

test("featureKnownAt: observed ancestor columns only in flight and never the step's own; registry and MultiQC columns by producer", () => {
  assert.equal(featureKnownAt("ancestor.bwa_mem.cpu_s", "submission", "sortsam").available, false);
  assert.equal(featureKnownAt("ancestor.bwa_mem.cpu_s", "in-flight", "sortsam").available, true);
  assert.equal(featureKnownAt("ancestor.sortsam.wall_s", "in-flight", "sortsam").available, false);
  assert.equal(featureKnownAt("fastqc.total_sequences", "submission").available, true);
  assert.equal(featureKnownAt("derived.total_bases", "submission").available, true, "derived from FastQC");
  assert.equal(featureKnownAt("picard.dup.percent_duplication", "submission").available, false);
  assert.equal(featureKnownAt("picard.dup.percent_duplication", "in-flight", "freebayes").available, true);
  assert.equal(featureKnownAt("picard.dup.percent_duplication", "in-flight", "markduplicates").available, false, "its own output");
  assert.equal(featureKnownAt("fastp-pct_adapter", "submission").available, true);
  assert.equal(featureKnownAt("multiqc_fastqc.Total_Sequences", "submission").available, true);
  assert.match(featureKnownAt("cutadapt-percent_trimmed", "submission").reason, /not QC of the input reads/);
  assert.equal(featureKnownAt("cutadapt-percent_trimmed", "in-flight", "BOWTIE2_ALIGN").available, true);
});

const MODELS = resolve(__dirname, "..", "..", "artifacts", "models");

test("momentViolations: none for any shipped model; a submission model reading an observed time, a wrong tier or an unknown moment is named", () => {
  const files = readdirSync(MODELS).filter((f) => f.endsWith(".json"));
  assert.ok(files.length > 0);
  for (const f of files) assert.deepEqual(momentViolations(loadModel(join(MODELS, f)).file), [], f);
  const sub = { moment: "submission", tier: "fastp", step: "sortsam", features: [{ name: "fastqc.total_sequences" }, { name: "ancestor.bwa_mem.cpu_s" }, { name: "picard.dup.percent_duplication" }] };
  const v = momentViolations(sub);
  assert.equal(v.length, 2, v.join("\n"));
  assert.match(v[0] ?? "", /ancestor\.bwa_mem\.cpu_s .*only in flight/);
  assert.match(v[1] ?? "", /picard\.dup\.percent_duplication .*markduplicates/);
  assert.match(momentViolations({ moment: "submission", tier: "in-flight", features: [] })[0] ?? "", /tier 'in-flight' belongs to moment 'in-flight'/);
  assert.match(momentViolations({ moment: "later", features: [] })[0] ?? "", /unknown moment/);
  assert.deepEqual(momentViolations({ features: [{ name: "ancestor.x.cpu_s" }] }), [], "files written before moments are not judged");
});
