import { existsSync, writeFileSync } from "node:fs";
import { generateSigningKeys, loadTrustedModel, readSigningKey, readTrustedKey, shortKeyId, signModelFile } from "../../models/signature";
import { errorMessage } from "../../util/errors";
import { terminalSafe as shown } from "../../util/safeText";
import { type Command, flagString, parseArgs } from "../command";
import { modelPaths } from "./predict";

/** The environment variable naming the private key `gwtime model sign` uses when --key is not given. */
const SIGNING_KEY_ENV = "GWT_MODEL_SIGNING_KEY";

/** Model paths from positional arguments: files, folders (every *.json) or comma-separated lists. */
function paths(positional: readonly string[]): string[] {
  const out = positional.flatMap((p) => modelPaths(p));
  if (out.length === 0) throw new Error(`no model file (*.json) in ${positional.length ? positional.join(", ") : "(no paths given)"}`);
  return out;
}

/** `gwtime model keygen | sign | verify`: Ed25519 signatures for model files (lib/models/signature.ts). */
export const modelCommand: Command = {
  name: "model",
  summary:
    "Ed25519 model signatures: keygen writes a key pair (keep the private key outside the repository); sign writes <model>.json.sig next to each model (the model file is unchanged; deterministic); verify checks models against trusted public keys (exit 1 if any is unsigned, signed by another key, forged or changed after signing)",
  usage: `gwtime model keygen --private <key.pem> --public <key.pub.pem> | sign <m.json|dir>... [--key <private.pem>, default $${SIGNING_KEY_ENV}] | verify <m.json|dir>... --trusted-key <pub.pem>[,<pub2.pem>]`,
  async run(argv) {
    const args = parseArgs(argv);
    const [sub, ...rest] = args.positional;
    if (sub === "keygen") {
      const priv = flagString(args, "private");
      const pub = flagString(args, "public");
      if (!priv || !pub) throw new Error(this.usage);
      for (const p of [priv, pub]) if (existsSync(p)) throw new Error(`${p} exists; not overwritten`);
      const k = generateSigningKeys();
      writeFileSync(priv, k.privatePem, { mode: 0o600 });
      writeFileSync(pub, k.publicPem);
      process.stdout.write(`key ${shortKeyId(k.keyId)} (sha256 ${k.keyId}): private ${shown(priv)} (mode 600; never commit it), public ${shown(pub)}\n`);
      return 0;
    }
    if (sub === "sign") {
      const keyPath = flagString(args, "key") ?? process.env[SIGNING_KEY_ENV];
      if (!keyPath) throw new Error(`give --key <private.pem> or set ${SIGNING_KEY_ENV}`);
      const key = readSigningKey(keyPath);
      for (const p of paths(rest)) {
        const r = signModelFile(p, key);
        process.stdout.write(`signed ${shown(p)} -> ${shown(r.signaturePath)} (key ${shortKeyId(r.keyId)})\n`);
      }
      return 0;
    }
    if (sub === "verify") {
      const keys = flagString(args, "trusted-key");
      if (!keys) throw new Error(`--trusted-key <pub.pem> is required. usage: ${this.usage}`);
      const trusted = keys.split(",").filter((k) => k).map(readTrustedKey);
      let bad = 0;
      for (const p of paths(rest)) {
        try {
          const m = loadTrustedModel(p, trusted);
          process.stdout.write(`ok   ${shown(p)}: signed by ${shortKeyId(m.signedBy.id)} (${shown(m.signedBy.source)})\n`);
        } catch (e) {
          bad++;
          process.stdout.write(`FAIL ${shown(errorMessage(e))}\n`);
        }
      }
      return bad === 0 ? 0 : 1;
    }
    throw new Error(this.usage);
  },
};
