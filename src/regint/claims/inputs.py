"""What the claims are evaluated on: indicator outputs and knowledge-base tables, as frames.

The api layer loads the warehouse and the knowledge base and calls the ``compute_*`` functions
here; every metric then reads only these frames, so an evaluation is a pure function of them
and tests can build the frames by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from regint.core.regions import Region
from regint.core.vocab import (
    C5,
    DEPTH_RANK,
    ESTIMATE_SUFFIX,
    EXPORTER,
    IMPORTER,
    PANEL_LAST_YEAR,
    VALUE,
    YEAR,
)
from regint.indicators.base import TradeData
from regint.indicators.drivers.base import DriverData
from regint.indicators.registry import compute as compute_indicator

ORG_COLUMNS = (
    "id",
    "name",
    "type",
    "depth_declared",
    "depth_achieved",
    "supranational",
    "founded",
    "dissolved",
    "successor",
    "coverage",
    "confidence",
)
SPELL_COLUMNS = ("org", "country", "status", "start", "end")
EVENT_COLUMNS = ("date", "type", "title", "status", "org", "countries")


@dataclass(frozen=True)
class TradeFrames:
    """Indicator outputs for one region on one trade basis and CIF/FOB factor.

    - ``share``: year, value (S_R), t_rr_musd, t_r_musd
    - ``intensity``: year, value (I_R)
    - ``concentration``: year, country, value (H_i), normalised
    - ``profile``: year, country, group, value (share), trade_musd, coverage (known / total trade)
    - ``intra``: year, exporter, importer, value_musd: flows between members that year
    """

    region_id: str
    region_label: str
    members: tuple[str, ...]
    basis: str
    cif_fob: float
    share: pd.DataFrame
    intensity: pd.DataFrame
    concentration: pd.DataFrame
    profile: pd.DataFrame
    intra: pd.DataFrame
    last_panel_year: int = PANEL_LAST_YEAR
    late_reporters: tuple[str, ...] = ()  # countries whose own reports carry years after the panel


@dataclass(frozen=True)
class KBFrames:
    """Knowledge-base answers as frames: organisations, membership spells, events."""

    orgs: pd.DataFrame
    spells: pd.DataFrame
    events: pd.DataFrame
    citation: str = ""
    as_of: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class Context:
    """Everything a metric may read in one scenario. Either part may be None (not loaded)."""

    trade: TradeFrames | None
    kb: KBFrames | None
    region_members: tuple[str, ...] = C5
    region_label: str = ""
    drivers: DriverData | None = None  # WDI, migrant stocks, remittances: the drivers' tests


def compute_intra_flows(flows: pd.DataFrame, region: Region) -> pd.DataFrame:
    """Directed flows between two members of ``region`` in the same year (members by year)."""
    if flows.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="object") for c in (YEAR, EXPORTER, IMPORTER, VALUE)}
        )
    years = sorted(int(y) for y in pd.unique(flows[YEAR]))
    rows = [(y, m) for y in years for m in region.members(y)]
    members = pd.DataFrame(rows, columns=[YEAR, "member"]).astype({YEAR: "int64"})
    out = flows.loc[
        flows[VALUE].notna() & (flows[EXPORTER] != flows[IMPORTER]),
        [YEAR, EXPORTER, IMPORTER, VALUE],
    ].astype({YEAR: "int64"})
    out = out.merge(members.rename(columns={"member": EXPORTER}), on=[YEAR, EXPORTER])
    out = out.merge(members.rename(columns={"member": IMPORTER}), on=[YEAR, IMPORTER])
    return out.sort_values([YEAR, EXPORTER, IMPORTER]).reset_index(drop=True)


def compute_trade_frames(data: TradeData, region: Region) -> TradeFrames:
    """Run the indicators the claims need on ``data`` for ``region``."""
    share = compute_indicator("intra_regional_share", data, region, "region")
    intensity = compute_indicator("intra_regional_intensity", data, region, "region")
    concentration = compute_indicator("partner_concentration", data, region, "country")
    profile = compute_indicator("partner_profile", data, region, "country")
    return TradeFrames(
        region_id=region.id,
        region_label=region.label,
        members=tuple(sorted(region.all_members())),
        basis=data.basis,
        cif_fob=data.cif_fob,
        share=share[[YEAR, "value", "t_rr_musd", "t_r_musd"]].copy(),
        intensity=intensity[[YEAR, "value"]].copy(),
        concentration=concentration.copy(),
        profile=profile[[YEAR, "country", "group", "value", "trade_musd", "coverage"]].copy(),
        intra=compute_intra_flows(data.flows, region),
        late_reporters=compute_late_reporters(data.flows),
    )


def compute_late_reporters(
    flows: pd.DataFrame, last_panel_year: int = PANEL_LAST_YEAR
) -> tuple[str, ...]:
    """Countries whose own reports (not IMF estimates) give values after ``last_panel_year``.

    Derived from the data, not written down: a value on the ``reported`` side is the exporter's
    report, one on the ``mirror`` side the importer's.

    >>> flows = pd.DataFrame({"exporter": ["KAZ", "TJK"], "importer": ["TJK", "UZB"],
    ...     "year": [2021, 2021], "side": ["reported", "mirror"], "source": ["kaz_bns", "uzb_siat"]})
    >>> compute_late_reporters(flows)
    ('KAZ', 'UZB')
    """
    late = flows[flows[YEAR] > last_panel_year]
    if "side" not in late or "source" not in late:
        return ()
    own = late[~late["source"].astype("string").str.endswith(ESTIMATE_SUFFIX).fillna(True)]
    reporters = set(own.loc[own["side"] == "reported", "exporter"]) | set(
        own.loc[own["side"] == "mirror", "importer"]
    )
    return tuple(sorted(str(c) for c in reporters))


def region_variants(region: Region) -> list[tuple[str, str, Region]]:
    """Reasonable alternative country sets: (id, label, region).

    For the C5: without Turkmenistan (it hardly reports, so its flows are all mirrors) and
    KAZ+KGZ+UZB (the states with national statistics by partner after 2020; Kyrgyzstan's are an
    optional import, so which of them report in a warehouse is read from its data). For any other region:
    the region without each member in turn.
    """
    members = region.all_members()
    if region.id == "c5" and members == frozenset(C5):
        return [
            ("c5_no_tkm", "C5 without Turkmenistan", _drop(region, {"TKM"}, "c5_no_tkm")),
            ("kaz_uzb_kgz", "KAZ + KGZ + UZB", _drop(region, {"TKM", "TJK"}, "kaz_uzb_kgz")),
        ]
    if len(members) <= 2:
        return []
    return [
        (
            f"{region.id}_no_{m.lower()}",
            f"{region.id} without {m}",
            _drop(region, {m}, f"{region.id}_no_{m.lower()}"),
        )
        for m in sorted(members)
    ]


def _drop(region: Region, drop: set[str], new_id: str) -> Region:
    label = f"{region.label} without {', '.join(sorted(drop))}"
    if region.is_time_varying:
        return Region.yearly(new_id, label, {y: m - drop for y, m in region.by_year}, region.source)
    return Region.fixed(new_id, label, region.default - drop, region.source)


# --- knowledge base --------------------------------------------------------------------------
def _date(value: Any) -> dt.date | None:
    """A PartialDate (or date/str) as its earliest day; None stays None."""
    if value is None:
        return None
    earliest = getattr(value, "earliest", None)
    if earliest is not None:
        return earliest
    if isinstance(value, dt.date):
        return value
    return (
        dt.date.fromisoformat(str(value))
        if len(str(value)) == 10
        else dt.date(int(str(value)[:4]), 1, 1)
    )


def _rank(depth: str | None) -> float:
    return float(DEPTH_RANK[depth]) if depth in DEPTH_RANK else float("nan")


def _supranational(value: Any) -> float:
    if value == "partial":
        return 0.5
    return 1.0 if value is True else 0.0


def _org_row(o: Any) -> dict[str, Any]:
    return {
        "id": o.id,
        "name": o.name_en,
        "type": o.type,
        "depth_declared": _rank(o.depth_declared),
        "depth_achieved": _rank(o.depth_achieved),
        "supranational": _supranational(o.has_supranational_bodies),
        "founded": _date(o.founded),
        "dissolved": _date(o.dissolved),
        "successor": o.successor,
        "coverage": getattr(o, "members_coverage", "complete"),
        "confidence": o.confidence,
    }


def _spell_row(s: Any) -> dict[str, Any]:
    return {
        "org": s.org,
        "country": s.country,
        "status": s.status,
        "start": _date(s.start),
        "end": _date(s.end),
    }


def _event_row(e: Any) -> dict[str, Any]:
    return {
        "date": _date(e.date),
        "type": e.type,
        "title": e.title,
        "status": e.status,
        "org": e.org,
        "countries": tuple(e.countries),
    }


def compute_kb_frames(
    organisations: Iterable[Any],
    spells: Iterable[Any],
    events: Iterable[Any],
    citation: str = "",
    as_of: dt.date | None = None,
) -> KBFrames:
    """Frames from knowledge-base records (``regint.knowledge`` models, read by attribute)."""
    return KBFrames(
        orgs=pd.DataFrame([_org_row(o) for o in organisations], columns=list(ORG_COLUMNS)),
        spells=pd.DataFrame([_spell_row(x) for x in spells], columns=list(SPELL_COLUMNS)),
        events=pd.DataFrame([_event_row(e) for e in events], columns=list(EVENT_COLUMNS)),
        citation=citation,
        as_of=as_of or dt.date.today(),
    )
