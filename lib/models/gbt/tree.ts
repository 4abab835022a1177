/**
 * Histogram-based tree growth on a binned, column-major Uint8Array matrix (LightGBM's algorithm):
 * per-feature histograms of gradient/hessian/count, best-first (leaf-wise) growth capped by
 * numLeaves and maxDepth, the histogram subtraction trick (build the smaller child, derive the
 * larger one as parent - smaller in place), a learned default direction for missing values (bin 0),
 * and a bounded histogram pool. The hot loops allocate nothing.
 */

/** Growth limits and regularization for one tree. */
export interface GrowOptions {
  /** Max depth; <= 0 for unlimited. */
  readonly maxDepth: number;
  /** Max leaves; <= 0 for unlimited. */
  readonly numLeaves: number;
  readonly minSamplesLeaf: number;
  readonly minChildWeight: number;
  /** L2 regularization on leaf values. */
  readonly lambda: number;
  readonly minGain: number;
  /** Fraction of the allowed features tried at each node (random-forest mtry); 1 = all. */
  readonly featureFractionByNode: number;
}

/** A tree in growable form, converted to flat arrays by the caller. Leaves have feature -1. */
export interface GrownTree {
  feature: number[];
  thresholdBin: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  /** Raw leaf value -G/(H+lambda) (unscaled by learning rate); 0 for internal nodes. */
  value: number[];
  /** Gain of each split (0 for leaves), for feature importance. */
  gain: number[];
  /** Leaves and their row ranges in the caller's index array after partitioning. */
  leaves: { node: number; start: number; end: number }[];
}

import { buildSparse, denseToSparse, scanSparse, SparsePool, SparseScratch, subtractFromDense, subtractSparse, type FeatureScan, type SparseHist } from "./sparseHist";

const NO_SPLIT = -1;

interface Cand {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  c: number;
  hist: Float64Array | null;
  /** Sparse histogram (small nodes) instead of a dense one; at most one of hist / sp is set. */
  sp: SparseHist | null;
  // best split
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
}

/** Reusable tree grower: holds the binned data, scratch buffers and the histogram pool. */
export class TreeGrower {
  private readonly n: number;
  private readonly p: number;
  private readonly bins: Uint8Array;
  private readonly nBins: Int32Array;
  private readonly histOffset: Int32Array;
  private readonly histSize: number;
  private readonly scratch: Int32Array;
  private readonly rowBins: Uint8Array;
  private readonly pool: Float64Array[] = [];
  private allocated = 0;
  private readonly maxHists: number;
  private readonly featScratch: Int32Array;
  private readonly tmpHist: Float64Array;
  /** Zeroed between calls: [feature][256 bins][gradient sum, count] for constant-hessian histograms. */
  private readonly gcScratch: Float64Array;
  /** Per split: 1 where a bin goes left. */
  private readonly leftTable = new Uint8Array(256);
  /** Hessian sum of the rows of the last buildHist call with a hessian array. */
  private lastHessSum = 0;
  /** Per feature: 1 when some training row is missing (bin 0). */
  private readonly hasMissing: Uint8Array;
  /** Per feature: the bin of the value 0 (where NaN goes for a feature without missing training values). */
  private readonly zeroBin: Int32Array;
  /** Nodes of at most this many rows use sparse histograms (same results, less work per node). */
  private readonly sparseMaxRows: number;
  private readonly sparseScratch = new SparseScratch();
  private readonly sparsePool: SparsePool;
  private readonly scan: FeatureScan = { bestL: 0, binL: 0, bestR: 0, binR: 0, mc: 0 };

