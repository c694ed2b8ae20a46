"""A report on another region: the study's C5-specific claims and wording are not read into it."""

from __future__ import annotations

from tests.report.test_report import _articles

C5_ONLY_CLAIMS = (
    "sovereignty_cap",
    "coordination_over_ladder",
    "uzbek_opening",
    "institutions_did_not_last",
    "key_actors",
)


def test_claims_whose_premise_fails_are_not_applicable_on_the_eaeu(eaeu_report, eaeu_html):
    # QA #6: "Uzbekistan's opening revived regional cooperation" was contradicted on the EAEU.
    articles = _articles(eaeu_html)
    for claim_id in C5_ONLY_CLAIMS:
        assert eaeu_report.verdicts[claim_id] == "insufficient_data", claim_id
        assert "not applicable to region Eurasian Economic Union" in articles[claim_id], claim_id
        assert '<figure class="chart"' not in articles[claim_id], claim_id
    # Claims that make sense for any region are still judged there, with their charts.
    assert eaeu_report.verdicts["trade_basis"] != "insufficient_data"
    assert '<figure class="chart"' in articles["trade_basis"]


def test_eaeu_report_has_no_c5_specific_wording(eaeu_html):
    # QA #20: "first stage... second from 2016" appeared in the EAEU report.
    assert "The first stage (the 1990s) and the second (from 2016)" not in eaeu_html
    assert "is that of the C5 and is not read into this region" in eaeu_html
    header = eaeu_html[: eaeu_html.index("</header>")]
    assert "The study is about Central Asia (the C5)" in header
    gaps = eaeu_html[eaeu_html.index("<h3>Data gaps</h3>") :]
    gaps = gaps[: gaps.index("</ul>")]
    # Names from the reference table; who reports after 2020 is read from the warehouse's flows.
    assert "Turkmenistan" not in gaps
    assert "Armenia, Belarus, Kyrgyzstan and Russia appear only as partners" in gaps
    assert "only Kazakhstan and Uzbekistan report trade by partner in this warehouse" in gaps


def test_a_user_country_list_is_not_named_twice(tmp_path):
    from regint.report import build_report

    out = tmp_path / "r.html"
    build_report("c5", out, countries="KAZ,UZB,KGZ")
    html = out.read_text()
    assert "put to the data for KAZ, UZB, KGZ." in html
