"""Hand-built inputs for claim tests: trade frames and knowledge-base frames with known answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import pandas as pd

from regint.claims.inputs import EVENT_COLUMNS, ORG_COLUMNS, SPELL_COLUMNS, KBFrames, TradeFrames

C5 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
GROUPS = ("RUS", "CHN", "EU27", "USA", "TUR", "IRN", "REGION", "OTHERS")


def make_trade(
    years=range(2005, 2021),
    *,
    share: Callable[[int], float] = lambda y: 0.08,
    intensity: Callable[[int], float] = lambda y: 12.0,
    pairs: Mapping[tuple[str, str], Callable[[int], float]] | None = None,
    profile: Callable[[int, str], Mapping[str, float]] | None = None,
    hhi: Callable[[int, str], float] = lambda y, c: 0.2,
    members=C5,
    region_id: str = "c5",
) -> TradeFrames:
    """TradeFrames built from per-year functions (values in US$ m and shares)."""
    years = list(years)
    pairs = pairs or {
        ("KAZ", "UZB"): lambda y: 100.0,
        ("UZB", "KAZ"): lambda y: 50.0,
        ("KAZ", "KGZ"): lambda y: 40.0,
        ("TJK", "KGZ"): lambda y: 5.0,
    }
    profile = profile or (
        lambda y, c: {"RUS": 30.0, "CHN": 20.0, "EU27": 20.0, "REGION": 10.0, "OTHERS": 20.0}
    )
    share_frame = pd.DataFrame(
        {
            "year": years,
            "value": [share(y) for y in years],
            "t_rr_musd": [1000 * share(y) for y in years],
            "t_r_musd": 1000.0,
        }
    )
    intra = pd.DataFrame(
        [(y, a, b, f(y)) for y in years for (a, b), f in pairs.items()],
        columns=["year", "exporter", "importer", "value_musd"],
    )
    rows = []
    for y in years:
        for c in members:
            trade = profile(y, c)
            total = sum(trade.values())
            rows += [(y, c, g, trade.get(g, 0.0) / total, trade.get(g, 0.0)) for g in GROUPS]
    prof = pd.DataFrame(rows, columns=["year", "country", "group", "value", "trade_musd"])
    conc = pd.DataFrame(
        [(y, c, hhi(y, c), hhi(y, c)) for y in years for c in members],
        columns=["year", "country", "value", "normalised"],
    )
    return TradeFrames(
        region_id=region_id,
        region_label=region_id.upper(),
        members=tuple(members),
        basis="reconciled",
        cif_fob=1.06,
        share=share_frame,
        intensity=pd.DataFrame({"year": years, "value": [intensity(y) for y in years]}),
        concentration=conc,
        profile=prof,
        intra=intra,
    )


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def make_kb(
    orgs: list[dict],
    spells: list[tuple],
    events: list[dict] | None = None,
    as_of: str = "2025-12-31",
) -> KBFrames:
    """KBFrames from short records: orgs as dicts, spells as (org, country, status, start, end)."""
    base = {
        "type": "economic",
        "depth_declared": float("nan"),
        "depth_achieved": float("nan"),
        "supranational": 0.0,
        "dissolved": None,
        "successor": None,
        "coverage": "complete",
        "confidence": "verified",
    }
    org_rows = [{**base, "name": o["id"].upper(), **o} for o in orgs]
    for row in org_rows:
        row["founded"] = d(row["founded"]) if isinstance(row["founded"], str) else row["founded"]
        if isinstance(row["dissolved"], str):
            row["dissolved"] = d(row["dissolved"])
    spell_rows = [
        {
            "org": o,
            "country": c,
            "status": s,
            "start": d(a) if a else None,
            "end": d(b) if b else None,
        }
        for o, c, s, a, b in spells
    ]
    ev = [{"status": "held", "org": None, "type": "summit", "title": "", **e} for e in events or []]
    for e in ev:
        e["date"] = d(e["date"])
    return KBFrames(
        orgs=pd.DataFrame(org_rows, columns=list(ORG_COLUMNS)),
        spells=pd.DataFrame(spell_rows, columns=list(SPELL_COLUMNS)),
        events=pd.DataFrame(ev, columns=list(EVENT_COLUMNS)),
        as_of=d(as_of),
    )
