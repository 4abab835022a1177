import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { escapeFigure, type Figure } from "./figure";

/** Key-sorted JSON so the same figure always gives the same bytes. */
export function stableStringify(value: unknown, indent = 1): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as Record<string, unknown>).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = sort(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value), null, indent);
}

/** Write a figure as plotly JSON (escaped, deterministic). Returns the path. */
export function writeFigureJson(fig: Figure, path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  const safe = escapeFigure(fig);
  writeFileSync(path, `${stableStringify({ data: safe.data, layout: safe.layout })}\n`);
  return path;
}
