"""Driver indicators on hand-made frames: oracles, properties, blanks that stay blank."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.core.errors import InputError
from regint.core.options import parse_dimension
from regint.core.regions import Region
from regint.indicators.drivers.base import DriverData
from regint.indicators.drivers.water_energy import compute_directed
from regint.indicators.registry import compute_driver, indicators_in

DOWN_UP = Region.fixed("t", "test", ["DWN", "UPS"])


def _data(**frames: pd.DataFrame) -> DriverData:
    empty = {
        "wdi": pd.DataFrame(columns=["country", "year", "indicator", "value"]),
        "migrants": pd.DataFrame(columns=["destination", "origin", "year", "migrants_persons"]),
        "remittances": pd.DataFrame(columns=["sender", "receiver", "remittances_musd"]),
        "geo": pd.DataFrame(columns=["iso3", "landlocked"]),
        "geodist": pd.DataFrame(columns=["origin", "destination", "contig", "dist_km"]),
        "events": pd.DataFrame(columns=["date", "type", "status", "title", "countries"]),
        "spells": pd.DataFrame(columns=["org", "country", "status", "start", "end"]),
        "orgs": pd.DataFrame(columns=["id", "depth_achieved"]),
    }
    return DriverData(**{**empty, **frames})


def _wdi(rows: list[tuple[str, int, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["country", "year", "indicator", "value"])


WATER_ENERGY = _wdi(
    [
        ("DWN", 2020, "er.h2o.fwtl.zs", 300.0),
        ("UPS", 2020, "er.h2o.fwtl.zs", 20.0),
        ("DWN", 2020, "eg.imp.cons.zs", -100.0),
        ("UPS", 2020, "eg.imp.cons.zs", 50.0),
    ]
)


def test_complementarity_matches_the_hand_computed_value() -> None:
    # g = 1 - 1/3, s = 0.8, n = 0.5, x = 1: sqrt((2/3 * 0.8) * (0.5 * 1)) = 0.5164
    frame = compute_driver(
        "water_energy_complementarity", _data(wdi=WATER_ENERGY), DOWN_UP, "pair", [2020]
    )
    assert frame.loc[0, "value"] == pytest.approx(math.sqrt(2 / 3 * 0.8 * 0.5), rel=1e-9)
    assert frame.loc[0, "reporter_downstream"] > 0 and frame.loc[0, "partner_downstream"] == 0


def test_missing_series_is_blank_with_a_note_not_zero() -> None:
    wdi = WATER_ENERGY[
        ~((WATER_ENERGY["country"] == "UPS") & (WATER_ENERGY["indicator"] == "eg.imp.cons.zs"))
    ]
    pair = compute_driver("water_energy_complementarity", _data(wdi=wdi), DOWN_UP, "pair", [2020])
    assert math.isnan(pair.loc[0, "value"]) and "UPS" in pair.loc[0, "note"]
    country = compute_driver("net_energy_imports", _data(wdi=wdi), DOWN_UP, "country", [2019, 2020])
    blank = country[country["value"].isna()]
    assert len(blank) == 3 and (blank["note"] != "").all()


shares = st.floats(min_value=0.0, max_value=1.0)


@settings(max_examples=60, deadline=None)
@given(g=shares, s=shares, n=shares, x=shares)
def test_directed_complementarity_stays_in_bounds(g: float, s: float, n: float, x: float) -> None:
    value = compute_directed({"gap": g, "surplus": x}, {"spare": s, "need": n})
    assert 0.0 <= value <= 1.0


@settings(max_examples=40, deadline=None)
@given(
    w=st.lists(st.floats(min_value=1.0, max_value=3000.0), min_size=2, max_size=2),
    e=st.lists(st.floats(min_value=-300.0, max_value=100.0), min_size=2, max_size=2),
)
def test_relabelling_the_pair_changes_nothing(w: list[float], e: list[float]) -> None:
    def run(a: str, b: str) -> float:
        rows = [
            (a, 2020, "er.h2o.fwtl.zs", w[0]),
            (b, 2020, "er.h2o.fwtl.zs", w[1]),
            (a, 2020, "eg.imp.cons.zs", e[0]),
            (b, 2020, "eg.imp.cons.zs", e[1]),
        ]
        region = Region.fixed("t", "t", [a, b])
        frame = compute_driver(
            "water_energy_complementarity", _data(wdi=_wdi(rows)), region, "pair", [2020]
        )
        return float(frame.loc[0, "value"])

    assert run("AAA", "ZZZ") == pytest.approx(run("ZZZ", "AAA"))


def _stock(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["destination", "origin", "year", "migrants_persons"])


STOCK = _stock(
    [
        ("RUS", "KGZ", 2020, 600.0),
        ("KAZ", "KGZ", 2020, 300.0),
        ("TUR", "KGZ", 2020, 100.0),
        ("RUS", "KAZ", 2020, 900.0),
        ("KGZ", "KAZ", 2020, 100.0),
    ]
)
PAIR = Region.fixed("p", "pair", ["KAZ", "KGZ"])


def test_emigrant_shares_by_hand() -> None:
    data = _data(migrants=STOCK)
    intra = compute_driver("emigrant_intra_share", data, PAIR, "country", [2020]).set_index(
        "country"
    )
    assert intra.loc["KGZ", "value"] == pytest.approx(0.3)
    assert intra.loc["KAZ", "value"] == pytest.approx(0.1)
    pooled = compute_driver("emigrant_intra_share", data, PAIR, "region", [2020])
    assert pooled.loc[0, "value"] == pytest.approx(400 / 2000)
    russia = compute_driver("emigrant_share_russia", data, PAIR, "region", [2020])
    assert russia.loc[0, "value"] == pytest.approx(1500 / 2000)
    kaz = compute_driver("emigrant_share_kazakhstan", data, PAIR, "country", [2020]).set_index(
        "country"
    )
    assert math.isnan(kaz.loc["KAZ", "value"]) and "Kazakhstan" in kaz.loc["KAZ", "note"]


def test_years_without_a_stock_estimate_are_blank() -> None:
    frame = compute_driver("emigrant_share_russia", _data(migrants=STOCK), PAIR, "country", [2017])
    assert frame["value"].isna().all() and frame["note"].str.contains("every|only").all()


def test_double_landlocked_needs_every_neighbour_landlocked() -> None:
    geo = pd.DataFrame({"iso3": ["UZB", "KAZ", "RUS"], "landlocked": [True, True, False]})
    dist = pd.DataFrame(
        [
            ("UZB", "KAZ", True, 1000.0),
            ("KAZ", "UZB", True, 1000.0),
            ("KAZ", "RUS", True, 2500.0),
            ("UZB", "RUS", False, 3000.0),
        ],
        columns=["origin", "destination", "contig", "dist_km"],
    )
    data = _data(geo=geo, geodist=dist)
    region = Region.fixed("u", "u", ["UZB", "KAZ"])
    frame = compute_driver("landlocked_status", data, region, "country", [2020]).set_index(
        "country"
    )
    assert frame.loc["UZB", "value"] == 2 and frame.loc["KAZ", "value"] == 1
    coast = compute_driver("coast_distance_km", data, region, "country", [2020]).set_index(
        "country"
    )
    assert coast.loc["UZB", "value"] == 3000.0


def test_shared_membership_weights_by_achieved_depth() -> None:
    spells = pd.DataFrame(
        [
            ("cu", "KAZ", "member", dt.date(2010, 1, 1), None),
            ("cu", "KGZ", "member", dt.date(2015, 8, 12), None),
            ("pact", "KAZ", "founding_member", dt.date(1992, 5, 15), None),
            ("pact", "KGZ", "suspended", dt.date(1992, 5, 15), None),
        ],
        columns=["org", "country", "status", "start", "end"],
    )
    orgs = pd.DataFrame({"id": ["cu", "pact"], "depth_achieved": ["customs_union", None]})
    data = _data(spells=spells, orgs=orgs)
    frame = compute_driver("shared_membership_depth", data, PAIR, "pair", [2014, 2016])
    assert frame["value"].tolist() == [0.0, 4.0]


def test_events_are_counted_inside_the_knowledge_base_only() -> None:
    events = pd.DataFrame(
        [
            (dt.date(2021, 4, 29), "conflict", "held", "clash", ("KGZ", "TJK")),
            (dt.date(2021, 5, 1), "conflict", "held", "riot", ("KGZ",)),
        ],
        columns=["date", "type", "status", "title", "countries"],
    )
    events.attrs["as_of"] = dt.date(2023, 1, 1)
    region = Region.fixed("k", "k", ["KGZ", "TJK"])
    frame = compute_driver(
        "interstate_incidents", _data(events=events), region, "region", [1990, 2021, 2022, 2024]
    )
    assert frame["value"].tolist()[1:3] == [1.0, 0.0]
    assert math.isnan(frame.loc[0, "value"]) and math.isnan(frame.loc[3, "value"])


def test_dimension_spellings_and_catalogue_filter() -> None:
    assert parse_dimension("Water and energy") == "water_energy"
    assert parse_dimension("WATER-ENERGY") == "water_energy"
    ids = {m.id for m in indicators_in("water_energy")}
    assert "water_energy_complementarity" in ids and "intra_regional_share" not in ids
    assert {m.dimension for m in indicators_in()} == {
        "trade",
        "people",
        "water_energy",
        "connectivity",
        "security",
        "institutions",
    }
    with pytest.raises(InputError, match="allowed: trade"):
        parse_dimension("weather")


@settings(max_examples=40, deadline=None)
@given(
    stocks=st.lists(st.integers(min_value=0, max_value=10**7), min_size=6, max_size=6),
)
def test_emigrant_shares_stay_in_bounds_and_pooled_lies_between_members(stocks: list[int]) -> None:
    a_rus, a_b, a_x, b_rus, b_a, b_x = (float(v) for v in stocks)
    frame = _stock(
        [
            ("RUS", "AAA", 2020, a_rus),
            ("BBB", "AAA", 2020, a_b),
            ("XXX", "AAA", 2020, a_x),
            ("RUS", "BBB", 2020, b_rus),
            ("AAA", "BBB", 2020, b_a),
            ("XXX", "BBB", 2020, b_x),
        ]
    )
    region = Region.fixed("r", "r", ["AAA", "BBB"])
    data = _data(migrants=frame)
    for indicator in ("emigrant_intra_share", "emigrant_share_russia"):
        country = compute_driver(indicator, data, region, "country", [2020])["value"].dropna()
        pooled = compute_driver(indicator, data, region, "region", [2020])["value"].dropna()
        assert ((country >= 0) & (country <= 1)).all()
        if len(country) == 2 and len(pooled):
            assert country.min() - 1e-12 <= pooled.iloc[0] <= country.max() + 1e-12
