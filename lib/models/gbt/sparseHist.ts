/**
 * Sparse histograms for small nodes: per feature only the bins that hold something, in ascending bin
 * order. A node of m rows touches at most m bins per feature, while a dense histogram costs every bin
 * of every feature to fill, scan and subtract, which dominated deep random-forest trees (min 1 row
 * per leaf) on small tables.
 *
 * Exactness: every operation gives the same floating-point numbers as its dense counterpart. Built
 * bins sum their rows in row order; subtraction keeps every parent entry, including bins whose count
 * drops to 0 but whose gradient sum keeps a rounding residue (the dense histogram keeps it too); a
 * bin absent here is exactly 0 there, and adding 0 leaves a running sum unchanged. The split scan
 * (`scanSparse`) evaluates, for each stretch of thresholds between two stored bins, the one threshold
 * the dense scan would keep under its tie rules, with the same sums.
 */

/** One node's sparse histogram: entries of feature f are [off[f], off[f+1]); buffers hold `cap` entries. */
export interface SparseHist {
  readonly off: Int32Array;
  readonly bin: Uint8Array;
  readonly g: Float64Array;
  readonly h: Float64Array;
  readonly c: Float64Array;
  readonly cap: number;
}

/** Reusable sparse histograms (a node's buffers go back when it is split or becomes a leaf). */
export class SparsePool {
  private readonly free: SparseHist[] = [];
  constructor(private readonly p: number, private readonly minCap: number) {}

  /** A buffer with room for at least `entries` entries. */
  acquire(entries: number): SparseHist {
    for (let i = this.free.length - 1; i >= 0; i--) {
      const h = this.free[i] as SparseHist;
      if (h.cap >= entries) {
        this.free[i] = this.free[this.free.length - 1] as SparseHist;
        this.free.pop();
        return h;
      }
    }
    const cap = Math.max(entries, this.minCap);
    return { off: new Int32Array(this.p + 1), bin: new Uint8Array(cap), g: new Float64Array(cap), h: new Float64Array(cap), c: new Float64Array(cap), cap };
  }

  release(h: SparseHist | null): void {
    if (h) this.free.push(h);
  }
}

/** Reusable per-bin accumulators (256 bins) and the list of touched bins. */
export class SparseScratch {
  readonly g = new Float64Array(256);
  readonly h = new Float64Array(256);
  readonly c = new Float64Array(256);
  readonly touched = new Uint8Array(256);
}

/** Sort a[0..n) ascending (n <= 256; insertion sort: the lists are short). */
function sortBins(a: Uint8Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= 0 && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
}

/**
 * Sparse histogram of rows idx[start..end) over the column-major bins (bins[f*n + row]).
 * Returns it with the rows' gradient and hessian sums (in row order, as TreeGrower.buildHist).
 */
export function buildSparse(bins: Uint8Array, n: number, nBins: Int32Array, idx: Int32Array, start: number, end: number, grad: Float64Array, hess: Float64Array | null, s: SparseScratch, pool: SparsePool): { hist: SparseHist; gs: number; hs: number } {
  const p = nBins.length;
  const m = end - start;
  let cap = 0;
  for (let f = 0; f < p; f++) cap += Math.min(m, (nBins[f] as number) + 1);
  const hist = pool.acquire(cap);
  const { off, bin: ob, g: og, h: oh, c: oc } = hist;
  off[0] = 0;
  const { g: sg, h: sh, c: scnt, touched } = s;
  let e = 0;
  for (let f = 0; f < p; f++) {
    const base = f * n;
    let u = 0;
    for (let k = start; k < end; k++) {
      const r = idx[k] as number;
      const b = bins[base + r] as number;
      if (scnt[b] === 0) touched[u++] = b;
      sg[b] = (sg[b] as number) + (grad[r] as number);
      sh[b] = (sh[b] as number) + (hess === null ? 1 : (hess[r] as number));
      scnt[b] = (scnt[b] as number) + 1;
    }
    sortBins(touched, u);
    for (let q = 0; q < u; q++) {
      const b = touched[q] as number;
      ob[e] = b;
      og[e] = sg[b] as number;
      oh[e] = sh[b] as number;
      oc[e] = scnt[b] as number;
      sg[b] = 0;
      sh[b] = 0;
      scnt[b] = 0;
      e++;
    }
    off[f + 1] = e;
  }
  let gs = 0;
  let hs = 0;
  for (let k = start; k < end; k++) {
    const r = idx[k] as number;
    gs += grad[r] as number;
    hs += hess === null ? 1 : (hess[r] as number);
  }
  return { hist, gs, hs };
}

/** parent -= child, entry by entry, in place (the child's bins are a subset of the parent's). */
export function subtractSparse(parent: SparseHist, child: SparseHist): void {
  const p = parent.off.length - 1;
  for (let f = 0; f < p; f++) {
    let e = parent.off[f] as number;
    for (let q = child.off[f] as number; q < (child.off[f + 1] as number); q++) {
      const b = child.bin[q] as number;
      while (parent.bin[e] !== b) e++; // entries the child lacks stay as they are (dense: x - 0 = x)
      parent.g[e] = (parent.g[e] as number) - (child.g[q] as number);
      parent.h[e] = (parent.h[e] as number) - (child.h[q] as number);
      parent.c[e] = (parent.c[e] as number) - (child.c[q] as number);
      e++;
    }
  }
}

