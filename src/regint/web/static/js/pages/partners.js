import { fmt, pct, figure, mountPage, select, range } from "../dash.js";
import { lineChart, stackedBars } from "../charts.js";

function controls(data, change) {
  const c = data.choices, p = data.params;
  return [
    select("State", "country", c.members, c.country, change),
    range("Comparison year", "year", c.years, c.year, change),
    select("Region", "region", c.regions, p.region, change),
    select("Trade basis", "basis", c.bases, p.basis, change),
  ];
}

mountPage({
  page: "partners",
  controls,
  render: (data, view) => {
    const c = data.choices;
    const profile = data.tables.profile.rows;
    const brk = profile.find((r) => r.period !== "panel");
    view.append(figure(data, {
      table: "profile",
      title: `Who ${c.country} trades with, over time`,
      caption: "Share of each partner group in the state's trade with known partners; REGION is the other members.",
      draw: (el) => lineChart(el, {
        series: c.groups.map((g) => ({ name: g, points: profile.filter((r) => r.group === g).map((r) => ({ x: r.year, y: r.value,
          tip: `${c.country} with ${g}, ${r.year}: ${pct(r.value)} (${fmt(r.trade_musd)} US$ m; ${r.flow_sources})` })) })),
        label: `Partner shares of ${c.country} over time`, yFormat: pct, yZero: true,
        breakAt: brk ? brk.year : null, breakLabel: brk ? `national statistics from ${brk.year}` : "",
      }),
    }));
    const states = data.tables.states.rows;
    const members = [...new Set(states.map((r) => r.country))];
    view.append(figure(data, {
      table: "states",
      title: `Every state's partners in ${c.year}`,
      caption: "Shares of trade with known partners, by partner group.",
      draw: (el) => stackedBars(el, {
        rows: members.map((m) => ({ label: m, parts: c.groups.map((g) => {
          const r = states.find((x) => x.country === m && x.group === g);
          return { key: g, value: r ? r.value : null, tip: r ? `${m} with ${g}, ${c.year}: ${pct(r.value)}` : "" };
        }) })),
        keys: c.groups, label: `Partner shares of each state in ${c.year}`, valueFormat: pct,
      }),
    }));
  },
});
