import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { mirrorRoot } from "../../data/paths";
import { readTrace } from "../../traces/read";
import { platformTail, timedRuns, toolKey } from "./platformTail";

const mirror = mirrorRoot();

test("Galaxy tail table on a real tool: shares match a direct count and fall with k", { skip: mirror ? false : "no dataset mirror" }, () => {
  const file = join(mirror as string, "galaxy-main", "csv_dump", "devteam_bwa_bwa_mem_0.4.2.csv");
  const runs = timedRuns(readTrace(file, { format: "galaxy" }).runs);
  assert.ok(runs.length > 3000);
  const { raw, sizeAdjusted } = platformTail(runs, [2, 5, 10, 15]);
  const row = raw.find((r) => r.group === toolKey(runs[0]!));
  assert.ok(row);
  // Direct count, independent of the tail module.
  const t = runs.map((r) => r.wallS as number).sort((a, b) => a - b);
  const med = t.length % 2 ? t[(t.length - 1) / 2]! : (t[t.length / 2 - 1]! + t[t.length / 2]!) / 2;
  assert.equal(row.medianS, med);
  assert.equal(row.countAbove["5"], t.filter((v) => v > 5 * med).length);
  const shares = [2, 5, 10, 15].map((k) => row.shareAbove[String(k)]!);
  for (let i = 1; i < shares.length; i++) assert.ok(shares[i]! <= shares[i - 1]!);
  // Comparing with jobs of similar input size removes the "big input" part of the tail.
  const adj = sizeAdjusted.find((r) => r.group === row.group)!;
  assert.ok(adj.shareAbove["5"]! < row.shareAbove["5"]!);
});
