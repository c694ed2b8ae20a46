"""Security: recorded events per year from the knowledge base.

Counts are of *recorded* events (status 'held') in regint's curated knowledge base, which is
reviewed but not exhaustive. A year after the base's compilation date, or before 1991, is
unknown (NaN), not 0. The rules:

- ``interstate_incidents``: events of type ``conflict`` naming at least two member states
  (country level: the member and at least one other member);
- ``border_settlements``: type ``border_settlement`` naming at least one member;
- ``base_closures``: type ``base_closure`` naming at least one member;
- ``deployments``: the base has no deployment type, so an event of type ``status_change`` or
  ``conflict`` whose title mentions a deployment or peacekeeping forces (a keyword rule on the
  titles, stated here so it can be checked), naming at least one member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from regint.core.regions import Region
from regint.indicators.drivers.base import DriverData, member_years, region_frame, year_of

FIRST_KB_YEAR = 1991
DEPLOYMENT_WORDS = ("deploy", "peacekeep")

# (event row, members that year) -> does the event count
Rule = Callable[[dict[str, object], frozenset[str]], bool]


def _involves(event: dict[str, object], members: frozenset[str], at_least: int) -> bool:
    named = frozenset(str(c) for c in event["countries"] or ())  # type: ignore[attr-defined]
    return len(named & members) >= at_least


def _typed(kind: str, at_least: int = 1) -> Rule:
    return lambda e, m: e["type"] == kind and _involves(e, m, at_least)


def _deployment(event: dict[str, object], members: frozenset[str]) -> bool:
    title = str(event.get("title", "")).lower()
    return (
        event["type"] in ("status_change", "conflict")
        and any(w in title for w in DEPLOYMENT_WORDS)
        and _involves(event, members, 1)
    )


RULES: dict[str, tuple[Rule, int]] = {
    "interstate_incidents": (_typed("conflict", 2), 2),
    "border_settlements": (_typed("border_settlement"), 1),
    "base_closures": (_typed("base_closure"), 1),
    "deployments": (_deployment, 1),
}


def _last_year(data: DriverData) -> int:
    dates = [d for d in data.events["date"] if isinstance(d, dt.date)]
    as_of = data.events.attrs.get("as_of")
    return as_of.year if isinstance(as_of, dt.date) else max((d.year for d in dates), default=0)


def _held(data: DriverData) -> list[dict[str, object]]:
    events = data.events[data.events["status"] == "held"]
    rows = events.to_dict(orient="records")
    for row in rows:
        row["year"] = year_of(row["date"])
    return rows


def _countries(event: dict[str, object]) -> frozenset[str]:
    return frozenset(str(c) for c in event["countries"] or ())  # type: ignore[attr-defined]


def _count(events: list[dict[str, object]], year: int, rule: Rule, members: frozenset[str]) -> int:
    return len([e for e in events if e["year"] == year and rule(e, members)])


def count_events(kind: str) -> Callable[[DriverData, Region, str, list[int]], pd.DataFrame]:
    """The compute function counting events of ``kind`` (a key of RULES) per year.

    Country level: events naming the country (and, for interstate incidents, another member).
    """
    rule, need = RULES[kind]

    def compute(data: DriverData, region: Region, level: str, years: list[int]) -> pd.DataFrame:
        events, last = _held(data), _last_year(data)
        outside = f"outside the knowledge base ({FIRST_KB_YEAR}-{last})"
        if level == "region":
            rows = [
                (y, float(_count(events, y, rule, region.members(y))), "")
                if FIRST_KB_YEAR <= y <= last
                else (y, float("nan"), outside)
                for y in years
            ]
            return region_frame(rows)
        frame = member_years(region, years)
        values, notes = [], []
        for country, year in zip(frame["country"], frame["year"], strict=True):
            if not FIRST_KB_YEAR <= year <= last:
                values.append(float("nan"))
                notes.append(outside)
                continue
            mine = [e for e in events if country in _countries(e)]
            scope = region.members(year) if need > 1 else frozenset({country})
            values.append(float(_count(mine, int(year), rule, scope)))
            notes.append("")
        frame["value"], frame["note"] = values, notes
        return frame

    return compute
