import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { writeExport } from "./index";
import { buildExport, parseModelSpec } from "./predictions";
import { parseBins } from "./quantile";
import { HOSTILE_IDS, harnessBatch, shippedModel, venvTool } from "./testSupport";
import { tpvFiles, tpvSizeModel } from "./tpv";

const run = promisify(execFile);
const tpv = venvTool("tpv");
const batch = harnessBatch(["r0001", "r0002", "r0003"]);
const skip = tpv.skip || (!batch && "harness runs missing");
const TOOL = "toolshed.g2.bx.psu.edu/repos/devteam/bwa/bwa_mem/0.7.17.2";

/** `tpv dry-run` for one tool and input size (GiB, an integer for the CLI): the destination id and params. */
async function dryRun(dir: string, tool: string, sizeGiB: number): Promise<{ id: string; params: string }> {
  const { stdout, stderr } = await run(tpv.path as string, ["dry-run", "--job-conf", join(dir, "job_conf.yml"), "--tool", tool, "--input-size", String(sizeGiB), join(dir, "gwtime_tpv.yml")], { cwd: dir, timeout: 600_000, maxBuffer: 64 << 20 });
  const text = `${stdout}\n${stderr}`;
  const id = /\nid: (\S+)/.exec(text)?.[1];
  const params = /\nparams: \{(.*)\}/.exec(text)?.[1];
  assert.ok(id && params, `no destination in tpv dry-run output:\n${text.slice(-3000)}`);
  return { id, params };
}

const param = (params: string, name: string): string | undefined => new RegExp(`(?:^|, )${name}: '?([^,']*)'?`).exec(params)?.[1];

test("Galaxy TPV: `tpv lint` accepts the rules; `tpv dry-run` gives the size law's walltime for two input sizes and sends the long one to the long bin", { skip }, async () => {
  const b = batch as NonNullable<typeof batch>;
  const exp = buildExport([parseModelSpec(shippedModel("bwa_mem")), parseModelSpec(shippedModel("freebayes"))], b, { quantile: 0.95, bins: parseBins("normal=4h,long=24h,week=168h") });
  const dir = mkdtempSync(join(tmpdir(), "gwt-tpv-"));
  writeExport(dir, tpvFiles(exp, { maxRetries: 2 }));
  const law = tpvSizeModel(exp.steps[0] as NonNullable<(typeof exp.steps)[0]>);
  assert.ok(law && law.n === 3);
  // The law covers every sample's limit at its own size.
  for (const x of exp.steps[0]?.samples ?? []) assert.ok(law.a * ((x.sizeBytes as number) / 2 ** 30) ** law.b >= x.limitS * (1 - 1e-9));
  const lint = await run(tpv.path as string, ["lint", join(dir, "gwtime_tpv.yml")], { cwd: dir, timeout: 600_000, maxBuffer: 64 << 20 });
  assert.match(`${lint.stdout}\n${lint.stderr}`, /lint successful/);
  const [small, large] = await Promise.all([dryRun(dir, TOOL, 1), dryRun(dir, TOOL, 1000)]);
  const expect = (gib: number): string => String(Math.trunc(Math.min(law.a * gib ** law.b, 604800)) + 1);
  assert.equal(small.id, "gwtime_normal");
  assert.equal(param(small.params, "walltime"), expect(1));
  assert.equal(param(small.params, "gwtime_attempt"), "1");
  const w = Number(expect(1000));
  assert.ok(w > 14400 && w <= 86400, `1000 GiB falls in the long bin (${w} s)`);
  assert.equal(large.id, "gwtime_long");
  assert.equal(param(large.params, "walltime"), expect(1000));
});

test("Galaxy TPV: hostile tool names and left-out sample ids stay inside their YAML scalars and comments (`tpv lint` and dry-run)", { skip }, async () => {
  const b = batch as NonNullable<typeof batch>;
  const proc = "evil'\"tool\n#: x";
  const exp = buildExport([parseModelSpec(`${shippedModel("sortsam")}=${proc}`)], { ids: [...b.ids, HOSTILE_IDS[1], HOSTILE_IDS[2]], records: [...b.records, {}, {}] }, { quantile: 0.95, bins: parseBins("normal=4h,long=24h") });
  assert.equal(exp.leftOut.filter((l) => l.sample !== undefined).length, 2, "the two hostile samples have no features: left out, named in the header");
  const dir = mkdtempSync(join(tmpdir(), "gwt-tpv-"));
  writeExport(dir, tpvFiles(exp, { maxRetries: 1 }));
  const lint = await run(tpv.path as string, ["lint", join(dir, "gwtime_tpv.yml")], { cwd: dir, timeout: 600_000, maxBuffer: 64 << 20 });
  assert.match(`${lint.stdout}\n${lint.stderr}`, /lint successful/);
  const law = tpvSizeModel(exp.steps[0] as NonNullable<(typeof exp.steps)[0]>);
  assert.ok(law);
  const got = await dryRun(dir, proc, 2);
  assert.equal(param(got.params, "walltime"), String(Math.trunc(law.a * 2 ** law.b) + 1));
});
