"""kb search ranks the right record first; kb show gives any record in full with its links."""

from __future__ import annotations

import pytest

from regint.api import knowledge as api
from regint.core.errors import InputError
from regint.knowledge.base import KnowledgeBase
from regint.knowledge.load import read_kb
from regint.knowledge.search import build_index, tokens


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return read_kb()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("K2", {"event"}),
        ("Manas", {"event"}),
        ('"72/283"', {"agreement"}),
        ("peacekeeping", {"event"}),
        ("Kempir", {"agreement", "event"}),
    ],
)
def test_the_issue_questions_find_the_right_record_first(
    kb: KnowledgeBase, query: str, expected: set[str]
) -> None:
    first = api.search(query, kb=kb).rows[0]
    assert first["kind"] in expected
    full = api.show(first["id"], kb=kb)
    words = tokens(query)
    text = " ".join(str(v) for v in full.fields.values()).lower()
    assert all(w in text for w in words), (query, first)


def test_resolution_is_found_by_its_symbol_before_the_event_that_mentions_it(
    kb: KnowledgeBase,
) -> None:
    ids = [r["id"] for r in api.search("72/283", kb=kb).rows]
    assert ids[0] == "unga_72_283"
    assert "ev_20180622_un_resolution" in ids


def test_an_alias_is_an_exact_id_hit(kb: KnowledgeBase) -> None:
    first = api.search("csto", kb=kb).rows[0]
    assert (first["kind"], first["id"]) == ("organisation", "cst_csto")


def test_every_term_must_match(kb: KnowledgeBase) -> None:
    rows = api.search("Manas Kempir", kb=kb).rows
    assert rows == ()


@pytest.mark.parametrize("kind", ["organisation", "agreement", "membership", "event"])
def test_every_record_is_found_by_its_own_id_first(kb: KnowledgeBase, kind: str) -> None:
    index = build_index(kb)
    docs = [d for d in index.documents if d.kind == kind]
    for doc in docs[:: max(1, len(docs) // 15)]:
        assert index.search(doc.id, limit=1)[0].id == doc.id


def test_search_rows_carry_kind_and_id(kb: KnowledgeBase) -> None:
    table = api.search("Samarkand", kb=kb)
    assert table.columns[:2] == ("kind", "id")
    assert all(row["id"] and row["kind"] for row in table.rows)


def test_empty_search_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="text"):
        api.search("  ", kb=kb)


def test_show_gives_every_field_evidence_and_links(kb: KnowledgeBase) -> None:
    view = api.show("ev_20220721_summit", kb=kb)
    for name in ("id", "org", "orgs", "number", "chair", "guests", "outcomes", "status"):
        assert name in view.fields
    assert view.fields["number"] == 4
    assert view.evidence
    assert "ca_friendship_treaty_2022" in {i for i, _ in view.links["agreements"]}


def test_show_accepts_an_alias_and_lists_the_organisations_events(kb: KnowledgeBase) -> None:
    view = api.show("csto", kb=kb)
    assert view.id == "cst_csto"
    events = {i for i, _ in view.links["events"]}
    assert {"ev_20121219_suspension", "ev_20220106_status_change"} <= events


def test_show_of_an_agreement_has_details_depositary_terminated(kb: KnowledgeBase) -> None:
    view = api.show("eurasec_treaty_2000", kb=kb)
    assert view.fields["terminated"] == "2015-01-01"
    assert {"details", "depositary"} <= set(view.fields)


def test_un_resolution_says_how_it_was_adopted_and_who_initiated_it(kb: KnowledgeBase) -> None:
    view = api.show("unga_72_283", kb=kb)
    assert view.fields["kind"] == "un_resolution"
    resolution = view.fields["resolution"]
    assert resolution["symbol"] == "A/RES/72/283"
    assert resolution["initiator"] == "UZB"
    assert resolution["adoption"] == "unanimous"


def test_unknown_record_is_an_error_with_a_hint(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="did you mean"):
        api.show("cst_cst", kb=kb)


@pytest.mark.parametrize(
    ("variant", "written"),
    [("Ashkhabad", "Ashgabat"), ("Krasnovodsk", "Turkmenbashi"), ("Akmola", "Astana"),
     ("Nazarbaev", "Nazarbayev"), ("kirghizia", "Kyrgyzstan")],
)  # fmt: skip
def test_another_spelling_finds_the_same_records(
    kb: KnowledgeBase, variant: str, written: str
) -> None:
    found = [r["id"] for r in api.search(variant, kb=kb, limit=None).rows]
    assert found, variant
    assert found == [r["id"] for r in api.search(written, kb=kb, limit=None).rows]


def test_every_spelling_group_is_one_word_each_and_disjoint() -> None:
    from regint.knowledge.spellings import SPELLINGS

    words = [w for group in SPELLINGS for w in group]
    assert len(words) == len(set(words))
    assert all(tokens(w) == [tokens(group[0])[0]] for group in SPELLINGS for w in group)
