/**
 * Output injection (issue #19): input-derived names reach CSV cells neutralised (OWASP: leading `'`,
 * `--raw-csv` to opt out) and terminals with control characters made visible, through the built CLI.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";

const BIN = join(__dirname, "main.js");
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, GWT_CHROMIUM: "/nonexistent" } });
const ESC = "\u001b";
const OSC = `${ESC}]0;pwned\u0007`;
/** No raw control character but newline/tab/CR (the progress bar's `\r`) may reach the terminal. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const fastqc = (filename: string, total = 100) =>
  `##FastQC\t0.11.9\n>>Basic Statistics\tpass\n#Measure\tValue\nFilename\t${filename}\nTotal Sequences\t${total}\nSequence length\t50\n%GC\t40\n>>END_MODULE\n`;

test("qc: formula-like sample names are neutralised in --out .csv (raw with --raw-csv); ESC/OSC in names never reach stderr", () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-inject-"));
  try {
    const names = ["=1+1", '=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3"];
    names.forEach((n, i) => writeFileSync(join(dir, `s${i}_fastqc_data.txt`), fastqc(n)));
    writeFileSync(join(dir, `bad${OSC}_fastqc_data.txt`), "##FastQC\t0.11.9\n>>Basic Statistics\tpass\n"); // fails: names the file
    const out = join(dir, "m.csv");
    const r = run("qc", dir, "--out", out);
    assert.equal(r.status, 1, `the bad file fails, so qc exits 1 (the table of the others is written):\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, CONTROL);
    assert.match(r.stderr, /bad\\x1b\]0;pwned\\x07_fastqc_data\.txt/, "the bad file is named, escaped");
    const csv = readFileSync(out, "utf8");
    for (const n of ["'=1+1", "'+cmd|' /C calc'!A0", "'@SUM(A1:A9)", "'-2+3"]) assert.ok(csv.includes(n), `${n} in\n${csv}`);
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil"",""x"")"`));
    assert.doesNotMatch(csv, /^=|,=|^\+|,\+|^@|,@/m);
    assert.equal(run("qc", dir, "--out", out, "--raw-csv", "--keep-going").status, 0);
    assert.match(readFileSync(out, "utf8"), /^=1\+1,/m, "--raw-csv writes names as read");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("traces: formula-like tags/processes are neutralised in CSV; an ESC in a bad cell is shown escaped", () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-inject-"));
  try {
    const f = join(dir, `trace${ESC}[2J.tsv`);
    writeFileSync(f, `task_id\thash\tprocess\ttag\tstatus\trealtime\n1\tab/12\t@SUM(A1)\t=1+1\tCOMPLETED\t1s\n2\tab/13\tBWA\t+x\tCOMPLETED\t${ESC}]0;t\u0007\n`);
    const out = join(dir, "runs.csv");
    const r = run("traces", f, "--out", out);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, CONTROL);
    assert.match(r.stderr, /trace\\x1b\[2J\.tsv/);
    assert.match(r.stderr, /cannot read '\\x1b\]0;t\\x07'/);
    const csv = readFileSync(out, "utf8");
    assert.match(csv, /,'@SUM\(A1\),/);
    assert.match(csv, /,'=1\+1,/);
    assert.match(csv, /,'\+x,/);
    const stdout = run("traces", f).stdout;
    assert.match(stdout, /,'=1\+1,/, "CSV on stdout is neutralised too");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("predict: a sample id with ESC/OSC is printed escaped in the table", () => {
  const model = join(projectRoot(), "artifacts/models/harness-bwa_mem-fastp.json");
  const dir = mkdtempSync(join(tmpdir(), "gwt-inject-"));
  try {
    const feats = JSON.parse(readFileSync(model, "utf8")).features.map((x: { name: string }) => x.name) as string[];
    const f = join(dir, "f.csv");
    writeFileSync(f, `sample,${feats.join(",")}\n"S1${OSC}${ESC}[31m",${feats.map(() => "0.5").join(",")}\n`);
    const r = run("predict", "--model", model, "--features", f);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, CONTROL);
    assert.match(r.stdout, /^S1\\x1b\]0;pwned\\x07\\x1b\[31m\t/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("report check: a report path with ESC/OSC is printed escaped (browser or not)", () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-inject-"));
  try {
    const f = join(dir, `r${OSC}.html`);
    writeFileSync(f, "<html><body>x</body></html>");
    const r = run("report", "check", f);
    assert.doesNotMatch(r.stdout + r.stderr, CONTROL);
    assert.match(r.stdout + r.stderr, /r\\x1b\]0;pwned\\x07\.html/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
