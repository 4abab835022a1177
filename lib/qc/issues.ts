/**
 * Field-level issues of a QC file that still parses: a value no tool can write (a negative count, a
 * number beyond the double range) is left missing and reported with its line and field, never
 * stored as a number (the trace readers do the same for their cells). Pure helpers.
 */
import { cell, cellProblem } from "./text";
import type { Cell, QcIssue } from "./types";

export type { QcIssue };

/** A 1-based line number, or a function giving it (computed only when an issue is recorded). */
type Line = number | (() => number);

/** How a value is checked: `count` = a count, length, size or percentage (never negative). */
type ValueRule = "any" | "count";

/** Collects issues while a parser reads values; `num`/`cell` return null for a refused value. */
export class IssueSink {
  readonly issues: QcIssue[] = [];

  /** Record an issue (`line` may be a function: line numbers are then found only when there is an issue). */
  add(field: string, raw: unknown, reason: string, line?: Line): void {
    const at = typeof line === "function" ? line() : line;
    this.issues.push({ ...(at !== undefined ? { line: at } : {}), field, value: String(raw).slice(0, 60), reason });
  }

  /**
   * A metrics cell (`cell`), with non-finite numbers and (rule `count`) negative numbers refused:
   * null and an issue. Missing markers ("?", "NaN", "") stay plain nulls, text stays text.
   */
  cell(raw: string | undefined, field: string, line: Line | undefined, rule: ValueRule = "any"): Cell {
    const v = cell(raw);
    if (v === null) {
      const why = cellProblem(raw);
      if (why) this.add(field, raw, why, line);
      return null;
    }
    if (rule === "count" && typeof v === "number" && v < 0) {
      this.add(field, raw, "negative value where only 0 or more is possible", line);
      return null;
    }
    return v;
  }

  /** `cell` for a value that must be numeric: text → null (no issue: the parsers treat it as missing). */
  num(raw: string | undefined, field: string, line: Line | undefined, rule: ValueRule = "any"): number | null {
    const v = this.cell(raw, field, line, rule);
    return typeof v === "number" ? v : null;
  }

  /** A JSON value (already parsed): non-finite (JSON.parse turns 1e309 into Infinity) or negative (`count`) → null + issue. */
  json(v: unknown, field: string, rule: ValueRule = "any"): number | null {
    if (typeof v !== "number") return null;
    if (!Number.isFinite(v)) {
      this.add(field, v, "not a finite number (beyond the double range)");
      return null;
    }
    if (rule === "count" && v < 0) {
      this.add(field, v, "negative value where only 0 or more is possible");
      return null;
    }
    return v;
  }

  /** The issues as a record field (absent when there are none, so clean records look as before). */
  field(): { issues?: readonly QcIssue[] } {
    return this.issues.length > 0 ? { issues: this.issues } : {};
  }
}
