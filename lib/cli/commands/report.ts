import { readdirSync } from "node:fs";
import { join } from "node:path";
import { exportStaticFigures } from "../../plots/export";
import { checkReports, reportProblems } from "../../report/check";
import { terminalSafe as shown } from "../../util/safeText";
import { type Command, parseArgs } from "../command";

/** `gwtime report check <html...>` and `gwtime report export-figures <dir>`. */
export const reportCommand: Command = {
  name: "report",
  summary: "check HTML reports in headless Chromium: every figure drawn, no page or console errors, no script from the content ran and no markup that could run it; exit 1 on a failure and when nothing was checked (no Chromium, no reports) unless --allow-skip; or export figure JSON to SVG/PNG",
  usage: "gwtime report check <report.html|dir>... [--allow-skip] | export-figures <figures-dir>",
  async run(argv) {
    const args = parseArgs(argv, ["allow-skip"]);
    const [sub, ...rest] = args.positional;
    if (sub === "check") {
      const allowSkip = args.flags.has("allow-skip");
      const files = rest.flatMap((p) => (p.endsWith(".html") ? [p] : readdirSync(p).filter((f) => f.endsWith(".html")).sort().map((f) => join(p, f))));
      if (files.length === 0) {
        if (!allowSkip) throw new Error(`no HTML reports in ${rest.length ? shown(rest.join(", ")) : "(no paths given)"}: nothing checked (--allow-skip accepts that)`);
        process.stderr.write(`gwtime report check: no HTML reports in ${shown(rest.join(", "))}: nothing checked (--allow-skip)\n`);
        return 0;
      }
      const results = await checkReports(files);
      let bad = 0;
      let skipped = 0;
      for (const r of results) {
        if (r.skipped) {
          skipped++;
          process.stderr.write(`SKIP ${shown(r.file)}: ${shown(r.skipped)}\n`);
          continue;
        }
        const problems = reportProblems(r);
        if (problems.length) bad++;
        process.stdout.write(`${problems.length ? "FAIL" : "ok  "} ${shown(r.file)}: ${r.drawn}/${r.figures} figures drawn, plotly.js embedded ${r.plotlyBundles}x${problems.length ? `; ${shown(problems.join("; "))}` : ""}\n`);
      }
      if (skipped > 0) {
        process.stderr.write(`gwtime report check: ${skipped} of ${files.length} report(s) NOT checked${allowSkip ? " (--allow-skip)" : "; exit 1 (--allow-skip accepts that)"}\n`);
        if (!allowSkip) return 1;
      }
      return bad === 0 ? 0 : 1;
    }
    if (sub === "export-figures") {
      const dir = rest[0];
      if (!dir) throw new Error(this.usage);
      const r = await exportStaticFigures(dir);
      if (r.skipped) process.stderr.write(`${shown(r.skipped)}\n`);
      else process.stdout.write(`exported ${r.written.length} static figure files under ${shown(dir)}\n`);
      for (const f of r.failed) process.stderr.write(`  failed: ${shown(f.file)}: ${shown(f.reason)}\n`);
      return r.failed.length ? 1 : 0;
    }
    throw new Error(this.usage);
  },
};
