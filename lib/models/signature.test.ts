import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { sha256 } from "../util/hash";
import { LinearRidge } from "./ridge";
import { canonicalJSON, loadModel, ModelLoadError, saveModel, signaturePath, trainingDataSha256 } from "./serialize";
import { generateSigningKeys, loadTrustedModel, ModelSignatureError, readSigningKey, readTrustedKey, shortKeyId, signatureJSON, signModelFile, type TrustedKey } from "./signature";
import { stepData } from "./testData";

const ROOT = join(__dirname, "..", "..");

/** A small fitted model file and two key pairs (A: trusted, B: another signer) in a fresh folder. */
function setup(): { dir: string; model: string; trusted: TrustedKey[]; keyA: string; keyB: string; pubB: string } {
  const dir = mkdtempSync(join(tmpdir(), "gwt-sign-"));
  const { X, y } = stepData(80, 2, 3);
  const model = join(dir, "m.json");
  saveModel(model, new LinearRidge({ alpha: 1 }).fit(X, y), { features: [{ name: "a", unit: "1", transform: "identity" }, { name: "b", unit: "1", transform: "identity" }], target: { name: "cpuS", unit: "s", transform: "log" }, trainingDataSha256: trainingDataSha256(X, y), seed: 7 });
  const write = (name: string) => {
    const k = generateSigningKeys();
    writeFileSync(join(dir, `${name}.pem`), k.privatePem, { mode: 0o600 });
    writeFileSync(join(dir, `${name}.pub.pem`), k.publicPem);
    return join(dir, `${name}.pem`);
  };
  const keyA = write("a");
  const keyB = write("b");
  return { dir, model, trusted: [readTrustedKey(join(dir, "a.pub.pem"))], keyA, keyB, pubB: join(dir, "b.pub.pem") };
}

/** Rewrite a model's body with `edit` and recompute its checksum (what anyone can do). */
function tamper(path: string, edit: (o: Record<string, unknown>) => void): void {
  const { bodySha256: _old, ...rest } = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  edit(rest);
  writeFileSync(path, `${canonicalJSON({ ...rest, bodySha256: sha256(canonicalJSON(rest)) })}\n`);
}

