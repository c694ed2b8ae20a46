"""A deliberately straightforward pandas implementation of the trade indicators: the benchmark's peer.

It starts from the full two-sided flow table, reconciles inline, then loops over years and
countries with boolean masks and groupbys: what an analyst would write in a notebook. It shares
no code with ``regint.indicators`` (only the vocabulary of country sets), so it also serves as
an independent cross-check (tests/indicators/test_pandas_baseline.py).

    from pandas_baseline import baseline_indicators
    out = baseline_indicators(flows, frozenset({"KAZ", "KGZ", "TJK", "TKM", "UZB"}), range(1992, 2021))
    out["intra_regional_share"]        # year, value
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from regint.core.vocab import ALWAYS_MIRROR, MIRROR_BEFORE, eu27_members

NAMED = ("RUS", "CHN", "USA", "TUR", "IRN")
GROUPS = ("RUS", "CHN", "EU27", "USA", "TUR", "IRN", "REGION", "OTHERS")


def reconcile_inline(flows: pd.DataFrame, cif_fob: float) -> pd.DataFrame:
    """The pipeline's reconciled rule (decision 0004), written again in plain pandas.

    First the importer's own report / cif_fob; else the exporter's own report, unless the
    exporter's reports are never used (TKM; UZB before 2000); else an IMF estimate (importer
    side first). A source id ending in ``_estimate`` marks an IMF estimate.
    """
    forced = flows["exporter"].isin(ALWAYS_MIRROR)
    for country, first_year in MIRROR_BEFORE.items():
        forced = forced | ((flows["exporter"] == country) & (flows["year"] < first_year))
    fob, cif = flows["exporter_fob_musd"], flows["importer_cif_musd"]
    fob_est = _is_estimate(flows, "exporter_source")
    cif_est = _is_estimate(flows, "importer_source")
    value = np.where(cif.notna() & ~cif_est, cif / cif_fob, np.nan)
    value = np.where(np.isnan(value) & fob.notna() & ~fob_est & ~forced, fob, value)
    value = np.where(np.isnan(value) & cif.notna() & cif_est, cif / cif_fob, value)
    value = np.where(np.isnan(value) & fob.notna() & fob_est, fob, value)
    out = flows[["exporter", "importer", "year"]].assign(value=value)
    return out[out["value"].notna() & (out["exporter"] != out["importer"])]


def _is_estimate(flows: pd.DataFrame, column: str) -> pd.Series:
    if column not in flows.columns:
        return pd.Series(False, index=flows.index)
    return flows[column].fillna("").astype(str).str.endswith("_estimate")


def _members(members: Iterable[str] | Mapping[int, Iterable[str]], year: int) -> set[str]:
    if isinstance(members, Mapping):
        return set(members.get(year, ()))
    return set(members)


def _group(partner: str, year: int, region: set[str]) -> str:
    if partner in region:
        return "REGION"
    if partner in NAMED:
        return partner
    if partner in eu27_members(year):
        return "EU27"
    return "OTHERS"


def _year_totals(fy, year, totals, world) -> tuple[pd.Series, float]:
    """T_i by country and T_W for one year: given, or summed from the year's flows."""
    if totals is None:
        t = fy.groupby("exporter")["value"].sum()
        t = t.add(fy.groupby("importer")["value"].sum(), fill_value=0.0)
    else:
        ty = totals[totals["year"] == year]
        t = pd.Series(ty["trade_musd"].to_numpy(), index=ty["country"].to_numpy())
    if world is None:
        return t, t.sum()
    wy = world[world["year"] == year]["trade_musd"]
    return t, float(wy.iloc[0]) if len(wy) else np.nan


