
/** Path of the plotly.js bundle shipped in node_modules (no CDN: reports work offline). */
export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}
