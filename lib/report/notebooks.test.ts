import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";

// Notebooks are committed clean: outputs (plotly bundles, tables) belong in artifacts/, and a
// notebook saved from JupyterLab after a run would carry megabytes of them into git.
test("committed notebooks are numbered, use the tslab kernel and carry no outputs", () => {
  const dir = join(projectRoot(), "notebooks");
  const files = readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
  assert.ok(files.length >= 6);
  for (const f of files) {
    assert.match(f, /^\d{2}-[a-z0-9-]+\.ipynb$/, f);
    const nb = JSON.parse(readFileSync(join(dir, f), "utf8")) as { metadata: { kernelspec?: { name?: string } }; cells: Array<{ cell_type: string; outputs?: unknown[]; source: string | string[] }> };
    assert.equal(nb.metadata.kernelspec?.name, "tslab", `${f}: kernel`);
    for (const c of nb.cells) if (c.cell_type === "code") assert.equal((c.outputs ?? []).length, 0, `${f}: a code cell has outputs (clear them before committing)`);
    const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).join("\n");
    assert.match(code, /gw\.report\.notebook\(/, `${f}: uses the notebook context (provenance)`);
    assert.match(code, /nb\.provenance\(\)/, `${f}: ends with provenance`);
  }
});

test("nb.limit is the one smoke slice: n (or the first n items) in smoke runs, everything otherwise", async () => {
  const { NotebookContext } = await import("./notebook");
  const smoke = new NotebookContext("t", { GWT_SMOKE: "1", GWT_ARTIFACTS: "/nonexistent" });
  const full = new NotebookContext("t", { GWT_ARTIFACTS: "/nonexistent" });
  assert.equal(smoke.limit(12), 12);
  assert.equal(full.limit(12), undefined);
  assert.deepEqual(smoke.limit([1, 2, 3], 2), [1, 2]);
  assert.deepEqual(full.limit([1, 2, 3], 2), [1, 2, 3]);
});

test("nb.check: a claim that does not hold fails a full run and names the claim; smoke runs do not check", async () => {
  const { NotebookContext } = await import("./notebook");
  const full = new NotebookContext("nbx", { GWT_ARTIFACTS: "/nonexistent" });
  assert.throws(() => full.check("the lift is positive", false), /nbx: check failed: the lift is positive/);
  assert.doesNotThrow(() => new NotebookContext("nbx", { GWT_SMOKE: "1", GWT_ARTIFACTS: "/nonexistent" }).check("the lift is positive", false));
});

test("a figure and a saved JSON result may not share a name (both are <name>.json in one folder)", async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { NotebookContext } = await import("./notebook");
  const nb = new NotebookContext("t", { GWT_ARTIFACTS: mkdtempSync(join(tmpdir(), "gwt-nb-")) });
  nb.saveJson("result", { a: 1 });
  assert.throws(() => nb.saveJson("result", { a: 2 }), /output name 'result' used twice in t/);
  assert.throws(() => nb.show({ data: [], layout: {} } as never, "result"), /used twice/);
  // every notebook's names are distinct across show() and saveJson()
  const dir = join(projectRoot(), "notebooks");
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".ipynb"))) {
    const code = (JSON.parse(readFileSync(join(dir, f), "utf8")) as { cells: Array<{ cell_type: string; source: string | string[] }> }).cells
      .filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).join("\n");
    const names = [...code.matchAll(/nb\.saveJson\("([^"]+)"/g), ...code.matchAll(/nb\.show\([^;]*?,\s*"([^"]+)"\);/g)].map((m) => m[1]);
    const dup = names.filter((n, i) => names.indexOf(n) !== i);
    assert.deepEqual(dup, [], `${f}: output names used twice`);
  }
});
