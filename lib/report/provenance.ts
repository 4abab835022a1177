import { execFileSync } from "node:child_process";
import { projectRoot } from "../data/paths";
import type { ResolvedFile } from "../data/resolve";
import { VERSION } from "../version";

/** One input a report used: a pinned public file or a file this project generated. */
export interface DatasetUse {
  readonly dataset: string;
  readonly path: string;
  readonly sha256: string;
  /** Where it was read from (mirror/cache/download/explicit/project). */
  readonly source: string;
  readonly url?: string;
}

/** What a cited report carries so a reader can tell exactly what produced it. */
export interface Provenance {
  readonly gwtimeVersion: string;
  readonly gitCommit: string;
  readonly gitDirty: boolean;
  readonly generatedAt: string;
  readonly node: string;
  readonly smoke: boolean;
  readonly datasets: DatasetUse[];
}

/** Current git commit (and whether the tree has uncommitted changes); "unknown" outside a checkout. */
export function gitState(cwd = projectRoot()): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const status = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: "unknown", dirty: false };
  }
}

/** Record of a pinned public file's use. */
export function useOfResolved(r: ResolvedFile): DatasetUse {
  return { dataset: r.dataset, path: r.path, sha256: r.sha256, source: r.source, url: r.url };
}

export function makeProvenance(datasets: readonly DatasetUse[], smoke: boolean, now: Date = new Date()): Provenance {
  const g = gitState();
  const seen = new Set<string>();
  const uniq = datasets.filter((d) => {
    const k = `${d.dataset}/${d.path}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return {
    gwtimeVersion: VERSION,
    gitCommit: g.commit,
    gitDirty: g.dirty,
    generatedAt: now.toISOString(),
    node: process.version,
    smoke,
    datasets: uniq.sort((a, b) => (a.dataset + a.path).localeCompare(b.dataset + b.path)),
  };
}
