/** A CLI subcommand: a thin shell over one library call (vega-lite style). */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Returns the process exit code. Errors go to stderr; results to stdout or --out. */
  run(argv: readonly string[]): Promise<number>;
}

/** Parsed `--flag value` / `--flag` / positional arguments. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

/** Minimal argv parser: `--k v`, `--k=v`, bare `--k` (boolean when followed by another flag or nothing). */
export function parseArgs(argv: readonly string[], booleanFlags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else {
        const key = a.slice(2);
        const next = argv[i + 1];
        if (!booleanFlags.includes(key) && next !== undefined && !next.startsWith("--")) {
          flags.set(key, next);
          i++;
        } else flags.set(key, true);
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

/** A string flag's value, or undefined. */
export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : undefined;
}