  /**
   * @param bins column-major binned matrix (bins[f*n+i]), n rows, p = nBins.length features
   * @param maxIndexLength the longest row-index array that will be passed to grow()
   * @param zeroBin per feature, the bin of the value 0
   * @param sparseMaxRows nodes with at most this many rows use sparse histograms (same trees, less
   *   work); default 24
   * @param histMemoryBytes budget for cached histograms (default 256 MB)
   */
  constructor(bins: Uint8Array, n: number, nBins: Int32Array, maxIndexLength: number, zeroBin: Int32Array, sparseMaxRows?: number, histMemoryBytes = 256 * 2 ** 20) {
    this.n = n;
    this.p = nBins.length;
    this.bins = bins;
    this.nBins = nBins;
    this.histOffset = new Int32Array(this.p + 1);
    for (let f = 0; f < this.p; f++) this.histOffset[f + 1] = (this.histOffset[f] as number) + ((nBins[f] as number) + 1) * 3;
    this.histSize = this.histOffset[this.p] as number;
    this.scratch = new Int32Array(maxIndexLength);
    // row-major copy for histogram building (each row's bins contiguous): n*p more bytes
    const p = this.p;
    this.rowBins = new Uint8Array(n * p);
    for (let f = 0; f < p; f++) {
      const base = f * n;
      for (let i = 0; i < n; i++) this.rowBins[i * p + f] = bins[base + i] as number;
    }
    this.maxHists = Math.max(4, Math.floor(histMemoryBytes / (this.histSize * 8)));
    this.featScratch = new Int32Array(this.p);
    this.tmpHist = new Float64Array(this.histSize);
    this.gcScratch = new Float64Array(this.p * 512);
    this.zeroBin = zeroBin;
    // 24 rows: measured on the benchmark tables (bench/models/notes.md), RF-mode gains 1.1x to 4.9x
    // with few or many bins per feature, GBT mode (nodes of >= 40 rows to split) is unchanged.
    this.sparseMaxRows = sparseMaxRows ?? 24;
    this.sparsePool = new SparsePool(this.p, this.p * (this.sparseMaxRows + 1));
    this.hasMissing = new Uint8Array(p);
    for (let f = 0; f < p; f++) {
      const base = f * n;
      for (let i = 0; i < n; i++) {
        if (bins[base + i] === 0) {
          this.hasMissing[f] = 1;
          break;
        }
      }
    }
  }

  private acquire(): Float64Array | null {
    const h = this.pool.pop();
    if (h) return h;
    if (this.allocated >= this.maxHists) return null;
    this.allocated++;
    return new Float64Array(this.histSize);
  }

  private release(h: Float64Array | null): void {
    if (h) this.pool.push(h);
  }

  /**
   * Histogram of rows idx[start..end) into hist (every entry overwritten). Row-wise over the row-major copy.
   * Constant hessian: gradient sums and counts go into the [feature][bin][g, count] scratch (fixed stride of
   * 256 bins per feature, 4 features per step), then are copied out with hessian = count. Each bin sums its
   * rows in the same order as a plain loop, so the sums are bit-identical to a straightforward accumulation.
   * Returns the rows' gradient sum (hessian sum in lastHessSum when hess is given), summed in row order.
   */
  private buildHist(hist: Float64Array, idx: Int32Array, start: number, end: number, grad: Float64Array, hess: Float64Array | null): number {
    const p = this.p | 0;
    const rb = this.rowBins;
    const hoff = this.histOffset;
    if (hess === null) {
      const s2 = this.gcScratch;
      const p4 = p - (p & 3);
      let gs = 0;
      for (let k = start; k < end; k++) {
        const r = idx[k] as number;
        const g = grad[r] as number;
        gs += g;
        const base = (r * p) | 0;
        let f = 0;
        for (; f < p4; f += 4) {
          const b = base + f;
          const o0 = (f << 9) + ((rb[b] as number) << 1);
          const o1 = ((f + 1) << 9) + ((rb[b + 1] as number) << 1);
          const o2 = ((f + 2) << 9) + ((rb[b + 2] as number) << 1);
          const o3 = ((f + 3) << 9) + ((rb[b + 3] as number) << 1);
          s2[o0] += g;
          s2[o0 + 1]++;
          s2[o1] += g;
          s2[o1 + 1]++;
          s2[o2] += g;
          s2[o2 + 1]++;
          s2[o3] += g;
          s2[o3 + 1]++;
        }
        for (; f < p; f++) {
          const o = (f << 9) + ((rb[base + f] as number) << 1);
          s2[o] += g;
          s2[o + 1]++;
        }
      }
      // copy out as [g, h = count, count] and leave the scratch zeroed for the next call
      const nBins = this.nBins;
      for (let f = 0; f < p; f++) {
        const off = hoff[f] as number;
        const so = f << 9;
        const nb = (nBins[f] as number) + 1;
        for (let b = 0; b < nb; b++) {
          const sb = so + (b << 1);
          const c = s2[sb + 1] as number;
          const hb = off + b * 3;
          hist[hb] = s2[sb] as number;
          hist[hb + 1] = c;
          hist[hb + 2] = c;
          s2[sb] = 0;
          s2[sb + 1] = 0;
        }
      }
      return gs;
    } else {
      hist.fill(0);
      let gs = 0;
      let hs = 0;
      for (let k = start; k < end; k++) {
        const r = idx[k] as number;
        const g = grad[r] as number;
        const h = hess[r] as number;
        gs += g;
        hs += h;
        const base = r * p;
        for (let f = 0; f < p; f++) {
          const o = (hoff[f] as number) + (rb[base + f] as number) * 3;
          hist[o] += g;
          hist[o + 1] += h;
          hist[o + 2]++;
        }
      }
      this.lastHessSum = hs;
      return gs;
    }
  }

