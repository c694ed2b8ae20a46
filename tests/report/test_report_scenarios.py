"""The report's GE scenario section: the three scenarios for the report's region, with intervals,
failed draws, the domestic-flow rule check and sources; a scenario that does not apply says why."""

from __future__ import annotations

import re

SCENARIOS = ("c5-fta", "uzb-eaeu", "c5-border-costs")


def _section(html: str) -> str:
    start = html.index('<section id="scenarios">')
    return html[start : html.index("</section>", start)]


def _scenario(section: str, name: str) -> str:
    start = section.index(f'<h3 id="scenario-{name}">')
    nxt = section.find("<h3 ", start + 1)
    return section[start : nxt if nxt > 0 else len(section)]


def test_c5_report_shows_each_scenario_with_each_state_and_its_interval(c5_html):
    section = _section(c5_html)
    for name in SCENARIOS:
        part = _scenario(section, name)
        for state in ("KAZ", "KGZ", "TJK", "TKM", "UZB"):
            row = re.search(rf"<tr><td>{state}</td><td>([^<]+)</td><td>([^<]+)</td></tr>", part)
            assert row, (name, state)
            for cell in row.groups():  # "value [lo, hi]"
                assert re.fullmatch(r"\S+ \[\S+, \S+\]", cell), (name, state, cell)
        assert re.search(r"\d+ solved, <strong>\d+ failed</strong>", part), name
        assert "Domestic-flow rule check (" in part, name
        assert "DOTS has no domestic" in part, name
        assert "(SE " in part and "Spec sha256" in part, name
        assert part.count('<figure class="chart"') == 1, name


def test_scenario_charts_cite_every_source_behind_them(c5_html):
    section = _section(c5_html)
    footers = re.findall(r'<span class="source">Source: ([^<]+)</span>', section)
    assert len(footers) == len(SCENARIOS)
    for footer in footers:
        for name in (
            "CEPII",
            "International Monetary Fund",
            "World Bank",
            "DESTA",
            "knowledge base",
        ):
            assert name in footer, name


def test_rule_check_reports_the_sign_flip_the_docs_describe(c5_html):
    # docs/explanation/gravity.md: under the halved rule UZB's real GDP change changes sign.
    part = _scenario(_section(c5_html), "uzb-eaeu")
    assert "Domestic-flow rule check (not determined by these data)" in part
    assert "UZB real GDP" in part


def test_eaeu_report_runs_what_applies_and_says_why_the_rest_does_not(eaeu_html):
    section = _section(eaeu_html)
    # Uzbekistan joining concerns the EAEU's members: it runs, for them.
    joining = _scenario(section, "uzb-eaeu")
    for state in ("ARM", "BLR", "KAZ", "KGZ", "RUS"):
        assert f"<tr><td>{state}</td>" in joining, state
    # Every pair of EAEU members has a customs union already: an FTA among them changes nothing.
    fta = _scenario(section, "c5-fta")
    assert "Does not apply to Eurasian Economic Union" in fta
    assert "nothing changes" in fta and "<table" not in fta
    # Lower costs inside the region apply to any region.
    costs = _scenario(section, "c5-border-costs")
    assert "inside Eurasian Economic Union" in costs and "<tr><td>RUS</td>" in costs
