import { h, fmt, figure, mountPage, select } from "../dash.js";
import { intervals } from "../charts.js";

const CUTS = ["5", "10", "15", "20", "25", "30", "40", "50"];

function controls(data, change) {
  const c = data.choices;
  const out = [select("Scenario", "scenario", c.scenarios.map((x) => ({ value: x.name, label: x.title })), data.params.scenario, change)];
  if (c.is_cost_cut) {
    const current = String(data.params.cut_pct ?? c.change.cut_pct);
    const cuts = CUTS.includes(current) ? CUTS : [...CUTS, current];
    out.push(select("Cut in intra-C5 trade costs (%)", "cut_pct", cuts, current, change));
  }
  return out;
}

function pct(v) { return `${fmt(v, 3)}%`; }

function byMeasure(rows, key, title) {
  return rows.map((r) => ({ label: r.country, value: r[key], lo: r[`${key}_lo`], hi: r[`${key}_hi`],
    tip: `${r.country}: ${title} ${pct(r[key])} (95% of the draws between ${pct(r[`${key}_lo`])} and ${pct(r[`${key}_hi`])})` }));
}

mountPage({
  page: "scenarios",
  controls,
  render: (data, view) => {
    const c = data.choices;
    const members = data.tables.results.rows.filter((r) => r.is_region);
    const summary = data.tables.summary.rows;
    view.append(h("p", { class: "notes" }, `${c.title}. ${c.draws.solved ?? "?"} of ${c.draws.requested ?? "?"} Monte Carlo draws solved.`));
    view.append(h("div", { class: "grid" },
      figure(data, {
        table: "results",
        title: "Change in exports, each member (%)",
        caption: "General-equilibrium change against the baseline; bars span the 2.5th to 97.5th percentiles over the Monte Carlo draws of the estimated effects.",
        draw: (el) => intervals(el, { rows: byMeasure(members, "exports_change_pct", "exports"), label: "Change in exports of each member, percent", valueFormat: pct }),
      }),
      figure(data, {
        table: "results",
        title: "Change in real GDP, each member (%)",
        caption: "Welfare: the change in real GDP, with the same interval.",
        draw: (el) => intervals(el, { rows: byMeasure(members, "rgdp_change_pct", "real GDP"), label: "Change in real GDP of each member, percent", valueFormat: pct }),
      })));
    const SHARE = "Intra-regional share of the members' exports (%)";
    view.append(figure(data, {
      table: "summary", title: "The region",
      caption: "Intra-regional share of the members' exports, baseline and counterfactual, in per cent.",
      columns: ["Stage", SHARE],
      rows: summary.map((r) => ({ Stage: r.stage, [SHARE]: r.intra_regional_export_share_pct })),
    }));
    view.append(figure(data, { table: "coefficients", title: "Estimated effects (PPML)", caption: "Agreement coefficients with their standard errors; the draws vary these." }));
    if (data.notes.length) view.append(h("ul", { class: "notes" }, data.notes.map((n) => h("li", {}, n))));
  },
});
