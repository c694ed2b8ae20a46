"""Every driver indicator: its metadata record (with a ``dimension``) and its function."""

from __future__ import annotations

from regint.core.vocab import SRC_CEPII, SRC_KNOMAD, SRC_UN_MIGRANTS, SRC_WDI, Dimension
from regint.indicators.base import IndicatorMeta
from regint.indicators.drivers import connectivity, institutions, people, security, water_energy
from regint.indicators.drivers.base import Compute
from regint.indicators.drivers.wdi_based import ratio_indicator, series_indicator

KB = "regint_kb"  # the knowledge base (data/knowledge), cited by the api from its own record
WDI_CITATION = "World Bank, World Development Indicators (CC BY 4.0), series {code}"
UN_CITATION = (
    "UN DESA Population Division (2020), International Migrant Stock 2020 (inferred; licence "
    "CC BY 3.0 IGO not verified)"
)
KB_CITATION = "regint knowledge base (data/knowledge), curated records with evidence URLs"
NO_COUNTING = "not a trade indicator"
MASKING = (
    "NaN, with a note in the 'note' column, where a source has no value for the state (or pair) "
    "and year; never 0. No coverage threshold: each value rests on its own state-year."
)
STUDY = "Makhmutova (2018), drivers of integration"


def _wdi(
    id_: str,
    title: str,
    unit: str,
    dimension: Dimension,
    code: str,
    direction: str,
    notes: str = "",
) -> tuple[IndicatorMeta, Compute]:
    meta = IndicatorMeta(
        id=id_,
        title=title,
        unit=unit,
        formula=f"WDI {code}, as published",
        direction=direction,
        citation=WDI_CITATION.format(code=code),
        levels=("country",),
        counting=NO_COUNTING,
        notes=notes,
        masking=MASKING,
        dimension=dimension,
        sources=(SRC_WDI,),
    )
    return meta, series_indicator(code)


def _meta(
    id_: str,
    title: str,
    unit: str,
    dimension: Dimension,
    formula: str,
    direction: str,
    citation: str,
    levels: tuple[str, ...],
    sources: tuple[str, ...],
    notes: str = "",
    range_: str = "",
) -> IndicatorMeta:
    return IndicatorMeta(
        id=id_,
        title=title,
        unit=unit,
        formula=formula,
        direction=direction,
        citation=citation,
        levels=levels,
        counting=NO_COUNTING,
        notes=notes,
        masking=MASKING,
        range=range_,
        dimension=dimension,
        sources=sources,
    )


_SHARE_LEVELS = ("country", "region")
_EMIGRANTS = "Σ_d M[d, i] over the destinations the file lists for origin i"

