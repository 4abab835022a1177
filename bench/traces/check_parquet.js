// Parquet equality check for the DuckDB ingest: compares two Parquet files written by ingestToParquet
// (e.g. before/after a change to lib/traces/duckdb.ts). Prints row counts, per-column non-null counts,
// sums of the numeric columns and an order-independent content hash per column; exits 1 on any difference.
// Usage: node bench/traces/check_parquet.js A.parquet B.parquet
const { DuckDBInstance } = require("@duckdb/node-api");
const [a, b] = process.argv.slice(2);
const q = (s) => `'${s.replace(/'/g, "''")}'`;
(async () => {
  const con = await (await DuckDBInstance.create(":memory:")).connect();
  const cols = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${q(a)})`)).getRowObjectsJS().map((r) => [String(r.column_name), String(r.column_type)]);
  const colsB = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${q(b)})`)).getRowObjectsJS().map((r) => `${r.column_name} ${r.column_type}`);
  let bad = JSON.stringify(cols.map(([n, t]) => `${n} ${t}`)) !== JSON.stringify(colsB);
  if (bad) console.log("schema differs:", cols.map(([n, t]) => `${n} ${t}`).join(", "), "vs", colsB.join(", "));
  const id = (s) => `"${s}"`;
  const aggs = ["count(*)::VARCHAR AS rows"];
  for (const [n, t] of cols) {
    aggs.push(`count(${id(n)})::VARCHAR AS "${n}.n"`);
    if (t === "DOUBLE" || t === "BIGINT") aggs.push(`sum(${id(n)})::VARCHAR AS "${n}.sum"`);
    // order-independent multiset hash of the column's values (VARCHAR form, so MAPs are covered too)
    aggs.push(`sum(hash(${id(n)}::VARCHAR)::HUGEINT)::VARCHAR AS "${n}.hash"`);
  }
  const stat = async (f) => (await con.runAndReadAll(`SELECT ${aggs.join(", ")} FROM read_parquet(${q(f)})`)).getRowObjectsJS()[0];
  const [sa, sb] = [await stat(a), await stat(b)];
  for (const k of Object.keys(sa)) {
    // sums compare to 1e-12 relative (parallel summation order varies run to run); everything else exactly
    const same = sa[k] === sb[k] || (k.endsWith(".sum") && Math.abs(Number(sa[k]) - Number(sb[k])) <= 1e-12 * Math.abs(Number(sa[k])));
    if (!same) bad = true;
    if (!same || !k.endsWith(".hash")) console.log(`${same ? "  " : "!="} ${k}: ${sa[k]}${same ? "" : ` vs ${sb[k]}`}`);
  }
  // Whole rows as multisets (MAP → VARCHAR for comparison).
  const sel = (f) => `SELECT ${cols.map(([n, t]) => (t.startsWith("MAP") ? `${id(n)}::VARCHAR AS ${id(n)}` : id(n))).join(", ")} FROM read_parquet(${q(f)})`;
  const diff = (await con.runAndReadAll(`SELECT count(*) AS n FROM ((${sel(a)}) EXCEPT ALL (${sel(b)}))`)).getRowObjectsJS()[0].n;
  const diff2 = (await con.runAndReadAll(`SELECT count(*) AS n FROM ((${sel(b)}) EXCEPT ALL (${sel(a)}))`)).getRowObjectsJS()[0].n;
  console.log(`rows only in A: ${diff}, only in B: ${diff2}`);
  if (Number(diff) || Number(diff2)) bad = true;
  console.log(bad ? "DIFFERENT" : "EQUAL");
  process.exit(bad ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
