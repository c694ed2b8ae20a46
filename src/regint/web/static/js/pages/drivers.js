import { h, fmt, figure, mountPage, select } from "../dash.js";
import { lineChart, heatmap } from "../charts.js";

const LABELS = { people: "People", water_energy: "Water and energy", connectivity: "Connectivity",
  security: "Security", institutions: "Institutions" };

function controls(data, change) {
  const c = data.choices;
  return [
    select("Dimension", "dimension", c.dimensions.map((d) => ({ value: d, label: LABELS[d] || d })), data.params.dimension, change),
    select("Region", "region", c.regions, data.params.region, change),
  ];
}

function drawIndicator(el, meta, rows) {
  if (!rows.some((r) => r.value !== null)) {
    el.append(h("p", {}, "No values: the sources do not cover this region (see the table's notes)."));
    return;
  }
  if (rows[0].partner !== null && rows[0].partner !== undefined) {
    const years = [...new Set(rows.filter((r) => r.value !== null).map((r) => r.year))];
    const year = Math.max(...years);
    const cells = rows.filter((r) => r.year === year);
    heatmap(el, { rows: [...new Set(cells.map((r) => r.country))], cols: [...new Set(cells.map((r) => r.partner))],
      values: new Map(cells.map((r) => [`${r.country}|${r.partner}`, r.value])), label: `${meta.title}, ${year}`,
      caption: `${year}`, valueFormat: (v) => fmt(v, 3) });
    return;
  }
  const names = [...new Set(rows.map((r) => r.country))];
  lineChart(el, { series: names.map((n) => ({ name: n, points: rows.filter((r) => r.country === n)
    .map((r) => ({ x: r.year, y: r.value, tip: `${n} ${r.year}: ${fmt(r.value, 4)}${r.note ? `\n${r.note}` : ""}` })) })),
    label: `${meta.title} over time` });
}

mountPage({
  page: "drivers",
  controls,
  render: (data, view) => {
    const series = data.tables.series.rows;
    view.append(h("div", { class: "grid" }, data.tables.indicators.rows.map((meta) => figure(data, {
      table: "series",
      title: meta.title,
      caption: `${meta.unit}; ${meta.direction}.`,
      rows: series.filter((r) => r.indicator === meta.id),
      draw: (el) => drawIndicator(el, meta, series.filter((r) => r.indicator === meta.id)),
    }))));
    view.append(figure(data, { table: "indicators", title: "Indicators of this dimension",
      caption: "Definitions, units and citations." }));
  },
});
