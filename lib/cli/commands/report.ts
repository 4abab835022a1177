import { readdirSync } from "node:fs";
import { join } from "node:path";
import { exportStaticFigures } from "../../plots/export";
import { checkReport } from "../../report/check";
import { terminalSafe as shown } from "../../util/safeText";
import { type Command, parseArgs } from "../command";

/** `gwtime report check <html...>` and `gwtime report export-figures <dir>`. */
export const reportCommand: Command = {
  name: "report",
  summary: "check HTML reports in headless Chromium (every figure drawn), or export figure JSON to SVG/PNG",
  usage: "gwtime report check <report.html|dir>... | export-figures <figures-dir>",
  async run(argv) {
    const args = parseArgs(argv);
    const [sub, ...rest] = args.positional;
    if (sub === "check") {
      const files = rest.flatMap((p) => (p.endsWith(".html") ? [p] : readdirSync(p).filter((f) => f.endsWith(".html")).sort().map((f) => join(p, f))));
      if (files.length === 0) throw new Error("no HTML reports given");
      let bad = 0;
      for (const f of files) {
        const r = await checkReport(f);
        if (r.skipped) {
          process.stderr.write(`${shown(f)}: ${shown(r.skipped)}\n`);
          continue;
        }
        const ok = r.empty.length === 0 && r.plotlyBundles <= 1 && (r.figures === 0 || r.plotlyBundles === 1);
        if (!ok) bad++;
        process.stdout.write(`${ok ? "ok  " : "FAIL"} ${shown(f)}: ${r.drawn}/${r.figures} figures drawn, plotly.js embedded ${r.plotlyBundles}x${r.empty.length ? `; empty: ${shown(r.empty.join(", "))}` : ""}${r.consoleErrors.length ? `; console errors: ${shown(r.consoleErrors.slice(0, 3).join(" | "))}` : ""}\n`);
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
