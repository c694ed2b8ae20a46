"""Metrics on the knowledge base: depth, supranational bodies, lifetimes, summits, memberships.

"C5-only" means: every full member (founding member or member; observers and participants do
not count) is a member of the region, and at least two of them are. ``membership: founding``
(the default) looks at the states that were full members within the organisation's first year;
``membership: ever`` at every state that was ever a full member (so the Consultative Meetings,
which Azerbaijan joined in 2025, stop being C5-only).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from regint.claims.inputs import Context, KBFrames
from regint.claims.metrics_trade import Insufficient, NotApplicable, rounded
from regint.claims.model import Measure
from regint.core.vocab import FULL_STATUSES

FOUNDING_GRACE = dt.timedelta(days=366)


def need_kb(ctx: Context) -> KBFrames:
    if ctx.kb is None or ctx.kb.orgs.empty:
        raise Insufficient("the knowledge base was not loaded")
    return ctx.kb


def _full_members(kb: KBFrames, membership: str) -> dict[str, frozenset[str]]:
    """org id -> its full members, at founding or ever."""
    spells = kb.spells[kb.spells["status"].isin(FULL_STATUSES)]
    founded = dict(zip(kb.orgs["id"], kb.orgs["founded"], strict=True))
    out: dict[str, set[str]] = {}
    for org, country, status, start in zip(
        spells["org"], spells["country"], spells["status"], spells["start"], strict=True
    ):
        if membership == "founding" and status != "founding_member":
            first = founded.get(org)
            if start is not None and first is not None and start > first + FOUNDING_GRACE:
                continue
        out.setdefault(org, set()).add(country)
    return {k: frozenset(v) for k, v in out.items()}


def classify_orgs(
    kb: KBFrames, region: Sequence[str], membership: str = "founding"
) -> pd.DataFrame:
    """The organisations with columns ``is_c5_only`` and ``is_external`` (>= 2 region members
    and at least one member from outside the region, counting every member ever).

    Organisations whose membership is recorded only for the C5 (``coverage`` 'c5') are neither.
    """
    if membership not in ("founding", "ever"):
        raise ValueError(f"membership must be 'founding' or 'ever', not {membership!r}")
    chosen = _full_members(kb, membership)
    ever = _full_members(kb, "ever")
    inside = frozenset(region)
    orgs = kb.orgs.copy()
    # Only an organisation whose membership is fully on record can be classified.
    complete = orgs["coverage"].eq("complete").to_numpy()
    empty: frozenset[str] = frozenset()
    only = [
        len(chosen.get(o, empty) & inside) >= 2 and chosen.get(o, empty) <= inside
        for o in orgs["id"]
    ]
    ext = [
        len(ever.get(o, empty) & inside) >= 2 and not ever.get(o, empty) <= inside
        for o in orgs["id"]
    ]
    orgs["is_c5_only"] = complete & np.array(only, dtype=bool)
    orgs["is_external"] = complete & np.array(ext, dtype=bool) & ~orgs["is_c5_only"].to_numpy()
    return orgs


def _c5_only(ctx: Context, params: dict[str, Any]) -> tuple[KBFrames, pd.DataFrame]:
    kb = need_kb(ctx)
    orgs = classify_orgs(kb, ctx.region_members, str(params.get("membership", "founding")))
    only = orgs[orgs["is_c5_only"]]
    if only.empty:
        raise Insufficient("no organisation has only region members")
    return kb, only


def _names(frame: pd.DataFrame) -> list[str]:
    return [str(n) for n in frame["name"]]


def compute_supranational(ctx: Context, params: dict[str, Any]) -> Measure:
    """Number of C5-only organisations that ever had supranational bodies."""
    _, only = _c5_only(ctx, params)
    floor = 0.0 if params.get("count_partial") else 0.75
    supra = only[only["supranational"] > floor]
    return Measure(
        value=float(len(supra)),
        unit="organisations",
        details=(
            ("c5_only_organisations", len(only)),
            ("with_supranational_bodies", _names(supra)),
            ("partial", _names(only[only["supranational"] == 0.5])),
        ),
    )


def compute_max_depth(ctx: Context, params: dict[str, Any]) -> Measure:
    """The deepest achieved rung of Balassa's ladder among C5-only organisations."""
    _, only = _c5_only(ctx, params)
    rated = only.dropna(subset=["depth_achieved"])
    if rated.empty:
        raise Insufficient("no C5-only organisation has an achieved depth on record")
    top = rated.loc[rated["depth_achieved"].idxmax()]
    return Measure(
        value=float(top["depth_achieved"]),
        unit="rung (0-5)",
        details=(
            ("deepest", str(top["name"])),
            ("rated_organisations", len(rated)),
            (
                "depths",
                {
                    str(n): int(d)
                    for n, d in zip(rated["name"], rated["depth_achieved"], strict=True)
                },
            ),
        ),
    )