  /** parent -= child, elementwise (histogram subtraction trick). */
  private subtract(parent: Float64Array, child: Float64Array): void {
    for (let i = 0; i < parent.length; i++) parent[i] = (parent[i] as number) - (child[i] as number);
  }

  /** Best split of node c from its dense `hist` or, when `sp` is given, its sparse histogram. */
  private findBest(c: Cand, hist: Float64Array | null, sp: SparseHist | null, allowed: Int32Array, nAllowed: number, o: GrowOptions, rand: () => number): void {
    c.gain = 0;
    c.feature = NO_SPLIT;
    const lam = o.lambda;
    const minLeaf = o.minSamplesLeaf;
    const minH = o.minChildWeight;
    const G = c.g;
    const H = c.h;
    const C = c.c;
    const parent = (G * G) / (H + lam);
    let best = o.minGain;
    let feats = allowed;
    let nf = nAllowed;
    if (o.featureFractionByNode < 1) {
      // partial Fisher-Yates over a copy of the allowed features
      const fs = this.featScratch;
      for (let i = 0; i < nAllowed; i++) fs[i] = allowed[i] as number;
      nf = Math.max(1, Math.round(nAllowed * o.featureFractionByNode));
      for (let i = 0; i < nf; i++) {
        const j = i + Math.floor(rand() * (nAllowed - i));
        const t = fs[i] as number;
        fs[i] = fs[j] as number;
        fs[j] = t;
      }
      feats = fs;
    }
    // LightGBM's order: thresholds with missing values on the left (or no missing values) first, a tie
    // going to the highest threshold (its reverse scan); missing-right splits replace them only when
    // strictly better, a tie going to the lowest threshold (its forward scan). Ties are common on
    // small data: every empty bin between two occupied ones gives the same partition and gain, and
    // the threshold chosen decides where unseen values in that gap go.
    const scan = this.scan;
    for (let q = 0; q < nf; q++) {
      const f = feats[q] as number;
      const nb = this.nBins[f] as number;
      if (sp !== null) scanSparse(scan, sp, f, nb, G, H, C, parent, lam, minLeaf, minH);
      else this.scanDense(scan, hist as Float64Array, f, nb, G, H, C, parent, lam, minLeaf, minH);
      const { bestL, bestR, mc } = scan;
      const useR = bestR > bestL;
      const g = useR ? bestR : bestL;
      // Across features a tie goes to the lower index (as in LightGBM). Two features that split the
      // node's rows identically have the same gain up to the order their histograms were summed in,
      // so gains within 1e-10 (relative) count as a tie.
      if (g > best + 1e-10 * Math.abs(best)) {
        best = g;
        c.gain = g;
        c.feature = f;
        c.bin = useR ? scan.binR : scan.binL;
        // Where NaN goes: learned where the node had missing values; where only other rows of the
        // feature had them, left (LightGBM's default_left from its reverse scan); where training had
        // none, with the value 0 (LightGBM reads NaN as 0 for such a feature).
        c.missingLeft = useR ? false : mc > 0 || this.hasMissing[f] === 1 ? true : (this.zeroBin[f] as number) <= c.bin;
      }
    }
  }

