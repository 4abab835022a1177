import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";
import { writeExport } from "./index";
import { buildExport, parseModelSpec, type ExportBatch } from "./predictions";
import { ceilMin, parseBins } from "./quantile";
import { snakemakeFiles } from "./snakemake";
import { HOSTILE_IDS, harnessBatch, shippedModel, snakemakeTool } from "./testSupport";

const snakemake = snakemakeTool();
const batch = harnessBatch();
const skip = snakemake.skip || (!batch && "harness runs missing");
const STEPS = ["bwa_mem", "sortsam", "freebayes"];

/** Jobs of a `snakemake -n` log: rule, wildcards and resources of each planned job. */
function plannedJobs(log: string): Array<{ rule: string; wildcards: string; resources: Map<string, string> }> {
  return log
    .split(/\n(?=(?:local)?rule \w+:)/)
    .filter((b) => /^(?:local)?rule \w+:/.test(b))
    .map((b) => {
      const res = new Map<string, string>();
      const line = /\n\s+resources: (.*)/.exec(b)?.[1] ?? "";
      for (const kv of line.split(", ")) {
        const eq = kv.indexOf("=");
        if (eq > 0) res.set(kv.slice(0, eq), kv.slice(eq + 1));
      }
      return { rule: (/^(?:local)?rule (\w+):/.exec(b) as RegExpExecArray)[1] as string, wildcards: /\n\s+wildcards: (.*)/.exec(b)?.[1] ?? "", resources: res };
    });
}

function exportHarness(): ExportBatch {
  return buildExport(STEPS.map((s) => parseModelSpec(shippedModel(s))), batch as NonNullable<typeof batch>, { quantile: 0.95, bins: parseBins("normal=4h,long=24h,week=168h") });
}

