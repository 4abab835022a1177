import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBytes, parseDurationS, parsePercent } from "./units";

test("parseBytes reads Nextflow memory strings with binary multiples; missing stays undefined", () => {
  assert.equal(parseBytes("1 GB"), 1024 ** 3);
  assert.equal(parseBytes("1.5 MB"), 1.5 * 1024 ** 2);
  assert.equal(parseBytes("100 B"), 100);
  assert.equal(parseBytes("2048"), 2048);
  assert.equal(parseBytes("-"), undefined);
  assert.equal(parseBytes(""), undefined);
  assert.equal(parseBytes("12 furlongs"), undefined);
});

test("parseDurationS reads compound durations and bare milliseconds", () => {
  assert.equal(parseDurationS("1h 2m 3s"), 3723);
  assert.equal(parseDurationS("4.5s"), 4.5);
  assert.equal(parseDurationS("120ms"), 0.12);
  assert.equal(parseDurationS("1d 2h"), 93600);
  assert.equal(parseDurationS("1500"), 1.5);
  assert.equal(parseDurationS("1500", "s"), 1500);
  assert.equal(parseDurationS("-"), undefined);
  assert.equal(parseDurationS("soon"), undefined);
});

test("parsePercent strips the percent sign", () => {
  assert.equal(parsePercent("180.5%"), 180.5);
  assert.equal(parsePercent("-"), undefined);
});