  /** Best missing-left and missing-right thresholds of feature f from a dense histogram. */
  private scanDense(out: FeatureScan, hist: Float64Array, f: number, nb: number, G: number, H: number, C: number, parent: number, lam: number, minLeaf: number, minH: number): void {
    const off = this.histOffset[f] as number;
    const mg = hist[off] as number;
    const mh = hist[off + 1] as number;
    const mc = hist[off + 2] as number;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    let bestL = -Infinity; // missing-left (or no-missing) candidates
    let binL = 0;
    let bestR = -Infinity; // missing-right candidates
    let binR = 0;
    const last = mc > 0 ? nb : nb - 1;
    for (let t = 1; t <= last; t++) {
      const bo = off + t * 3;
      gl += hist[bo] as number;
      hl += hist[bo + 1] as number;
      cl += hist[bo + 2] as number;
      if (mc > 0) {
        // missing goes right
        const gr = G - gl;
        const hr = H - hl;
        const cr = C - cl;
        if (cl >= minLeaf && cr >= minLeaf && hl >= minH && hr >= minH) {
          const gain = (gl * gl) / (hl + lam) + (gr * gr) / (hr + lam) - parent;
          if (gain > bestR) {
            bestR = gain;
            binR = t;
          }
        }
        if (t >= nb) continue;
      }
      // missing (if any) goes left
      const gl2 = gl + mg;
      const hl2 = hl + mh;
      const cl2 = cl + mc;
      const gr = G - gl2;
      const hr = H - hl2;
      const cr = C - cl2;
      if (cl2 >= minLeaf && cr >= minLeaf && hl2 >= minH && hr >= minH) {
        const gain = (gl2 * gl2) / (hl2 + lam) + (gr * gr) / (hr + lam) - parent;
        if (gain >= bestL) {
          bestL = gain;
          binL = t;
        }
      }
    }
    out.bestL = bestL;
    out.binL = binL;
    out.bestR = bestR;
    out.binR = binR;
    out.mc = mc;
  }

  /**
   * Stable in-place partition of idx[start..end) by the candidate's split; returns the boundary.
   * Branch-free: a 256-entry table says which bins go left, every row is written to both the left
   * cursor (idx) and the right cursor (scratch), and only the matching cursor advances.
   */
  private partition(idx: Int32Array, c: Cand): number {
    const base = c.feature * this.n;
    const nb = this.nBins[c.feature] as number;
    const lt = this.leftTable;
    lt[0] = c.missingLeft ? 1 : 0;
    for (let b = 1; b <= nb; b++) lt[b] = b <= c.bin ? 1 : 0;
    const bins = this.bins;
    const sc = this.scratch;
    let w = c.start;
    let r = 0;
    const end = c.end;
    for (let k = c.start; k < end; k++) {
      const row = idx[k] as number;
      const l = lt[bins[base + row] as number] as number;
      idx[w] = row;
      sc[r] = row;
      w += l;
      r += 1 - l;
    }
    for (let k = 0; k < r; k++) idx[w + k] = sc[k] as number;
    return w;
  }

