/**
 * Ed25519 signatures for model files (node:crypto). The checksum in a model file (`bodySha256`)
 * catches corruption only: anyone can recompute it. A signature says who vouches for the model.
 *
 * Layout: a sidecar `<model>.json.sig` next to the model, so signing never changes the model file
 * (same bytes signed or not; its checksum stays what it was). The sidecar is canonical JSON:
 * `{ alg: "ed25519", bodySha256, format: "gwtime-model-signature-v1", keyId, signature }`, where
 * `signature` (base64) signs the UTF-8 bytes of `gwtime-model-signature-v1\n<bodySha256>\n` and
 * `keyId` is the sha256 (hex) of the signer's public key (SPKI DER). The loader checks that the body
 * hashes to `bodySha256`, so the signature covers every field of the model. Ed25519 is deterministic:
 * the same key and model give the same sidecar bytes.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { canonicalJSON, loadModel, type LoadedModel, type LoadOptions, ModelLoadError, signaturePath } from "./serialize";

export const SIGNATURE_FORMAT = "gwtime-model-signature-v1";

/** Signature files larger than this are refused before reading (a real one is ~300 bytes). */
const MAX_SIGNATURE_BYTES = 64 * 1024;
/** Key files larger than this are refused before reading (an Ed25519 PEM is ~120 bytes). */
const MAX_KEY_BYTES = 64 * 1024;

/** A model refused for its signature (unsigned, another signer, forged, changed after signing); names the file. */
export class ModelSignatureError extends ModelLoadError {
  constructor(message: string, file: string) {
    super(message, file);
    this.name = "ModelSignatureError";
  }
}

/** A public key whose signatures `gwtime predict --trusted-key` accepts. */
export interface TrustedKey {
  readonly key: KeyObject;
  /** sha256 (hex) of the public key's SPKI DER. */
  readonly id: string;
  /** Where it was read from (for messages). */
  readonly source: string;
}

/** The sidecar's content. */
export interface ModelSignature {
  readonly alg: "ed25519";
  readonly bodySha256: string;
  readonly format: typeof SIGNATURE_FORMAT;
  readonly keyId: string;
  readonly signature: string;
}

/** sha256 (hex) of a public key's SPKI DER: the key id written into signatures. */
export function publicKeyId(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256").update(pub.export({ type: "spki", format: "der" })).digest("hex");
}

/** The first 16 hex digits of a key id, as messages show it. */
export const shortKeyId = (id: string): string => id.slice(0, 16);

function readKeyText(path: string, what: string): string {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error("not a regular file");
    if (st.size > MAX_KEY_BYTES) throw new Error(`${st.size} bytes, more than a key file can be`);
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`${path}: cannot read the ${what} (${(e as Error).message})`);
  }
}

