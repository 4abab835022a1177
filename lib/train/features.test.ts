import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../data/paths";
import { columnSpec, isInputReadsColumn, moduleOf, parseDag } from "./features";
import { trainFixture } from "./testData";

/** step -> parents from harness/Snakefile: a rule's parents are the rules writing its input files. */
function snakefileParents(text: string): Map<string, Set<string>> {
  const blocks = text.split(/\nrule /).slice(1).map((b) => ({ name: (b.split(":")[0] ?? "").trim(), body: b }));
  const section = (body: string, key: string): string => {
    const m = new RegExp(`\\n\\s+${key}:([\\s\\S]*?)(?=\\n\\s+(input|output|conda|threads|resources|benchmark|params|shell|run|log|message):)`).exec(body);
    return m?.[1] ?? "";
  };
  const files = (s: string): string[] => [...s.matchAll(/"(\/[^"]+)"/g)].map((m) => m[1] as string);
  const writer = new Map<string, string>();
  for (const b of blocks) for (const f of files(section(b.body, "output"))) writer.set(f, b.name);
  const out = new Map<string, Set<string>>();
  for (const b of blocks) {
    const parents = new Set(files(section(b.body, "input")).map((f) => writer.get(f)).filter((w): w is string => w !== undefined && w !== "simulate"));
    if (parents.size > 0) out.set(b.name, parents);
  }
  return out;
}

test("the declared harness graph is the Snakefile's (parents = rules writing each rule's inputs)", () => {
  const fromSnakefile = snakefileParents(readFileSync(join(projectRoot(), "harness", "Snakefile"), "utf8"));
  const declared = new Map<string, Set<string>>();
  for (const l of readFileSync(trainFixture("harness.dag.tsv"), "utf8").split("\n")) {
    if (l.trim() === "" || l.startsWith("#")) continue;
    const [a, b] = l.split("\t");
    declared.set(a as string, new Set([...(declared.get(a as string) ?? []), b as string]));
  }
  fromSnakefile.delete("collect");
  const norm = (m: Map<string, Set<string>>) => [...m.entries()].map(([k, v]) => [k, [...v].sort()]).sort();
  assert.deepEqual(norm(declared), norm(fromSnakefile));
  const anc = parseDag(readFileSync(trainFixture("harness.dag.tsv"), "utf8"));
  assert.deepEqual([...(anc.get("freebayes") ?? [])].sort(), ["bwa_mem", "markduplicates", "samtools_view", "sortsam"]);
  assert.equal(anc.has("bwa_mem"), false, "bwa_mem reads the reads only");
});

test("MultiQC modules and input-read columns", () => {
  assert.equal(moduleOf("fastqc_raw-percent_gc"), "fastqc_raw");
  assert.equal(moduleOf("multiqc_fastqc.Total_Sequences"), "fastqc");
  assert.equal(moduleOf("fastp_read_preprocessing-pct_duplication"), "fastp_read_preprocessing");
  assert.ok(isInputReadsColumn("fastp-pct_adapter"));
  assert.ok(!isInputReadsColumn("cutadapt-percent_trimmed"));
  assert.equal(columnSpec("multiqc_fastqc.Total_Sequences").transform, "log1p");
  assert.equal(columnSpec("fastqc-percent_gc").transform, "identity");
});
