/**
 * MultiQC custom content: `gwtime_mqc.json` (a table section: per sample and step the predicted time,
 * interval, limit, tail probability, queue bin, tier and missing features) and
 * `gwtime_generalstats_mqc.json` (General Statistics columns: summed predicted time, largest bin).
 * Sample names are gwtime's, which follow MultiQC's cleaning so rows join the other modules' rows.
 */
import { basename } from "node:path";
import type { ExportBatch } from "./predictions";

/** The files of a MultiQC export: name -> content. */
type MultiqcFiles = Readonly<Record<"gwtime_mqc.json" | "gwtime_generalstats_mqc.json", string>>;

const html = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const round = (v: number, d = 1): number => Number(v.toFixed(d));

type Cell = number | string;

/** Both custom-content files; JSON.stringify escapes every string, the description is HTML-escaped. */
export function multiqcFiles(batch: ExportBatch): MultiqcFiles {
  const data: Record<string, Record<string, Cell>> = {};
  const headers: Record<string, Record<string, unknown>> = {};
  const row = (sample: string): Record<string, Cell> => {
    if (!Object.prototype.hasOwnProperty.call(data, sample)) data[sample] = {};
    return data[sample] as Record<string, Cell>;
  };
  for (const s of batch.steps) {
    const k = (c: string): string => `${s.step}_${c}`;
    const cov = Math.round(s.coverage * 100);
    headers[k("predicted_s")] = { title: `${s.step}: predicted (s)`, description: `${s.step}: predicted ${s.target.name} (${s.target.unit}); model ${basename(s.modelFile)} sha256 ${s.modelSha256}`, format: "{:,.1f}" };
    headers[k("interval_s")] = { title: `${s.step}: ${cov}% interval (s)`, description: `split-conformal ${cov}% interval, nominal coverage ${s.coverage}` };
    headers[k("limit_s")] = { title: `${s.step}: limit q${batch.quantile} (s)`, description: `${batch.quantile} upper quantile used as the time limit`, format: "{:,.0f}" };
    headers[k("p_tail")] = { title: `${s.step}: P(tail)`, description: s.tailK === null ? "no tail model" : `P(run > ${s.tailK} x median of comparable runs)`, min: 0, max: 1, format: "{:,.3f}" };
    headers[k("bin")] = { title: `${s.step}: queue bin`, description: `smallest bin covering the limit (${batch.bins.map((b) => `${b.name} <= ${b.limitS} s`).join(", ")})` };
    headers[k("tier")] = { title: `${s.step}: tier`, description: "complete: every model feature in the sample's QC; partial: some missing (the model treats them as missing)" };
    headers[k("missing_features")] = { title: `${s.step}: missing features`, description: "model features absent from the sample's QC", format: "{:,.0f}" };
    for (const x of s.samples) {
      const r = row(x.sample);
      r[k("predicted_s")] = round(x.predictedS);
      r[k("interval_s")] = `${round(x.lowerS)}-${round(x.upperS)}`;
      r[k("limit_s")] = Math.ceil(x.limitS);
      if (x.tailProbability !== null) r[k("p_tail")] = round(x.tailProbability, 3);
      r[k("bin")] = x.bin ?? "over every bin";
      r[k("tier")] = x.tier;
      r[k("missing_features")] = x.missingFeatures.length;
    }
  }
  const sha = batch.steps.map((s) => `${s.step}: ${basename(s.modelFile)} sha256 ${s.modelSha256}`).join("; ");
  const description = html(`Predicted run time per step from gwtime ${batch.gwtimeVersion} models (${sha}). Limits are the ${batch.quantile} upper quantile; bins: ${batch.bins.map((b) => b.name).join(", ")}.${batch.leftOut.length > 0 ? ` ${batch.leftOut.length} item(s) left out (see gwtime export's stderr).` : ""}`);
  const table = { id: "gwtime", section_name: "gwtime run-time predictions", description, plot_type: "table", pconfig: { id: "gwtime_table", title: "gwtime: predicted run time per step", namespace: "gwtime" }, headers, data };
  const general: Record<string, Record<string, Cell>> = {};
  const order = new Map(batch.bins.map((b, i) => [b.name, i]));
  for (const s of batch.steps)
    for (const x of s.samples) {
      const g = (general[x.sample] ??= { gwtime_predicted_total_s: 0, gwtime_bin: batch.bins[0]?.name ?? "" });
      g.gwtime_predicted_total_s = round((g.gwtime_predicted_total_s as number) + x.predictedS);
      const cur = order.get(g.gwtime_bin as string) ?? Infinity;
      const mine = x.bin === null ? Infinity : (order.get(x.bin) as number);
      if (mine > cur || x.bin === null) g.gwtime_bin = x.bin ?? "over every bin";
    }
  const gs = {
    id: "gwtime_general",
    plot_type: "generalstats",
    pconfig: [
      { gwtime_predicted_total_s: { title: "Pred. time (s)", description: `gwtime: summed predicted ${batch.steps[0]?.target.name ?? "time"} over ${batch.steps.map((s) => s.step).join(", ")}`, format: "{:,.0f}", namespace: "gwtime" } },
      { gwtime_bin: { title: "Queue bin", description: "gwtime: largest queue bin any step of the sample needs", namespace: "gwtime" } },
    ],
    data: general,
  };
  return { "gwtime_mqc.json": `${JSON.stringify(table, null, 1)}\n`, "gwtime_generalstats_mqc.json": `${JSON.stringify(gs, null, 1)}\n` };
}
