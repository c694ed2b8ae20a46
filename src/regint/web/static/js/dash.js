// regint dashboard core: URL state, the JSON twin, controls, figures with table view,
// downloads and a source footer. Hand-written, no dependencies, no inline script or style.

const SVGNS = "http://www.w3.org/2000/svg";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  setAttrs(el, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
}

// ---- numbers --------------------------------------------------------------------------
export function fmt(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  if (typeof value !== "number") return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toLocaleString("en-GB", { maximumFractionDigits: 0 });
  if (abs >= 100) return value.toFixed(1);
  return value.toPrecision(digits).replace(/\.?0+$/, "") || "0";
}

export function pct(value) {
  if (value === null || value === undefined) return "–";
  return `${(value * 100).toFixed(1)}%`;
}

// ---- tooltip ------------------------------------------------------------------------------
let tooltip = null;
function tip() {
  if (!tooltip) {
    tooltip = h("div", { id: "tooltip", role: "tooltip", hidden: true });
    document.body.append(tooltip);
  }
  return tooltip;
}

export function withTooltips(container) {
  const show = (event) => {
    const target = event.target.closest("[data-tip]");
    const box = tip();
    if (!target || !container.contains(target)) { box.hidden = true; return; }
    box.textContent = target.getAttribute("data-tip");
    box.hidden = false;
    const x = Math.min(event.clientX + 12, window.innerWidth - box.offsetWidth - 8);
    box.style.left = `${Math.max(4, x)}px`;
    box.style.top = `${event.clientY + 14}px`;
  };
  container.addEventListener("pointermove", show);
  container.addEventListener("pointerleave", () => { tip().hidden = true; });
  container.addEventListener("focusin", (event) => {
    const target = event.target.closest("[data-tip]");
    if (!target) return;
    const rect = target.getBoundingClientRect();
    show({ target, clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2 });
  });
}

// ---- URL state ------------------------------------------------------------------------------
export function readParams() {
  const out = {};
  for (const [key, value] of new URLSearchParams(window.location.search)) out[key] = value;
  return out;
}

function queryOf(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") q.set(key, value);
  }
  return q.toString();
}

// ---- the page loop ---------------------------------------------------------------------------
export function mountPage({ page, controls, render }) {
  let params = readParams();
  const status = document.getElementById("status");
  const form = document.getElementById("controls");
  const view = document.getElementById("view");
  const jsonLink = document.getElementById("json-link");
  form.addEventListener("submit", (event) => event.preventDefault());

  async function refresh(push) {
    const query = queryOf(params);
    status.className = "";
    status.textContent = "Loading…";
    document.body.setAttribute("aria-busy", "true");
    let data;
    try {
      const response = await fetch(`/api/v1/${page}${query ? `?${query}` : ""}`);
      data = await response.json();
      if (!response.ok) throw new Error(errorText(data, response.status));
    } catch (err) {
      status.className = "error";
      status.textContent = err.message;
      document.body.removeAttribute("aria-busy");
      return;
    }
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (push) window.history.pushState(params, "", url);
    jsonLink.href = `/api/v1/${page}${query ? `?${query}` : ""}`;
    form.replaceChildren(...controls(data, change));
    view.replaceChildren();
    render(data, view);
    status.textContent = data.notes && data.notes.length ? "" : "";
    document.body.removeAttribute("aria-busy");
    document.body.dataset.loaded = query || "default";
  }

  function change(name, value) {
    params = { ...params, [name]: value };
    refresh(true);
  }

  window.addEventListener("popstate", () => { params = readParams(); refresh(false); });
  refresh(false);
}

function errorText(body, code) {
  const err = body && body.error;
  if (!err) return `error ${code}`;
  return err.parameter ? `${err.parameter}: ${err.message}` : err.message;
}

// ---- controls ----------------------------------------------------------------------------------
export function select(label, name, options, value, onChange) {
  const el = h("select", { name, id: `ctl-${name}`, onchange: (e) => onChange(name, e.target.value) },
    options.map((o) => {
      const opt = typeof o === "object" ? o : { value: o, label: o };
      return h("option", { value: opt.value, selected: String(opt.value) === String(value) }, opt.label);
    }));
  return h("label", { for: `ctl-${name}` }, label, el);
}

export function range(label, name, values, value, onChange) {
  const index = Math.max(0, values.map(String).indexOf(String(value)));
  const out = h("output", { for: `ctl-${name}`, id: `out-${name}` }, values[index]);
  const el = h("input", {
    type: "range", name, id: `ctl-${name}`, min: 0, max: values.length - 1, step: 1, value: index,
    "aria-valuetext": String(values[index]),
    oninput: (e) => { out.textContent = values[e.target.value]; e.target.setAttribute("aria-valuetext", values[e.target.value]); },
    onchange: (e) => onChange(name, values[e.target.value]),
  });
  return h("label", { for: `ctl-${name}` }, h("span", {}, `${label}: `, out), el);
}

