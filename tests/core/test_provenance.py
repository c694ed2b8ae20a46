"""The Provenance record: one constructor, one serialisation for every output format."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from regint.core.provenance import Provenance, as_provenance, attach_provenance, make_provenance

SOURCE = {
    "source_id": "imf_dots",
    "producer": "IMF (International Monetary Fund)",
    "title": "Direction of Trade Statistics",
    "licence": "IMF terms",
    "citation": "IMF (2023), DOTS",
}
BUILD = {"code_version": "0.1.0", "built_at": "2026-01-01T00:00:00"}


def test_facts_keep_their_order_and_sources_and_build_come_last():
    prov = make_provenance(level="region", basis="mirror", sources=[SOURCE], build=BUILD)
    assert list(prov.to_dict()) == ["level", "basis", "sources", "build"]
    assert prov["basis"] == "mirror" and prov.get("missing", 1) == 1


def test_absent_sources_or_build_are_not_written_as_empty():
    prov = make_provenance(view="indicator catalogue")
    assert prov.to_dict() == {"view": "indicator catalogue"}
    assert make_provenance(sources=[]).to_dict() == {"sources": []}


def test_the_record_is_frozen():
    prov = make_provenance(basis="mirror")
    with pytest.raises(AttributeError):
        prov.facts = ()  # type: ignore[misc]


def test_one_serialisation_feeds_json_csv_parquet_and_footers():
    prov = make_provenance(basis="mirror", sources=[SOURCE], build=BUILD)
    assert json.loads(prov.to_parquet_metadata()[b"regint.provenance"]) == prov.to_dict()
    assert prov.to_lines(["a note"]) == [
        "a note",
        "source: IMF (2023), DOTS [IMF terms]",
        "build: regint 0.1.0 at 2026-01-01T00:00:00",
    ]
    assert prov.producer("imf_dots") == "IMF" and prov.producer("wb_wdi") is None


def test_a_plain_mapping_becomes_the_same_record():
    plain = {"basis": "mirror", "sources": [SOURCE], "build": BUILD}
    assert as_provenance(plain) == make_provenance(basis="mirror", sources=[SOURCE], build=BUILD)
    assert as_provenance(plain) == plain  # it still compares as the mapping it prints as


def test_provenance_survives_pandas_operations_on_the_frame():
    frame = attach_provenance(pd.DataFrame({"year": [2019, 2020]}), {"basis": "mirror"})
    copied = frame[frame["year"] > 2019].copy()
    assert isinstance(copied.attrs["provenance"], Provenance)
    assert copied.attrs["provenance"]["basis"] == "mirror"
