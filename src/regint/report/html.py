"""HTML building blocks of the report: escaping, tables, badges, figures, the page shell.

Plain strings, no template engine: the page is small and every value passes through
:func:`esc`. The page needs no script, font, stylesheet or image from outside the file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape
from typing import Any

import pandas as pd

from regint.core.marks import HTML_MARK

Formatter = Callable[[Any], str]


def esc(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def fmt(value: Any, digits: int = 3) -> str:
    """A number for a table cell: NaN/None as an en dash, large numbers with separators."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.{digits}g}" if abs(value) < 1 else f"{value:,.{max(digits - 1, 1)}f}"
    return str(value)


def pct(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{100 * float(value):.1f}%"


def badge(verdict: str | None) -> str:
    label = "context" if verdict is None else verdict.replace("_", " ")
    css = "context" if verdict is None else verdict
    return f'<span class="verdict v-{esc(css)}">{esc(label)}</span>'


def table(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    formats: Mapping[str, Formatter] | None = None,
    raw: Iterable[str] = (),
    css: str = "",
) -> str:
    """A frame as an HTML table. ``columns`` maps column -> header; ``raw`` columns hold HTML."""
    cols = columns or {c: c for c in frame.columns}
    formats = formats or {}
    trusted = set(raw)
    head = "".join(f"<th>{esc(h)}</th>" for h in cols.values())
    rows = []
    for record in frame.to_dict(orient="records"):
        cells = []
        for col in cols:
            value = record.get(col)
            text = formats[col](value) if col in formats else fmt(value)
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            cls = ' class="num"' if numeric else ""
            cells.append(f"<td{cls}>{text if col in trusted else esc(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cls = f' class="{esc(css)}"' if css else ""
    # A wide table scrolls inside its own box, never the page (phones, narrow windows).
    return (
        f'<div class="table-scroll"><table{cls}><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def rows_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Mapping[str, str],
    empty: str = "",
    **options: Any,
) -> str:
    """:func:`table` of a list of row dicts, or ``empty`` (HTML) when there is no row."""
    return table(pd.DataFrame(rows), columns, **options) if rows else empty


def figure(svg: str, caption: str, source: str, fig_id: str = "") -> str:
    """A chart with its caption and source footer (every chart in the report has one)."""
    ident = f' id="{esc(fig_id)}"' if fig_id else ""
    return (
        f'<figure class="chart"{ident}><div class="chart-scroll">{svg}</div><figcaption><span class="caption">{esc(caption)}</span>'
        f'<span class="source">Source: {esc(source)}</span></figcaption></figure>'
    )


def section(sec_id: str, title: str, body: str, intro: str = "") -> str:
    lead = f'<p class="lead">{intro}</p>' if intro else ""
    return f'<section id="{esc(sec_id)}"><h2>{esc(title)}</h2>{lead}{body}</section>'


def paragraphs(texts: Sequence[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def link(url: str, text: str | None = None) -> str:
    """An outbound reference link (the reader's choice to follow; nothing loads from it)."""
    return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text or url)}</a>'


CSS = """
:root{--ink:#1d1d1f;--muted:#5f6368;--line:#e3e3e3;--accent:#6a3d9a;--bg:#fbfbf8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 color:var(--ink);background:var(--bg)}
header.top{background:#2b1745;color:#fff;padding:28px 0 22px}
header.top h1{margin:0 0 6px;font-size:26px;line-height:1.25}
header.top p{margin:2px 0;color:#e6dcf2}
.wrap{max-width:1080px;margin:0 auto;padding:0 24px}
nav.toc{background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:2}
nav.toc a{display:inline-block;padding:10px 12px 10px 0;color:var(--accent);text-decoration:none;font-size:14px}
main{padding-bottom:40px}
section{background:#fff;border:1px solid var(--line);border-radius:8px;margin:22px 0;padding:6px 24px 18px}
h2{font-size:21px;margin:18px 0 8px;color:#2b1745}
h3{font-size:17px;margin:20px 0 6px}
p.lead{color:var(--muted);margin-top:0}
table{border-collapse:collapse;width:100%;margin:10px 0 16px;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f5f3f8;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure.chart{margin:14px 0 20px;padding:0}
figure.chart svg{display:block;max-width:100%;height:auto}
figcaption{font-size:12.5px;color:var(--muted);border-top:1px solid var(--line);padding-top:4px}
figcaption .caption{display:block;color:var(--ink)}
figcaption .source{display:block;font-style:italic}
.verdict{display:inline-block;border-radius:12px;padding:1px 10px;font-size:12.5px;font-weight:600;
 white-space:nowrap;color:#fff}
.v-supported{background:#2e7d32}.v-contradicted{background:#c62828}.v-mixed{background:#f2b705;color:#222}
.v-insufficient_data{background:#9e9e9e}.v-context{background:#e0e0e0;color:#333}
article.claim{border-top:3px solid var(--line);padding-top:6px;margin-top:26px}
article.claim h3 .verdict{margin-left:8px;vertical-align:2px}
blockquote{margin:6px 0 10px;padding:4px 14px;border-left:3px solid var(--accent);color:#333;background:#faf8fc}
details{margin:6px 0 12px}summary{cursor:pointer;color:var(--accent)}
.note{color:var(--muted);font-size:13px}
.gaps li{margin-bottom:4px}
footer{color:var(--muted);font-size:12.5px;padding:10px 0 30px}
.table-scroll,.chart-scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}
.table-scroll table{min-width:100%;width:auto}
nav.toc .wrap{overflow-x:auto;white-space:nowrap}
p,li,figcaption,blockquote,code,h1,h2,h3,h4{overflow-wrap:anywhere}
@media (max-width:640px){
 body{font-size:14px}
 .wrap{padding:0 10px}
 section{padding:4px 12px 12px;margin:14px 0}
 header.top h1{font-size:21px}
 nav.toc{position:static}
 nav.toc .wrap{white-space:normal}
 nav.toc a{padding:6px 10px 6px 0}
 table{font-size:12px}
 .table-scroll table{min-width:34em}
 .table-scroll table.tests{min-width:50em}
 /* charts keep a readable size and scroll sideways in their own box */
 .chart-scroll svg{min-width:600px}
}
@media print{nav.toc{display:none}section{break-inside:avoid-page;border:none}}
"""


def page(title: str, header: str, nav: Sequence[tuple[str, str]], body: str, footer: str) -> str:
    """The whole self-contained document."""
    links = "".join(f'<a href="#{esc(i)}">{esc(t)}</a>' for i, t in nav)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{HTML_MARK}"
        '<link rel="icon" href="data:,">'  # no favicon request: the file loads nothing
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f'<header class="top"><div class="wrap">{header}</div></header>'
        f'<nav class="toc"><div class="wrap">{links}</div></nav>'
        f'<main class="wrap">{body}</main>'
        f'<footer class="wrap">{footer}</footer></body></html>\n'
    )
