/* Union State Explained: let text paint before charts.
   Each figure's inline script calls Plotly.newPlot while the page is still being parsed, but the
   plotly bundle (window.useChartBundle, set just before this script) is not loaded yet: use-site.js
   loads it when a chart is needed. Until then Plotly.newPlot only notes the call. */
window.useChartQueue = [];
window.Plotly = {
  newPlot: function () {
    window.useChartQueue.push(Array.prototype.slice.call(arguments));
    return Promise.resolve();
  },
};