test("Snakemake profile: `snakemake -n --workflow-profile` on harness/Snakefile plans every predicted rule's jobs with the exported runtime", { skip }, () => {
  const exp = exportHarness();
  const dir = mkdtempSync(join(tmpdir(), "gwt-smk-"));
  writeExport(join(dir, "profile"), snakemakeFiles(exp));
  // Throw-away outdir/workdir/refs so every job is planned; the committed design gives the run ids.
  mkdirSync(join(dir, "refs"));
  for (const f of ["ecoli_k12.fa", "ecoli_k12.fa.bwt"]) writeFileSync(join(dir, "refs", f), "");
  const design = readFileSync(join(projectRoot(), "data", "harness", "design.tsv"), "utf8").split("\n");
  writeFileSync(join(dir, "design.tsv"), `${design.slice(0, 3).join("\n")}\n`);
  const r = spawnSync(
    snakemake.path as string,
    ["-n", "-s", join(projectRoot(), "harness", "Snakefile"), "-d", join(dir, "work"), "--workflow-profile", join(dir, "profile"), "--cores", "2",
     "--config", `design=${join(dir, "design.tsv")}`, `outdir=${join(dir, "out")}`, `workdir=${join(dir, "work")}`, `refs=${join(dir, "refs")}`],
    { encoding: "utf8", timeout: 300_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  const jobs = plannedJobs(`${r.stdout}\n${r.stderr}`);
  for (const s of exp.steps) {
    const mine = jobs.filter((j) => j.rule === s.process);
    assert.equal(mine.length, 2, `${s.process}: one job per design row`);
    for (const j of mine) assert.equal(j.resources.get("runtime"), String(ceilMin(s.fallbackS)), `${s.process} ${j.wildcards}`);
  }
  const others = jobs.filter((j) => !STEPS.includes(j.rule) && j.rule !== "all");
  assert.ok(others.length > 0 && others.every((j) => !j.resources.has("runtime")), "rules without a model get no runtime from the profile");
});

test("Snakemake helper: `resources: runtime=runtime(rule, wildcard)` plans each sample with its own runtime x attempt, unknown samples the fallback", { skip }, () => {
  const b = batch as NonNullable<typeof batch>;
  // Larger limits (quantile 0.999 on freebayes, whose two harness samples differ 7x) make the per-sample minutes differ.
  const exp = buildExport([parseModelSpec(shippedModel("freebayes"))], b, { quantile: 0.999, bins: parseBins("normal=4h") });
  const step = exp.steps[0];
  assert.ok(step);
  const dir = mkdtempSync(join(tmpdir(), "gwt-smk-"));
  const prof = join(dir, "profile");
  writeExport(prof, snakemakeFiles(exp));
  const samples = [...b.ids, "unknown_sample"];
  writeFileSync(
    join(dir, "Snakefile"),
    [`import sys`, `sys.path.insert(0, ${JSON.stringify(prof)})`, `from gwtime_runtime import runtime`, `rule all:`, `    input: expand("out/{s}.vcf", s=${JSON.stringify(samples)})`,
     `rule freebayes:`, `    output: "out/{sample}.vcf"`, `    resources: runtime=runtime("freebayes", "sample")`, `    shell: "touch {output}"`, ``].join("\n"),
  );
  const r = spawnSync(snakemake.path as string, ["-n", "-s", join(dir, "Snakefile"), "-d", dir, "--cores", "1"], { encoding: "utf8", timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  const jobs = plannedJobs(`${r.stdout}\n${r.stderr}`).filter((j) => j.rule === "freebayes");
  const want = new Map<string, string>(step.samples.map((s) => [`sample=${s.sample}`, String(ceilMin(s.limitS))]));
  want.set("sample=unknown_sample", String(ceilMin(step.fallbackS)));
  assert.equal(new Set(want.values()).size > 1, true, "the samples' runtimes differ");
  assert.deepEqual(new Map(jobs.map((j) => [j.wildcards, j.resources.get("runtime") as string])), want);
  // attempt 2 doubles (the helper is plain Python: call it as Snakemake would on a retry)
  const py = spawnSync(join(projectRoot(), ".venv", "bin", "python"), ["-c", `import sys; sys.path.insert(0, ${JSON.stringify(prof)}); import gwtime_runtime as g; print(g.runtime("freebayes", "sample")({"sample": ${JSON.stringify(b.ids[1])}}, 2))`], { encoding: "utf8" });
  assert.equal(py.stdout.trim(), String(2 * ceilMin((step.samples[1] as { limitS: number }).limitS)), py.stderr);
});

test("Snakemake table: hostile sample ids round-trip through PyYAML (the helper's parser) to their own runtimes", { skip }, () => {
  const b = batch as NonNullable<typeof batch>;
  const ids = [HOSTILE_IDS[2], HOSTILE_IDS[4]] as string[];
  const exp = buildExport([parseModelSpec(shippedModel("freebayes"))], { ids, records: b.records }, { quantile: 0.999, bins: parseBins("normal=4h") });
  const dir = mkdtempSync(join(tmpdir(), "gwt-smk-"));
  writeExport(dir, snakemakeFiles(exp));
  writeFileSync(join(dir, "ids.json"), JSON.stringify(ids));
  const py = spawnSync(join(projectRoot(), ".venv", "bin", "python"), ["-c", `import sys, json; sys.path.insert(0, ${JSON.stringify(dir)}); import gwtime_runtime as g; print(json.dumps([g.minutes("freebayes", i) for i in json.load(open(${JSON.stringify(join(dir, "ids.json"))}))] + [sorted(g.table()["steps"]["freebayes"]["samples"])]))`], { encoding: "utf8" });
  assert.equal(py.status, 0, py.stderr);
  const [m0, m1, keys] = JSON.parse(py.stdout) as [number, number, string[]];
  const s = exp.steps[0] as NonNullable<(typeof exp.steps)[0]>;
  assert.deepEqual([m0, m1], s.samples.map((x) => ceilMin(x.limitS)));
  assert.deepEqual(keys, [...ids].sort());
});
