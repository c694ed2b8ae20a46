"""The one-off seed converter (tools/seed_converter.py): ca-facts.yaml records become schema-valid
knowledge files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from regint.core.errors import DataError
from regint.knowledge.load import check_kb, default_kb_dir, read_kb


def _converter():
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "tools" / "seed_converter.py"
    spec = importlib.util.spec_from_file_location("seed_converter", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_records_from_seed = _converter().build_records_from_seed


@pytest.fixture()
def converted(tmp_path: Path, fixtures_dir: Path) -> Path:
    out = tmp_path / "kb"
    build_records_from_seed(fixtures_dir / "knowledge" / "seed_small.yaml", out)
    shutil.copy(default_kb_dir() / "countries.csv", out)
    return out


def _records(folder: Path, kind: str) -> list[dict]:
    return yaml.safe_load((folder / f"{kind}.yaml").read_text(encoding="utf-8"))


def test_converted_excerpt_passes_every_check(converted: Path) -> None:
    assert check_kb(converted) == []
    kb = read_kb(converted)
    assert (len(kb.organisations), len(kb.spells), len(kb.agreements), len(kb.events)) == (
        3,
        3,
        1,
        2,
    )


def test_seed_only_statuses_are_mapped_and_recorded_in_the_note(converted: Path) -> None:
    spells = {s["id"]: s for s in _records(converted, "memberships")}
    assert spells["cis_fta.KAZ.2012-12"]["status"] == "member"
    assert "seed status 'party'" in spells["cis_fta.KAZ.2012-12"]["note"]
    assert spells["ifas.KGZ.2016"]["status"] == "suspended"
    assert "seed status 'frozen'" in spells["ifas.KGZ.2016"]["note"]


def test_partial_dates_keep_their_precision(converted: Path) -> None:
    kb = read_kb(converted)
    frozen = next(s for s in kb.spells if s.id == "ifas.KGZ.2016")
    assert frozen.start is not None and frozen.start.precision == "year"
    # dates are written quoted, so YAML never reads them as numbers or timestamps
    assert '  from: "2012-12"' in (converted / "memberships.yaml").read_text(encoding="utf-8")


def test_consultative_meeting_details_are_merged_into_the_summit_event(converted: Path) -> None:
    summit = _records(converted, "events")[0]
    assert (summit["org"], summit["number"], summit["host"], summit["chair"]) == (
        "c5_consultative",
        4,
        "KGZ",
        "S. Japarov",
    )
    assert len(summit["evidence"]) == 2


def test_agreement_text_fields_become_notes_not_dates(converted: Path) -> None:
    agreement = read_kb(converted).agreements[0]
    assert agreement.in_force is None
    assert agreement.in_force_note == "not established in this research"
    assert agreement.details["ratifications"].startswith("not found")
    assert [s.country for s in agreement.signatures] == ["KAZ", "TJK"]
    assert agreement.org == "c5_consultative"


def test_a_seed_without_its_lists_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "seed.yaml"
    bad.write_text("organizations: []\n", encoding="utf-8")
    with pytest.raises(DataError, match="lacks a 'agreements' list"):
        build_records_from_seed(bad, tmp_path / "out")


@pytest.mark.rawdata
def test_the_real_seed_converts_completely(raw_dir: Path, tmp_path: Path) -> None:
    seed = raw_dir.parent / "knowledge" / "ca-facts.yaml"
    if not seed.exists():
        pytest.skip("../shared/knowledge/ca-facts.yaml is absent")
    counts = build_records_from_seed(seed, tmp_path)
    assert counts == {"organizations": 34, "memberships": 155, "agreements": 25, "events": 123}
    shutil.copy(default_kb_dir() / "countries.csv", tmp_path)
    problems = [str(p) for p in check_kb(tmp_path)]
    # The unreviewed conversion has exactly the two problems the review fixed (see REVIEW.md).
    assert len(problems) == 2
    assert any("wto.TKM.2020" in p and "no evidence" in p for p in problems)
    assert any("wto.UZB.1994" in p and "before 'wto' was founded" in p for p in problems)
