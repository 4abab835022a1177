import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { LinearRidge } from "../models/ridge";
import { saveModel, trainingDataSha256 } from "../models/serialize";
import { readTrustedKey, shortKeyId } from "../models/signature";
import { stepData } from "../models/testData";

// The built binary, as a user runs it.
const BIN = join(__dirname, "main.js");
const ROOT = join(__dirname, "..", "..");
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT, env: { ...process.env, GWT_MODEL_SIGNING_KEY: "" } });

test("gwtime model keygen/sign/verify and predict --trusted-key: signed accepted, unsigned and other signers refused with the file named", () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-cli-sign-"));
  try {
    const { X, y } = stepData(60, 2, 5);
    const model = join(dir, "m.json");
    saveModel(model, new LinearRidge({ alpha: 1 }).fit(X, y), { features: [{ name: "a", unit: "1", transform: "identity" }, { name: "b", unit: "1", transform: "identity" }], target: { name: "cpuS", unit: "s", transform: "log" }, trainingDataSha256: trainingDataSha256(X, y), seed: 1 });
    const csv = join(dir, "f.csv");
    writeFileSync(csv, "sample,a,b\nS1,0.2,0.4\nS2,0.7,0.1\n");
    for (const k of ["a", "b"]) assert.equal(run("model", "keygen", "--private", join(dir, `${k}.pem`), "--public", join(dir, `${k}.pub.pem`)).status, 0);
    assert.equal(statSync(join(dir, "a.pem")).mode & 0o777, 0o600, "private key readable by its owner only");
    const again = run("model", "keygen", "--private", join(dir, "a.pem"), "--public", join(dir, "x.pub.pem"));
    assert.equal(again.status, 1);
    assert.match(again.stderr, /a\.pem exists; not overwritten/);
    const pubA = join(dir, "a.pub.pem");
    const a = shortKeyId(readTrustedKey(pubA).id);
    const b = shortKeyId(readTrustedKey(join(dir, "b.pub.pem")).id);

    // unsigned: accepted without --trusted-key, refused with it
    assert.equal(run("predict", "--model", model, "--features", csv).status, 0);
    const unsigned = run("predict", "--model", model, "--features", csv, "--trusted-key", pubA);
    assert.equal(unsigned.status, 1);
    assert.equal(unsigned.stderr, `gwtime predict: ${model}: unsigned: no signature file m.json.sig next to it; --trusted-key accepts only models signed by a trusted key (${a} (${pubA}))\n`);
    assert.equal(unsigned.stdout, "", "nothing predicted");

    // signed by another key
    assert.equal(run("model", "sign", model, "--key", join(dir, "b.pem")).status, 0);
    const other = run("predict", "--model", model, "--features", csv, "--trusted-key", pubA);
    assert.equal(other.status, 1);
    assert.equal(other.stderr, `gwtime predict: ${model}: signed by key ${b} (m.json.sig), not by a trusted key: ${a} (${pubA})\n`);

    // signed by the trusted key (key from the environment variable)
    const before = readFileSync(model);
    const signed = spawnSync(process.execPath, [BIN, "model", "sign", dir], { encoding: "utf8", env: { ...process.env, GWT_MODEL_SIGNING_KEY: join(dir, "a.pem") } });
    assert.equal(signed.status, 0, signed.stderr);
    assert.match(signed.stdout, new RegExp(`^signed .*m\\.json -> .*m\\.json\\.sig \\(key ${a}\\)$`, "m"));
    assert.deepEqual(readFileSync(model), before);
    const ok = run("predict", "--model", model, "--features", csv, "--trusted-key", pubA);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stderr, new RegExp(`1 model\\(s\\), each signed by a trusted key \\(${a} `));
    assert.match(ok.stdout, /^S1\t/m);
    const v = run("model", "verify", model, "--trusted-key", pubA);
    assert.equal(v.status, 0);
    assert.match(v.stdout, new RegExp(`^ok   .*m\\.json: signed by ${a}`));

    // a private key given as trusted key is refused
    const priv = run("predict", "--model", model, "--features", csv, "--trusted-key", join(dir, "a.pem"));
    assert.equal(priv.status, 1);
    assert.match(priv.stderr, /a\.pem: this is a private key; --trusted-key takes the public half/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the shipped models verify against the committed project key and predict with --trusted-key", () => {
  const key = join("keys", "gwtime-models.pub.pem");
  const v = run("model", "verify", join("artifacts", "models"), "--trusted-key", key);
  assert.equal(v.status, 0, v.stdout);
  // every model file shipped is signed: as many "ok" lines as artifacts/models holds models
  const shipped = readdirSync(join("artifacts", "models")).filter((f) => f.endsWith(".json")).length;
  assert.ok(shipped >= 17, `${shipped} shipped models`);
  assert.equal(v.stdout.split("\n").filter((l) => l.startsWith("ok   ")).length, shipped);
  const p = run("predict", "--model", join("artifacts", "models"), "--qc", join("data", "harness", "runs", "r0001", "qc"), "--sample-from-dir", "--trusted-key", key);
  assert.equal(p.status, 0, p.stderr);
  assert.match(p.stderr, new RegExp(`${shipped} model\\(s\\), each signed by a trusted key`));
  assert.match(p.stdout, /^r0001\tbwa_mem\tfastp\t/m);
});
