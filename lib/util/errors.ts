/**
 * One error type for input problems, so callers can tell "your file is bad" (GwtInputError, with
 * file and line) from a bug. "Nothing found" is a separate class: an empty directory is not malformed.
 */
export class GwtInputError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  constructor(message: string, where: { file?: string; line?: number; field?: string } = {}) {
    const loc = [where.file, where.line !== undefined ? `line ${where.line}` : undefined, where.field ? `field '${where.field}'` : undefined]
      .filter((s): s is string => s !== undefined)
      .join(", ");
    super(loc ? `${loc}: ${message}` : message);
    this.name = "GwtInputError";
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
  }
}

/**
 * An input left alone on purpose because it would cost too much or cannot be read safely (a zip member
 * inflating beyond its cap, a device or FIFO): batch work reports it as skipped with this message.
 */
export class GwtLimitError extends GwtInputError {
  constructor(message: string, where: { file?: string; line?: number; field?: string } = {}) {
    super(message, where);
    this.name = "GwtLimitError";
  }
}

/** Raised when a search finds no usable input at all (distinct from malformed input). */
export class NoInputFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoInputFoundError";
  }
}

/** Raised when a dataset cannot be found locally nor downloaded. */
export class DatasetUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatasetUnavailableError";
  }
}

/** Message of an unknown thrown value. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
