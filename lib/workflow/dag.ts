/**
 * A workflow's dependency graph between steps (rules / processes), and what follows from it for
 * prediction: which steps have finished when a given step starts. A step starts only after all its
 * ancestors have finished; its siblings and descendants may not have run yet, so their outputs are
 * never known when it starts.
 */
export interface WorkflowDag {
  /** Name for messages, e.g. "harness/Snakefile". */
  readonly name: string;
  /** Every step, in a topological order. */
  readonly steps: readonly string[];
  /** Edges parent -> child: the child consumes an output of the parent. */
  readonly edges: ReadonlyArray<readonly [string, string]>;
}

/** Build a DAG from edges; throws naming the cycle's step when the edges are not acyclic. */
export function makeDag(name: string, edges: ReadonlyArray<readonly [string, string]>, extraSteps: readonly string[] = []): WorkflowDag {
  const nodes = new Set<string>(extraSteps);
  for (const [a, b] of edges) { nodes.add(a); nodes.add(b); }
  const indeg = new Map<string, number>([...nodes].map((n) => [n, 0]));
  for (const [, b] of edges) indeg.set(b, (indeg.get(b) ?? 0) + 1);
  const ready = [...nodes].filter((n) => indeg.get(n) === 0).sort();
  const order: string[] = [];
  while (ready.length) {
    const n = ready.shift()!;
    order.push(n);
    for (const [a, b] of edges) {
      if (a !== n) continue;
      indeg.set(b, indeg.get(b)! - 1);
      if (indeg.get(b) === 0) { ready.push(b); ready.sort(); }
    }
  }
  if (order.length !== nodes.size) {
    const stuck = [...nodes].filter((n) => !order.includes(n)).sort();
    throw new Error(`${name}: the dependency graph has a cycle through ${stuck.join(", ")}`);
  }
  return { name, steps: order, edges: edges.map(([a, b]) => [a, b] as const) };
}

/** Steps that must have finished before `step` starts (transitive parents), excluding `step`. */
export function ancestors(dag: WorkflowDag, step: string): Set<string> {
  if (!dag.steps.includes(step)) throw new Error(`${dag.name}: unknown step '${step}'; steps: ${dag.steps.join(", ")}`);
  const out = new Set<string>();
  const stack = [step];
  while (stack.length) {
    const s = stack.pop()!;
    for (const [a, b] of dag.edges) if (b === s && !out.has(a)) { out.add(a); stack.push(a); }
  }
  return out;
}

/**
 * Parse the edges of a Graphviz DOT rule graph as Snakemake prints it (`snakemake --rulegraph`):
 * `N[label = "rule"]` nodes and `A -> B` edges. Returns [parentRule, childRule] pairs.
 */
export function parseRuleGraphDot(dot: string): Array<[string, string]> {
  const label = new Map<string, string>();
  for (const m of dot.matchAll(/^\s*(\d+)\s*\[\s*label\s*=\s*"([^"]*)"/gm)) label.set(m[1]!, m[2]!);
  const edges: Array<[string, string]> = [];
  for (const m of dot.matchAll(/^\s*(\d+)\s*->\s*(\d+)/gm)) {
    const a = label.get(m[1]!), b = label.get(m[2]!);
    if (a === undefined || b === undefined) throw new Error(`rule graph: edge ${m[1]} -> ${m[2]} names a node without a label`);
    edges.push([a, b]);
  }
  if (!label.size) throw new Error("rule graph: no labelled node found (is this `snakemake --rulegraph` output?)");
  return edges;
}
