import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { sha256File } from "../util/hash";
import type { Dataset, DatasetFile } from "./registry";

/** Declared origin of each mirror folder (README of ../shared/datasets). */
export interface DatasetOrigin {
  readonly id: string;
  readonly title: string;
  readonly repo: string;
  readonly commit: string;
  readonly licence: string;
  readonly mirrorDir: string;
  /** Map a path in the mirror folder to the upstream repository path. */
  readonly upstream: (path: string) => string;
  /** Which mirror files belong to this dataset (default: all). */
  readonly include?: (path: string) => boolean;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/** Build a registry entry by hashing every file of one mirror folder. Used by `gwtime datasets scan`. */
export async function scanDataset(mirror: string, origin: DatasetOrigin): Promise<Dataset> {
  const root = join(mirror, origin.mirrorDir);
  const files: DatasetFile[] = [];
  for (const p of walk(root)) {
    const path = relative(root, p).split("\\").join("/");
    if (path === "COMMIT" || (origin.include && !origin.include(path))) continue;
    files.push({ path, upstreamPath: origin.upstream(path), sha256: await sha256File(p), bytes: statSync(p).size });
  }
  const { upstream: _u, include: _i, ...meta } = origin;
  return { ...meta, files };
}
