"""The knowledge base through the Python API: who belonged to what, when, on whose evidence.

Dates may be given as ``datetime.date`` or 'YYYY-MM-DD'; ids and codes are checked against the
knowledge base, and a bad one raises :class:`~regint.core.errors.InputError` naming the argument.

>>> from regint.api import knowledge as kb
>>> kb.status("UZB", "cst_csto", on="2013-06-01").status  # doctest: +SKIP
'suspended'
>>> sorted(kb.resolve_region("eaeu@2016-01-01").members(2016))  # doctest: +SKIP
['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from regint.core.errors import InputError
from regint.core.options import DateLike, parse_date
from regint.core.regions import C5_REGION, Region
from regint.knowledge import catalogue, crosscheck, queries, records
from regint.knowledge import regions as kb_regions
from regint.knowledge import search as kb_search
from regint.knowledge.base import KnowledgeBase, Problem
from regint.knowledge.dates import PartialDate
from regint.knowledge.derived import read_derived_cow, read_derived_desta
from regint.knowledge.load import check_kb, read_kb
from regint.knowledge.records import RecordView
from regint.knowledge.results import StatusAnswer, Table

__all__ = [
    "Problem",
    "RecordView",
    "StatusAnswer",
    "Table",
    "agreements",
    "check",
    "cross_check",
    "events",
    "load_kb",
    "members",
    "memberships",
    "organisations",
    "overlap",
    "region_from_org",
    "resolve_region",
    "search",
    "show",
    "shared",
    "signatories",
    "status",
    "timeline",
]


def load_kb(path: str | Path | None = None) -> KnowledgeBase:
    """The validated knowledge base (``data/knowledge`` by default), cached."""
    return read_kb(Path(path) if path else None)


def _kb(kb: KnowledgeBase | None) -> KnowledgeBase:
    return kb if kb is not None else read_kb()


def _date(value: DateLike | None, parameter: str = "on") -> dt.date:
    if value is None or value == "":
        raise InputError(parameter, "a date is required (YYYY-MM-DD)")
    # Point-in-time answers about the future would only repeat today's records.
    return parse_date(value, parameter, future=parameter != "on")


def _on(value: DateLike | None) -> dt.date | PartialDate:
    """A point-in-time question's date: a day, or a month or year ('2016', '2016-05').

    A month or year stands for each of its days; the answer is ``uncertain`` where the status
    changes inside it (the knowledge base's own rule for dates known to a month or a year).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InputError("on", "a date is required: YYYY-MM-DD, YYYY-MM or YYYY")
    if isinstance(value, str):
        try:
            partial = PartialDate.parse(value)
        except ValueError:
            partial = None
        if partial is not None and not partial.is_exact:
            if partial.earliest > dt.date.today():
                raise InputError(
                    "on",
                    f"{partial} is in the future; the knowledge base records facts up to today",
                )
            return partial
    try:
        return _date(value)
    except InputError as err:
        if "bad date" in str(err):  # say every form --on accepts, not only a full day
            raise InputError(
                "on", f"bad date '{value}': write YYYY-MM-DD, YYYY-MM or YYYY"
            ) from None
        raise


def status(country: str, org: str, on: DateLike, kb: KnowledgeBase | None = None) -> StatusAnswer:
    """A state's status in an organisation on a date (suspended is not member).

    ``on`` may be a day, or a year or month ('2016', '2016-05'): then the status must hold on
    every day of it, else the answer is ``uncertain`` with the possible statuses.
    """
    return queries.status(_kb(kb), country, org, _on(on))


def members(
    org: str, on: DateLike, full_only: bool = False, kb: KnowledgeBase | None = None
) -> Table:
    """The states holding a status in an organisation on a date."""
    return queries.members(_kb(kb), org, _on(on), full_only)


def memberships(
    country: str, on: DateLike, full_only: bool = False, kb: KnowledgeBase | None = None
) -> Table:
    """Every organisation a state belonged to on a date."""
    return queries.memberships(_kb(kb), country, _on(on), full_only)


def timeline(org: str, kb: KnowledgeBase | None = None) -> Table:
    """An organisation's history: founding, memberships, agreements, events, dissolution."""
    return queries.timeline(_kb(kb), org)


def overlap(
    on: DateLike,
    countries: str | Sequence[str] | None = None,
    full_only: bool = False,
    kb: KnowledgeBase | None = None,
) -> Table:
    """The countries x organisations matrix of statuses on a date (C5 by default)."""
    codes = countries.split(",") if isinstance(countries, str) else countries
    codes = [c.strip() for c in codes or [] if c.strip()] or None
    return queries.overlap_matrix(_kb(kb), _on(on), codes, full_only)


def shared(
    a: str, b: str, on: DateLike, full_only: bool = False, kb: KnowledgeBase | None = None
) -> Table:
    """The organisations two states both belonged to on a date."""
    return queries.shared_memberships(_kb(kb), a, b, _on(on), full_only)


def events(
    start: DateLike | None = None,
    end: DateLike | None = None,
    type: str | None = None,
    country: str | None = None,
    org: str | None = None,
    kb: KnowledgeBase | None = None,
) -> Table:
    """Events between two dates (inclusive), optionally filtered by type, country or organisation."""
    first = _bound(start, "start", last=False) if start is not None else None
    last = _bound(end, "end", last=True) if end is not None else None
    if first is not None and last is not None and first > last:
        raise InputError("start", f"{first} is after the end date {last}")
    return queries.events(_kb(kb), first, last, type, country, org)


def _bound(value: DateLike, parameter: str, *, last: bool) -> dt.date:
    """A range bound: a day, or a year or month ('2012', '2012-06') from its first or last day."""
    if isinstance(value, str):
        try:
            partial = PartialDate.parse(value.strip())
        except ValueError:
            partial = None
        if partial is not None and not partial.is_exact:
            return partial.latest if last else partial.earliest
    try:
        return _date(value, parameter)
    except InputError as err:
        if "bad date" in str(err):
            raise InputError(
                parameter, f"bad date '{value}': write YYYY-MM-DD, YYYY-MM or YYYY"
            ) from None
        raise


def search(text: str, limit: int | None = 20, kb: KnowledgeBase | None = None) -> Table:
    """Records of every kind matching ``text``, best first, with their kind and id.

    Ranked full-text search over ids, aliases, titles, names, places, people, notes
    (see :mod:`regint.knowledge.search` for the ranking rule).

    >>> search("Kempir").rows[0]["id"]  # doctest: +SKIP
    'kgz_uzb_border_2022'
    """
    if not str(text or "").strip():
        raise InputError("text", "give words to search for, e.g. Manas")
    if limit is not None and limit < 1:
        raise InputError("limit", f"must be at least 1; got {limit}")
    base = _kb(kb)
    hits = kb_search.index_of(base).search(str(text), limit)
    rows = [kb_search.hit_row(h) for h in hits]
    notes = () if rows else (f"nothing matches '{text}'",)
    return Table(
        f"Search: {text}",
        ("kind", "id", "date", "title"),
        tuple(rows),
        notes,
        base.provenance(),
    )


def show(record_id: str, kb: KnowledgeBase | None = None) -> RecordView:
    """Any record (organisation, agreement, membership, event) in full, with its links."""
    return records.show_record(_kb(kb), record_id)


def organisations(kb: KnowledgeBase | None = None) -> Table:
    """Every organisation with its type, Balassa depth and supranational bodies."""
    return catalogue.organisations(_kb(kb))


def agreements(country: str | None = None, kb: KnowledgeBase | None = None) -> Table:
    """Every agreement, or those a state signed or acceded to."""
    return catalogue.agreements(_kb(kb), country)


def signatories(agreement: str, kb: KnowledgeBase | None = None) -> Table:
    """Who signed, acceded to or ratified an agreement, and when."""
    return catalogue.signatories(_kb(kb), agreement)


def check(path: str | Path | None = None) -> list[Problem]:
    """Every problem in the knowledge files (empty when the knowledge base is sound)."""
    return check_kb(Path(path) if path else None)


def cross_check(
    source: Literal["cow", "desta"] = "cow", table: Any = None, kb: KnowledgeBase | None = None
) -> Table:
    """The knowledge base against COW IGO v3 or DESTA (the committed derived tables by default)."""
    if source == "cow":
        return crosscheck.crosscheck_cow(_kb(kb), read_derived_cow() if table is None else table)
    if source == "desta":
        return crosscheck.crosscheck_desta(
            _kb(kb), read_derived_desta() if table is None else table
        )
    raise InputError("source", f"unknown source '{source}'; allowed: cow, desta")


def region_from_org(
    org: str,
    years: Iterable[int] | None = None,
    on: DateLike | None = None,
    kb: KnowledgeBase | None = None,
) -> Region:
    """An organisation's members as a Region: fixed on ``on``, else year by year (1 July rule)."""
    when = _date(on) if on is not None else None
    return kb_regions.region_from_org(_kb(kb), org, years, when)


def resolve_region(spec: str | Region, kb: KnowledgeBase | None = None) -> Region:
    """A Region from 'c5', 'ORG' (yearly), 'ORG@YYYY-MM-DD' or 'ORG@YYYY' (a Region as is).

    Unknown ids raise InputError('region', ...) listing the known ones.
    """
    if isinstance(spec, Region):
        return spec
    if spec is not None and not isinstance(spec, str):
        raise InputError(
            "region", f"cannot read region {spec!r}; use ORG, ORG@YYYY-MM-DD or ORG@YYYY"
        )
    text = (spec or "").strip()
    if text.lower() == "c5":
        return C5_REGION
    return kb_regions.parse_region(_kb(kb), text)