export function textInput(label, name, value, placeholder, onChange) {
  const el = h("input", { type: "search", name, id: `ctl-${name}`, value: value || "", placeholder,
    maxlength: 100, onchange: (e) => onChange(name, e.target.value.trim()) });
  return h("label", { for: `ctl-${name}` }, label, el);
}

export function dateInput(label, name, value, min, max, onChange) {
  const el = h("input", { type: "date", name, id: `ctl-${name}`, value, min, max,
    onchange: (e) => { if (e.target.value) onChange(name, e.target.value); } });
  return h("label", { for: `ctl-${name}` }, label, el);
}

// ---- figures -------------------------------------------------------------------------------------
let figureCount = 0;

// A figure: title, chart (drawn by draw(plotDiv)), table view, downloads, source footer.
export function figure(data, { table, title, caption, draw, columns, rows: only }) {
  figureCount += 1;
  const id = `fig-${table}-${figureCount}`;
  const rows = only || data.tables[table].rows;
  const plot = h("div", { class: "plot", id: `${id}-chart`, role: "tabpanel", "aria-labelledby": `${id}-tab-chart`, tabindex: 0 });
  const tablePanel = h("div", { class: "table-wrap", id: `${id}-table`, role: "tabpanel", hidden: true,
    "aria-labelledby": `${id}-tab-table`, tabindex: 0 });
  const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": `${title}: view` });
  const makeTab = (key, text, panel, other) => h("button", {
    type: "button", role: "tab", id: `${id}-tab-${key}`, "aria-controls": panel.id,
    "aria-selected": key === "chart" ? "true" : "false",
    onclick: (e) => {
      for (const b of tabs.children) b.setAttribute("aria-selected", b === e.target ? "true" : "false");
      panel.hidden = false; other.hidden = true;
      if (key === "table" && !tablePanel.firstChild) tablePanel.append(dataTable(rows, columns || data.tables[table].columns));
    },
  }, text);
  if (draw) tabs.append(makeTab("chart", "Chart", plot, tablePanel), makeTab("table", "Table", tablePanel, plot));
  const fig = h("figure", { class: "chart", id, "data-table": table },
    h("figcaption", {}, h("h2", {}, title), caption ? h("p", {}, caption) : null),
    draw ? tabs : null, draw ? plot : tablePanel, draw ? tablePanel : null,
    downloads(data, table), sourceFooter(data));
  if (draw) { draw(plot); withTooltips(plot); }
  else { tablePanel.hidden = false; tablePanel.append(dataTable(rows, columns || data.tables[table].columns)); }
  return fig;
}

export function dataTable(rows, columns) {
  const head = h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)));
  const body = rows.map((row) => h("tr", {}, columns.map((c) => {
    const v = row[c];
    return h("td", { class: typeof v === "number" ? "num" : null }, typeof v === "number" ? fmt(v, 4) : v ?? "–");
  })));
  return h("table", {}, h("thead", {}, head), h("tbody", {}, body));
}

function downloads(data, table) {
  const links = data.downloads[table];
  return h("p", { class: "downloads" }, "Download this table: ",
    h("a", { href: links.csv, download: "" }, "CSV"), " · ",
    h("a", { href: links.parquet, download: "" }, "Parquet"), " · ",
    h("a", { href: links.json }, "JSON"));
}

export function sourceFooter(data) {
  const origins = data.origins || {};
  const sources = origins.sources || [];
  const build = origins.build || {};
  const names = sources.map((src) => src.producer || src.title).filter((v, i, a) => a.indexOf(v) === i);
  const list = h("ul", {}, sources.map((src) => h("li", {},
    `${src.citation || src.title}. Licence: ${src.licence}`)));
  const stamp = build.fingerprint ? ` · warehouse ${String(build.fingerprint).slice(0, 12)}, regint ${build.code_version}` : "";
  return h("footer", { class: "sources" },
    h("details", {}, h("summary", {}, `Sources: ${names.join("; ") || "regint"}${stamp}`), list));
}

// ---- colours ---------------------------------------------------------------------------------------
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31", "#7F7F7F", "#B8860B"];

export function colourOf(keys) {
  const map = new Map();
  keys.forEach((k, i) => map.set(k, PALETTE[i % PALETTE.length]));
  return (k) => map.get(k) || "#7f7f7f";
}

export function legend(entries) {
  return h("ul", { class: "legend" }, entries.map(([label, colour]) => {
    const swatch = h("span", { class: "swatch", "aria-hidden": "true" });
    swatch.style.background = colour; // CSSOM, allowed by the content security policy
    return h("li", {}, swatch, label);
  }));
}
