"""The dated questions of tests/knowledge/questions.yaml, each answered through the Python API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from regint.api import knowledge as kb
from regint.core.vocab import C5

QUESTIONS = yaml.safe_load((Path(__file__).parent / "questions.yaml").read_text(encoding="utf-8"))


def _ask_status(q: dict[str, Any]) -> None:
    answer = kb.status(q["country"], q["org"], on=q["date"])
    for key, expected in q["expect"].items():
        got = list(answer.possible) if key == "possible" else getattr(answer, key)
        assert got == expected, f"{key}: {got!r} != {expected!r} ({answer.note})"


def _ask_members(q: dict[str, Any]) -> None:
    table = kb.members(q["org"], on=q["date"], full_only=q.get("full_only", False))
    got = sorted(table.column("country"))
    if q.get("c5_only"):
        got = [c for c in got if c in C5]
    assert got == q["expect"]


def _ask_memberships(q: dict[str, Any]) -> None:
    table = kb.memberships(q["country"], on=q["date"], full_only=q.get("full_only", False))
    assert sorted(table.column("org")) == q["expect"]


def _ask_shared(q: dict[str, Any]) -> None:
    table = kb.shared(q["a"], q["b"], on=q["date"], full_only=q.get("full_only", False))
    assert sorted(table.column("org")) == q["expect"]


def _ask_events(q: dict[str, Any]) -> None:
    table = kb.events(
        q["start"], q["end"], type=q.get("type"), country=q.get("country"), org=q.get("org")
    )
    got = [
        {k: row[k] for k in expected}
        for row, expected in zip(table.rows, q["expect"], strict=False)
    ]
    assert len(table) == len(q["expect"]), table.column("date")
    assert got == q["expect"]


def _ask_signatories(q: dict[str, Any]) -> None:
    table = kb.signatories(q["agreement"])
    assert [{k: row[k] for k in ("country", "act", "date")} for row in table.rows] == q["expect"]


def _ask_org(q: dict[str, Any]) -> None:
    row = next(r for r in kb.organisations().rows if r["id"] == q["org"])
    assert {k: row[k] for k in q["expect"]} == q["expect"]


def _ask_region(q: dict[str, Any]) -> None:
    region = kb.resolve_region(q["spec"])
    got = {str(year): sorted(region.members(int(year))) for year in q["expect"]}
    assert got == q["expect"]


ASK = {
    "status": _ask_status,
    "members": _ask_members,
    "memberships": _ask_memberships,
    "shared": _ask_shared,
    "events": _ask_events,
    "signatories": _ask_signatories,
    "org": _ask_org,
    "region": _ask_region,
}


def test_question_table_is_large_and_sourced() -> None:
    assert len(QUESTIONS) >= 45
    assert all(q.get("source", "").startswith("http") for q in QUESTIONS)
    assert {q["ask"] for q in QUESTIONS} == set(ASK)


@pytest.mark.parametrize("q", QUESTIONS, ids=[q["q"][:60] for q in QUESTIONS])
def test_question_is_answered_as_the_sources_say(q: dict[str, Any]) -> None:
    ASK[q["ask"]](q)
