"""What a dashboard page is: validated parameters, one api-backed view, named tables.

A page plugs into the dashboard by adding a module here (a :class:`Page` whose ``build`` calls
``regint.api``) and a script ``static/js/pages/<id>.js`` that draws its view; the server derives
the HTML page, its JSON twin, its downloads and its OpenAPI entry from the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict

from regint.core.provenance import Provenance, make_provenance


class Params(BaseModel):
    """Query parameters of a page: unknown names are refused, values are typed."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass
class View:
    """What a page shows: named tables (each downloadable), choices for its controls, origins."""

    tables: dict[str, pd.DataFrame]
    origins: Provenance
    choices: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    """One page of the dashboard and its JSON twin ``/api/v1/<id>``."""

    id: str
    title: str
    summary: str
    params: type[Params]
    build: Callable[[Any], View]
    tables: tuple[str, ...]


def merge_origins(*provenances: Mapping[str, Any], **facts: Any) -> Provenance:
    """One provenance record from the api calls behind a view: sources once each, the build.

    ``sources`` are de-duplicated by ``source_id`` in first-seen order; ``build`` is the first
    one given (every call of one request reads the same warehouse); ``views`` keeps each call's
    own facts (indicator, basis, region, notes...).
    """
    sources: dict[str, Mapping[str, Any]] = {}
    build: dict[str, Any] = {}
    views = []
    for prov in provenances:
        for src in prov.get("sources", []) or []:
            sources.setdefault(str(src.get("source_id")), src)
        build = build or dict(prov.get("build") or {})
        views.append({k: v for k, v in prov.items() if k not in ("sources", "build")})
    return make_provenance(sources=sources.values(), build=build, views=views, **facts)


def today() -> dt.date:
    """Today's date (the knowledge base answers questions up to today)."""
    return dt.date.today()
