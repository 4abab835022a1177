/**
 * Binary min-heap of items ordered by a numeric key with a tie-break sequence number, so equal keys
 * pop in insertion order (FIFO) and every simulation is deterministic.
 */
export class MinHeap<T> {
  private keys: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  /** Insert `item` with `key`; among equal keys the earlier push pops first. */
  push(key: number, item: T): void {
    const keys = this.keys;
    const seqs = this.seqs;
    const items = this.items;
    let i = items.length;
    const seq = this.nextSeq++;
    keys.push(key);
    seqs.push(seq);
    items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p] as number;
      if (pk < key || (pk === key && (seqs[p] as number) < seq)) break;
      keys[i] = pk;
      seqs[i] = seqs[p] as number;
      items[i] = items[p] as T;
      i = p;
    }
    keys[i] = key;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Smallest key (undefined when empty). */
  peekKey(): number | undefined {
    return this.keys[0];
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Remove and return the item with the smallest key (undefined when empty). */
  pop(): T | undefined {
    const items = this.items;
    const n = items.length;
    if (n === 0) return undefined;
    const top = items[0] as T;
    const keys = this.keys;
    const seqs = this.seqs;
    const lastK = keys.pop() as number;
    const lastS = seqs.pop() as number;
    const lastI = items.pop() as T;
    const m = n - 1;
    if (m === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= m) break;
      const r = l + 1;
      let c = l;
      if (r < m && ((keys[r] as number) < (keys[l] as number) || ((keys[r] as number) === (keys[l] as number) && (seqs[r] as number) < (seqs[l] as number)))) c = r;
      const ck = keys[c] as number;
      if (lastK < ck || (lastK === ck && lastS < (seqs[c] as number))) break;
      keys[i] = ck;
      seqs[i] = seqs[c] as number;
      items[i] = items[c] as T;
      i = c;
    }
    keys[i] = lastK;
    seqs[i] = lastS;
    items[i] = lastI;
    return top;
  }
}
