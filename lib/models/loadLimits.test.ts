/** Hostile model files (issue #19): size cap before reading, nesting limit before parsing, errors name the file. */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";
import { sha256 } from "../util/hash";
import { predictRuntime } from "./predict";
import { MAX_MODEL_JSON_DEPTH, ModelLoadError, canonicalJSON, jsonDepth, loadModel, parseModel } from "./serialize";

test("a model file over maxBytes is refused before reading, naming the file and the limit", () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-model-"));
  try {
    const f = join(dir, "huge.json");
    writeFileSync(f, `[${Array.from({ length: 2000 }, (_, i) => i).join(",")}]`);
    assert.throws(() => loadModel(f, { maxBytes: 1000 }), (e: unknown) => e instanceof ModelLoadError && e.message.startsWith(f) && /more than the model-file limit of 1000 bytes; not read/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a symlink to /dev/zero as a model file is refused as not a regular file (not read forever)", () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-model-"));
  try {
    const f = join(dir, "zero.json");
    symlinkSync("/dev/zero", f);
    assert.throws(() => loadModel(f), (e: unknown) => e instanceof ModelLoadError && /zero\.json: cannot read \(not a regular file\)/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("deeply nested model JSON gets a clear nesting message, not a stack overflow", () => {
  const deep = `{"schemaVersion":1,"state":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
  assert.throws(() => parseModel(deep, { source: "deep.json" }), (e: unknown) => e instanceof ModelLoadError && /^deep\.json: JSON nested deeper than 1000 levels/.test(e.message));
  // brackets inside strings do not count; the scan stops early once past the limit
  assert.equal(jsonDepth('{"a":"[[[[{{{{\\"[[","b":[[1]]}'), 3);
  assert.equal(jsonDepth("[".repeat(5000), MAX_MODEL_JSON_DEPTH), MAX_MODEL_JSON_DEPTH + 1);
});

/** The shipped bwa_mem model with `edit` applied and its checksum recomputed (what anyone can do). */
function tampered(edit: (m: Record<string, any>) => void): string {
  const m = JSON.parse(readFileSync(join(projectRoot(), "artifacts/models/harness-bwa_mem-fastp.json"), "utf8")) as Record<string, any>;
  edit(m);
  const { bodySha256: _drop, ...rest } = m;
  return JSON.stringify({ ...rest, bodySha256: sha256(canonicalJSON(rest)) });
}
const shipped = existsSync(join(projectRoot(), "artifacts/models/harness-bwa_mem-fastp.json"));
const SKIP = "artifacts/models/harness-bwa_mem-fastp.json absent: skipped";

test("semantic validation on load: a recomputed checksum does not make an unknown target transform or alpha outside (0,1) loadable", { skip: !shipped && SKIP }, () => {
  assert.ok(parseModel(tampered(() => {})).model, "the untampered model loads");
  assert.throws(() => parseModel(tampered((m) => (m.target.transform = "log10")), { source: "t.json" }), /: t\.json: target must be \{name, unit, transform: log\|identity\}/);
  for (const a of [5, 0, 1, -0.1])
    assert.throws(() => parseModel(tampered((m) => (m.state.interval.params.alpha = a)), { source: "a.json" }), (e: unknown) => e instanceof ModelLoadError && /^a\.json: .*alpha must be between 0 and 1 exclusive/.test(e.message), `alpha ${a}`);
});

test("coef = 1e308 (checksum recomputed) is refused at predict time instead of printing 0 with lower > upper", { skip: !shipped && SKIP }, () => {
  const loaded = parseModel(tampered((m) => (m.state.interval.state.model.state.coef = m.state.interval.state.model.state.coef.map(() => 1e308))));
  const rec = Object.fromEntries(loaded.file.features.map((f) => [f.name, 1e6]));
  assert.throws(() => predictRuntime(loaded, [rec], ["S1"]), /model gives an impossible prediction for sample 'S1'/);
});

test("a model whose learned state was set to null (checksum recomputed) is refused on load, not at predict (fuzz case)", { skip: !shipped && SKIP }, () => {
  assert.throws(() => parseModel(tampered((m) => (m.state.interval.state = null)), { source: "n.json" }), (e: unknown) => e instanceof ModelLoadError && /^n\.json: no learned state: SplitConformal is not fitted/.test(e.message));
  assert.throws(() => parseModel(tampered((m) => (m.state.interval.state.model.state = null)), { source: "n.json" }), (e: unknown) => e instanceof ModelLoadError && /no learned state/.test(e.message));
});
