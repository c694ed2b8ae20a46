"""Metrics on trade frames: shares, network strength, partner profiles, trends, breaks.

Each metric takes a :class:`~regint.claims.inputs.Context` and the test's parameters and returns
a :class:`~regint.claims.model.Measure`. A metric raises :class:`Insufficient` when the data
cannot answer; the evaluation turns that into an ``insufficient_data`` verdict with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from regint.claims.inputs import Context, TradeFrames
from regint.claims.model import Measure
from regint.claims.stats import compute_break_test, compute_fitted_break, compute_trend
from regint.core.vocab import EXPORTER, IMPORTER, VALUE, YEAR

REGION_GROUP = "REGION"


class Insufficient(Exception):
    """The data cannot answer this test; the message says why."""


class NotApplicable(Insufficient):
    """The test's premise does not hold for the region: the message says why (no verdict)."""


def region_label(ctx: Context) -> str:
    """The name of the region a context describes (a robustness variant names its own)."""
    if ctx.trade is not None:
        return ctx.trade.region_label
    return ctx.region_label or ", ".join(ctx.region_members)


def not_applicable_note(ctx: Context, reason: str) -> str:
    return f"not applicable to region {region_label(ctx)}: {reason}"


def _are_not_members(states: Sequence[str]) -> str:
    verb = "is not a member" if len(states) == 1 else "are not members"
    return f"{', '.join(states)} {verb}"


def rounded(value: float | None, digits: int = 4) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def need_trade(ctx: Context) -> TradeFrames:
    if ctx.trade is None:
        raise Insufficient("no trade data were loaded for this evaluation")
    return ctx.trade


def window_of(params: dict[str, Any], key: str = "window") -> tuple[int, int]:
    first, last = params[key]
    return int(first), int(last)


def in_window(frame: pd.DataFrame, window: tuple[int, int]) -> pd.DataFrame:
    return frame[(frame[YEAR] >= window[0]) & (frame[YEAR] <= window[1])]


def period_note(trade: TradeFrames, years: Sequence[int]) -> str:
    late = [y for y in years if y > trade.last_panel_year]
    if not late:
        return ""
    reporters = ", ".join(trade.late_reporters) or "no reporter"
    return (
        f"{min(late)}-{max(late)} rest on national statistics ({reporters} reporters, mirrors "
        f"for the others), not on the IMF DOTS panel"
    )


def _actors(params: dict[str, Any], trade: TradeFrames) -> tuple[str, ...]:
    actors = tuple(params.get("actors") or (params["actor"],))
    missing = [a for a in actors if a not in trade.members]
    if missing:
        raise NotApplicable(_are_not_members(missing))
    return actors


def _pairs_without(actors: Sequence[str], trade: TradeFrames) -> int:
    """How many member pairs involve none of ``actors``."""
    others = len(set(trade.members) - set(actors))
    return others * (others - 1) // 2


def _need_pairs_without(actors: Sequence[str], trade: TradeFrames) -> None:
    # With no pair left out, "the share of trade involving the actors" is 1 by construction.
    if _pairs_without(actors, trade) == 0:
        raise NotApplicable(
            f"every pair of members involves {' or '.join(actors)}, so the share is 100% by "
            "construction"
        )


