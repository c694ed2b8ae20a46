import { h, figure, mountPage, select, range, dateInput, textInput } from "../dash.js";
import { matrix, timeline } from "../charts.js";

const STATUS = {
  founding_member: "#0b5cad", member: "#3182bd", associate_member: "#9ecae1", observer: "#c6a15b",
  participant: "#74c476", suspended: "#b42318", withdrawn: "#7f7f7f", uncertain: "#e0c060",
};

function yearsFrom(first, last) {
  const out = [];
  for (let y = first; y <= last; y += 1) out.push(y);
  return out;
}

function controls(data, change) {
  const c = data.choices;
  const thisYear = +c.today.slice(0, 4);
  const onYear = +c.on.slice(0, 4);
  return [
    range("Year (1 July)", "on", yearsFrom(1992, thisYear).map((y) => (y === thisYear ? c.today : `${y}-07-01`)),
      onYear === thisYear ? c.today : `${onYear}-07-01`, change),
    dateInput("Date", "on", c.on, c.first_date, c.today, change),
    select("Organisation (timeline)", "org", c.orgs.map((o) => ({ value: o.id, label: o.name })), c.org, change),
    select("Event type", "event_type", [{ value: "", label: "all types" }, ...c.event_types], data.params.event_type || "", change),
    textInput("Search the knowledge base", "q", data.params.q, "e.g. Kempir-Abad, Manas, water", change),
  ];
}

mountPage({
  page: "institutions",
  controls,
  render: (data, view) => {
    const c = data.choices;
    if (data.params.q) {
      const n = data.tables.search.rows.length;
      view.append(figure(data, {
        table: "search",
        title: `Search: ${data.params.q}`,
        caption: n ? `${n} record(s), best match first.` : `Nothing in the knowledge base matches '${data.params.q}'.`,
      }));
    }
    const overlap = data.tables.overlap.rows;
    const rows = [...new Set(overlap.map((r) => r.country))];
    const cols = [...new Set(overlap.map((r) => r.org))];
    const cells = new Map(overlap.map((r) => [`${r.country}|${r.org}`, r.status]));
    const orgName = (id) => (c.orgs.find((o) => o.id === id) || { name: id }).name;
    view.append(figure(data, {
      table: "overlap",
      title: `Memberships on ${c.on}`,
      caption: "Which C5 state held which status in each organisation on that date (move the year slider).",
      draw: (el) => matrix(el, { rows, cols, cells, colours: STATUS, label: `Overlap of memberships on ${c.on}`,
        tip: (r, col, cat) => `${r} in ${orgName(col)}: ${cat ? cat.replaceAll("_", " ") : "not a member"}` }),
    }));
    // 'none' records say a state never joined: they stay in the table, not as bars.
    const spells = data.tables.spells.rows.filter((r) => r.status !== "none");
    const countries = [...new Set(spells.map((r) => r.country))];
    view.append(figure(data, {
      table: "spells",
      title: `${orgName(c.org)}: memberships over time`,
      caption: "Each bar is a membership spell (status, start, end); the red line is the chosen date. The table also lists the states recorded as never having joined.",
      draw: (el) => (spells.length
        ? timeline(el, { rows: countries.map((k) => ({ label: k, spans: spells.filter((r) => r.country === k)
          .map((r) => ({ start: r.start, end: r.end, status: r.status, tip: `${k}: ${r.status.replaceAll("_", " ")} ${r.start || "(start not recorded)"} – ${r.end || "today"} (${r.confidence})` })) })),
        label: `Membership spells in ${orgName(c.org)}`, colours: STATUS, marker: c.on, last: c.today })
        : el.append(h("p", {}, "No membership spells recorded for this organisation."))),
    }));
    view.append(figure(data, {
      table: "events",
      title: `Events from ${c.events_from} to ${c.on}`,
      caption: "Summits, treaties, accessions, conflicts and settlements in the knowledge base.",
      columns: ["date", "type", "title", "place", "countries", "status", "confidence"],
    }));
    view.append(figure(data, {
      table: "organisations",
      title: "Organisations",
      caption: "Balassa depth declared and achieved, supranational bodies, founding and dissolution.",
    }));
  },
});
