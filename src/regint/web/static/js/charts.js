// Hand-written SVG charts: lines over time (with a drawn break), stacked bars, a matrix,
// a timeline of spells and a choropleth map. Every mark carries data-* values and a tooltip.
import { s, h, fmt, legend, colourOf } from "./dash.js";

const W = 800;

function scale(d0, d1, r0, r1) {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

function niceTicks(lo, hi, count = 5) {
  if (!(hi > lo)) { hi = lo + 1; }
  const step0 = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= step0);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toFixed(10));
  return out;
}

function frame(label, height) {
  return s("svg", { viewBox: `0 0 ${W} ${height}`, role: "img", "aria-label": label, preserveAspectRatio: "xMidYMid meet" });
}

// series: [{name, points: [{x, y, tip}]}]; breakAt: first x after the break (drawn, not joined).
export function lineChart(el, { series, label, yFormat = fmt, breakAt = null, breakLabel = "", yZero = false }) {
  const H = 340, m = { l: 62, r: 16, t: 14, b: 30 };
  const pts = series.flatMap((se) => se.points.flatMap((p) => [p.y, p.lo, p.hi]))
    .filter((v) => v !== null && v !== undefined).map((y) => ({ y }));
  const xs = series.flatMap((se) => se.points.map((p) => p.x));
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  let y0 = Math.min(...pts.map((p) => p.y)), y1 = Math.max(...pts.map((p) => p.y));
  if (!pts.length) { y0 = 0; y1 = 1; }
  if (yZero) y0 = Math.min(0, y0);
  const pad = (y1 - y0) * 0.08 || 0.1;
  const yt = niceTicks(y0 - (yZero && y0 === 0 ? 0 : pad), y1 + pad);
  const step = yt.length > 1 ? yt[1] - yt[0] : 1;
  while (yt[yt.length - 1] < y1) yt.push(+(yt[yt.length - 1] + step).toFixed(10));
  while (yt[0] > y0) yt.unshift(+(yt[0] - step).toFixed(10));
  const sx = scale(x0, x1, m.l, W - m.r);
  const sy = scale(yt[0], yt[yt.length - 1], H - m.b, m.t);
  const svg = frame(label, H);
  const grid = s("g", { class: "grid" }), axis = s("g", { class: "axis" });
  for (const t of yt) {
    grid.append(s("line", { x1: m.l, x2: W - m.r, y1: sy(t), y2: sy(t) }));
    axis.append(s("text", { x: m.l - 6, y: sy(t) + 4, "text-anchor": "end" }, yFormat(t)));
  }
  const xt = niceTicks(x0, x1, Math.min(8, x1 - x0 || 1)).filter((t) => Number.isInteger(t));
  for (const t of xt) axis.append(s("text", { x: sx(t), y: H - 8, "text-anchor": "middle" }, t));
  axis.append(s("line", { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b }));
  svg.append(grid, axis);
  if (breakAt !== null && breakAt > x0 && breakAt <= x1) {
    const bx = sx(breakAt - 0.5);
    svg.append(s("g", { class: "break", "data-break": breakAt },
      s("line", { x1: bx, x2: bx, y1: m.t, y2: H - m.b }),
      s("text", { x: bx - 4, y: m.t + 10, "text-anchor": "end" }, breakLabel || `break: ${breakAt}`)));
  }
  const colour = colourOf(series.map((se) => se.name));
  for (const se of series) {
    const g = s("g", { class: "series", "data-series": se.name });
    const banded = se.points.filter((p) => p.lo !== null && p.lo !== undefined && p.hi !== null && p.hi !== undefined);
    if (banded.length > 1) {
      const upper = banded.map((p) => `${sx(p.x).toFixed(1)} ${sy(p.hi).toFixed(1)}`);
      const lower = banded.slice().reverse().map((p) => `${sx(p.x).toFixed(1)} ${sy(p.lo).toFixed(1)}`);
      g.append(s("path", { class: "band", d: `M${upper.join("L")}L${lower.join("L")}Z`, fill: colour(se.name), "fill-opacity": 0.18 }));
    }
    let d = "", pen = false;
    for (const p of se.points) {
      const brk = breakAt !== null && p.x === breakAt;
      if (p.y === null || p.y === undefined) { pen = false; continue; }
      d += `${pen && !brk ? "L" : "M"}${sx(p.x).toFixed(1)} ${sy(p.y).toFixed(1)}`;
      pen = true;
    }
    g.append(s("path", { class: "line", d, stroke: colour(se.name) }));
    for (const p of se.points) {
      if (p.y === null || p.y === undefined) continue;
      g.append(s("circle", { cx: sx(p.x), cy: sy(p.y), r: 3.2, fill: colour(se.name), "data-x": p.x,
        "data-value": p.y, "data-tip": p.tip || `${se.name} ${p.x}: ${yFormat(p.y)}`, tabindex: -1 }));
    }
    svg.append(g);
  }
  el.append(svg);
  if (series.length > 1) el.append(legend(series.map((se) => [se.name, colour(se.name)])));
}

