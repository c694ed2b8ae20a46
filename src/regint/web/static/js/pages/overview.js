import { h, fmt, pct, figure, mountPage, select, range } from "../dash.js";
import { choropleth } from "../charts.js";

let geo = null;

async function loadGeo() {
  if (!geo) geo = await (await fetch("/static/map/central-asia.json")).json();
  return geo;
}

function formatFor(indicator) {
  return indicator === "intra_regional_share" ? pct : (v) => fmt(v, 3);
}

function controls(data, change) {
  const c = data.choices;
  return [
    select("Indicator", "indicator", c.indicators.map((i) => ({ value: i.id, label: i.title })), data.params.indicator, change),
    range("Year", "year", c.years, c.year, change),
    select("Region", "region", c.regions, data.params.region, change),
  ];
}

function keyFigures(data) {
  const rows = data.tables.key_figures.rows;
  return h("section", { "aria-label": "Key figures" },
    h("div", { class: "cards" }, rows.map((r) => h("div", { class: "card", "data-indicator": r.indicator },
      h("div", { class: "label" }, r.title),
      h("div", { class: "value" }, r.indicator === "intra_regional_share" ? pct(r.value) : fmt(r.value, 3)),
      h("div", { class: "meta" }, `${r.year} · ${r.unit} · ${r.flow_sources || "no data"}`)))));
}

function verdicts(data) {
  return figure(data, {
    table: "verdicts",
    title: "The study's claims at a glance",
    caption: "Verdicts of the pre-declared tests on the region; details on the Claims page.",
    draw: (el) => el.append(h("ul", { class: "verdicts" }, data.tables.verdicts.rows.map((r) =>
      h("li", { "data-claim": r.id },
        h("span", { class: `verdict ${r.verdict}`, "data-tip": r.summary }, r.verdict.replaceAll("_", " ")), " ",
        h("a", { href: `/claims?region=${encodeURIComponent(data.params.region)}#claim-${r.id}` }, r.title))))),
  });
}

mountPage({
  page: "overview",
  controls,
  render: async (data, view) => {
    const map = await loadGeo();
    const c = data.choices;
    const indicator = c.indicators.find((i) => i.id === data.params.indicator);
    const values = {};
    for (const r of data.tables.map.rows) values[r.country] = r.value;
    view.append(keyFigures(data), h("div", { class: "grid map-grid" },
      figure(data, {
        table: "map",
        title: `${indicator.title}, ${c.year}`,
        caption: `Each member state coloured by its value (${indicator.unit}); grey: too little data.`,
        draw: (el) => choropleth(el, { geo: map, values, members: c.members, label: `Map of ${indicator.title} in ${c.year}`, valueFormat: formatFor(indicator.id) }),
      }),
      verdicts(data)));
  },
});
