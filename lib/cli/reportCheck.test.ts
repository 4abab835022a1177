import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { findChromium } from "../plots/browser";

// The built binary, as `make test` runs it.
const BIN = join(__dirname, "main.js");
const FIXTURES = join(__dirname, "..", "..", "lib", "report", "fixtures");
const run = (env: NodeJS.ProcessEnv, ...args: string[]) => spawnSync(process.execPath, [BIN, "report", "check", ...args], { encoding: "utf8", env: { ...process.env, ...env } });

test("report check on the hostile fixtures: exit 1, each file named with what ran / what failed", { skip: findChromium() ? false : "no Chromium (make browser)" }, () => {
  const r = run({}, FIXTURES);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^FAIL .*hostile-injected-script\.html: .*script from the content ran: alert\("injected"\)/m);
  assert.match(r.stdout, /^FAIL .*hostile-page-error\.html: .*page errors: TypeError: window\.gwtReportInit is not a function/m);
  assert.match(r.stdout, /^FAIL .*hostile-script-link\.html: .*executable markup in the page: .*href="\s*JaVaScRiPt:/m);
});

test("report check that checked nothing exits 1 unless --allow-skip: no reports, no Chromium", () => {
  const empty = mkdtempSync(join(tmpdir(), "gwt-rc-"));
  try {
    const none = run({}, empty);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no HTML reports in .*gwt-rc-.*: nothing checked \(--allow-skip accepts that\)/);
    assert.equal(run({}, empty, "--allow-skip").status, 0);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  const nob = run({ GWT_CHROMIUM: "/no/such/chromium" }, join(FIXTURES, "hostile-injected-script.html"));
  assert.equal(nob.status, 1);
  assert.match(nob.stderr, /^SKIP .*hostile-injected-script\.html: no Chromium found/m);
  assert.match(nob.stderr, /1 of 1 report\(s\) NOT checked; exit 1/);
  const allowed = run({ GWT_CHROMIUM: "/no/such/chromium" }, "--allow-skip", join(FIXTURES, "hostile-injected-script.html"));
  assert.equal(allowed.status, 0);
  assert.match(allowed.stderr, /NOT checked \(--allow-skip\)/);
});
