/**
 * Hostile QC trees (issue #19): devices, FIFOs and zip bombs are skipped with a reason, never opened
 * or inflated. Fixtures are generated under a temp dir; the zip bomb here is small (the cap is lowered),
 * the full-size figures come from `scripts/hostile-qc.sh`.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { zipSync } from "fflate";
import { GwtInputError, GwtLimitError } from "../util/errors";
import { collectFile, collectQc, listFiles } from "./collect";
import { fastqcDataFromZip } from "./fastqc/zip";

const FASTQC = "##FastQC\t0.11.9\n>>Basic Statistics\tpass\n#Measure\tValue\nFilename\ts1.fastq.gz\nTotal Sequences\t100\nSequence length\t50\n%GC\t40\n>>END_MODULE\n";

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "gwt-hostile-"));
}

/** A FastQC zip whose fastqc_data.txt is `n` bytes (a valid report padded with spaces: compresses ~1000x). */
function bomb(n: number): Uint8Array {
  const body = new Uint8Array(n).fill(32);
  body.set(Buffer.from(FASTQC), 0);
  return zipSync({ "b_fastqc/fastqc_data.txt": [body, { level: 9 }] });
}

/** The same zip with the member's declared (uncompressed) size rewritten to `size` in both headers. */
function lyingSize(zip: Uint8Array, size: number): Uint8Array {
  const b = Buffer.from(zip);
  b.writeUInt32LE(size, 22); // local header
  const cd = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  b.writeUInt32LE(size, cd + 24); // central directory
  return b;
}

test("a symlink to /dev/zero in a QC folder is skipped as a device, not read", () => {
  const dir = tmp();
  try {
    writeFileSync(join(dir, "s1_fastqc_data.txt"), FASTQC);
    symlinkSync("/dev/zero", join(dir, "zero_fastqc_data.txt"));
    const res = collectQc(dir);
    const zero = res.report.files.find((f) => f.file.endsWith("zero_fastqc_data.txt"));
    assert.equal(zero?.status, "skipped");
    assert.match(zero?.reason ?? "", /not a regular file \(character device\)/);
    assert.equal(res.report.parsed, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a FIFO (and a symlink to it) is listed and skipped without opening (opening would block)", () => {
  const dir = tmp();
  try {
    execFileSync("mkfifo", [join(dir, "pipe_fastqc_data.txt")]);
    symlinkSync(join(dir, "pipe_fastqc_data.txt"), join(dir, "link_fastqc_data.txt"));
    writeFileSync(join(dir, "s1_fastqc_data.txt"), FASTQC);
    assert.equal(listFiles(dir).length, 3, "the FIFO is listed (so it is reported), not dropped");
    const res = collectQc(dir);
    const fifo = res.report.files.filter((f) => /pipe|link/.test(f.file));
    assert.equal(fifo.length, 2);
    for (const f of fifo) {
      assert.equal(f.status, "skipped");
      assert.match(f.reason ?? "", /not a regular file \(FIFO\): not opened/);
    }
    assert.equal(res.report.parsed, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a FastQC zip whose member inflates beyond maxInflatedBytes is skipped with the cap in the reason", () => {
  const dir = tmp();
  try {
    writeFileSync(join(dir, "bomb_fastqc.zip"), bomb(4 << 20));
    writeFileSync(join(dir, "s1_fastqc_data.txt"), FASTQC);
    const capped = collectFile(join(dir, "bomb_fastqc.zip"), { maxInflatedBytes: 1 << 20 });
    assert.equal(capped.report.status, "skipped");
    assert.match(capped.report.reason ?? "", /inflates beyond 1048576 bytes \(declares 4194304/);
    // under the default cap (256 MiB) the same file parses
    assert.equal(collectFile(join(dir, "bomb_fastqc.zip")).report.status, "parsed");
    const res = collectQc(dir, { maxInflatedBytes: 1 << 20 });
    assert.deepEqual([res.report.parsed, res.report.skipped, res.report.failed], [1, 1, 0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a zip member that declares a small size but inflates further is never inflated past the declared size", () => {
  const z = lyingSize(bomb(4 << 20), 300);
  assert.throws(() => fastqcDataFromZip(z, "liar_fastqc.zip", 1 << 20), (e: unknown) => e instanceof GwtInputError && !(e instanceof GwtLimitError) && /inflates past its declared 300 bytes/.test(String(e)));
  // a lying size above the cap is refused before inflating
  assert.throws(() => fastqcDataFromZip(lyingSize(bomb(64 << 10), 2 << 20), "big_fastqc.zip", 1 << 20), GwtLimitError);
});
