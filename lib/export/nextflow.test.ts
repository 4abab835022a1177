import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { nextflowConfig } from "./nextflow";
import { buildExport, parseModelSpec, type ExportBatch } from "./predictions";
import { ceilS, parseBins } from "./quantile";
import { HOSTILE_IDS, groovyTool, harnessBatch, shippedModel } from "./testSupport";

const groovy = groovyTool();
const batch = harnessBatch();

/**
 * Groovy script: parse the config with ConfigSlurper (Nextflow's config syntax is Groovy; Nextflow
 * itself cannot be installed here), then evaluate each process's `time` and `errorStrategy`
 * closures with a stub `task` (attempt, tag = meta.id, exitStatus). Prints JSON.
 */
const EVAL = String.raw`
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
def cfg = new ConfigSlurper().parse(new File(args[0]).toURI().toURL())
def queries = new JsonSlurper().parse(new File(args[1]))
def out = [resourceLimits: cfg.process.resourceLimits, processes: cfg.process.keySet().findAll { it != 'resourceLimits' }.toList(), results: []]
def call = { Closure c, Map task ->
  def cl = c.rehydrate([task: task], c.owner, c.thisObject)
  cl.resolveStrategy = Closure.DELEGATE_FIRST
  cl.call()
}
for (q in queries) {
  def p = cfg.process[q.process]
  def task = [attempt: q.attempt, tag: q.tag, exitStatus: q.exitStatus]
  out.results << [time: call(p.time, task).toString(), errorStrategy: call(p.errorStrategy, task).toString(), maxRetries: p.maxRetries]
}
println JsonOutput.toJson(out)
`;

interface Query {
  process: string;
  tag: string | null;
  attempt: number;
  exitStatus: number;
}

function runGroovy(config: string, queries: Query[]): { resourceLimits: { time: string }; processes: string[]; results: Array<{ time: string; errorStrategy: string; maxRetries: number }> } {
  const dir = mkdtempSync(join(tmpdir(), "gwt-nf-"));
  writeFileSync(join(dir, "gwtime.config"), config);
  writeFileSync(join(dir, "queries.json"), JSON.stringify(queries));
  writeFileSync(join(dir, "eval.groovy"), EVAL);
  const r = spawnSync(groovy.path as string, [join(dir, "eval.groovy"), join(dir, "gwtime.config"), join(dir, "queries.json")], { encoding: "utf8", timeout: 300_000 });
  assert.equal(r.status, 0, `groovy failed: ${r.stderr}\n${config}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string);
}

function exportFor(ids: string[]): ExportBatch {
  const b = batch as NonNullable<typeof batch>;
  return buildExport([parseModelSpec(shippedModel("bwa_mem")), parseModelSpec(`${shippedModel("markduplicates")}=NFCORE_SAREK:SAREK:.*:GATK4_MARKDUPLICATES`)], { ids, records: b.records }, { quantile: 0.95, bins: parseBins("normal=4h,long=24h,week=168h") });
}

test("Nextflow config: ConfigSlurper parses it; time closures give each sample's limit x attempt, unknown samples the fallback; retry on 137-140", { skip: groovy.skip || (!batch && "harness runs missing") }, () => {
  const b = batch as NonNullable<typeof batch>;
  const exp = exportFor(b.ids);
  const [bwa, md] = exp.steps;
  assert.ok(bwa && md);
  const lim = (s: typeof bwa, i: number): number => ceilS((s.samples[i] as { limitS: number }).limitS);
  const qs: Query[] = [
    { process: "bwa_mem", tag: b.ids[0] as string, attempt: 1, exitStatus: 140 },
    { process: "bwa_mem", tag: b.ids[1] as string, attempt: 1, exitStatus: 0 },
    { process: "bwa_mem", tag: b.ids[1] as string, attempt: 2, exitStatus: 137 },
    { process: "bwa_mem", tag: "not-in-batch", attempt: 1, exitStatus: 1 },
    { process: "NFCORE_SAREK:SAREK:.*:GATK4_MARKDUPLICATES", tag: b.ids[0] as string, attempt: 3, exitStatus: 139 },
  ];
  const got = runGroovy(nextflowConfig(exp, { maxRetries: 2 }), qs);
  assert.deepEqual(got.processes.sort(), ["NFCORE_SAREK:SAREK:.*:GATK4_MARKDUPLICATES", "bwa_mem"].sort());
  assert.equal(got.resourceLimits.time, "604800s");
  assert.deepEqual(got.results.map((r) => r.time), [`${lim(bwa, 0)}s`, `${lim(bwa, 1)}s`, `${2 * lim(bwa, 1)}s`, `${ceilS(bwa.fallbackS)}s`, `${3 * lim(md, 0)}s`]);
  assert.notEqual(lim(bwa, 0), lim(bwa, 1), "the two harness samples get different limits");
  assert.deepEqual(got.results.map((r) => r.errorStrategy), ["retry", "terminate", "retry", "terminate", "retry"]);
  assert.ok(got.results.every((r) => r.maxRetries === 2));
});

test("Nextflow config: the resourceLimits cap bounds escalated attempts", { skip: groovy.skip || (!batch && "harness runs missing") }, () => {
  const b = batch as NonNullable<typeof batch>;
  const exp = buildExport([parseModelSpec(shippedModel("bwa_mem"))], b, { quantile: 0.95, bins: parseBins("tiny=40s") });
  const got = runGroovy(nextflowConfig(exp, { maxRetries: 2 }), [{ process: "bwa_mem", tag: b.ids[1] as string, attempt: 3, exitStatus: 140 }]);
  assert.equal(got.resourceLimits.time, "40s");
  assert.equal(got.results[0]?.time, "40s");
});

test("Nextflow config: hostile sample ids and process names round-trip through Groovy literally (no interpolation, no injection)", { skip: groovy.skip || (!batch && "harness runs missing") }, () => {
  const b = batch as NonNullable<typeof batch>;
  const ids = [HOSTILE_IDS[0], HOSTILE_IDS[1]] as string[];
  const proc = "EVIL'PROC ${x} \\ \n //";
  const exp = buildExport([parseModelSpec(`${shippedModel("bwa_mem")}=${proc}`)], { ids, records: b.records }, { quantile: 0.95, bins: parseBins("normal=4h") });
  const s = exp.steps[0];
  assert.ok(s);
  const got = runGroovy(nextflowConfig(exp, { maxRetries: 1 }), [
    { process: proc, tag: ids[0] as string, attempt: 1, exitStatus: 0 },
    { process: proc, tag: ids[1] as string, attempt: 1, exitStatus: 0 },
    { process: proc, tag: "${System.exit(3)} $HOME", attempt: 1, exitStatus: 0 },
  ]);
  assert.deepEqual(got.processes, [proc]);
  assert.deepEqual(got.results.map((r) => r.time), [`${ceilS((s.samples[0] as { limitS: number }).limitS)}s`, `${ceilS((s.samples[1] as { limitS: number }).limitS)}s`, `${ceilS(s.fallbackS)}s`]);
});