ENTRIES: tuple[tuple[IndicatorMeta, Compute], ...] = (
    # --- people
    (
        _meta(
            "emigrant_intra_share",
            "Share of emigrants living in another member state",
            "share",
            "people",
            f"Σ_(d∈R∖i) M[d, i] / {_EMIGRANTS}; region: pooled over members",
            "higher = more integrated",
            UN_CITATION,
            _SHARE_LEVELS,
            (SRC_UN_MIGRANTS,),
            "five-yearly, 1990-2020; unknown destinations are absent from the denominator",
            "[0, 1]",
        ),
        people.compute_emigrant_intra_share,
    ),
    (
        _meta(
            "immigrant_intra_share",
            "Share of immigrants born in another member state",
            "share",
            "people",
            "Σ_(o∈R∖i) M[i, o] / Σ_o M[i, o]; region: pooled over members",
            "higher = more integrated",
            UN_CITATION,
            _SHARE_LEVELS,
            (SRC_UN_MIGRANTS,),
            "five-yearly, 1990-2020",
            "[0, 1]",
        ),
        people.compute_immigrant_intra_share,
    ),
    (
        _meta(
            "emigrant_share_russia",
            "Share of emigrants living in Russia",
            "share",
            "people",
            f"M[RUS, i] / {_EMIGRANTS}; region: pooled",
            "higher = more tied to Russia",
            UN_CITATION,
            _SHARE_LEVELS,
            (SRC_UN_MIGRANTS,),
            "blank for Russia itself",
            "[0, 1]",
        ),
        people.compute_emigrant_share_russia,
    ),
    (
        _meta(
            "emigrant_share_kazakhstan",
            "Share of emigrants living in Kazakhstan",
            "share",
            "people",
            f"M[KAZ, i] / {_EMIGRANTS}; region: pooled",
            "higher = more tied to Kazakhstan",
            UN_CITATION,
            _SHARE_LEVELS,
            (SRC_UN_MIGRANTS,),
            "blank for Kazakhstan itself",
            "[0, 1]",
        ),
        people.compute_emigrant_share_kazakhstan,
    ),
    (
        _meta(
            "remittances_gdp",
            "Personal remittances received, % of GDP",
            "percent",
            "people",
            "100 × WDI bx.trf.pwkr.cd.dt / WDI ny.gdp.mktp.cd",
            "higher = more dependent on migrants' earnings",
            WDI_CITATION.format(code="bx.trf.pwkr.cd.dt, ny.gdp.mktp.cd"),
            ("country",),
            (SRC_WDI,),
            "Turkmenistan's remittances end in 1996",
        ),
        ratio_indicator("bx.trf.pwkr.cd.dt", "ny.gdp.mktp.cd", 100.0),
    ),
    (
        _meta(
            "remittance_sources_2017",
            "Who sends remittances to each member (2017 shares)",
            "share",
            "people",
            "R[j → i] / Σ_j R[j → i]; reporter i receives, partner j sends",
            "context",
            "World Bank/KNOMAD (2018), Bilateral Remittance Matrix 2017 (modelled; "
            "terms not verified)",
            ("pair",),
            (SRC_KNOMAD,),
            "2017 only; modelled estimates",
            "[0, 1]",
        ),
        people.compute_remittance_sources,
    ),
    # --- water and energy
    _wdi(
        "water_withdrawal_internal",
        "Freshwater withdrawals, % of internal renewable resources",
        "percent",
        "water_energy",
        "er.h2o.fwtl.zs",
        "above 100 = relies on water that flows in from upstream",
        "Turkmenistan 1,868% and Uzbekistan 306% in 2020",
    ),
    _wdi(
        "renewable_electricity_share",
        "Renewable (in Central Asia mostly hydro) electricity, % of output",
        "percent",
        "water_energy",
        "eg.elc.rnew.zs",
        "higher = more hydro (upstream)",
        "WDI has no hydro-only series in the shipped set",
    ),
    _wdi(
        "net_energy_imports",
        "Net energy imports, % of energy use",
        "percent",
        "water_energy",
        "eg.imp.cons.zs",
        "negative = net exporter; positive = dependent on imports",
    ),
    (
        _meta(
            "water_energy_complementarity",
            "Water-for-energy complementarity of member pairs",
            "index",
            "water_energy",
            "C_ij = max over directions of sqrt((g_i s_j)(n_j x_i)); "
            "g = max(0, 1 - 1/W), s = max(0, 1 - W), n = clip(E), x = clip(-E); W = withdrawals / "
            "internal resources, E = net energy imports / use; region: mean over pairs",
            "higher = the pair needs each other's water or energy",
            WDI_CITATION.format(code="er.h2o.fwtl.zs, eg.imp.cons.zs") + "; regint method",
            ("pair", "region"),
            (SRC_WDI,),
            "potential from national aggregates; ignores which river basins a pair shares",
            "[0, 1]",
        ),
        water_energy.compute_complementarity,
    ),
    # --- connectivity
    _wdi(
        "logistics_performance",
        "Logistics Performance Index, overall (1-5)",
        "index",
        "connectivity",
        "lp.lpi.ovrl.xq",
        "higher = better logistics",
        "surveys 2007, 2010, 2012, 2014, 2016, 2018, 2023",
    ),
    (
        _meta(
            "rail_density",
            "Rail lines per 1,000 km² of land",
            "km per 1,000 km²",
            "connectivity",
            "1000 × WDI is.rrs.totl.km / WDI ag.lnd.totl.k2",
            "higher = denser",
            WDI_CITATION.format(code="is.rrs.totl.km, ag.lnd.totl.k2"),
            ("country",),
            (SRC_WDI,),
        ),
        ratio_indicator("is.rrs.totl.km", "ag.lnd.totl.k2", 1000.0),
    ),
    (
        _meta(
            "air_departures_per_million",
            "Registered carrier departures per million people",
            "per million",
            "connectivity",
            "1e6 × WDI is.air.dprt / WDI sp.pop.totl",
            "higher = better connected by air",
            WDI_CITATION.format(code="is.air.dprt, sp.pop.totl"),
            ("country",),
            (SRC_WDI,),
        ),
        ratio_indicator("is.air.dprt", "sp.pop.totl", 1e6),
    ),
    _wdi(
        "broadband_per_100",
        "Fixed broadband subscriptions per 100 people",
        "per 100",
        "connectivity",
        "it.net.bbnd.p2",
        "higher = better connected",
    ),
    (
        _meta(
            "landlocked_status",
            "Landlocked (1) or double-landlocked (2); 0 = has a coast",
            "category",
            "connectivity",
            "CEPII landlocked; 2 if every contiguous neighbour is landlocked too",
            "higher = farther from the sea",
            "CEPII GeoDist (Mayer & Zignago 2011), Licence Ouverte / Etalab 2.0",
            ("country",),
            (SRC_CEPII,),
            "time-invariant; the Caspian is not a sea in CEPII's flag",
            "{0, 1, 2}",
        ),
        connectivity.compute_landlocked_status,
    ),
    (
        _meta(
            "coast_distance_km",
            "Distance to the nearest country with a coast (proxy for the distance to a sea port)",
            "km",
            "connectivity",
            "min over coastal j of CEPII dist_ij (main city to main city); 0 for a coastal state",
            "higher = farther from the sea",
            "CEPII GeoDist (Mayer & Zignago 2011), Licence Ouverte / Etalab 2.0",
            ("country",),
            (SRC_CEPII,),
            "a proxy: CEPII has no port locations",
        ),
        connectivity.compute_coast_distance,
    ),
    # --- security
    *(
        (
            _meta(
                kind,
                title,
                "events",
                "security",
                rule,
                "context",
                KB_CITATION,
                ("region", "country"),
                (KB,),
                "counts of recorded events; the base is curated, not exhaustive",
            ),
            security.count_events(kind),
        )
        for kind, title, rule in (
            (
                "interstate_incidents",
                "Interstate incidents between member states",
                "KB events of type conflict naming >= 2 members",
            ),
            (
                "border_settlements",
                "Border settlements (treaties, protocols) of member states",
                "KB events of type border_settlement naming >= 1 member",
            ),
            (
                "base_closures",
                "Foreign military base closures in member states",
                "KB events of type base_closure naming >= 1 member",
            ),
            (
                "deployments",
                "Foreign or collective troop deployments to member states",
                "KB status_change/conflict events whose title mentions a deployment or "
                "peacekeeping forces, naming >= 1 member",
            ),
        )
    ),
    _wdi(
        "military_expenditure_gdp",
        "Military expenditure, % of GDP",
        "percent",
        "security",
        "ms.mil.xpnd.gd.zs",
        "context",
        "Turkmenistan ends 1999, Uzbekistan 2018",
    ),
    # --- institutions
    (
        _meta(
            "shared_membership_depth",
            "Organisations both states belong to, weighted by achieved Balassa depth",
            "weighted count",
            "institutions",
            "S_ij = Σ over organisations "
            "with i and j full members on 1 July of (1 + achieved depth rank); region: mean over "
            "pairs",
            "higher = more institutional ties",
            KB_CITATION,
            ("pair", "region"),
            (KB,),
            "depth ranks: none 0, PTA 1, FTA 2, customs union 3, common market 4, economic union 5",
        ),
        institutions.compute_shared_depth,
    ),
)
