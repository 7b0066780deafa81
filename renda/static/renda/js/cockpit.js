/* The cockpit's charts: drawn with the vendored Apache ECharts from the data the page passes
   in a json_script block; a click on a bar, point or slice opens the list it summarises. */
(function () {
  "use strict";
  var source = document.getElementById("cockpit-data");
  if (!source || !window.echarts) return;
  var charts = JSON.parse(source.textContent);
  var palette = ["#1d3557", "#9e1b20", "#2a9d8f", "#e9a23b", "#6c757d", "#457b9d", "#8d5a97", "#52796f"];
  var drawn = [];

  function option(c) {
    var base = { color: palette, tooltip: { trigger: c.kind === "pie" ? "item" : "axis" }, animation: false };
    if (c.series.length > 1) base.legend = { top: 0 };
    if (c.kind === "pie") {
      base.series = [{
        type: "pie", radius: ["35%", "65%"], top: 10,
        label: { formatter: "{b}: {c}" },
        data: c.categories.map(function (name, i) { return { name: name, value: c.series[0].values[i] }; })
      }];
      return base;
    }
    var horizontal = c.kind === "hbar";
    var category = { type: "category", data: c.categories, axisLabel: { interval: 0, width: horizontal ? 120 : 60, overflow: "truncate" } };
    if (horizontal) { category.inverse = true; }
    var value = { type: "value" };
    base.grid = { left: 8, right: 16, top: c.series.length > 1 ? 30 : 10, bottom: 8, containLabel: true };
    base.xAxis = horizontal ? value : category;
    base.yAxis = horizontal ? category : value;
    if (!horizontal && c.categories.length > 6) category.axisLabel.rotate = 40;
    base.series = c.series.map(function (s) {
      return { type: c.kind === "line" ? "line" : "bar", name: s.name, data: s.values };
    });
    return base;
  }

  charts.forEach(function (c) {
    var el = document.getElementById("chart-" + c.slug);
    if (!el) return;
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option(c));
    el.setAttribute("data-drawn", "1");
    chart.on("click", function (params) {
      var url = c.urls[params.dataIndex];
      if (url) window.location.href = url;
    });
    if (c.urls.some(function (u) { return u; })) el.style.cursor = "pointer";
    drawn.push(chart);
  });
  window.addEventListener("resize", function () { drawn.forEach(function (ch) { ch.resize(); }); });
})();
