import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trainStepModel } from "../analysis/prediction/stepModels";
import { loadHarness } from "../features/harness";
import { readTraces } from "../traces/read";
import { fitStepModel } from "./fit";
import { stepTable } from "./features";
import { joinTasksToQc } from "./join";
import { readQcSources } from "./qcSource";
import { readSampleMap } from "./train";
import { harness } from "./testData";

/** A model file without its free-text description and the checksum that covers it. */
const body = (f: string): Record<string, unknown> => {
  const j = JSON.parse(readFileSync(f, "utf8")) as Record<string, unknown>;
  delete j["description"];
  delete j["bodySha256"];
  // what 05 adds about the harness (tier, moment, training envelope) is metadata, not the fit
  for (const k of ["step", "tier", "moment", "envelope"]) delete j[k];
  return j;
};

test("train's fit of a harness step at submission equals notebook 05's fastp-tier model (same rows, features, folds, seed; the file but its description and harness metadata)", async () => {
  const h = harness(40);
  const dir = mkdtempSync(join(tmpdir(), "gwt-train-fit-"));
  try {
    // notebook 05's path
    const runs = loadHarness(h.dir, { limit: 40 }).runs;
    const shipped = trainStepModel(runs, "bwa_mem", join(dir, "05"), { seed: 7, tier: "fastp" });
    assert.ok(shipped.file);
    // gwtime train's path: trace + run folders + design map -> join -> submission features -> adapter
    const j = await joinTasksToQc(readTraces([h.trace]), readQcSources(h.runDirs), { target: "cpu", map: readSampleMap(h.design) });
    const { table } = stepTable("bwa_mem", j.tasks, j.samples, { moment: "submission" });
    const fitted = fitStepModel(table, join(dir, "train"), { fileStem: "bwa_mem", target: "cpuS", description: "x", seed: 7 });
    assert.equal(fitted.n, shipped.n);
    assert.deepEqual(body(fitted.file), body(shipped.file as string));
    assert.equal(fitted.cvR2, shipped.cvR2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
