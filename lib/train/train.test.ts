import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { projectRoot } from "../data/paths";
import { canonicalJSON, loadModel } from "../models/serialize";
import { sha256 } from "../util/hash";
import { CRISPR_TRACE, NO_NFCORE, nfcoreRun, trainFixture } from "./testData";

const crispr = nfcoreRun("crispriscreen-cbbmlargelibrary");

/** Run the built CLI binary. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = spawnSync(process.execPath, [join(projectRoot(), "dist", "cli", "main.js"), ...argv], { encoding: "utf8", cwd: projectRoot() });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test("gwtime train on crispriscreen (the README example): in flight, models + cards + report; gwtime predict reads them", { skip: !crispr && NO_NFCORE }, async () => {
  const d = crispr as string;
  const out = mkdtempSync(join(tmpdir(), "gwt-train-cli-"));
  try {
    const args = ["train", "--trace", join(d, CRISPR_TRACE), "--qc", join(d, "multiqc/multiqc_data"), "--out", out, "--moment", "in-flight", "--dag", trainFixture("crispriscreen.dag.tsv")];
    const r = await run(args);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /472 joined \(98\.7%\) to 96 samples/);
    const lines = r.out.trim().split("\n").map((l) => l.split("\t"));
    assert.deepEqual(lines[0], ["step", "runs", "inputs", "model", "cv_r2_log", "cv_mdape", "features", "note"]);
    const byStep = new Map(lines.slice(1).map((l) => [l[0], l]));
    assert.match(byStep.get("TRIMGALORE")?.[7] ?? "", /no feature available/, "the first step has nothing known before it: listed, not silently skipped");
    for (const s of ["BOWTIE2_ALIGN", "CUTADAPT", "FASTQC", "SUBREAD_FEATURECOUNTS"]) {
      assert.ok(existsSync(join(out, `${s}.json`)) && existsSync(join(out, `${s}.md`)), s);
      const m = loadModel(join(out, `${s}.json`)).file;
      assert.match(m.description, /moment: in-flight/);
      // the metadata of the shipped tiered models: step, tier, moment, training envelope
      assert.deepEqual([m.step, m.tier, m.moment], [s, "in-flight", "in-flight"]);
      assert.equal(m.envelope?.rows, m.cvMetrics["rows"]);
      assert.deepEqual(Object.keys(m.envelope?.features ?? {}).sort(), m.features.map((f) => f.name).sort());
      // in flight: the step's own or a descendant's QC never appears
      assert.ok(!m.features.some((f) => f.name.startsWith(`ancestor.${s}.`)), `${s} uses its own time`);
    }
    const bt = loadModel(join(out, "BOWTIE2_ALIGN.json")).file.features.map((f) => f.name);
    assert.ok(bt.every((f) => /cutadapt|^ancestor\.(CUTADAPT|TRIMGALORE)\.(cpu_s|wall_s)$/.test(f)), `BOWTIE2_ALIGN: only its ancestors' QC/times (${bt.join(", ")})`);
    assert.ok(bt.includes("ancestor.CUTADAPT.wall_s"), "the observed wall time of an ancestor, named as gwtime predict --trace names it");
    const html = readFileSync(join(out, "training-report.html"), "utf8");
    for (const s of ["Join report", "Models per step", "When each QC module exists", "Provenance", "multiqc_general_stats.txt", "gwt-fig-train-oof"]) assert.ok(html.includes(s), s);
    // the same run again writes the same model bytes
    const first = readFileSync(join(out, "BOWTIE2_ALIGN.json"), "utf8");
    assert.equal((await run(args)).code, 0);
    assert.equal(readFileSync(join(out, "BOWTIE2_ALIGN.json"), "utf8"), first);
    const p = await run(["predict", "--model", join(out, "BOWTIE2_ALIGN.json"), "--features", join(out, "features.json")]);
    assert.equal(p.code, 0, p.err);
    assert.equal(p.out.trim().split("\n").length, 1 + 96);
    assert.ok(p.out.trim().split("\n").slice(1).every((l) => l.split("\t")[2] === "in-flight"), "predict reports the trained model's tier");
    // a model file claiming a moment its features are not known at is refused by predict, naming it
    const bad = JSON.parse(readFileSync(join(out, "BOWTIE2_ALIGN.json"), "utf8")) as Record<string, unknown>;
    delete bad["bodySha256"];
    Object.assign(bad, { moment: "submission", tier: "fastp" });
    writeFileSync(join(out, "bad.json"), canonicalJSON({ ...bad, bodySha256: sha256(canonicalJSON(bad)) }));
    const refused = await run(["predict", "--model", join(out, "bad.json"), "--features", join(out, "features.json")]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /bad\.json: model of moment 'submission' refused: .*ancestor\.CUTADAPT\.wall_s \(observed on the completed step CUTADAPT: known only in flight/);
    // too few runs overall: how many are needed and how many were found
    const few = await run([...args.slice(0, 5), "--out", join(out, "few"), "--min-runs", "1000"]);
    assert.equal(few.code, 1);
    assert.match(few.err, /too few runs to train: 472 joined .* at least 1000/);
    // at submission there is no QC of the input reads in this run's MultiQC data: said, exit 1
    const sub = await run(["train", "--trace", join(d, CRISPR_TRACE), "--qc", join(d, "multiqc/multiqc_data"), "--out", join(out, "sub")]);
    assert.equal(sub.code, 1);
    assert.match(sub.out, /FASTQC\t96\t96\t-/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("gwtime train refuses bad arguments and in-flight without a graph", async () => {
  assert.equal((await run(["train", "--trace", "x"])).code, 1);
  const r = await run(["train", "--trace", "data/harness/trace.tsv", "--qc", "data/harness/runs/r0001", "--out", join(tmpdir(), "gwt-x"), "--moment", "in-flight"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /--dag/);
  assert.match((await run(["train", "--trace", "a", "--qc", "b", "--out", "c", "--target", "gpu"])).err, /--target must be cpu or wall/);
});
