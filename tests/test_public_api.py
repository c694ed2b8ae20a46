"""The small public surface in regint/__init__.py answers the README's examples."""

from __future__ import annotations

import regint


def test_public_verbs_are_listed():
    assert {"compute", "members", "status", "check_claims", "report", "warehouse_status"} <= set(
        regint.__all__
    )


def test_knowledge_verbs_answer_dated_questions():
    assert regint.status("UZB", "cst_csto", on="2013-06-01").status == "suspended"
    eaeu = set(regint.members("eaeu", on="2016-01-01").to_frame()["country"])
    assert eaeu & {"KAZ", "KGZ", "TJK", "TKM", "UZB"} == {"KAZ", "KGZ"}
    full = set(regint.memberships("UZB", on="2007-06-30", full_only=True).to_frame()["org"])
    assert {"cis", "eurasec", "cst_csto", "sco"} <= full


def test_compute_returns_a_frame_with_provenance(tmp_path):
    share = regint.compute("intra_regional_share", years="2019", warehouse=tmp_path / "wh.duckdb")
    assert 0.05 < float(share["value"].iloc[0]) < 0.10
    assert share.attrs["provenance"]["sources"]


def test_the_api_facade_is_reachable_as_attributes():
    import regint.api

    assert callable(regint.api.indicators.compute)
    assert callable(regint.api.knowledge.members)
    assert callable(regint.api.data.build)