// rows: [{label, parts: [{key, value, tip}]}], values summing to about 1 (shares).
export function stackedBars(el, { rows, keys, label, valueFormat = fmt, labelWidth = 70 }) {
  const rowH = 26, m = { l: labelWidth, r: 30, t: 8, b: 24 };
  const H = m.t + m.b + rows.length * rowH;
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((a, p) => a + (p.value || 0), 0)));
  const sx = scale(0, max, m.l, W - m.r);
  const colour = colourOf(keys);
  const svg = frame(label, H);
  const axis = s("g", { class: "axis" });
  for (const t of niceTicks(0, max, 5)) axis.append(s("text", { x: sx(t), y: H - 6, "text-anchor": "middle" }, valueFormat(t)));
  svg.append(axis);
  rows.forEach((row, i) => {
    const y = m.t + i * rowH;
    const g = s("g", { class: "bar", "data-row": row.label });
    g.append(s("text", { x: m.l - 6, y: y + rowH / 2 + 4, "text-anchor": "end" }, row.label));
    let acc = 0;
    for (const part of row.parts) {
      if (part.value === null || part.value === undefined) continue;
      g.append(s("rect", { x: sx(acc), y: y + 3, width: Math.max(0, sx(acc + part.value) - sx(acc)), height: rowH - 6,
        fill: colour(part.key), "data-key": part.key, "data-value": part.value,
        "data-tip": part.tip || `${row.label}, ${part.key}: ${valueFormat(part.value)}` }));
      acc += part.value;
    }
    if (acc === 0) g.append(s("text", { x: m.l + 4, y: y + rowH / 2 + 4, class: "nodata-label" }, "no data"));
    svg.append(g);
  });
  el.append(svg, legend(keys.map((k) => [k, colour(k)])));
}

// cells: Map "row|col" -> category; colours: {category: colour}.
export function matrix(el, { rows, cols, cells, colours, label, tip }) {
  const left = Math.min(260, 12 + 7 * Math.max(...rows.map((r) => String(r).length)));
  const longest = Math.max(...cols.map((c) => String(c).length));
  const cw = Math.max(24, Math.min(60, (W - left) / cols.length)), ch = 26;
  const m = { l: left, t: Math.min(230, 16 + 5.6 * longest) };
  const width = m.l + cw * cols.length + Math.min(160, 4 * longest), H = m.t + ch * rows.length + 10;
  const svg = s("svg", { viewBox: `0 0 ${width} ${H}`, role: "img", "aria-label": label, class: "narrow" });
  cols.forEach((c, j) => svg.append(s("text", { transform: `translate(${m.l + j * cw + cw / 2 + 4},${m.t - 6}) rotate(-55)` }, c)));
  rows.forEach((r, i) => {
    svg.append(s("text", { x: m.l - 6, y: m.t + i * ch + ch / 2 + 4, "text-anchor": "end" }, r));
    cols.forEach((c, j) => {
      const cat = cells.get(`${r}|${c}`) || "";
      svg.append(s("rect", { x: m.l + j * cw + 1, y: m.t + i * ch + 1, width: cw - 2, height: ch - 2,
        fill: colours[cat] || "#f0f2f4", "data-row": r, "data-col": c, "data-value": cat,
        "data-tip": tip ? tip(r, c, cat) : `${r} · ${c}: ${cat || "none"}` }));
    });
  });
  el.append(svg, legend(Object.entries(colours).filter(([k]) => k).map(([k, v]) => [k.replaceAll("_", " "), v])));
}

function yearOf(date) {
  const [y, mo = "07", d = "01"] = String(date).split("-");
  return +y + (+mo - 1) / 12 + (+d - 1) / 365;
}