def _declared(only: pd.DataFrame) -> pd.DataFrame:
    return only.dropna(subset=["depth_declared"])[lambda f: f["depth_declared"] >= 1]


def compute_declared_gap(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of C5-only organisations declaring a rung (PTA+) that achieved less than declared."""
    _, only = _c5_only(ctx, params)
    declared = _declared(only).dropna(subset=["depth_achieved"])
    if declared.empty:
        raise Insufficient("no C5-only organisation declared a rung of the ladder")
    short = declared[declared["depth_achieved"] < declared["depth_declared"]]
    return Measure(
        value=rounded(len(short) / len(declared)),
        unit="share of organisations",
        details=(("declared_a_rung", _names(declared)), ("fell_short", _names(short))),
    )


def compute_depth_gap_external(ctx: Context, params: dict[str, Any]) -> Measure:
    """Deepest achieved rung with outside members minus deepest among C5-only organisations."""
    kb = need_kb(ctx)
    orgs = classify_orgs(kb, ctx.region_members, str(params.get("membership", "founding")))
    ext = orgs[orgs["is_external"]].dropna(subset=["depth_achieved"])
    only = orgs[orgs["is_c5_only"]].dropna(subset=["depth_achieved"])
    if ext.empty or only.empty:
        raise Insufficient("no rated organisation on one side of the comparison")
    top_ext = ext.loc[ext["depth_achieved"].idxmax()]
    top_only = only.loc[only["depth_achieved"].idxmax()]
    return Measure(
        value=float(top_ext["depth_achieved"] - top_only["depth_achieved"]),
        unit="rungs",
        details=(
            ("deepest_with_outsiders", f"{top_ext['name']} ({int(top_ext['depth_achieved'])})"),
            ("deepest_c5_only", f"{top_only['name']} ({int(top_only['depth_achieved'])})"),
            ("with_outsiders_supranational", _names(ext[ext["supranational"] > 0.75])),
        ),
    )


def _ended(orgs: pd.DataFrame, by: dt.date) -> pd.Series:
    dissolved = orgs["dissolved"].map(lambda d: d is not None and not pd.isna(d) and d <= by)
    return dissolved.astype(bool)


def compute_ladder_failure(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of C5-only organisations declaring a rung (PTA+) that were dissolved or merged."""
    kb, only = _c5_only(ctx, params)
    declared = _declared(only)
    if declared.empty:
        raise Insufficient("no C5-only organisation declared a rung of the ladder")
    gone = declared[_ended(declared, kb.as_of)]
    return Measure(
        value=rounded(len(gone) / len(declared)),
        unit="share of organisations",
        details=(("declared_a_rung", _names(declared)), ("dissolved_or_merged", _names(gone))),
    )


def _founded_in(only: pd.DataFrame, params: dict[str, Any]) -> pd.DataFrame:
    first, last = (int(y) for y in params["founded"])
    years = only["founded"].map(lambda d: d.year if d is not None else np.nan)
    chosen = only[(years >= first) & (years <= last)]
    types = params.get("types")
    if types:
        chosen = chosen[chosen["type"].isin(list(types))]
    if chosen.empty:
        raise Insufficient(f"no C5-only organisation founded in {first}-{last}")
    return chosen


def compute_dissolved_share(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of C5-only organisations founded in a period that were dissolved or merged by ``by``."""
    _, only = _c5_only(ctx, params)
    chosen = _founded_in(only, params)
    by = dt.date(int(params["by"]), 12, 31)
    gone = chosen[_ended(chosen, by)]
    alive = chosen[~_ended(chosen, by)]
    return Measure(
        value=rounded(len(gone) / len(chosen)),
        unit="share of organisations",
        details=(("dissolved_or_merged", _names(gone)), ("still_existing", _names(alive))),
    )


def compute_median_lifetime(ctx: Context, params: dict[str, Any]) -> Measure:
    """Median lifetime in years; organisations still alive count with their age to date."""
    kb, only = _c5_only(ctx, params)
    chosen = _founded_in(only, params)
    lives = {}
    for name, start, end in zip(
        chosen["name"], chosen["founded"], chosen["dissolved"], strict=True
    ):
        stop = end if end is not None and not pd.isna(end) else kb.as_of
        lives[str(name)] = round((stop - start).days / 365.25, 1)
    return Measure(
        value=rounded(float(np.median(list(lives.values()))), 2),
        unit="years",
        details=(
            ("lifetimes", lives),
            ("still_existing", _names(chosen[~_ended(chosen, kb.as_of)])),
        ),
    )


def regional_summits(ctx: Context, params: dict[str, Any]) -> pd.DataFrame:
    """Held summits of a C5-only organisation, or with no organisation and only region states (>= 3).

    ``summits: org`` keeps only the summits recorded under a C5-only organisation.
    """
    kb = need_kb(ctx)
    region = frozenset(ctx.region_members)
    orgs = classify_orgs(kb, ctx.region_members, str(params.get("membership", "founding")))
    c5_only = set(orgs.loc[orgs["is_c5_only"], "id"])
    ev = kb.events[(kb.events["type"] == "summit") & (kb.events["status"] == "held")]
    own_org = ev["org"].map(lambda o: isinstance(o, str) and o in c5_only)
    if params.get("summits") == "org":
        return ev[own_org]
    # A summit without an organisation on record counts when only region states attended.
    no_org = ev["org"].map(lambda o: not isinstance(o, str))
    inside = ev["countries"].map(lambda cs: len(cs) >= 3 and frozenset(cs) <= region)
    return ev[own_org | (no_org & inside)]


def compute_consultative_years(ctx: Context, params: dict[str, Any]) -> Measure:
    """Number of years in [first, last] with a regional summit."""
    summits = regional_summits(ctx, params)
    first, last = int(params["first"]), int(params["last"])
    years = sorted({d.year for d in summits["date"] if first <= d.year <= last})
    return Measure(
        value=float(len(years)),
        unit="years",
        details=(("years_with_a_summit", years), ("of_years", f"{first}-{last}")),
    )


def compute_summit_rate_change(ctx: Context, params: dict[str, Any]) -> Measure:
    """Regional summits a year after minus before (periods cut at the evaluation date)."""
    kb = need_kb(ctx)
    summits = regional_summits(ctx, params)
    rates, counts = {}, {}
    for name in ("before", "after"):
        first, last = (int(y) for y in params[name])
        last = min(last, kb.as_of.year)
        n = sum(1 for d in summits["date"] if first <= d.year <= last)
        counts[name] = f"{n} in {first}-{last}"
        rates[name] = n / (last - first + 1)
    return Measure(
        value=rounded(rates["after"] - rates["before"], 3),
        unit="summits a year",
        details=(("before", counts["before"]), ("after", counts["after"])),
    )


def _shared(kb: KBFrames, a: str, b: str, on: dt.date) -> list[str]:
    spells = kb.spells[kb.spells["status"].isin(FULL_STATUSES)]
    active = spells[
        spells["start"].map(lambda s: s is None or s <= on)
        & spells["end"].map(lambda e: e is None or pd.isna(e) or on < e)
    ]
    orgs_a = set(active.loc[active["country"] == a, "org"])
    orgs_b = set(active.loc[active["country"] == b, "org"])
    return sorted(orgs_a & orgs_b)


def compute_shared_memberships(ctx: Context, params: dict[str, Any]) -> Measure:
    """Organisations both actors belong to on a date, against the mean of the other region pairs."""
    kb = need_kb(ctx)
    a, b = params["actors"]
    # The pair is measured against the other pairs: a region of the pair alone has none.
    if not set(ctx.region_members) - {a, b}:
        raise NotApplicable(f"the region has no member besides {', '.join(sorted((a, b)))}")
    on = dt.date.fromisoformat(str(params["date"]))
    names = dict(zip(kb.orgs["id"], kb.orgs["name"], strict=True))
    pair = _shared(kb, a, b, on)
    others = [
        len(_shared(kb, x, y, on))
        for x, y in itertools.combinations(sorted(ctx.region_members), 2)
        if {x, y} != {a, b}
    ]
    return Measure(
        value=float(len(pair)),
        unit="organisations",
        details=(
            ("shared", [names.get(o, o) for o in pair]),
            ("other_pairs_mean", rounded(float(np.mean(others)), 2)),
            ("on", on.isoformat()),
        ),
    )
