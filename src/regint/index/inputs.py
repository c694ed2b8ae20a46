"""Where the index's indicators come from: one record per indicator and the code that gathers it.

Every indicator the framework may name is in :data:`CATALOGUE` with its source, unit, direction
and the reason it is in. :func:`compute_inputs` turns what the api layer loaded (trade data, WDI
series, the knowledge base) into the tidy panel (country, year, indicator, value) the engine reads.
This is the one module to change when new driver indicators (people, water and energy,
connectivity, security) arrive in the warehouse.

A missing value stays missing (NaN); it is never zero. Knowledge-base counts are counts of the
records the knowledge base holds: a zero means "none recorded".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from regint.core.regions import Region
from regint.core.vocab import COUNTRY, DEPTH_RANK, SRC_WDI, YEAR
from regint.index.driver_inputs import DRIVERS, compute_driver_inputs, driver_meta
from regint.index.panel import INDICATOR, PANEL_COLUMNS, VALUE
from regint.indicators.base import TradeData
from regint.indicators.drivers.base import DriverData
from regint.indicators.registry import compute as compute_indicator
from regint.knowledge.base import KnowledgeBase
from regint.knowledge.regions import members_on

OUTSIDE_POWERS = ("RUS", "CHN", "EU27", "USA", "TUR", "IRN")
# Organisations open to the whole world: shared membership says nothing about the region.
GLOBAL_ORGS = frozenset({"wto"})
SECURITY_WINDOW = 5  # years a recorded armed clash between members weighs on the score
TRADE_SOURCES = ("imf_dots", "kaz_bns", "uzb_siat", "kgz_nsc", "eurostat_comext", SRC_WDI)
KB_SOURCE = "regint_kb"


@dataclass(frozen=True)
class InputMeta:
    """What an index indicator is: id, title, unit, direction, sources, and why it is in."""

    id: str
    title: str
    unit: str
    direction: int
    sources: tuple[str, ...]
    why: str
    definition: str

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["sources"] = list(self.sources)
        return out


CATALOGUE: dict[str, InputMeta] = {
    m.id: m
    for m in (
        InputMeta(
            "intra_share",
            "Intra-grouping trade share",
            "share of the state's trade (0-1)",
            1,
            TRADE_SOURCES,
            "The study's basis of integration is trade (conclusion 4): the share of a state's "
            "trade done with the other members is the first measure of a regional economy.",
            "s_i = sum over other members j of T_ij / T_i (reconciled basis, CIF/FOB 1.06)",
        ),
        InputMeta(
            "intra_intensity",
            "Intra-grouping trade intensity",
            "ratio (1 = neutral)",
            1,
            TRADE_SOURCES,
            "The share corrected for the members' weight in world trade: small economies trade "
            "little with each other even when they lean towards each other.",
            "I_i = s_i / (T_R / T_W)",
        ),
        InputMeta(
            "max_outside_share",
            "Largest single outside partner's share",
            "share (0-1)",
            -1,
            TRADE_SOURCES,
            "Bandwagoning with a stronger outside economy (Walt; the study's fifth conclusion) "
            "pulls trade away from the region: the more a state leans on one outside power, "
            "the less integrated it is.",
            "max over Russia, China, EU-27, USA, Turkey, Iran (non-members only) of T_ig / T_i",
        ),
        InputMeta(
            "trade_openness",
            "Trade in goods and services",
            "% of GDP",
            1,
            (SRC_WDI,),
            "How much of the economy crosses borders at all: the room a regional market has.",
            "TG.VAL.TOTL.GD.ZS (merchandise exports + imports, % of GDP)",
        ),
        InputMeta(
            "shared_memberships",
            "Organisations shared with other members",
            "count",
            1,
            (KB_SOURCE,),
            "Institutional density: how many regional organisations (and intra-regional "
            "dialogue formats) tie the state to at least one other member.",
            "count of knowledge-base organisations where the state and another member are full "
            "members on 1 July; dialogue formats (C5+1, BRI, OSCE) count only if every member is "
            "in the grouping and recorded; global organisations (WTO) never",
        ),
        InputMeta(
            "shared_depth",
            "Deepest arrangement shared with other members",
            "Balassa rank 0-5",
            1,
            (KB_SOURCE,),
            "The study's first and second conclusions are about depth: sovereignty is not "
            "transferred. The deepest achieved level (FTA 2, customs union 3, common market 4) "
            "of a shared organisation measures how far that transfer went.",
            "max depth_achieved rank over the shared organisations (0 when none is shared)",
        ),
        InputMeta(
            "member_clashes",
            "Armed clashes with other members",
            "count (last 5 years)",
            -1,
            (KB_SOURCE,),
            "Mutual distrust and border conflicts (the study's barriers) at their most visible.",
            "conflict events in the knowledge base with the state and another member in the "
            "year and the four before it",
        ),
    )
}

CATALOGUE.update({ident: InputMeta(**driver_meta(ident)) for ident in DRIVERS})  # type: ignore[arg-type]


def compute_trade_inputs(data: TradeData, region: Region) -> pd.DataFrame:
    """intra_share, intra_intensity and max_outside_share per member-year (masked values NaN)."""
    share = compute_indicator("intra_regional_share", data, region, "country")
    intensity = compute_indicator("intra_regional_intensity", data, region, "country")
    profile = compute_indicator("partner_profile", data, region, "country")
    outside = profile[profile["group"].isin(OUTSIDE_POWERS)]
    # A state's outside partners: the groups that are not members (a member's share is 0 there).
    top = outside.groupby([YEAR, COUNTRY])["value"].max().reset_index()  # all NaN -> NaN
    frames = [
        _tidy(share, "intra_share"),
        _tidy(intensity, "intra_intensity"),
        _tidy(top, "max_outside_share"),
    ]
    return pd.concat(frames, ignore_index=True)


def _tidy(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            COUNTRY: frame[COUNTRY].astype(str),
            YEAR: frame[YEAR].astype(int),
            INDICATOR: name,
            VALUE: frame["value"].astype(float),
        }
    )


WDI_CODES = ("tg.val.totl.gd.zs",)


def compute_wdi_inputs(wdi: pd.DataFrame) -> pd.DataFrame:
    """trade_openness from WDI rows (country, year, indicator, value)."""
    wide = wdi.pivot_table(index=[COUNTRY, YEAR], columns=INDICATOR, values=VALUE, aggfunc="first")
    wide = wide.reindex(columns=list(WDI_CODES))
    out = pd.DataFrame({"trade_openness": wide["tg.val.totl.gd.zs"]})
    long = out.reset_index().melt(id_vars=[COUNTRY, YEAR], var_name=INDICATOR, value_name=VALUE)
    return long.dropna(subset=[VALUE]).astype({YEAR: int})[list(PANEL_COLUMNS)]


def _in_scope(kb: KnowledgeBase, org: Any, members: frozenset[str], day: dt.date) -> frozenset[str]:
    """Members of ``org`` on ``day`` if it is a regional institution of the grouping, else none.

    A dialogue format (its type or a secondary type) counts only when its membership is recorded
    completely and every member is in the grouping (the C5 consultative meetings): the C5+1
    formats record only the C5 side, and an outside power's format is not regional integration.
    Global organisations (:data:`GLOBAL_ORGS`) never count.
    """
    if org.id in GLOBAL_ORGS:
        return frozenset()
    inside = members_on(kb, org, day)
    if "dialogue" in (org.type, *org.secondary_types):
        complete = org.members_coverage == "complete"
        return inside if complete and inside <= members else frozenset()
    return inside


def compute_kb_inputs(kb: KnowledgeBase, region: Region, years: Sequence[int]) -> pd.DataFrame:
    """shared_memberships, shared_depth and member_clashes per member-year."""
    rows = []
    for year in years:
        members = region.members(year)
        day = dt.date(year, 7, 1)
        org_members = [(o, _in_scope(kb, o, members, day)) for o in kb.organisations]
        for state in sorted(members):
            others = members - {state}
            shared = [o for o, m in org_members if state in m and m & others]
            depth = max((DEPTH_RANK.get(o.depth_achieved or "", 0) for o in shared), default=0)
            rows += [
                (state, year, "shared_memberships", float(len(shared))),
                (state, year, "shared_depth", float(depth)),
                (
                    state,
                    year,
                    "member_clashes",
                    _events(kb, "conflict", state, others, year, SECURITY_WINDOW),
                ),
            ]
    return pd.DataFrame(rows, columns=list(PANEL_COLUMNS))


def _events(
    kb: KnowledgeBase, kind: str, state: str, others: frozenset[str], year: int, window: int | None
) -> float:
    first = -10_000 if window is None else year - window + 1
    return float(
        sum(
            1
            for e in kb.events
            if e.type == kind
            and state in e.countries
            and set(e.countries) & others
            and first <= e.date.year <= year
        )
    )


def compute_inputs(
    trade: TradeData,
    wdi: pd.DataFrame,
    kb: KnowledgeBase,
    drivers: DriverData,
    region: Region,
    years: Iterable[int],
) -> pd.DataFrame:
    """The tidy panel of every catalogued indicator for the members of ``region``."""
    year_list = sorted(int(y) for y in years)
    members = region.all_members()
    parts = [
        compute_trade_inputs(trade, region),
        compute_wdi_inputs(wdi[wdi[COUNTRY].isin(members)]),
        compute_kb_inputs(kb, region, year_list),
        compute_driver_inputs(drivers, region, year_list, list(DRIVERS)),
    ]
    panel = pd.concat(parts, ignore_index=True)
    in_scope = np.array(
        [
            str(c) in region.members(int(y))
            for c, y in zip(panel[COUNTRY], panel[YEAR], strict=True)
        ],
        dtype=bool,
    )
    panel = panel[in_scope & panel[YEAR].isin(year_list)]
    return panel.sort_values([INDICATOR, COUNTRY, YEAR]).reset_index(drop=True)


def members_by_year(region: Region, years: Iterable[int]) -> dict[int, frozenset[str]]:
    """The grouping's members in each year (the panel's scope)."""
    return {int(y): region.members(int(y)) for y in years}