// rows: [{label, spans: [{start, end, status, tip}]}]; marker: a date drawn as a line.
export function timeline(el, { rows, label, colours, marker, last }) {
  const rowH = 24, m = { l: 60, r: 16, t: 10, b: 26 };
  const H = m.t + m.b + rows.length * rowH;
  const starts = rows.flatMap((r) => r.spans.filter((sp) => sp.start).map((sp) => yearOf(sp.start)));
  const x0 = Math.floor(Math.min(1991, ...starts)), x1 = Math.ceil(yearOf(last));
  const sx = scale(x0, x1, m.l, W - m.r);
  const svg = frame(label, H);
  const axis = s("g", { class: "axis" });
  for (const t of niceTicks(x0, x1, 8)) axis.append(s("text", { x: sx(t), y: H - 8, "text-anchor": "middle" }, t));
  svg.append(axis);
  rows.forEach((row, i) => {
    const y = m.t + i * rowH;
    svg.append(s("text", { x: m.l - 6, y: y + rowH / 2 + 4, "text-anchor": "end" }, row.label));
    for (const sp of row.spans) {
      const a = sx(sp.start ? yearOf(sp.start) : x0), b = sx(sp.end ? yearOf(sp.end) : x1);
      svg.append(s("rect", { x: a, y: y + 4, width: Math.max(2, b - a), height: rowH - 8, rx: 3,
        fill: colours[sp.status] || "#7f7f7f", "data-row": row.label, "data-value": sp.status,
        "data-tip": sp.tip || `${row.label}: ${sp.status} ${sp.start} – ${sp.end || "today"}` }));
    }
  });
  if (marker) {
    const mx = sx(yearOf(marker));
    svg.append(s("line", { class: "marker", x1: mx, x2: mx, y1: m.t, y2: H - m.b, "data-marker": marker }));
  }
  el.append(svg, legend(Object.entries(colours).map(([k, v]) => [k.replaceAll("_", " "), v])));
}

const RAMP = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

// geo: {viewBox, countries: [{iso3, name, path}]}; values: {ISO3: number|null}; members: ISO3 list.
export function choropleth(el, { geo, values, members, label, valueFormat = fmt }) {
  const nums = Object.values(values).filter((v) => v !== null && v !== undefined);
  const lo = Math.min(...nums), hi = Math.max(...nums);
  const step = (hi - lo) / RAMP.length || Math.abs(hi) / 100 || 1;
  const bin = (v) => Math.min(RAMP.length - 1, Math.floor((v - lo) / step));
  const svg = s("svg", { viewBox: geo.viewBox, role: "img", "aria-label": label, class: "map" });
  for (const c of geo.countries) {
    const member = members.includes(c.iso3);
    const v = values[c.iso3];
    const attrs = { d: c.path, "data-iso3": c.iso3, class: "country" };
    if (!member) { attrs.class += " other"; attrs["data-tip"] = c.name; }
    else if (v === null || v === undefined) { attrs.class += " nodata"; attrs["data-tip"] = `${c.name}: no value (too little data)`; }
    else { attrs.fill = RAMP[bin(v)]; attrs["data-value"] = v; attrs["data-tip"] = `${c.name}: ${valueFormat(v)}`; }
    svg.append(s("path", attrs));
  }
  for (const c of geo.countries.filter((c) => members.includes(c.iso3))) {
    const at = centroidOf(c.path);
    svg.append(s("text", { x: at[0], y: at[1], "text-anchor": "middle", class: "map-label" }, c.iso3));
  }
  el.append(svg);
  const entries = hi > lo
    ? RAMP.map((colour, i) => [`${valueFormat(lo + i * step)} – ${valueFormat(lo + (i + 1) * step)}`, colour])
    : [[valueFormat(lo), RAMP[0]]];
  entries.push(["no value", "#b3b9c1"]);
  el.append(legend(nums.length ? entries : [["no value", "#b3b9c1"]]));
}

function centroidOf(path) {
  // The centre of the largest ring's bounding box: good enough to place a label.
  let best = null;
  for (const ring of path.split("M").filter(Boolean)) {
    const pts = ring.replace("Z", "").split("L").map((p) => p.trim().split(" ").map(Number));
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const area = (box[2] - box[0]) * (box[3] - box[1]);
    if (!best || area > best.area) best = { area, box };
  }
  return [(best.box[0] + best.box[2]) / 2, (best.box[1] + best.box[3]) / 2 + 4];
}

