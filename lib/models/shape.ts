/**
 * Validation helpers used when rebuilding models from plain JSON: every field is checked for type
 * and shape before it becomes a typed array, so a tampered file fails loudly instead of predicting
 * garbage. Nothing here evaluates code.
 */

/** A model file's content does not have the expected shape. */
export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelFormatError";
  }
}

/** The value as a plain object, or throw naming `what`. */
export function obj(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new ModelFormatError(`${what} must be an object`);
  return v as Record<string, unknown>;
}

/** A finite number field. */
export function num(o: Record<string, unknown>, key: string, what: string, opts: { int?: boolean; min?: number; max?: number } = {}): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ModelFormatError(`${what}.${key} must be a finite number`);
  if (opts.int && !Number.isInteger(v)) throw new ModelFormatError(`${what}.${key} must be an integer`);
  if (opts.min !== undefined && v < opts.min) throw new ModelFormatError(`${what}.${key} must be >= ${opts.min}`);
  if (opts.max !== undefined && v > opts.max) throw new ModelFormatError(`${what}.${key} must be <= ${opts.max}`);
  return v;
}

/** A string field (optionally from a fixed set). */
export function str<T extends string>(o: Record<string, unknown>, key: string, what: string, allowed?: readonly T[]): T {
  const v = o[key];
  if (typeof v !== "string") throw new ModelFormatError(`${what}.${key} must be a string`);
  if (allowed && !allowed.includes(v as T)) throw new ModelFormatError(`${what}.${key} must be one of ${allowed.join(", ")} (got '${v}')`);
  return v as T;
}

/** An array of finite numbers (optionally of a given length / integer / range). */
export function numArray(o: Record<string, unknown>, key: string, what: string, opts: { length?: number; int?: boolean; min?: number; max?: number } = {}): number[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new ModelFormatError(`${what}.${key} must be an array of numbers`);
  if (opts.length !== undefined && v.length !== opts.length) throw new ModelFormatError(`${what}.${key} has ${v.length} values, expected ${opts.length}`);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== "number" || !Number.isFinite(x)) throw new ModelFormatError(`${what}.${key}[${i}] must be a finite number`);
    if (opts.int && !Number.isInteger(x)) throw new ModelFormatError(`${what}.${key}[${i}] must be an integer`);
    if (opts.min !== undefined && x < opts.min) throw new ModelFormatError(`${what}.${key}[${i}] must be >= ${opts.min}`);
    if (opts.max !== undefined && x > opts.max) throw new ModelFormatError(`${what}.${key}[${i}] must be <= ${opts.max}`);
  }
  return v as number[];
}

/** Typed array → plain array for JSON. */
export const plain = (a: ArrayLike<number>): number[] => Array.from(a);