def _region_row(fy, year, m, t, t_w) -> dict:
    t_r = np.float64(sum(float(t.get(c, np.nan)) for c in m))  # numpy: x/0 -> inf, not raise
    intra = fy[fy["exporter"].isin(m) & fy["importer"].isin(m)]
    t_rr = 2.0 * intra["value"].sum()
    s = t_rr / t_r
    b = (t_r - t_rr) / (t_w - t_r)
    hi = s / b
    he = (1.0 - s) / (1.0 - b)
    rtii = (hi - he) / (hi + he)
    return {
        "year": year,
        "share": s,
        "intensity": s / (t_r / t_w),
        "hi": hi,
        "he": he,
        "rtii": rtii,
        "t_r": t_r,
    }


def _country_rows(fy, year, m, t, t_w, t_r) -> tuple[list[dict], list[dict]]:
    country_rows, profile_rows = [], []
    for c in sorted(m):
        own = fy[(fy["exporter"] == c) | (fy["importer"] == c)]
        partner = np.where(own["exporter"] == c, own["importer"], own["exporter"])
        t_ij = own.groupby(partner)["value"].sum()
        t_i = np.float64(t.get(c, np.nan))
        shares = t_ij / t_ij.sum()
        h = float((shares**2).sum())
        n = int((t_ij > 0).sum())
        norm = np.nan if n == 0 else 1.0 if n == 1 else (h - 1.0 / n) / (1.0 - 1.0 / n)
        intra_c = t_ij[[p for p in t_ij.index if p in m]].sum()
        country_rows.append(
            {
                "year": year,
                "country": c,
                "share": intra_c / t_i,
                "intensity": (intra_c / t_i) / ((t_r - t_i) / t_w),
                "hhi": h,
                "normalised": norm,
                "n_partners": n,
                "coverage": t_ij.sum() / t_i,
            }
        )
        by_group = {g: 0.0 for g in GROUPS}
        for p, v in t_ij.items():
            by_group[_group(p, year, m)] += v
        for g in GROUPS:
            profile_rows.append(
                {"year": year, "country": c, "group": g, "value": by_group[g] / t_ij.sum()}
            )
    return country_rows, profile_rows


def baseline_indicators(
    flows_both_sides: pd.DataFrame,
    members: Iterable[str] | Mapping[int, Iterable[str]],
    years: Iterable[int],
    cif_fob: float = 1.06,
    totals: pd.DataFrame | None = None,
    world: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """S_R, I_R, HI/HE, RTII by year; s_i, I_i, H_i (and normalised) and the profile by country.

    Without ``totals`` (country, year, trade_musd) each T_i is the sum of i's flows in the
    frame; without ``world`` (year, trade_musd) T_W is the sum of all T_i. Keys are the
    indicator ids; country-level share and intensity are ``<id>_country``.
    """
    flows = reconcile_inline(flows_both_sides, cif_fob)
    region_rows, country_rows, profile_rows = [], [], []
    for year in years:
        m = _members(members, year)
        if not m:
            continue
        fy = flows[flows["year"] == year]
        t, t_w = _year_totals(fy, year, totals, world)
        region_rows.append(_region_row(fy, year, m, t, t_w))
        rows, profile = _country_rows(fy, year, m, t, t_w, region_rows[-1]["t_r"])
        country_rows += rows
        profile_rows += profile
    regions = pd.DataFrame(region_rows)
    countries = pd.DataFrame(country_rows)
    by_country = countries[["year", "country"]]
    return {
        "intra_regional_share": regions[["year"]].assign(value=regions["share"]),
        "intra_regional_intensity": regions[["year"]].assign(value=regions["intensity"]),
        "homogeneous_intensity": regions[["year", "hi", "he"]].assign(value=regions["hi"]),
        "introversion": regions[["year"]].assign(value=regions["rtii"]),
        "intra_regional_share_country": by_country.assign(value=countries["share"]),
        "intra_regional_intensity_country": by_country.assign(value=countries["intensity"]),
        "partner_concentration": countries[
            ["year", "country", "normalised", "n_partners", "coverage"]
        ].assign(value=countries["hhi"]),
        "partner_profile": pd.DataFrame(profile_rows),
    }
