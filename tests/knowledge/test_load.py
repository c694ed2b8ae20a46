"""Loading and checking the knowledge files: the committed KB is sound; bad input is named."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from regint.core.errors import DataError
from regint.knowledge.load import check_kb, read_kb


@pytest.fixture()
def kb_copy(tmp_path: Path, fixtures_dir: Path) -> Path:
    """A writable copy of the miniature knowledge folder."""
    target = tmp_path / "kb"
    shutil.copytree(fixtures_dir / "knowledge" / "kb", target)
    return target


def _edit(folder: Path, name: str, change: Callable[[str], str]) -> None:
    path = folder / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_committed_knowledge_base_passes_every_check() -> None:
    assert check_kb() == []


def test_committed_knowledge_base_holds_the_seed_and_its_review() -> None:
    kb = read_kb()
    assert len(kb.organisations) == 34
    # seed + review, plus the water and energy architecture (issue 10: 8 agreements, 13 events)
    assert len(kb.agreements) == 25 + 8
    assert len(kb.events) == 123 + 13
    # 155 seed spells, plus 29 added in review (non-C5 members, UZB's CST withdrawal, ARM's freeze)
    assert len(kb.spells) == 184
    assert all(
        record.evidence for record in (*kb.organisations, *kb.spells, *kb.agreements, *kb.events)
    )


def test_every_seed_status_is_mapped_into_the_model() -> None:
    statuses = {s.status for s in read_kb().spells}
    assert statuses <= {
        "founding_member",
        "member",
        "associate_member",
        "observer",
        "suspended",
        "withdrawn",
        "participant",
        "none",
    }
    assert {"suspended", "withdrawn", "associate_member", "observer"} <= statuses


def test_loading_is_cached_until_a_file_changes(kb_copy: Path) -> None:
    first = read_kb(kb_copy)
    assert read_kb(kb_copy) is first
    _edit(kb_copy, "events.yaml", lambda t: t.replace("A border incident", "An incident"))
    assert read_kb(kb_copy) is not first


def test_fixture_knowledge_base_is_sound(kb_copy: Path) -> None:
    assert check_kb(kb_copy) == []


@pytest.mark.parametrize(
    ("file", "old", "new", "record", "message"),
    [
        (
            "memberships.yaml",
            "status: member\n",
            "status: member\n  - broken: [\n",
            "-",
            "malformed YAML",
        ),
        (
            "memberships.yaml",
            "org: beta",
            "org: gamma",
            "beta.KGZ.2001-05",
            "unknown organisation 'gamma'",
        ),
        (
            "memberships.yaml",
            "country: KAZ",
            "country: KZ",
            "alpha.KAZ.1994-01-10",
            "bad country code",
        ),
        (
            "memberships.yaml",
            "country: KAZ",
            "country: XYZ",
            "alpha.KAZ.1994-01-10",
            "unknown ISO3 code 'XYZ'",
        ),
        (
            "memberships.yaml",
            'from: "1998"',
            'from: "1998-13"',
            "alpha.UZB.1998",
            "month 13 does not exist",
        ),
        (
            "memberships.yaml",
            'from: "1998"',
            'from: "01/02/1998"',
            "alpha.UZB.1998",
            "write 'YYYY-MM-DD'",
        ),
        (
            "memberships.yaml",
            "status: founding_member",
            "status: frozen",
            "alpha.KAZ.1994-01-10",
            "status",
        ),
        (
            "memberships.yaml",
            '  to: "2015-01-01"',
            '  to: "2000-01-01"',
            "beta.KGZ.2001-05",
            "inverted",
        ),
        (
            "memberships.yaml",
            'to: "2008-10-20"',
            'to: "2009-06-01"',
            "alpha.UZB.2008-10-20",
            "overlaps spell",
        ),
        (
            "memberships.yaml",
            "  evidence:\n  - https://example.org/beta/kgz\n",
            "",
            "beta.KGZ.2001-05",
            "no evidence",
        ),
        (
            "memberships.yaml",
            "confidence: recalled",
            "confidence: sure",
            "alpha.UZB.1998",
            "confidence",
        ),
        (
            "memberships.yaml",
            "  note: never applied",
            "  notes: never applied",
            "alpha.TKM.none",
            "notes",
        ),
        (
            "memberships.yaml",
            "id: alpha.UZB.1998",
            "id: alpha.KAZ.1994-01-10",
            "alpha.KAZ.1994-01-10",
            "duplicate id",
        ),
        (
            "memberships.yaml",
            '  to: "2015-01-01"',
            "  to: null",
            "beta.KGZ.2001-05",
            "runs past the dissolution",
        ),
        (
            "organizations.yaml",
            "successor: alpha",
            "successor: omega",
            "beta",
            "unknown organisation 'omega'",
        ),
        ("organizations.yaml", 'founded: "1994-01-10"', 'founded: "1999"', "alpha", None),
        (
            "agreements.yaml",
            "{country: UZB,",
            "{country: UZX,",
            "alpha_treaty_1994",
            "unknown ISO3 code 'UZX'",
        ),
        ("events.yaml", "type: conflict", "type: skirmish", "ev_2010_conflict", "type"),
        ("events.yaml", "host: UZB", "host: uzb", "ev_19940110_founding", "bad country code"),
    ],
)
def test_bad_input_is_reported_with_file_and_record(
    kb_copy: Path, file: str, old: str, new: str, record: str, message: str | None
) -> None:
    _edit(kb_copy, file, lambda text: text.replace(old, new, 1))
    problems = check_kb(kb_copy)
    if message is None:  # founded after its members joined: the spell is flagged
        assert any("before 'alpha' was founded" in p.message for p in problems)
        return
    assert problems, "the broken file passed the check"
    hit = [
        p
        for p in problems
        if p.file == file and p.record.startswith(record) and message in p.message
    ]
    assert hit, [str(p) for p in problems]
    with pytest.raises(DataError, match=file.replace(".", r"\.")):
        read_kb(kb_copy)


def test_loading_error_names_the_file_the_record_and_its_line(kb_copy: Path) -> None:
    _edit(kb_copy, "memberships.yaml", lambda t: t.replace("country: KAZ", "country: XYZ"))
    with pytest.raises(DataError) as caught:
        read_kb(kb_copy)
    text = str(caught.value)
    assert "memberships.yaml, record alpha.KAZ.1994-01-10 (line 1)" in text
    assert "regint kb check" in text


def test_a_record_without_id_is_named_by_its_index(kb_copy: Path) -> None:
    _edit(kb_copy, "events.yaml", lambda t: t.replace("- id: ev_2010_conflict\n  date", "- date"))
    problems = check_kb(kb_copy)
    assert any(p.file == "events.yaml" and p.record.startswith("#1") for p in problems)


def test_a_missing_file_is_a_problem(kb_copy: Path) -> None:
    (kb_copy / "agreements.yaml").unlink()
    assert any(p.file == "agreements.yaml" and "not found" in p.message for p in check_kb(kb_copy))


def test_a_file_that_is_not_a_list_is_a_problem(kb_copy: Path) -> None:
    (kb_copy / "events.yaml").write_text("id: lonely\n", encoding="utf-8")
    assert any(
        p.file == "events.yaml" and "list of records" in p.message for p in check_kb(kb_copy)
    )


def test_a_missing_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="knowledge folder not found"):
        read_kb(tmp_path / "nowhere")


def test_shared_uncertain_boundary_is_not_an_overlap(kb_copy: Path) -> None:
    # founding_member until "2016" and suspended from "2016": the same moment, written once each
    extra = (
        '\n- id: beta.UZB.2002\n  org: beta\n  country: UZB\n  status: member\n  from: "2002"\n'
        '  to: "2010"\n  confidence: verified\n  evidence: [https://example.org/x]\n'
        '\n- id: beta.UZB.2010\n  org: beta\n  country: UZB\n  status: suspended\n  from: "2010"\n'
        '  to: "2015-01-01"\n  confidence: verified\n  evidence: [https://example.org/y]\n'
    )
    _edit(kb_copy, "memberships.yaml", lambda t: t + extra)
    assert check_kb(kb_copy) == []


def test_the_depth_ranks_name_every_rung_of_the_knowledge_model_in_order():
    from typing import get_args

    from regint.core.vocab import DEPTH_RANK
    from regint.knowledge.model import Depth

    assert list(DEPTH_RANK) == list(get_args(Depth))
    assert list(DEPTH_RANK.values()) == list(range(len(DEPTH_RANK)))
