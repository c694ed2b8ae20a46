"""The knowledge base as plain frames for the driver indicators (security, institutions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from regint.knowledge.base import KnowledgeBase


def _earliest(value: Any) -> dt.date | None:
    return None if value is None else value.earliest


def compute_event_frame(kb: KnowledgeBase, as_of: dt.date | None = None) -> pd.DataFrame:
    """One row per event: date (earliest day), type, status, title, countries (tuple).

    ``attrs['as_of']`` is the compilation date the counts stop at (today by default).
    """
    rows = [
        {
            "date": e.date.earliest,
            "type": e.type,
            "status": e.status,
            "title": e.title,
            "countries": tuple(e.countries),
        }
        for e in kb.events
    ]
    frame = pd.DataFrame(rows, columns=["date", "type", "status", "title", "countries"])
    frame.attrs["as_of"] = as_of or dt.date.today()
    return frame


def compute_spell_frame(kb: KnowledgeBase) -> pd.DataFrame:
    """One row per membership spell: org, country, status, start, end (None = open)."""
    rows = [(s.org, s.country, s.status, _earliest(s.start), _earliest(s.end)) for s in kb.spells]
    return pd.DataFrame(rows, columns=["org", "country", "status", "start", "end"])


def compute_org_frame(kb: KnowledgeBase) -> pd.DataFrame:
    """One row per organisation: id and achieved Balassa depth (None: the scale does not apply)."""
    rows = [(o.id, o.depth_achieved) for o in kb.organisations]
    return pd.DataFrame(rows, columns=["id", "depth_achieved"])
