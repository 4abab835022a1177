/**
 * The join's key matching, in DuckDB (hash joins, linear in rows): each QC row takes the first of its
 * candidate names that is some task's candidate; each task then takes the first of its candidates that
 * a QC row resolved to. Candidates come from ./sampleNames.ts, best first.
 */
import { openDuckdb } from "../traces/duckdb";

/** Per task and per QC row: the index of the chosen candidate, or -1 (no match). */
interface ResolvedKeys {
  readonly task: Int32Array;
  readonly qc: Int32Array;
}

async function load(con: Awaited<ReturnType<typeof openDuckdb>>, table: string, cands: ReadonlyArray<readonly string[]>): Promise<void> {
  await con.run(`CREATE TABLE ${table} (i INTEGER, prio INTEGER, key VARCHAR)`);
  const app = await con.createAppender(table);
  cands.forEach((list, i) => {
    list.forEach((key, p) => {
      app.appendInteger(i);
      app.appendInteger(p);
      app.appendVarchar(key);
      app.endRow();
    });
  });
  app.closeSync();
}

/**
 * Match candidate keys. `taskCands[i]` and `qcCands[j]` are candidate names, best first.
 * @example await resolveKeys([["S1"]], [["S1_1", "S1"]]) // { task: [0], qc: [1] }
 */
export async function resolveKeys(taskCands: ReadonlyArray<readonly string[]>, qcCands: ReadonlyArray<readonly string[]>): Promise<ResolvedKeys> {
  const con = await openDuckdb({ threads: 1 });
  try {
    await load(con, "tc", taskCands);
    await load(con, "qc", qcCands);
    await con.run(`CREATE TABLE tkeys AS SELECT DISTINCT key FROM tc`);
    await con.run(`CREATE TABLE qres AS SELECT i, min(prio) AS prio FROM qc SEMI JOIN tkeys USING (key) GROUP BY i`);
    await con.run(`CREATE TABLE skeys AS SELECT DISTINCT qc.key FROM qc JOIN qres USING (i, prio)`);
    await con.run(`CREATE TABLE tres AS SELECT i, min(prio) AS prio FROM tc SEMI JOIN skeys USING (key) GROUP BY i`);
    const task = new Int32Array(taskCands.length).fill(-1);
    const qc = new Int32Array(qcCands.length).fill(-1);
    for (const [name, out] of [["tres", task], ["qres", qc]] as const) {
      const r = await con.runAndReadAll(`SELECT i, prio FROM ${name}`);
      const cols = r.getColumns();
      const is = cols[0] ?? [];
      const ps = cols[1] ?? [];
      for (let k = 0; k < is.length; k++) out[Number(is[k])] = Number(ps[k]);
    }
    return { task, qc };
  } finally {
    con.closeSync();
  }
}
