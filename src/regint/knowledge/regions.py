"""Region sets from the knowledge base: an organisation's members, fixed on a date or year by year.

Yearly rule: a state counts in year Y if it is a founding member or member of the organisation on
1 July of Y (suspended, associate, observer and withdrawn states do not count). A boundary known
only to a month or a year is placed at the first day of its window, so the answer is definite.
Organisations without any full-membership spell (dialogue formats) count their participants.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from regint.core.errors import InputError
from regint.core.options import parse_date
from regint.core.regions import Region
from regint.core.vocab import FIRST_YEAR, FULL_STATUSES, LAST_YEAR
from regint.knowledge.base import KnowledgeBase
from regint.knowledge.model import Organisation
from regint.knowledge.status import resolved_status

REGION_MONTH, REGION_DAY = 7, 1
_SPEC = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:@\s*(\S+))?\s*$")


def counting_statuses(kb: KnowledgeBase, org: Organisation) -> frozenset[str]:
    """The statuses that make a state count as a member of ``org`` in a region set."""
    statuses = {s.status for s in kb.spells if s.org == org.id}
    return FULL_STATUSES if statuses & FULL_STATUSES else frozenset({"participant"})


def members_on(kb: KnowledgeBase, org: Organisation, on: dt.date) -> frozenset[str]:
    """Members of ``org`` on ``on`` under the definite (first-day-of-window) rule."""
    counting = counting_statuses(kb, org)
    return frozenset(
        c for c in kb.countries_in(org.id) if resolved_status(kb, org.id, c, on) in counting
    )


def _source(kb: KnowledgeBase, org: Organisation, rule: str) -> str:
    counting = counting_statuses(kb, org)
    text = (
        f"regint knowledge base: membership spells of '{org.id}' ({org.name_en}); a state counts "
        f"if its status is {' or '.join(sorted(counting))} {rule}; a boundary known only to a "
        "month or year is placed at the first day of its window"
    )
    if org.members_coverage == "c5":
        text += "; only the C5 (and a few others) are recorded for this organisation"
    return text


def region_from_org(
    kb: KnowledgeBase, org_id: str, years: Iterable[int] | None = None, on: dt.date | None = None
) -> Region:
    """The members of an organisation: fixed on ``on``, or year by year (on 1 July of each year).

    >>> region_from_org(read_kb(), "eaeu").members(2016) >= {"KAZ", "KGZ"}  # doctest: +SKIP
    True
    """
    org = kb.org(org_id, "region")
    if on is not None:
        members = members_on(kb, org, on)
        return Region.fixed(
            f"{org.id}@{on}",
            f"{org.name_en}, members on {on}",
            members,
            source=_source(kb, org, f"on {on}"),
        )
    wanted = range(FIRST_YEAR, LAST_YEAR + 1) if years is None else years
    by_year = {}
    for year in wanted:
        members = members_on(kb, org, dt.date(int(year), REGION_MONTH, REGION_DAY))
        if members:
            by_year[int(year)] = members
    return Region.yearly(
        org.id,
        f"{org.name_en} (members by year, on 1 July)",
        by_year,
        source=_source(kb, org, "on 1 July of the year"),
    )


def parse_region(kb: KnowledgeBase, spec: str) -> Region:
    """'eaeu' (yearly), 'eaeu@2016-01-01' (fixed on a day) or 'eaeu@2016' (fixed on 1 July 2016)."""
    match = _SPEC.match(spec or "")
    if not match:
        raise InputError(
            "region", f"cannot read region '{spec}'; use ORG, ORG@YYYY-MM-DD or ORG@YYYY"
        )
    org_id, when = match.group(1), match.group(2)
    usable = sorted(o.id for o in kb.organisations if _defines_region(o))
    if not kb.has_org(org_id):
        raise InputError("region", f"unknown region '{spec}'; known: {', '.join(['c5', *usable])}")
    if not _defines_region(kb.org(org_id)):
        raise InputError(
            "region",
            f"the knowledge base records the members of '{org_id}' only for the "
            f"C5 states, so it cannot define a region; give a country list instead, or one of: "
            f"{', '.join(['c5', *usable])}",
        )
    region = _region_for(kb, org_id, when, spec)
    if not region.all_members():
        raise InputError(
            "region", f"'{org_id}' had no members {'on ' + when if when else 'in any year'}"
        )
    return region


def _defines_region(org: Organisation) -> bool:
    """All members recorded, or a dialogue format whose participants are the C5 themselves.

    An organisation recorded only for its C5 members (the CIS, CAREC, the OSCE...) would give
    a C5 subset under the organisation's name: a wrong region, so it is refused.
    """
    return org.members_coverage != "c5" or org.type == "dialogue"


def _region_for(kb: KnowledgeBase, org_id: str, when: str | None, spec: str) -> Region:
    if when is None:
        return region_from_org(kb, org_id)
    if re.fullmatch(r"\d{4}", when):
        return region_from_org(kb, org_id, on=dt.date(int(when), REGION_MONTH, REGION_DAY))
    try:
        on = parse_date(when, "region")
    except InputError as err:
        raise InputError("region", f"{err.reason} (in '{spec}')") from None
    return region_from_org(kb, org_id, on=on)
