import { h, fmt, figure, mountPage, select, dateInput } from "../dash.js";
import { matrix } from "../charts.js";

const VERDICT = { supported: "#1a7f37", contradicted: "#b42318", mixed: "#8a5a00", insufficient_data: "#8c959f" };

function controls(data, change) {
  const today = new Date().toISOString().slice(0, 10);
  return [
    select("Region", "region", data.choices.regions, data.params.region, change),
    dateInput("Knowledge base as of", "as_of", data.params.as_of || today, "1991-12-08", today, change),
  ];
}

mountPage({
  page: "claims",
  controls,
  render: (data, view) => {
    const st = data.choices.statements;
    const list = h("section", { "aria-label": "Verdicts" }, data.tables.verdicts.rows.map((r) =>
      h("article", { class: "card", id: `claim-${r.id}`, "data-claim": r.id },
        h("h2", {}, h("span", { class: `verdict ${r.verdict}` }, r.verdict.replaceAll("_", " ")), " ", r.title),
        h("p", {}, st[r.id] || ""), h("p", { class: "notes" }, r.summary))));
    view.append(list);
    view.append(figure(data, {
      table: "tests",
      title: "Tests and the figures behind them",
      caption: "Each pre-declared test: its value with a 95% interval where it has one, its rule and its verdict.",
      columns: ["claim", "test", "value", "lo", "hi", "unit", "rule", "baseline_verdict", "verdict", "flips"],
    }));
    const grid = data.tables.robustness.rows;
    const rows = [...new Set(grid.map((r) => r.test))];
    const cols = [...new Set(grid.map((r) => r.label))];
    const cells = new Map(grid.map((r) => [`${r.test}|${r.label}`, r.verdict]));
    const values = new Map(grid.map((r) => [`${r.test}|${r.label}`, r]));
    view.append(figure(data, {
      table: "robustness",
      title: "Robustness: each test's verdict under other definitions",
      caption: "Columns are the baseline and the alternatives (trade basis, CIF/FOB factor, country set, window).",
      draw: (el) => matrix(el, { rows, cols, cells, colours: VERDICT, label: "Robustness grid of verdicts",
        tip: (r, c, v) => { const x = values.get(`${r}|${c}`); return x ? `${r}, ${c}: ${v} (value ${fmt(x.value, 4)}${x.lo !== null ? `, CI ${fmt(x.lo, 3)} to ${fmt(x.hi, 3)}` : ""})` : `${r}, ${c}: not run`; } }),
    }));
  },
});