/** dense -= sparse, in place (a dense histogram is [g, h, c] per bin at histOffset[f] + 3 * bin). */
export function subtractFromDense(dense: Float64Array, histOffset: Int32Array, child: SparseHist): void {
  const p = histOffset.length - 1;
  for (let f = 0; f < p; f++) {
    const base = histOffset[f] as number;
    for (let e = child.off[f] as number; e < (child.off[f + 1] as number); e++) {
      const o = base + 3 * (child.bin[e] as number);
      dense[o] = (dense[o] as number) - (child.g[e] as number);
      dense[o + 1] = (dense[o + 1] as number) - (child.h[e] as number);
      dense[o + 2] = (dense[o + 2] as number) - (child.c[e] as number);
    }
  }
}

/** The entries of a dense histogram that are not all zero (residues with count 0 included). */
export function denseToSparse(dense: Float64Array, histOffset: Int32Array, nBins: Int32Array, pool: SparsePool): SparseHist {
  const p = nBins.length;
  let E = 0;
  for (let f = 0; f < p; f++) {
    const base = histOffset[f] as number;
    for (let b = 0; b <= (nBins[f] as number); b++) {
      const o = base + 3 * b;
      if (dense[o] !== 0 || dense[o + 1] !== 0 || dense[o + 2] !== 0) E++;
    }
  }
  const out = pool.acquire(E);
  const { off, bin, g, h, c } = out;
  off[0] = 0;
  let e = 0;
  for (let f = 0; f < p; f++) {
    const base = histOffset[f] as number;
    for (let b = 0; b <= (nBins[f] as number); b++) {
      const o = base + 3 * b;
      if (dense[o] !== 0 || dense[o + 1] !== 0 || dense[o + 2] !== 0) {
        bin[e] = b;
        g[e] = dense[o] as number;
        h[e] = dense[o + 1] as number;
        c[e] = dense[o + 2] as number;
        e++;
      }
    }
    off[f + 1] = e;
  }
  return out;
}

/** A feature's best thresholds: missing-left (or no missing) and missing-right, as in the dense scan. */
export interface FeatureScan {
  bestL: number;
  binL: number;
  bestR: number;
  binR: number;
  /** Rows of the node with the feature missing. */
  mc: number;
}

/**
 * The dense scan of TreeGrower.findBest over one feature's sparse entries. Between two stored bins the
 * running sums, and so the gains, are constant: the dense scan keeps the highest such threshold for a
 * missing-left split (ties to the highest) and the lowest for a missing-right one (ties to the lowest).
 */
export function scanSparse(out: FeatureScan, H: SparseHist, f: number, nb: number, G: number, Hs: number, C: number, parent: number, lam: number, minLeaf: number, minH: number): void {
  let e = H.off[f] as number;
  const eEnd = H.off[f + 1] as number;
  let mg = 0;
  let mh = 0;
  let mc = 0;
  if (e < eEnd && H.bin[e] === 0) {
    mg = H.g[e] as number;
    mh = H.h[e] as number;
    mc = H.c[e] as number;
    e++;
  }
  let gl = 0;
  let hl = 0;
  let cl = 0;
  let bestL = -Infinity;
  let binL = 0;
  let bestR = -Infinity;
  let binR = 0;
  let lo = 1; // first threshold of the current stretch
  for (;;) {
    const hi = e < eEnd ? (H.bin[e] as number) - 1 : nb; // last threshold before the next stored bin
    if (lo <= hi) {
      if (mc > 0) {
        const gr = G - gl;
        const hr = Hs - hl;
        const cr = C - cl;
        if (cl >= minLeaf && cr >= minLeaf && hl >= minH && hr >= minH) {
          const gain = (gl * gl) / (hl + lam) + (gr * gr) / (hr + lam) - parent;
          if (gain > bestR) {
            bestR = gain;
            binR = lo;
          }
        }
      }
      const tL = hi < nb - 1 ? hi : nb - 1;
      if (lo <= tL) {
        const gl2 = gl + mg;
        const hl2 = hl + mh;
        const cl2 = cl + mc;
        const gr = G - gl2;
        const hr = Hs - hl2;
        const cr = C - cl2;
        if (cl2 >= minLeaf && cr >= minLeaf && hl2 >= minH && hr >= minH) {
          const gain = (gl2 * gl2) / (hl2 + lam) + (gr * gr) / (hr + lam) - parent;
          if (gain >= bestL) {
            bestL = gain;
            binL = tL;
          }
        }
      }
    }
    if (e >= eEnd) break;
    lo = H.bin[e] as number;
    gl += H.g[e] as number;
    hl += H.h[e] as number;
    cl += H.c[e] as number;
    e++;
  }
  out.bestL = bestL;
  out.binL = binL;
  out.bestR = bestR;
  out.binR = binR;
  out.mc = mc;
}
