import { fmt, figure, mountPage, select } from "../dash.js";
import { lineChart, stackedBars } from "../charts.js";

const CIF_FOB = ["1.00", "1.03", "1.06", "1.08", "1.10", "1.15", "1.20"];

function controls(data, change) {
  const c = data.choices, p = data.params;
  const years = data.tables.region.rows.map((r) => r.year);
  const factors = CIF_FOB.includes(Number(p.cif_fob).toFixed(2)) ? CIF_FOB : [...CIF_FOB, String(p.cif_fob)];
  return [
    select("Indicator", "indicator", c.indicators.filter((i) => i.id !== "partner_profile").map((i) => ({ value: i.id, label: i.title })), p.indicator, change),
    select("Region", "region", c.regions, p.region, change),
    select("Trade basis", "basis", c.bases, p.basis, change),
    select("CIF/FOB factor", "cif_fob", factors, Number(p.cif_fob).toFixed(2), change),
    select("Counting view year", "year", years, p.year, change),
  ];
}

function points(rows, tipOf) {
  return rows.map((r) => ({ x: r.year, y: r.value, tip: tipOf(r) }));
}

mountPage({
  page: "trade",
  controls,
  render: (data, view) => {
    const c = data.choices, ind = c.indicator;
    const brk = c.break_year;
    const breakLabel = brk ? `national statistics from ${brk}` : "";
    const tip = (who) => (r) => `${who} ${r.year}: ${fmt(r.value, 4)}\nflows: ${r.flow_sources} (${r.sides || ""})\npairs covered: ${r.pairs_covered}`;
    view.append(figure(data, {
      table: "region",
      title: `${ind.title}: the region`,
      caption: `${ind.unit}; ${ind.direction}. ${data.params.basis} basis, CIF/FOB ${data.params.cif_fob}. Blank years rest on too little data.`,
      draw: (el) => lineChart(el, { series: [{ name: data.params.region, points: points(data.tables.region.rows, tip(data.params.region)) }],
        label: `${ind.title} of the region over time`, breakAt: brk, breakLabel }),
    }));
    const states = data.tables.states.rows;
    if (states.length) {
      const names = [...new Set(states.map((r) => r.country))];
      view.append(figure(data, {
        table: "states",
        title: `${ind.title}: each state`,
        caption: "Country-level values; after the break only states with national statistics by partner report.",
        draw: (el) => lineChart(el, { series: names.map((n) => ({ name: n, points: points(states.filter((r) => r.country === n), tip(n)) })),
          label: `${ind.title} of each state over time`, breakAt: brk, breakLabel }),
      }));
    }
    const defs = data.tables.definitions.rows;
    view.append(figure(data, {
      table: "definitions",
      title: `Intra-regional trade in ${data.params.year} under each counting convention`,
      caption: `US$ million. ${c.counting}`,
      columns: ["convention", "label", "counting", "value_musd", "n_flows", "ratio_to_reconciled"],
      draw: (el) => stackedBars(el, { rows: defs.map((r) => ({ label: r.convention, parts: [{ key: r.counting, value: r.value_musd,
        tip: `${r.label}: ${fmt(r.value_musd)} US$ m (${r.n_flows} flows; ×${fmt(r.ratio_to_reconciled, 3)} the reconciled value)` }] })),
        keys: [...new Set(defs.map((r) => r.counting))], label: "Intra-regional trade by counting convention", labelWidth: 170, valueFormat: (v) => fmt(v) }),
    }));
  },
});