def compute_share_involving(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of intra-regional trade in pairs involving any of ``actors`` (pooled over years)."""
    trade = need_trade(ctx)
    actors = _actors(params, trade)
    _need_pairs_without(actors, trade)
    flows = in_window(trade.intra, window_of(params))
    total = float(flows[VALUE].sum())
    if flows.empty or total <= 0:
        raise Insufficient("no intra-regional flows in the window")
    involved = flows[EXPORTER].isin(actors) | flows[IMPORTER].isin(actors)
    key_pair = flows[EXPORTER].isin(actors) & flows[IMPORTER].isin(actors)
    n = len(trade.members)
    others = n - len(actors)
    equal = 1.0 - (others * (others - 1) / 2) / (n * (n - 1) / 2)
    by_year = (
        flows.assign(inv=flows[VALUE].where(involved, 0.0)).groupby(YEAR)[["inv", VALUE]].sum()
    )
    years = tuple(int(y) for y in by_year.index)
    return Measure(
        value=rounded(float(flows.loc[involved, VALUE].sum()) / total),
        unit="share",
        details=(
            ("equal_pairs_benchmark", rounded(equal)),
            ("pair_share_between_actors", rounded(float(flows.loc[key_pair, VALUE].sum()) / total)),
            ("intra_trade_musd_total", rounded(total, 1)),
            ("years", f"{years[0]}-{years[-1]}"),
        ),
        note=period_note(trade, years),
        series=(
            ("year", years),
            ("share", tuple(rounded(v) for v in by_year["inv"] / by_year[VALUE])),
        ),
    )


def compute_strength(flows: pd.DataFrame) -> pd.DataFrame:
    """Per year and country: strength (weighted degree) = trade with other members, and its share."""
    out = pd.concat(
        [
            flows[[YEAR, EXPORTER, VALUE]].set_axis([YEAR, "country", VALUE], axis=1),
            flows[[YEAR, IMPORTER, VALUE]].set_axis([YEAR, "country", VALUE], axis=1),
        ]
    )
    out = out.groupby([YEAR, "country"], as_index=False)[VALUE].sum()
    out["strength_share"] = out[VALUE] / out.groupby(YEAR)[VALUE].transform("sum")
    return out


def compute_top_strength_years(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of years in which ``actors`` are the most central members (by strength)."""
    trade = need_trade(ctx)
    actors = frozenset(_actors(params, trade))
    if len(set(trade.members) - actors) == 0:
        raise NotApplicable(f"the region has no member besides {', '.join(sorted(actors))}")
    strength = compute_strength(in_window(trade.intra, window_of(params)))
    if strength.empty:
        raise Insufficient("no intra-regional flows in the window")
    hits = []
    for _, year_rows in strength.groupby(YEAR):
        top = year_rows.nlargest(len(actors), VALUE)["country"]
        hits.append(frozenset(top) == actors)
    mean_share = strength.groupby("country")["strength_share"].mean().sort_values(ascending=False)
    years = sorted(int(y) for y in strength[YEAR].unique())
    return Measure(
        value=rounded(float(np.mean(hits))),
        unit="share of years",
        details=(
            ("years", f"{years[0]}-{years[-1]}"),
            ("n_years", len(years)),
            ("mean_strength_share", {c: rounded(v, 3) for c, v in mean_share.items()}),
        ),
        note=period_note(trade, years),
        series=(
            ("country", tuple(mean_share.index)),
            ("strength_share", tuple(rounded(v, 4) for v in mean_share)),
        ),
    )


def _indicator(trade: TradeFrames, name: str) -> pd.DataFrame:
    frames = {"share": trade.share, "intensity": trade.intensity}
    if name not in frames:
        raise ValueError(f"unknown indicator {name!r} for this metric")
    return frames[name][[YEAR, "value"]].dropna()


def compute_years_above(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of years in the window with the indicator above ``above``."""
    trade = need_trade(ctx)
    series = in_window(_indicator(trade, params["indicator"]), window_of(params))
    if len(series) < 3:
        raise Insufficient(f"only {len(series)} year(s) with a value in the window")
    above = float(params.get("above", 1.0))
    years = tuple(int(y) for y in series[YEAR])
    return Measure(
        value=rounded(float((series["value"] > above).mean())),
        unit="share of years",
        details=(
            ("n_years", len(series)),
            ("min", rounded(series["value"].min())),
            ("mean", rounded(series["value"].mean())),
            ("max", rounded(series["value"].max())),
        ),
        note=period_note(trade, years),
        series=(("year", years), ("value", tuple(rounded(v) for v in series["value"]))),
    )


def compute_mean_value(ctx: Context, params: dict[str, Any]) -> Measure:
    """The indicator's mean over the window (every year of the window must have a value)."""
    trade = need_trade(ctx)
    window = window_of(params)
    series = in_window(_indicator(trade, params["indicator"]), window)
    expected = window[1] - window[0] + 1
    if len(series) < expected:
        raise Insufficient(
            f"{expected - len(series)} year(s) of {window[0]}-{window[1]} lack a value"
        )
    years = tuple(int(y) for y in series[YEAR])
    return Measure(
        value=rounded(float(series["value"].mean())),
        unit=params["indicator"],
        details=(
            ("min", rounded(series["value"].min())),
            ("max", rounded(series["value"].max())),
            ("years", f"{window[0]}-{window[1]}"),
        ),
        note=period_note(trade, years),
        series=(("year", years), ("value", tuple(rounded(v) for v in series["value"]))),
    )


def compute_indicator_trend(ctx: Context, params: dict[str, Any]) -> Measure:
    """Trend of the members' mean normalised partner concentration (index points a year)."""
    trade = need_trade(ctx)
    window = window_of(params)
    frame = in_window(trade.concentration, window).dropna(subset=["normalised"])
    counts = frame.groupby(YEAR)["country"].nunique()
    full = counts.index[counts == len(trade.members)]
    mean = frame[frame[YEAR].isin(full)].groupby(YEAR)["normalised"].mean()
    if len(mean) < 4:
        raise Insufficient(f"only {len(mean)} year(s) with every member's concentration")
    years = tuple(int(y) for y in mean.index)
    est = compute_trend(years, mean.to_numpy())
    return Measure(
        value=rounded(est.value, 5),
        lo=rounded(est.lo, 5),
        hi=rounded(est.hi, 5),
        unit="index points a year",
        details=(
            ("first", rounded(mean.iloc[0])),
            ("last", rounded(mean.iloc[-1])),
            ("n_years", len(years)),
        ),
        note=period_note(trade, years),
        series=(("year", years), ("mean_normalised_hhi", tuple(rounded(v) for v in mean))),
    )


def _break_series(trade: TradeFrames, series: str, window: tuple[int, int]) -> pd.DataFrame:
    frame = in_window(trade.share, window)
    if series == "share":
        return pd.DataFrame({YEAR: frame[YEAR], "y": 100.0 * frame["value"]}).dropna()
    if series == "log_intra":
        return pd.DataFrame(
            {YEAR: frame[YEAR], "y": np.log(frame["t_rr_musd"].where(frame["t_rr_musd"] > 0))}
        ).dropna()
    raise ValueError(f"unknown series {series!r}")


def compute_break(ctx: Context, params: dict[str, Any]) -> Measure:
    """Segmented regression with a break at ``break_year``: the mean post-break deviation."""
    trade = need_trade(ctx)
    series = str(params.get("series", "share"))
    frame = _break_series(trade, series, window_of(params))
    search = params.get("search")
    candidates = range(int(search[0]), int(search[1]) + 1) if search else ()
    try:
        test = compute_break_test(
            frame[YEAR], frame["y"], int(params["break_year"]), search=candidates
        )
    except ValueError as err:
        raise Insufficient(str(err)) from None
    years = tuple(int(y) for y in frame[YEAR])
    t, fitted, counterfactual = compute_fitted_break(
        frame[YEAR], frame["y"], int(params["break_year"])
    )
    # The effect is a difference of shares in %: percentage points (log points for log trade).
    unit = "pp" if series == "share" else "log points"
    return Measure(
        value=rounded(test.effect.value),
        lo=rounded(test.effect.lo),
        hi=rounded(test.effect.hi),
        unit=unit,
        details=(
            ("chow_f", rounded(test.f_stat, 3)),
            ("chow_p", rounded(test.p_value, 4)),
            (
                "level_shift",
                [
                    rounded(test.level_shift.value),
                    rounded(test.level_shift.lo),
                    rounded(test.level_shift.hi),
                ],
            ),
            (
                "slope_change",
                [
                    rounded(test.slope_change.value),
                    rounded(test.slope_change.lo),
                    rounded(test.slope_change.hi),
                ],
            ),
            ("pre_break_slope", rounded(test.pre_slope.value)),
            ("n_before", test.n_pre),
            ("n_from_break", test.n_post),
            ("best_break_year", test.best_break_year),
            ("series", series),
        ),
        note=period_note(trade, years),
        series=(
            ("year", years),
            ("y", tuple(rounded(v) for v in frame["y"])),
            ("fitted", tuple(rounded(v) for v in fitted)),
            ("pre_trend", tuple(rounded(v) for v in counterfactual)),
        ),
    )


def compute_actor_contribution(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of the change in intra-regional trade (mean after - mean before) from ``actor``'s pairs."""
    trade = need_trade(ctx)
    (actor,) = _actors(params, trade)
    _need_pairs_without((actor,), trade)
    before, after = window_of(params, "before"), window_of(params, "after")
    flows = trade.intra
    inv = flows[EXPORTER].eq(actor) | flows[IMPORTER].eq(actor)
    per_year = (
        flows.assign(actor=flows[VALUE].where(inv, 0.0)).groupby(YEAR)[[VALUE, "actor"]].sum()
    )
    means = {}
    for name, (a, b) in (("before", before), ("after", after)):
        chunk = per_year.loc[(per_year.index >= a) & (per_year.index <= b)]
        if len(chunk) < b - a + 1:
            raise Insufficient(
                f"intra-regional flows missing for {b - a + 1 - len(chunk)} year(s) of {a}-{b}"
            )
        means[name] = chunk.mean()
    d_total = float(means["after"][VALUE] - means["before"][VALUE])
    d_actor = float(means["after"]["actor"] - means["before"]["actor"])
    details = (
        ("mean_before_musd", rounded(float(means["before"][VALUE]), 1)),
        ("mean_after_musd", rounded(float(means["after"][VALUE]), 1)),
        ("change_musd", rounded(d_total, 1)),
        ("change_in_actor_pairs_musd", rounded(d_actor, 1)),
        ("actor_share_before", rounded(float(means["before"]["actor"] / means["before"][VALUE]))),
        ("actor_share_after", rounded(float(means["after"]["actor"] / means["after"][VALUE]))),
    )
    if d_total <= 0:
        return Measure(
            None,
            details=details,
            note="intra-regional trade did not rise between the periods: no rise to attribute",
        )
    years = tuple(range(after[0], after[1] + 1))
    return Measure(
        value=rounded(d_actor / d_total),
        unit="share of the change",
        details=details,
        note=period_note(trade, years),
    )


def compute_product_complementarity(ctx: Context, params: dict[str, Any]) -> Measure:
    """Needs trade by product, which the warehouse does not hold."""
    raise Insufficient(
        "needs trade by product (HS chapters); the warehouse holds trade by partner only"
    )
