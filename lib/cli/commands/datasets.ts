import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ORIGINS } from "../../data/origins";
import { mirrorRoot, projectRoot } from "../../data/paths";
import { type DatasetRegistry, loadRegistry } from "../../data/registry";
import { resolveFiles } from "../../data/resolve";
import { scanDataset } from "../../data/scanMirror";
import { type Command, flagString, parseArgs } from "../command";

/** `gwtime datasets list|scan|fetch`: inspect, rebuild or prefetch the pinned public datasets. */
export const datasetsCommand: Command = {
  name: "datasets",
  summary: "list the pinned public datasets, fetch them into the cache, or rebuild the registry from a mirror",
  usage: "gwtime datasets list | fetch <id> [--verify] | scan [--mirror DIR]",
  async run(argv) {
    const args = parseArgs(argv, ["verify"]);
    const sub = args.positional[0] ?? "list";
    if (sub === "list") {
      for (const d of loadRegistry().datasets) {
        const bytes = d.files.reduce((s, f) => s + f.bytes, 0);
        process.stdout.write(`${d.id}\t${d.files.length} files\t${(bytes / 1e6).toFixed(1)} MB\t${d.repo}@${d.commit.slice(0, 7)}\t${d.title}\n`);
      }
      return 0;
    }
    if (sub === "fetch") {
      const id = args.positional[1];
      if (!id) throw new Error("usage: gwtime datasets fetch <id>");
      const files = await resolveFiles(id, () => true, { verify: args.flags.has("verify") });
      for (const f of files) process.stdout.write(`${f.source}\t${f.verified ? "verified" : "unverified"}\t${f.localPath}\n`);
      return 0;
    }
    if (sub === "scan") {
      const mirror = flagString(args, "mirror") ?? mirrorRoot();
      if (!mirror) throw new Error("no mirror folder: pass --mirror DIR or set GWT_DATA_MIRROR");
      const datasets = [];
      for (const o of ORIGINS) datasets.push(await scanDataset(mirror, o));
      const reg: DatasetRegistry = { schemaVersion: 1, datasets };
      const out = join(projectRoot(), "data", "datasets.json");
      writeFileSync(out, `${JSON.stringify(reg, null, 1)}\n`);
      process.stdout.write(`wrote ${out}: ${datasets.map((d) => `${d.id} (${d.files.length})`).join(", ")}\n`);
      return 0;
    }
    throw new Error(`unknown subcommand '${sub}'. ${this.usage}`);
  },
};
