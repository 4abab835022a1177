import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { mirrorRoot } from "../data/paths";
import { LogLinearSize, MedianBaseline } from "../models/baseline";
import { crossValidate } from "../models/evaluate/crossValidate";
import { groupKFold } from "../models/evaluate/splits";
import { GradientBoostedTrees } from "../models/gbt/gbt";
import { galaxyTable } from "./galaxyTable";

const FILE = "csv_dump/devteam_bwa_bwa_mem_0.4.2.csv";
const mirror = mirrorRoot();
const path = mirror ? join(mirror, "galaxy-main", FILE) : "";

test("real data (Galaxy bwa mem): GBT on log runtime ~ log input sizes beats the median baseline in grouped 3-fold CV", { skip: mirror && existsSync(path) ? false : "no dataset mirror" }, () => {
  const t = galaxyTable(readFileSync(path, "utf8"), path);
  assert.ok(t.X.length > 3000);
  assert.ok(t.featureNames.includes("fastq_input1"));
  // size features only, log-transformed
  const X = t.X.map((r) => Float64Array.from(t.sizeColumns, (j) => Math.log1p(r[j] as number)));
  const y = Array.from(t.runtimeS, Math.log);
  const folds = groupKFold(3, t.groups, 1);
  const gbt = crossValidate(new GradientBoostedTrees({ nEstimators: 200, learningRate: 0.05, seed: 1 }), X, y, { folds });
  const med = crossValidate(new MedianBaseline(), X, y, { folds });
  const loglin = crossValidate(new LogLinearSize({ sizeFeature: t.featureNames.indexOf("fastq_input1") }), X.map((r) => r.map(Math.expm1)), y, { folds });
  // Observed (fold seed 1): GBT R² ≈ 0.74, median ≈ -0.04, log-linear on fastq_input1 ≈ 0.41. The margins asserted
  // are about half the observed gaps (robust to seeds), yet far beyond what noise could give on 3,130 rows.
  console.log(`galaxy bwa mem: GBT ${gbt.metrics.r2Log.toFixed(3)}, median ${med.metrics.r2Log.toFixed(3)}, log-linear ${loglin.metrics.r2Log.toFixed(3)}`);
  assert.ok(gbt.metrics.r2Log > med.metrics.r2Log + 0.4, `GBT ${gbt.metrics.r2Log} vs median ${med.metrics.r2Log}`);
  assert.ok(gbt.metrics.r2Log > loglin.metrics.r2Log + 0.15, `GBT ${gbt.metrics.r2Log} vs log-linear ${loglin.metrics.r2Log}`);
});
