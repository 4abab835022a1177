/** A figure as HTML inside a report: the plotly.js bundle once, then a div + script per figure. */
import { readFileSync } from "node:fs";
import { escapeFigure, type Figure } from "../plots/figure";
import { plotlyBundlePath } from "../plots/render";
import { jsonForScript } from "./escape";

/**
 * A <script> defining window.Plotly, emitted once per notebook (first cell). It also drains the
 * queue of figures that rendered before it, so output order never matters.
 */
export function plotlyBundleHtml(): string {
  const js = readFileSync(plotlyBundlePath(), "utf8").replace(/<\/script/gi, "<\\/script");
  return `<script data-gwt-plotly="bundle">${js}\n;(window.__gwtQueue||[]).forEach(function(f){f()});window.__gwtQueue=[];</script>`;
}

/** A div plus a script drawing the figure (strings escaped; JSON safe inside <script>). */
export function figureHtml(fig: Figure, id: string): string {
  const safe = escapeFigure(fig);
  const spec = jsonForScript({ data: safe.data, layout: safe.layout, config: { responsive: true, displaylogo: false } });
  const domId = `gwt-fig-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return (
    `<div id="${domId}" class="gwt-figure" style="width:100%;min-height:${Number(fig.layout.height ?? 450)}px"></div>` +
    `<script>(function(){var s=${spec};function draw(){window.Plotly.newPlot(${JSON.stringify(domId)},s.data,s.layout,s.config);}` +
    `if(window.Plotly){draw();}else{(window.__gwtQueue=window.__gwtQueue||[]).push(draw);}})();</script>`
  );
}