test("sign/verify round trip: the model file is untouched, the signature deterministic", () => {
  const s = setup();
  try {
    const before = readFileSync(s.model);
    const r = signModelFile(s.model, readSigningKey(s.keyA));
    assert.equal(r.signaturePath, `${s.model}.sig`);
    assert.deepEqual(readFileSync(s.model), before, "signing never changes the model file");
    const sig1 = readFileSync(r.signaturePath, "utf8");
    signModelFile(s.model, readSigningKey(s.keyA));
    assert.equal(readFileSync(r.signaturePath, "utf8"), sig1, "Ed25519 + canonical JSON: same bytes");
    const sig = JSON.parse(sig1);
    assert.equal(sig.format, "gwtime-model-signature-v1");
    assert.equal(sig.bodySha256, loadModel(s.model).file.bodySha256, "signs the existing checksum");
    const m = loadTrustedModel(s.model, s.trusted);
    assert.equal(m.signedBy.id, s.trusted[0]?.id);
    assert.equal(m.file.modelType, "LinearRidge");
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test("refused: unsigned, another signer, a forged sidecar, a model changed after signing", () => {
  const s = setup();
  try {
    const a = shortKeyId(s.trusted[0]?.id as string);
    // unsigned
    assert.throws(() => loadTrustedModel(s.model, s.trusted), (e: Error) => e instanceof ModelSignatureError && e.message === `${s.model}: unsigned: no signature file m.json.sig next to it; --trusted-key accepts only models signed by a trusted key (${a} (${join(s.dir, "a.pub.pem")}))`);
    assert.equal(loadModel(s.model).file.modelType, "LinearRidge", "without a trusted key an unsigned model loads as before");
    // another signer
    signModelFile(s.model, readSigningKey(s.keyB));
    const b = shortKeyId(readTrustedKey(s.pubB).id);
    assert.throws(() => loadTrustedModel(s.model, s.trusted), { message: `${s.model}: signed by key ${b} (m.json.sig), not by a trusted key: ${a} (${join(s.dir, "a.pub.pem")})` });
    assert.doesNotThrow(() => loadTrustedModel(s.model, [...s.trusted, readTrustedKey(s.pubB)]), "any of several trusted keys");
    // B's signature presented under A's key id: forged
    const sig = JSON.parse(readFileSync(signaturePath(s.model), "utf8"));
    writeFileSync(signaturePath(s.model), JSON.stringify({ ...sig, keyId: s.trusted[0]?.id }));
    assert.throws(() => loadTrustedModel(s.model, s.trusted), { message: new RegExp(`^${s.model}: the signature in m\\.json\\.sig does not verify with the trusted key ${a} .*: forged or corrupted signature$`) });
    // signed by A, then a coefficient changed and the checksum recomputed
    signModelFile(s.model, readSigningKey(s.keyA));
    const signed = loadModel(s.model).file.bodySha256;
    tamper(s.model, (o) => { (o.state as { coef: number[] }).coef[0] = 5; });
    const now = loadModel(s.model).file.bodySha256;
    assert.throws(() => loadTrustedModel(s.model, s.trusted), { message: `${s.model}: the model changed after signing: its body sha256 is ${now}, the signature (m.json.sig) covers ${signed}` });
    // ... and the sidecar's checksum rewritten to match: the signature no longer verifies
    writeFileSync(signaturePath(s.model), JSON.stringify({ ...JSON.parse(readFileSync(signaturePath(s.model), "utf8")), bodySha256: now }));
    assert.throws(() => loadTrustedModel(s.model, s.trusted), /does not verify with the trusted key .*forged or corrupted signature/);
    // changed without recomputing the checksum: the checksum catches it first
    signModelFile(s.model, readSigningKey(s.keyA));
    writeFileSync(s.model, readFileSync(s.model, "utf8").replace(/"alpha": 1/, '"alpha": 2'));
    assert.throws(() => loadTrustedModel(s.model, s.trusted), (e: Error) => e instanceof ModelLoadError && /checksum mismatch/.test(e.message));
    // a malformed sidecar
    writeFileSync(signaturePath(s.model), "{}");
    assert.throws(() => loadTrustedModel(s.model, s.trusted), { message: `${s.model}: signature file m.json.sig is not a gwtime-model-signature-v1 Ed25519 signature` });
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test("keys: a private key is not taken as trusted, other key types are refused, each naming the file", () => {
  const s = setup();
  try {
    assert.throws(() => readTrustedKey(s.keyA), { message: `${s.keyA}: this is a private key; --trusted-key takes the public half (e.g. keys/gwtime-models.pub.pem)` });
    const rsa = join(s.dir, "rsa.pub.pem");
    writeFileSync(rsa, generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }) as string);
    assert.throws(() => readTrustedKey(rsa), { message: `${rsa}: a rsa key; gwtime model signatures use Ed25519` });
    assert.throws(() => readTrustedKey(join(s.dir, "none.pem")), /none\.pem: cannot read the public key/);
    assert.throws(() => readSigningKey(join(s.dir, "a.pub.pem")), /a\.pub\.pem: not a PEM private key/);
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test("saveModel keeps a signature that still signs the body and removes a stale one", () => {
  const s = setup();
  try {
    const text = readFileSync(s.model, "utf8");
    signModelFile(s.model, readSigningKey(s.keyA));
    const { X, y } = stepData(80, 2, 3);
    const meta = { features: [{ name: "a", unit: "1", transform: "identity" as const }, { name: "b", unit: "1", transform: "identity" as const }], target: { name: "cpuS", unit: "s", transform: "log" as const }, trainingDataSha256: trainingDataSha256(X, y), seed: 7 };
    saveModel(s.model, new LinearRidge({ alpha: 1 }).fit(X, y), meta);
    assert.equal(readFileSync(s.model, "utf8"), text, "same data, same bytes");
    assert.doesNotThrow(() => loadTrustedModel(s.model, s.trusted), "unchanged model: signature kept");
    saveModel(s.model, new LinearRidge({ alpha: 2 }).fit(X, y), meta);
    assert.throws(() => loadTrustedModel(s.model, s.trusted), /unsigned: no signature file/);
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test("the shipped models are signed by the project key whose public half is committed; no private key in keys/", () => {
  const keys = join(ROOT, "keys");
  for (const f of readdirSync(keys)) assert.doesNotMatch(readFileSync(join(keys, f), "utf8"), /PRIVATE KEY/, `keys/${f}`);
  const trusted = [readTrustedKey(join(keys, "gwtime-models.pub.pem"))];
  const models = readdirSync(join(ROOT, "artifacts", "models")).filter((f) => f.endsWith(".json")).sort();
  assert.ok(models.length >= 17);
  const refused: string[] = [];
  for (const f of models) {
    try {
      loadTrustedModel(join(ROOT, "artifacts", "models", f), trusted);
    } catch (e) {
      refused.push((e as Error).message);
    }
  }
  assert.deepEqual(refused, [], "re-sign changed models with GWT_MODEL_SIGNING_KEY=... make sign-models (README, Models)");
});

test("signatureJSON is canonical and the signature is over the format tag and the checksum only", () => {
  const s = setup();
  try {
    const k = readSigningKey(s.keyA);
    const a = signatureJSON("0".repeat(64), k);
    assert.equal(a, signatureJSON("0".repeat(64), k));
    assert.notEqual(a, signatureJSON("1".repeat(64), k));
    assert.deepEqual(Object.keys(JSON.parse(a)), ["alg", "bodySha256", "format", "keyId", "signature"]);
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
});
