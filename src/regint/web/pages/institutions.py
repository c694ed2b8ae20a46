"""Institutions: the overlap of memberships on a date, an organisation's timeline, events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from pydantic import Field

from regint.api import knowledge
from regint.web.pages import cached
from regint.web.pages.base import Page, Params, View, merge_origins, today

EVENT_WINDOW_YEARS = 5


class InstitutionsParams(Params):
    on: dt.date | None = Field(
        None, description="Date of the overlap matrix, YYYY-MM-DD (default: today)."
    )
    org: str = Field(
        "eaeu", pattern=r"^[A-Za-z0-9_]{1,40}$", description="Organisation whose timeline is drawn."
    )
    event_type: str | None = Field(
        None, pattern=r"^[a-z_]{1,40}$", description="Only events of this type (e.g. summit)."
    )
    q: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Search the knowledge base (organisations, agreements, events, people).",
    )


def build(params: InstitutionsParams) -> View:
    on = params.on or today()
    overlap = knowledge.overlap(on)
    timeline = knowledge.timeline(params.org)
    start = dt.date(max(on.year - EVENT_WINDOW_YEARS, 1991), 1, 1)
    events = knowledge.events(start, on, type=params.event_type)
    org = params.org.lower()
    return View(
        tables={
            "overlap": _long_overlap(overlap.to_frame()),
            "spells": _spells(org),
            "timeline": timeline.to_frame(),
            "events": events.to_frame(),
            "organisations": cached.organisations(),
            "search": _search(params.q),
        },
        origins=merge_origins(overlap.provenance, notes=[overlap.title, *overlap.notes]),
        notes=[*overlap.notes, *events.notes],
        choices={
            "on": on.isoformat(),
            "first_date": "1991-12-08",
            "today": today().isoformat(),
            "org": org,
            "orgs": [
                {"id": r.id, "name": r.name} for r in cached.organisations().itertuples(index=False)
            ],
            "event_types": sorted({e.type for e in knowledge.load_kb().events}),
            "events_from": start.isoformat(),
        },
    )


SEARCH_LIMIT = 50


def _search(text: str | None) -> pd.DataFrame:
    """The knowledge base's ranked search hits for ``text`` (none asked: no rows)."""
    if text is None:
        return pd.DataFrame(columns=["kind", "id", "date", "title"])
    return knowledge.search(text, limit=SEARCH_LIMIT).to_frame()


def _long_overlap(matrix: pd.DataFrame) -> pd.DataFrame:
    """The countries x organisations matrix as rows (country, org, status); blank = none."""
    orgs = [c for c in matrix.columns if c not in ("country", "n_full")]
    long = matrix.melt(id_vars=["country"], value_vars=orgs, var_name="org", value_name="status")
    long["status"] = long["status"].fillna("").astype(str).str.strip()
    return long.reset_index(drop=True)


def _spells(org: str) -> pd.DataFrame:
    """Every membership spell in ``org``: country, status, start, end (open = none), confidence."""
    rows: list[dict[str, Any]] = []
    for spell in knowledge.load_kb().spells:
        if spell.org != org:
            continue
        start = str(spell.start) if spell.start else None
        end = str(spell.end) if spell.end else None
        rows.append(
            {
                "country": spell.country,
                "status": spell.status,
                "start": start,
                "end": end,
                "confidence": spell.confidence,
            }
        )
    frame = pd.DataFrame(rows, columns=["country", "status", "start", "end", "confidence"])
    return frame.sort_values(["country", "start"]).reset_index(drop=True)


PAGE = Page(
    id="institutions",
    title="Institutions",
    summary="Who belonged to what, when: memberships on a date, timelines and events.",
    params=InstitutionsParams,
    build=build,
    tables=("overlap", "spells", "timeline", "events", "organisations", "search"),
)
