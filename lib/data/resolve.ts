import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { DatasetUnavailableError } from "../util/errors";
import { sha256, sha256File } from "../util/hash";
import { cacheRoot, mirrorRoot } from "./paths";
import { type Dataset, type DatasetFile, fileUrl, getDataset } from "./registry";

export interface ResolveOptions {
  /** Explicit local file: wins over everything else. */
  readonly path?: string;
  /** Check the sha256 of a mirror/cache file (downloads are always checked). */
  readonly verify?: boolean;
  /** Allow a network download when the file is not local (default: `GWT_OFFLINE` unset). */
  readonly download?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

/** Where a resolved file came from: cited in report provenance. */
export interface ResolvedFile {
  readonly dataset: string;
  readonly path: string;
  readonly localPath: string;
  readonly source: "explicit" | "mirror" | "cache" | "download";
  readonly sha256: string;
  readonly verified: boolean;
  readonly url: string;
}

const verifiedCache = new Map<string, string>();

async function verifiedSha(localPath: string): Promise<string> {
  const st = statSync(localPath);
  const key = `${localPath}:${st.size}:${st.mtimeMs}`;
  const hit = verifiedCache.get(key);
  if (hit) return hit;
  const h = await sha256File(localPath);
  verifiedCache.set(key, h);
  return h;
}

function findFile(ds: Dataset, path: string): DatasetFile {
  const f = ds.files.find((x) => x.path === path);
  if (!f) throw new DatasetUnavailableError(`dataset '${ds.id}' has no file '${path}' in data/datasets.json`);
  return f;
}

/**
 * Resolve one dataset file to a local path. Order: explicit path, mirror folder
 * (`GWT_DATA_MIRROR`, default ../shared/datasets), cache (`data/external/`), then download.
 */
export async function resolveFile(datasetId: string, path: string, opts: ResolveOptions = {}): Promise<ResolvedFile> {
  const env = opts.env ?? process.env;
  const ds = getDataset(datasetId);
  const file = findFile(ds, path);
  const url = fileUrl(ds, file);
  const base = { dataset: ds.id, path, sha256: file.sha256, url };

  const check = async (localPath: string, source: ResolvedFile["source"], verify: boolean): Promise<ResolvedFile> => {
    if (verify) {
      const got = await verifiedSha(localPath);
      if (got !== file.sha256) {
        throw new DatasetUnavailableError(`${localPath}: sha256 ${got} does not match the pinned ${file.sha256} for ${ds.id}/${path} (${url})`);
      }
    }
    return { ...base, localPath, source, verified: verify };
  };

  if (opts.path) return check(opts.path, "explicit", opts.verify ?? false);
  const mirror = mirrorRoot(env);
  if (mirror) {
    const p = join(mirror, ds.mirrorDir, path);
    if (existsSync(p)) return check(p, "mirror", opts.verify ?? false);
  }
  const cached = join(cacheRoot(env), ds.mirrorDir, path);
  if (existsSync(cached)) return check(cached, "cache", opts.verify ?? false);

  const allowDownload = opts.download ?? !env["GWT_OFFLINE"];
  const how =
    `Supply it with GWT_DATA_MIRROR=<folder holding ${ds.mirrorDir}/${path}>, or place the file at ${cached}, ` +
    `or download it from ${url} (sha256 ${file.sha256}).`;
  if (!allowDownload) throw new DatasetUnavailableError(`dataset '${ds.id}' file '${path}' is not available offline. ${how}`);
  let bytes: Uint8Array;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw new DatasetUnavailableError(`dataset '${ds.id}' file '${path}': download from ${url} failed (${e instanceof Error ? e.message : String(e)}). ${how}`);
  }
  const got = sha256(bytes);
  if (got !== file.sha256) throw new DatasetUnavailableError(`${url}: downloaded sha256 ${got} != pinned ${file.sha256}`);
  mkdirSync(dirname(cached), { recursive: true });
  writeFileSync(`${cached}.part`, bytes);
  renameSync(`${cached}.part`, cached);
  return { ...base, localPath: cached, source: "download", verified: true };
}

/** Resolve every file of a dataset whose path matches `filter`. */
export async function resolveFiles(datasetId: string, filter: (path: string) => boolean = () => true, opts: ResolveOptions = {}): Promise<ResolvedFile[]> {
  const ds = getDataset(datasetId);
  const out: ResolvedFile[] = [];
  for (const f of ds.files) if (filter(f.path)) out.push(await resolveFile(datasetId, f.path, opts));
  return out;
}

/** Where a loader records the pinned files it used (a notebook's provenance: `NotebookContext.used`). */
export interface FileUseRecorder {
  used(files: readonly ResolvedFile[]): void;
}
