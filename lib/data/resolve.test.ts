import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DatasetUnavailableError } from "../util/errors";
import { mirrorRoot } from "./paths";
import { getDataset, fileUrl } from "./registry";
import { resolveFile } from "./resolve";

const GALAXY_FILE = "csv_dump/devteam_fastqc_fastqc_0.68.csv";

test("registry pins galaxy-main to the published commit with a sha256 per file", () => {
  const ds = getDataset("galaxy-main");
  assert.equal(ds.commit, "f5ccafc672cc06df64a55cc840232d997f1048a2");
  assert.equal(ds.files.length, 126);
  const f = ds.files.find((x) => x.path === GALAXY_FILE);
  assert.ok(f);
  assert.match(f.sha256, /^[0-9a-f]{64}$/);
  assert.equal(fileUrl(ds, f), `https://raw.githubusercontent.com/atyryshkina/algorithm-performance-analysis/${ds.commit}/${GALAXY_FILE}`);
});

test("resolves from the mirror and verifies the checksum", { skip: mirrorRoot() ? false : "no dataset mirror" }, async () => {
  const r = await resolveFile("galaxy-main", GALAXY_FILE, { verify: true, download: false });
  assert.equal(r.source, "mirror");
  assert.equal(r.verified, true);
});

test("an explicit path wins, and a wrong file is refused by checksum", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-"));
  const p = join(dir, "x.csv");
  writeFileSync(p, "not the real file\n");
  await assert.rejects(resolveFile("galaxy-main", GALAXY_FILE, { path: p, verify: true }), (e: unknown) => e instanceof DatasetUnavailableError && /does not match the pinned/.test(e.message));
  const r = await resolveFile("galaxy-main", GALAXY_FILE, { path: p, verify: false });
  assert.equal(r.source, "explicit");
});

test("the cache is used when there is no mirror", async () => {
  const cache = mkdtempSync(join(tmpdir(), "gwt-cache-"));
  mkdirSync(join(cache, "galaxy-main", "csv_dump"), { recursive: true });
  writeFileSync(join(cache, "galaxy-main", GALAXY_FILE), "x");
  const env = { GWT_DATA_MIRROR: join(cache, "no-such-mirror"), GWT_DATA_CACHE: cache };
  const r = await resolveFile("galaxy-main", GALAXY_FILE, { env, download: false });
  assert.equal(r.source, "cache");
});

test("offline with no mirror: the error names the dataset, the URL and how to supply it", async () => {
  const empty = mkdtempSync(join(tmpdir(), "gwt-empty-"));
  const env = { GWT_DATA_MIRROR: empty, GWT_DATA_CACHE: empty, GWT_OFFLINE: "1" };
  await assert.rejects(resolveFile("galaxy-main", GALAXY_FILE, { env }), (e: unknown) => {
    assert.ok(e instanceof DatasetUnavailableError);
    assert.match(e.message, /galaxy-main/);
    assert.match(e.message, /raw\.githubusercontent\.com\/atyryshkina/);
    assert.match(e.message, /GWT_DATA_MIRROR/);
    return true;
  });
});

test("unknown dataset and unknown file are clear errors", async () => {
  assert.throws(() => getDataset("nope"), /unknown dataset 'nope'/);
  await assert.rejects(resolveFile("galaxy-main", "csv_dump/nope.csv"), /has no file 'csv_dump\/nope.csv'/);
});
