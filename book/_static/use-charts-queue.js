/* Union State Explained: let text paint before charts.
   Each figure's inline script calls Plotly.newPlot while the page is still being parsed, but the
   plotly bundle is loaded with `defer` (it runs after parsing). Until it arrives, Plotly.newPlot
   only notes the call; use-site.js (also deferred, after the bundle) draws the noted charts. */
window.useChartQueue = [];
window.Plotly = {
  newPlot: function () {
    window.useChartQueue.push(Array.prototype.slice.call(arguments));
    return Promise.resolve();
  },
};
