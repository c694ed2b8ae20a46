"""The HTML report: every section, every claim with a verdict and figures, nothing loaded from outside."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from regint.api.claims import list_claims
from regint.claims import VERDICTS
from regint.report import build_report
from regint.report.html import badge, figure, table
from tests.tiny import write_tiny_snapshot

SECTIONS = (
    "summary", "system", "trade", "partners", "drivers", "claims", "index", "scenarios", "methods",
    "provenance",
)  # fmt: skip


class _Collector(HTMLParser):
    """Tags with their attributes, and the text inside each element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _articles(html: str) -> dict[str, str]:
    parts = re.split(r'(?=<article class="claim" id="claim-)', html)
    out = {}
    for part in parts[1:]:
        claim_id = re.match(r'<article class="claim" id="claim-([^"]+)"', part).group(1)
        out[claim_id] = part[: part.index("</article>")]
    return out


def test_report_has_every_section_in_order(c5_html):
    positions = [c5_html.index(f'<section id="{s}">') for s in SECTIONS]
    assert positions == sorted(positions)


def test_every_claim_shows_a_verdict_numbers_and_figures(c5_html):
    articles = _articles(c5_html)
    assert set(articles) == {c.id for c in list_claims().claim_set.claims}
    for claim_id, text in articles.items():
        verdict = re.search(r'<h3>.*?<span class="verdict v-([a-z_]+)">', text).group(1)
        assert verdict in VERDICTS, claim_id
        assert text.count('<figure class="chart"') >= 1, claim_id
        assert "<svg" in text and "Result (baseline)" in text, claim_id


def test_every_chart_carries_a_source_footer(c5_html):
    charts = c5_html.count('<figure class="chart"')
    footers = len(re.findall(r'<span class="source">Source: [^<]{20,}</span>', c5_html))
    assert charts >= 12
    assert footers == charts


def test_report_loads_no_script_stylesheet_or_image_from_outside(c5_html):
    parser = _Collector()
    parser.feed(c5_html)
    for tag, attrs in parser.tags:
        if tag in ("script", "link", "img", "iframe", "source", "image", "use"):
            for key in ("src", "href", "xlink:href"):
                value = attrs.get(key) or ""
                assert not re.match(r"^\s*(https?:)?//", value), (tag, key, value)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", c5_html)
    assert "<script" not in c5_html


def test_svg_ids_are_unique_across_the_page(c5_html):
    ids = re.findall(r'\bid="([^"]+)"', c5_html)
    assert len(ids) == len(set(ids))


def test_data_gaps_and_provenance_are_stated(c5_html):
    methods = c5_html[
        c5_html.index('<section id="methods">') : c5_html.index('<section id="provenance">')
    ]
    assert "ends in 2020" in methods and "Turkmenistan" in methods and "Tajikistan" in methods
    provenance = c5_html[c5_html.index('<section id="provenance">') :]
    assert "imf_dots" in provenance and "Licence" in provenance
    assert "10.24833/2071-8160-2018-4-61-78-91" in provenance
    assert "knowledge base" in provenance


def test_report_result_lists_each_claims_verdict(c5_report):
    assert set(c5_report.verdicts) == {c.id for c in list_claims().claim_set.claims}
    assert set(c5_report.verdicts.values()) <= set(VERDICTS)
    assert c5_report.size_bytes > 100_000


def test_report_builds_on_a_warehouse_full_of_gaps(tmp_path, monkeypatch):
    snapshot = write_tiny_snapshot(tmp_path / "snapshot")
    monkeypatch.setenv("REGINT_SNAPSHOT", str(snapshot))
    result = build_report("c5", tmp_path / "tiny.html", warehouse=tmp_path / "tiny.duckdb")
    html = result.path.read_text(encoding="utf-8")
    assert "insufficient_data" in result.verdicts.values()
    assert set(_articles(html)) == set(result.verdicts)
    assert "no value" in html  # an unanswerable test says so instead of showing a number


@pytest.mark.parametrize("verdict", [*VERDICTS, None])
def test_badges_escape_and_label_every_verdict(verdict):
    text = badge(verdict)
    assert text.startswith('<span class="verdict v-')
    assert ("context" if verdict is None else verdict.replace("_", " ")) in text


def test_tables_and_figures_escape_their_text():
    import pandas as pd

    html = table(pd.DataFrame({"a": ["<script>x</script>"]}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;" in figure("<svg></svg>", "<b>", "src")


def test_captions_explain_membership_partly_recorded(c5_html):
    system = c5_html[c5_html.index('<section id="system">') : c5_html.index('<section id="trade">')]
    assert "membership partly recorded" in system  # the legend entry...
    assert (
        "records the membership of that organisation only for the C5 states" in system
    )  # ...explained
    depth = c5_html[c5_html.index('id="fig-sovereignty_cap"') :]
    assert "only for the C5 states" in depth[: depth.index("</figure>")]


def test_c5_report_names_the_studys_two_stages(c5_html):
    assert "The first stage (the 1990s) and the second (from 2016)" in c5_html
    assert "not applicable" not in re.sub(r"<section id=\"claims\">.*?</p>", "", c5_html, count=1)


def test_ci_rules_state_every_branch_in_the_report(c5_html):
    bandwagon = _articles(c5_html)["bandwagoning"]
    assert "contradicted if it lies below 0; mixed (inconclusive) if it includes 0" in bandwagon


def test_break_effect_is_in_percentage_points(c5_html):
    opening = _articles(c5_html)["uzbek_opening"]
    assert "pp of the share" not in opening
    assert "intra-regional trade share (%)" in opening and "percentage points (pp)" in opening


def test_drivers_section_has_one_sourced_chart_per_dimension(c5_html):
    start = c5_html.index('<section id="drivers">')
    part = c5_html[start : c5_html.index("</section>", start)]
    for fig_id in ("people", "water", "connectivity", "security", "institutions"):
        assert f'id="fig-{fig_id}"' in part, fig_id
    footers = re.findall(r'<span class="source">Source: ([^<]+)</span>', part)
    assert len(footers) == 5
    assert "World Development Indicators" in footers[1]
    assert "International Migrant Stock" in footers[0] and "NOT VERIFIED" in footers[0]
    assert "integration architecture" in footers[3]
