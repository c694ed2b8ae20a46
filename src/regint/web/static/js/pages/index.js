import { fmt, figure, mountPage, select, range } from "../dash.js";
import { lineChart, intervals, heatmap, stackedBars } from "../charts.js";

function controls(data, change) {
  const c = data.choices;
  return [
    select("Grouping", "region", c.regions, data.params.region, change),
    range("Year", "year", c.years, c.year, change),
  ];
}

mountPage({
  page: "index",
  controls,
  render: (data, view) => {
    const c = data.choices;
    const region = data.tables.region.rows;
    view.append(figure(data, {
      table: "region",
      title: "The region's score over time",
      caption: "Score 0-100 with its 5-95% interval over the Monte Carlo of methods and weights.",
      draw: (el) => lineChart(el, { series: [{ name: data.params.region, points: region.map((r) => ({ x: r.year, y: r.score, lo: r.lower, hi: r.upper,
        tip: `${r.year}: ${fmt(r.score, 3)} (${fmt(r.lower, 3)} to ${fmt(r.upper, 3)})` })) }], label: "Index score of the region over time", yZero: true }),
    }));
    const states = data.tables.states.rows.filter((r) => r.year === c.year);
    view.append(figure(data, {
      table: "states",
      title: `Each state's score in ${c.year}`,
      caption: "Dots are scores, bars the 5-95% intervals; ranks in the table.",
      draw: (el) => intervals(el, { rows: states.map((r) => ({ label: r.country, value: r.score, lo: r.lower, hi: r.upper,
        tip: `${r.country} ${c.year}: ${fmt(r.score, 3)} (${fmt(r.lower, 3)} to ${fmt(r.upper, 3)}), rank ${r.rank_median}` })),
        label: `Index scores of the states in ${c.year}` }),
    }));
    const dims = data.tables.dimensions.rows;
    view.append(figure(data, {
      table: "dimensions",
      title: `Dimension profile in ${c.year}`,
      caption: "Each state's score on each dimension of the index (0-100).",
      draw: (el) => heatmap(el, { rows: [...new Set(dims.map((r) => r.country))], cols: [...new Set(dims.map((r) => r.dimension))],
        values: new Map(dims.map((r) => [`${r.country}|${r.dimension}`, r.score])), label: `Dimension profile in ${c.year}`, valueFormat: (v) => fmt(v, 3) }),
    }));
    const sens = data.tables.sensitivity.rows.filter((r) => r.target === "region");
    const last = Math.max(...sens.map((r) => r.year));
    const rows = sens.filter((r) => r.year === last);
    view.append(figure(data, {
      table: "sensitivity",
      title: `Which choices move the region's score (${last})`,
      caption: "Sobol indices: first order (the choice alone) and the rest of the total effect (with interactions); small negative estimates are sampling noise, drawn as 0 (the table has them).",
      draw: (el) => stackedBars(el, { rows: rows.map((r) => ({ label: r.factor, parts: [
        { key: "first order", value: Math.max(0, r.S1), tip: `${r.factor}: S1 ${fmt(r.S1, 3)} ± ${fmt(r.S1_conf, 2)}` },
        { key: "interactions", value: Math.max(0, r.ST - r.S1), tip: `${r.factor}: ST ${fmt(r.ST, 3)} ± ${fmt(r.ST_conf, 2)}` }] })),
        keys: ["first order", "interactions"], label: "Sobol sensitivity of the region's score", labelWidth: 180, valueFormat: (v) => fmt(v, 2) }),
    }));
    view.append(figure(data, { table: "weights", title: "Weights", caption: "Nominal and effective weight of each indicator." }));
  },
});
