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
