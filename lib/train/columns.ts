/**
 * Growable columns for what the join keeps of a million task rows, without an object per row: an object
 * with a dozen fields, its boxed numbers and its strings cost ~400 bytes a row, and a name cut from a chunk
 * of trace text keeps that whole chunk alive (V8 sliced strings), so a million pending tasks held the
 * whole trace text besides. Here a number costs 9 bytes and a name its characters plus 4 bytes.
 */

/** Numbers or undefined (undefined is kept as a flag, apart from the value: NaN stays NaN). */
export class NumberColumn {
  private values = new Float64Array(1024);
  private defined = new Uint8Array(1024);
  private n = 0;

  get length(): number {
    return this.n;
  }

  push(v: number | undefined): void {
    if (this.n === this.values.length) {
      this.values = grown(this.values, new Float64Array(2 * this.n));
      this.defined = grown(this.defined, new Uint8Array(2 * this.n));
    }
    this.values[this.n] = v ?? 0;
    this.defined[this.n] = v === undefined ? 0 : 1;
    this.n++;
  }

  get(i: number): number | undefined {
    return this.defined[i] === 1 ? this.values[i] : undefined;
  }
}

/** Small non-negative integers (ids of interned values). */
export class IntColumn {
  private values = new Int32Array(1024);
  private n = 0;

  get length(): number {
    return this.n;
  }

  push(v: number): void {
    if (this.n === this.values.length) this.values = grown(this.values, new Int32Array(2 * this.n));
    this.values[this.n++] = v;
  }

  get(i: number): number {
    return this.values[i] as number;
  }
}

/**
 * Strings, stored a batch at a time as one flat string (`join` copies the characters: no row keeps the
 * text it was cut from) plus each row's end offset in its batch.
 */
export class StringColumn {
  static readonly BATCH = 4096;
  private readonly batches: string[] = [];
  private open: string[] = [];
  private readonly ends = new IntColumn();

  get length(): number {
    return this.ends.length;
  }

  push(s: string): void {
    const k = this.open.length;
    this.ends.push((k === 0 ? 0 : this.ends.get(this.ends.length - 1)) + s.length);
    this.open.push(s);
    if (this.open.length === StringColumn.BATCH) {
      this.batches.push(this.open.join(""));
      this.open = [];
    }
  }

  get(i: number): string {
    const b = Math.floor(i / StringColumn.BATCH);
    const k = i % StringColumn.BATCH;
    if (b === this.batches.length) return this.open[k] as string;
    const start = k === 0 ? 0 : this.ends.get(i - 1);
    return (this.batches[b] as string).slice(start, this.ends.get(i));
  }
}

/** Equal values share one id (first seen, first id); `of(id)` gives the value back. */
export class Interner<T> {
  private readonly ids = new Map<T, number>();
  private readonly values: T[] = [];

  id(v: T): number {
    let k = this.ids.get(v);
    if (k === undefined) {
      k = this.values.length;
      this.values.push(v);
      this.ids.set(v, k);
    }
    return k;
  }

  of(id: number): T {
    return this.values[id] as T;
  }
}

function grown<A extends Float64Array | Uint8Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