export function keyValueList(items) {
  return h("dl", {}, items.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

// values: Map "row|col" -> number; cells coloured on a sequential ramp, blank when unknown.
export function heatmap(el, { rows, cols, values, label, valueFormat = fmt }) {
  const nums = [...values.values()].filter((v) => v !== null && v !== undefined);
  const lo = Math.min(...nums), hi = Math.max(...nums);
  const step = (hi - lo) / RAMP.length || Math.abs(hi) / 100 || 1;
  const bin = (v) => Math.min(RAMP.length - 1, Math.floor((v - lo) / step));
  const longest = Math.max(...cols.map((c) => String(c).length));
  const m = { l: 60, t: 16 + 4 * longest };
  const cw = Math.min(120, (W - m.l - 10) / cols.length), ch = 30;
  const svg = s("svg", { viewBox: `0 0 ${m.l + cw * cols.length + 4 * longest} ${m.t + ch * rows.length + 10}`, role: "img", "aria-label": label, class: "narrow" });
  cols.forEach((c, j) => svg.append(s("text", { transform: `translate(${m.l + j * cw + cw / 2},${m.t - 8}) rotate(-35)` }, c)));
  rows.forEach((r, i) => {
    svg.append(s("text", { x: m.l - 6, y: m.t + i * ch + ch / 2 + 4, "text-anchor": "end" }, r));
    cols.forEach((c, j) => {
      const v = values.get(`${r}|${c}`);
      const known = v !== null && v !== undefined;
      svg.append(s("rect", { x: m.l + j * cw + 1, y: m.t + i * ch + 1, width: cw - 2, height: ch - 2,
        fill: known ? RAMP[bin(v)] : "#f0f2f4", "data-row": r, "data-col": c, "data-value": known ? v : "",
        "data-tip": `${r} → ${c}: ${known ? valueFormat(v) : "no value"}` }));
    });
  });
  el.append(svg);
  if (nums.length) {
    el.append(legend(hi > lo
      ? RAMP.map((colour, i) => [`${valueFormat(lo + i * step)} – ${valueFormat(lo + (i + 1) * step)}`, colour])
      : [[valueFormat(lo), RAMP[0]]]));
  }
}

// rows: [{label, value, lo, hi, tip}]: a dot per row with its interval as a bar.
export function intervals(el, { rows, label, valueFormat = fmt }) {
  const width = 520, rowH = 30, m = { l: 56, r: 24, t: 8, b: 26 };
  const H = m.t + m.b + rows.length * rowH;
  const all = rows.flatMap((r) => [r.value, r.lo, r.hi]).filter((v) => v !== null && v !== undefined);
  const lo = Math.min(0, ...all), hi = Math.max(0, ...all);
  const ticks = niceTicks(lo, hi, 5);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  while (ticks[ticks.length - 1] < hi) ticks.push(+(ticks[ticks.length - 1] + step).toFixed(10));
  while (ticks[0] > lo) ticks.unshift(+(ticks[0] - step).toFixed(10));
  const sx = scale(ticks[0], ticks[ticks.length - 1], m.l, width - m.r);
  const svg = s("svg", { viewBox: `0 0 ${width} ${H}`, role: "img", "aria-label": label, class: "narrow" });
  const axis = s("g", { class: "axis" });
  for (const t of ticks) axis.append(s("text", { x: sx(t), y: H - 6, "text-anchor": "middle" }, valueFormat(t)));
  svg.append(axis);
  if (ticks[0] < 0) svg.append(s("line", { class: "zero", x1: sx(0), x2: sx(0), y1: m.t, y2: H - m.b }));
  rows.forEach((r, i) => {
    const y = m.t + i * rowH + rowH / 2;
    svg.append(s("text", { x: m.l - 6, y: y + 4, "text-anchor": "end" }, r.label));
    if (r.lo !== null && r.hi !== null) svg.append(s("line", { x1: sx(r.lo), x2: sx(r.hi), y1: y, y2: y, class: "interval" }));
    if (r.value !== null) svg.append(s("circle", { cx: sx(r.value), cy: y, r: 5, fill: "#0072B2", "data-row": r.label,
      "data-value": r.value, "data-tip": r.tip || `${r.label}: ${valueFormat(r.value)}` }));
  });
  el.append(svg);
}
