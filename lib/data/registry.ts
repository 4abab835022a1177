import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./paths";

/** One file of a public dataset, pinned by checksum. */
export interface DatasetFile {
  /** Path relative to the dataset's folder (same layout in the mirror and the download cache). */
  readonly path: string;
  /** Path inside the upstream repository at `commit`. */
  readonly upstreamPath: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** A public dataset: where it comes from (repo @ commit) and every file's checksum. */
export interface Dataset {
  readonly id: string;
  readonly title: string;
  readonly repo: string;
  readonly commit: string;
  readonly licence: string;
  /** Folder name under the mirror root (e.g. `galaxy-main`). */
  readonly mirrorDir: string;
  readonly files: readonly DatasetFile[];
}

export interface DatasetRegistry {
  readonly schemaVersion: 1;
  readonly datasets: readonly Dataset[];
}

/** Raw-file URL for one upstream file, pinned to the dataset's commit. */
export function fileUrl(ds: Dataset, file: DatasetFile): string {
  return `https://raw.githubusercontent.com/${ds.repo}/${ds.commit}/${file.upstreamPath.split("/").map(encodeURIComponent).join("/")}`;
}

let cached: DatasetRegistry | undefined;

/** The registry shipped in `data/datasets.json` (declared data, not code). */
export function loadRegistry(path = join(projectRoot(), "data", "datasets.json")): DatasetRegistry {
  if (cached && path === join(projectRoot(), "data", "datasets.json")) return cached;
  const reg = JSON.parse(readFileSync(path, "utf8")) as DatasetRegistry;
  if (reg.schemaVersion !== 1) throw new Error(`${path}: unsupported dataset registry schemaVersion ${String(reg.schemaVersion)}`);
  cached = reg;
  return reg;
}

export function getDataset(id: string, reg: DatasetRegistry = loadRegistry()): Dataset {
  const ds = reg.datasets.find((d) => d.id === id);
  if (!ds) throw new Error(`unknown dataset '${id}'; known: ${reg.datasets.map((d) => d.id).join(", ")}`);
  return ds;
}