  /**
   * Grow one tree on rows idx[0..m) (duplicates allowed, e.g. a bootstrap), partitioning idx in place.
   * @param hess null for a constant hessian of 1 (squared error)
   * @param allowed features this tree may split on (per-tree column sampling)
   */
  grow(idx: Int32Array, m: number, grad: Float64Array, hess: Float64Array | null, allowed: Int32Array, o: GrowOptions, rand: () => number): GrownTree {
    const tree: GrownTree = { feature: [], thresholdBin: [], missingLeft: [], left: [], right: [], value: [], gain: [], leaves: [] };
    const lam = o.lambda;
    const addNode = (g: number, h: number): number => {
      tree.feature.push(NO_SPLIT);
      tree.thresholdBin.push(0);
      tree.missingLeft.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(h + lam > 0 ? -g / (h + lam) : 0);
      tree.gain.push(0);
      return tree.feature.length - 1;
    };
    let G = 0;
    let H = 0;
    for (let k = 0; k < m; k++) {
      const r = idx[k] as number;
      G += grad[r] as number;
      H += hess === null ? 1 : (hess[r] as number);
    }
    const root: Cand = { node: addNode(G, H), start: 0, end: m, depth: 0, g: G, h: H, c: m, hist: null, sp: null, gain: 0, feature: NO_SPLIT, bin: 0, missingLeft: false };
    const maxDepth = o.maxDepth > 0 ? o.maxDepth : Infinity;
    const maxLeaves = o.numLeaves > 0 ? o.numLeaves : Infinity;
    const canSplit = (c: Cand): boolean => c.depth < maxDepth && c.c >= 2 * o.minSamplesLeaf && c.c >= 2;
    // max-heap of candidates by gain
    const heap: Cand[] = [];
    const push = (c: Cand): void => {
      heap.push(c);
      let i = heap.length - 1;
      while (i > 0) {
        const pi = (i - 1) >> 1;
        if ((heap[pi] as Cand).gain >= c.gain) break;
        heap[i] = heap[pi] as Cand;
        i = pi;
      }
      heap[i] = c;
    };
    const pop = (): Cand => {
      const top = heap[0] as Cand;
      const lastC = heap.pop() as Cand;
      if (heap.length > 0) {
        let i = 0;
        const len = heap.length;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= len) break;
          const r = l + 1;
          const ch = r < len && (heap[r] as Cand).gain > (heap[l] as Cand).gain ? r : l;
          if ((heap[ch] as Cand).gain <= lastC.gain) break;
          heap[i] = heap[ch] as Cand;
          i = ch;
        }
        heap[i] = lastC;
      }
      return top;
    };
    const leaves: Cand[] = [];
    // Sparse pays where small nodes are themselves split (forests, small min leaf). With min 20 rows
    // per leaf a node of <= 24 rows is a leaf, and building only its subtraction histogram sparse
    // measured up to 10% slower on small tables, so such trees stay dense.
    const sparseMax = 2 * o.minSamplesLeaf <= this.sparseMaxRows ? this.sparseMaxRows : 0;
    const consider = (c: Cand): void => {
      if (canSplit(c)) {
        if (c.hist !== null && c.c <= sparseMax) {
          // a small node that inherited a dense histogram (parent - sibling): go sparse from here on
          c.sp = denseToSparse(c.hist, this.histOffset, this.nBins, this.sparsePool);
          this.release(c.hist);
          c.hist = null;
        }
        if (c.sp === null && c.hist === null) {
          if (c.c <= sparseMax) c.sp = buildSparse(this.bins, this.n, this.nBins, idx, c.start, c.end, grad, hess, this.sparseScratch, this.sparsePool).hist;
          else {
            c.hist = this.acquire();
            if (c.hist === null) {
              // pool exhausted: use a temporary buffer, do not keep it
              const tmp = this.tmpHist;
              this.buildHist(tmp, idx, c.start, c.end, grad, hess);
              this.findBest(c, tmp, null, allowed, allowed.length, o, rand);
            } else this.buildHist(c.hist, idx, c.start, c.end, grad, hess);
          }
        }
        if (c.sp !== null) this.findBest(c, null, c.sp, allowed, allowed.length, o, rand);
        else if (c.hist !== null) this.findBest(c, c.hist, null, allowed, allowed.length, o, rand);
        if (c.feature !== NO_SPLIT) {
          push(c);
          return;
        }
      }
      this.release(c.hist);
      this.sparsePool.release(c.sp);
      c.hist = null;
      c.sp = null;
      leaves.push(c);
    };
    consider(root);
    let nLeaves = 1;
    while (heap.length > 0 && nLeaves < maxLeaves) {
      const c = pop();
      const mid = this.partition(idx, c);
      const nd = c.node;
      tree.feature[nd] = c.feature;
      tree.thresholdBin[nd] = c.bin;
      tree.missingLeft[nd] = c.missingLeft ? 1 : 0;
      tree.gain[nd] = c.gain;
      tree.value[nd] = 0;
      // child sums over the smaller side's rows; when that side's histogram is built (subtraction trick:
      // the larger = parent - smaller, in the parent's buffer), buildHist returns them from the same pass
      const leftSmaller = mid - c.start <= c.end - mid;
      const sStart = leftSmaller ? c.start : mid;
      const sEnd = leftSmaller ? mid : c.end;
      const sc = sEnd - sStart;
      const childDepth = c.depth + 1;
      const childCanSplit = (cnt: number): boolean => childDepth < maxDepth && cnt >= 2 * o.minSamplesLeaf && cnt >= 2;
      let sg = 0;
      let sh = 0;
      let smallHist: Float64Array | null = null;
      let largeHist: Float64Array | null = null;
      let smallSp: SparseHist | null = null;
      let largeSp: SparseHist | null = null;
      if ((c.hist !== null || c.sp !== null) && childCanSplit(c.c - sc)) {
        if (c.sp !== null || sc <= sparseMax) {
          // the smaller child's sparse histogram; the larger = parent - smaller (sparse or dense)
          const b = buildSparse(this.bins, this.n, this.nBins, idx, sStart, sEnd, grad, hess, this.sparseScratch, this.sparsePool);
          sg = b.gs;
          sh = hess === null ? sc : b.hs;
          if (c.sp !== null) {
            subtractSparse(c.sp, b.hist);
            largeSp = c.sp;
          } else {
            subtractFromDense(c.hist as Float64Array, this.histOffset, b.hist);
            largeHist = c.hist;
          }
          if (childCanSplit(sc)) smallSp = b.hist;
          else this.sparsePool.release(b.hist);
        } else {
          const sh2 = childCanSplit(sc) ? this.acquire() : null;
          const tmp = sh2 ?? this.tmpHist;
          sg = this.buildHist(tmp, idx, sStart, sEnd, grad, hess);
          sh = hess === null ? sc : this.lastHessSum;
          const ph = c.hist as Float64Array;
          this.subtract(ph, tmp);
          largeHist = ph;
          smallHist = sh2;
        }
        c.hist = null;
        c.sp = null;
      } else {
        for (let k = sStart; k < sEnd; k++) {
          const r = idx[k] as number;
          sg += grad[r] as number;
          sh += hess === null ? 1 : (hess[r] as number);
        }
        this.release(c.hist);
        this.sparsePool.release(c.sp);
        c.hist = null;
        c.sp = null;
      }
      const lg = leftSmaller ? sg : c.g - sg;
      const lh = leftSmaller ? sh : c.h - sh;
      const lc = leftSmaller ? sc : c.c - sc;
      const L: Cand = { node: addNode(lg, lh), start: c.start, end: mid, depth: childDepth, g: lg, h: lh, c: lc, hist: leftSmaller ? smallHist : largeHist, sp: leftSmaller ? smallSp : largeSp, gain: 0, feature: NO_SPLIT, bin: 0, missingLeft: false };
      const R: Cand = { node: addNode(c.g - lg, c.h - lh), start: mid, end: c.end, depth: childDepth, g: c.g - lg, h: c.h - lh, c: c.c - lc, hist: leftSmaller ? largeHist : smallHist, sp: leftSmaller ? largeSp : smallSp, gain: 0, feature: NO_SPLIT, bin: 0, missingLeft: false };
      tree.left[nd] = L.node;
      tree.right[nd] = R.node;
      consider(L);
      consider(R);
      nLeaves++;
    }
    for (const c of heap) {
      this.release(c.hist);
      this.sparsePool.release(c.sp);
      c.hist = null;
      c.sp = null;
      leaves.push(c);
    }
    for (const c of leaves) tree.leaves.push({ node: c.node, start: c.start, end: c.end });
    return tree;
  }
}
