import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { idleBetween, idleCores, parseProcStat } from "./cpu";

// A real /proc/stat head (Linux 6.x, 2 cores): user nice system idle iowait irq softirq steal guest guest_nice.
const STAT = `cpu  1015434 2170 177338 4012911 9310 0 7163 1200 0 0
cpu0 508101 1077 88611 2006010 4690 0 4003 600 0 0
cpu1 507333 1093 88727 2006901 4620 0 3160 600 0 0
intr 95392141 0 9 0 0 0 0 0 0 0 0
`;

test("parseProcStat: idle = idle + iowait, total = the first eight fields", () => {
  const t = parseProcStat(STAT);
  assert.equal(t.idle, 4012911 + 9310);
  assert.equal(t.total, 1015434 + 2170 + 177338 + 4012911 + 9310 + 0 + 7163 + 1200);
  assert.throws(() => parseProcStat("intr 1 2 3\n"), /no aggregate 'cpu' line/);
  assert.throws(() => parseProcStat("cpu  1 x 3 4\n"), /unreadable/);
});

test("idleBetween: the idle share of the interval times the cores, clamped", () => {
  assert.equal(idleBetween({ idle: 100, total: 200 }, { idle: 150, total: 300 }, 2), 1);
  assert.equal(idleBetween({ idle: 100, total: 200 }, { idle: 200, total: 300 }, 2), 2);
  assert.equal(idleBetween({ idle: 100, total: 200 }, { idle: 100, total: 300 }, 2), 0);
  assert.equal(idleBetween({ idle: 1, total: 5 }, { idle: 1, total: 5 }, 4), 4); // no tick elapsed
});

test("idleCores: between 0 and the core count on this machine", { skip: !existsSync("/proc/stat") && "no /proc/stat" }, () => {
  parseProcStat(readFileSync("/proc/stat", "utf8")); // the real file parses
  const idle = idleCores(20, 2);
  assert.ok(idle >= 0 && idle <= 2, `idle ${idle}`);
});
