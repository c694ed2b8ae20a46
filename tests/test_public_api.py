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


def test_help_of_compute_lists_every_option():
    import pydoc

    text = pydoc.render_doc(regint.compute, renderer=pydoc.plaintext)
    for option in ("years", "basis", "cif_fob", "region", "countries", "level"):
        assert f"{option}:" in text or f"{option} :" in text, option


def test_a_bad_cif_fob_names_the_python_parameter(tmp_path):
    import pytest

    from regint.core.errors import InputError

    with pytest.raises(InputError, match=r"^cif_fob: CIF/FOB factor 2.0 is outside \[1.0, 1.5\]"):
        regint.compute("intra_regional_share", cif_fob=2.0, warehouse=tmp_path / "never.duckdb")
    assert not (tmp_path / "never.duckdb").exists()  # refused before any warehouse work


def test_the_cli_names_the_flag_for_the_same_error(tmp_path, capsys):
    import pytest

    from regint.cli.main import main

    argv = ["--warehouse", str(tmp_path / "never.duckdb"), "indicators", "compute"]
    with pytest.raises(SystemExit) as caught:
        main([*argv, "intra_regional_share", "--cif-fob", "2"])
    assert caught.value.code == 2
    assert "--cif-fob: CIF/FOB factor 2.0 is outside [1.0, 1.5]" in capsys.readouterr().err