/** Read an Ed25519 public key (PEM) to trust; a private key or another key type is refused, naming the file. */
export function readTrustedKey(path: string): TrustedKey {
  const text = readKeyText(path, "public key");
  if (/PRIVATE KEY/.test(text)) throw new Error(`${path}: this is a private key; --trusted-key takes the public half (e.g. keys/gwtime-models.pub.pem)`);
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch (e) {
    throw new Error(`${path}: not a PEM public key (${(e as Error).message})`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`${path}: a ${key.asymmetricKeyType} key; gwtime model signatures use Ed25519`);
  return { key, id: publicKeyId(key), source: path };
}

/** Read an Ed25519 private key (PEM, PKCS#8) to sign with; names the file when it is not one. */
export function readSigningKey(path: string): KeyObject {
  const text = readKeyText(path, "private key");
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch (e) {
    throw new Error(`${path}: not a PEM private key (${(e as Error).message})`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`${path}: a ${key.asymmetricKeyType} key; gwtime model signatures use Ed25519`);
  return key;
}

/** A new Ed25519 key pair as PEM text (private: PKCS#8, public: SPKI) and its key id. */
export function generateSigningKeys(): { privatePem: string; publicPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    publicPem: publicKey.export({ type: "spki", format: "pem" }) as string,
    keyId: publicKeyId(publicKey),
  };
}

/** The bytes a signature signs: the format tag and the model's body checksum. */
export function signedMessage(bodySha256: string): Buffer {
  return Buffer.from(`${SIGNATURE_FORMAT}\n${bodySha256}\n`, "utf8");
}

/** The sidecar text for a model body checksum (deterministic: Ed25519, canonical JSON). */
export function signatureJSON(bodySha256: string, privateKey: KeyObject): string {
  const sig: ModelSignature = {
    alg: "ed25519",
    bodySha256,
    format: SIGNATURE_FORMAT,
    keyId: publicKeyId(privateKey),
    signature: sign(null, signedMessage(bodySha256), privateKey).toString("base64"),
  };
  return `${canonicalJSON(sig)}\n`;
}

/**
 * Sign a model file: load it (checksum, shape: a corrupt model is never signed) and write
 * `<model>.sig` next to it. The model file itself is not touched.
 * @example signModelFile("artifacts/models/harness-bwa_mem-fastp.json", readSigningKey(process.env.GWT_MODEL_SIGNING_KEY!))
 */
export function signModelFile(modelPath: string, privateKey: KeyObject): { signaturePath: string; keyId: string } {
  const { file } = loadModel(modelPath);
  const out = signaturePath(modelPath);
  writeFileSync(out, signatureJSON(file.bodySha256, privateKey));
  return { signaturePath: out, keyId: publicKeyId(privateKey) };
}

/** Parse a sidecar; throws ModelSignatureError (naming the model) when it is missing or malformed. */
function readSignature(modelPath: string, trusted: readonly TrustedKey[]): ModelSignature {
  const sigPath = signaturePath(modelPath);
  const ids = trusted.map((t) => `${shortKeyId(t.id)} (${t.source})`).join(", ");
  let text: string;
  try {
    const st = statSync(sigPath);
    if (!st.isFile() || st.size > MAX_SIGNATURE_BYTES) throw new ModelSignatureError(`signature file ${basename(sigPath)} is not a regular file of at most ${MAX_SIGNATURE_BYTES} bytes`, modelPath);
    text = readFileSync(sigPath, "utf8");
  } catch (e) {
    if (e instanceof ModelSignatureError) throw e;
    throw new ModelSignatureError(`unsigned: no signature file ${basename(sigPath)} next to it; --trusted-key accepts only models signed by a trusted key (${ids})`, modelPath);
  }
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new ModelSignatureError(`signature file ${basename(sigPath)} is not valid JSON (${(e as Error).message})`, modelPath);
  }
  const hex = (v: unknown): boolean => typeof v === "string" && /^[0-9a-f]{64}$/.test(v);
  if (typeof o !== "object" || o === null || o.format !== SIGNATURE_FORMAT || o.alg !== "ed25519" || !hex(o.bodySha256) || !hex(o.keyId) || typeof o.signature !== "string" || !/^[A-Za-z0-9+/]{86}==$/.test(o.signature)) {
    throw new ModelSignatureError(`signature file ${basename(sigPath)} is not a ${SIGNATURE_FORMAT} Ed25519 signature`, modelPath);
  }
  return o as unknown as ModelSignature;
}

/**
 * Check a model's signature against trusted public keys, before the model itself is parsed: the
 * sidecar must exist, name a trusted key and verify with it. Returns the signed body checksum and
 * the key; throws ModelSignatureError naming the file (unsigned / another signer / forged).
 */
export function verifyModelSignature(modelPath: string, trusted: readonly TrustedKey[]): { bodySha256: string; key: TrustedKey } {
  if (trusted.length === 0) throw new Error("no trusted key given");
  const sig = readSignature(modelPath, trusted);
  const sigName = basename(signaturePath(modelPath));
  const key = trusted.find((t) => t.id === sig.keyId);
  if (!key) {
    throw new ModelSignatureError(`signed by key ${shortKeyId(sig.keyId)} (${sigName}), not by a trusted key: ${trusted.map((t) => `${shortKeyId(t.id)} (${t.source})`).join(", ")}`, modelPath);
  }
  if (!verify(null, signedMessage(sig.bodySha256), key.key, Buffer.from(sig.signature, "base64"))) {
    throw new ModelSignatureError(`the signature in ${sigName} does not verify with the trusted key ${shortKeyId(key.id)} (${key.source}): forged or corrupted signature`, modelPath);
  }
  return { bodySha256: sig.bodySha256, key };
}

/**
 * Load a model only if a trusted key signed it: the signature is checked first (an unsigned or
 * foreign model is never parsed), then the model is loaded as usual (checksum, shape, semantics) and
 * its body checksum must be the one that was signed (else it changed after signing).
 * @example loadTrustedModel("artifacts/models/harness-bwa_mem-fastp.json", [readTrustedKey("keys/gwtime-models.pub.pem")])
 */
export function loadTrustedModel(modelPath: string, trusted: readonly TrustedKey[], opts: LoadOptions = {}): LoadedModel & { signedBy: TrustedKey } {
  const signed = verifyModelSignature(modelPath, trusted);
  const loaded = loadModel(modelPath, opts);
  if (loaded.file.bodySha256 !== signed.bodySha256) {
    throw new ModelSignatureError(`the model changed after signing: its body sha256 is ${loaded.file.bodySha256}, the signature (${basename(signaturePath(modelPath))}) covers ${signed.bodySha256}`, modelPath);
  }
  return { ...loaded, signedBy: signed.key };
}
