import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { modelCard } from "./modelCard";
import { loadModel, type ModelFile } from "./serialize";

const SHIPPED = join(__dirname, "..", "..", "artifacts", "models");
const shipped = readdirSync(SHIPPED).filter((f) => f.endsWith(".json")).sort();

test("the shipped model cards are exactly what modelCard writes from the shipped model files", () => {
  assert.ok(shipped.length >= 17, `${shipped.length} shipped models`);
  for (const f of shipped) assert.equal(modelCard(loadModel(join(SHIPPED, f)).file), readFileSync(join(SHIPPED, f.replace(/\.json$/, ".md")), "utf8"), f);
});

test("a card states the size range its model is valid for, from the training envelope", () => {
  const file = loadModel(join(SHIPPED, shipped[0] as string)).file;
  assert.ok(file.envelope?.reads, "shipped models carry their read-count envelope");
  const { min, max } = file.envelope!.reads!;
  assert.match(modelCard(file), new RegExp(`valid size range: ${min} to ${max} reads per mate`));
  const wider: ModelFile = { ...file, envelope: { ...file.envelope!, reads: { min: 5, max: 6_400_000 } } };
  assert.match(modelCard(wider), /valid size range: 5 to 6400000 reads per mate/);
});

test("a hostile model file cannot put HTML, script links or extra table cells into its card", () => {
  const file = loadModel(join(SHIPPED, shipped[0] as string)).file;
  const evil = "<img src=x onerror=alert(1)>|[x](javascript:alert(2))";
  const hostile: ModelFile = {
    ...file,
    modelType: evil,
    description: `Trained on ${evil}\n\n[r]: javascript:alert(3)`,
    step: evil,
    target: { ...file.target, name: evil, unit: evil },
    features: file.features.map((f, i) => (i === 0 ? { ...f, name: evil, unit: evil } : f)),
    params: { ...file.params, [evil]: evil },
    cvMetrics: { ...file.cvMetrics, [evil]: 1 },
    gwtimeVersion: evil,
    bodySha256: evil,
  };
  const card = modelCard(hostile);
  assert.equal(card.includes("<"), false, "no raw HTML anywhere");
  assert.doesNotMatch(card, /(?<!\\)\]\((?!https?:)[a-z]+:/i, "no link to a script URL (an escaped \\] closes no link)");
  assert.doesNotMatch(card, /^\[r\]:/m, "no link reference definition");
  // every row of each table has its header's cell count (an escaped \| splits nothing)
  const cells = (l: string) => l.split(/(?<!\\)\|/).length;
  const lines = card.split("\n");
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!(lines[i] ?? "").startsWith("|") || (lines[i - 1] ?? "").startsWith("|")) continue;
    tables++;
    for (let j = i; (lines[j] ?? "").startsWith("|"); j++) assert.equal(cells(lines[j] as string), cells(lines[i] as string), lines[j]);
  }
  assert.equal(tables, 3);
});
