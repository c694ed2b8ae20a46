"""When a computable figure rests on too little data to show: the two masking rules.

Both rules keep the row and set ``value`` (and what is derived from it) to NaN, so a user sees
which years or states are masked and, from ``pairs_share`` or ``coverage``, why.

- **Pairs rule** (intra-regional share, intensity, homogeneous intensity, introversion). T_RR
  summed over a few member pairs is not a smaller copy of the real figure but a different one:
  the C5 "share" of 2.3% in 2024 rests on Uzbek exports alone (4 of 10 pairs).
- **Coverage rule** (partner profile and concentration). Shares over known partners describe
  the known part only: Kyrgyzstan after 2020, seen only in its neighbours' reports, would look as
  if it traded with the region alone. Unknown coverage (no total T_i) masks as well, since
  nothing then shows the known part is most of the trade.

The thresholds are the report's display rules, so the CLI, the API and the report agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_PAIRS_SHARE = 0.7
MIN_PARTNER_COVERAGE = 0.5
# 14/20 and 7/10 must both pass a 0.7 threshold whatever the rounding.
_TOLERANCE = 1e-9

PAIRS_THRESHOLDS: tuple[tuple[str, float], ...] = (("min_pairs_share", MIN_PAIRS_SHARE),)
COVERAGE_THRESHOLDS: tuple[tuple[str, float], ...] = (
    ("min_partner_coverage", MIN_PARTNER_COVERAGE),
)

PAIRS_SHARE_COLUMN = (
    "pairs_share",
    "member pairs with a known flow in either direction / all member pairs (region level); "
    "at country level, the same over the state's pairs with the other members",
)

PAIRS_RULE = (
    f"value is NaN where fewer than {MIN_PAIRS_SHARE:.0%} of the member pairs (region level), or "
    f"of the state's pairs with the other members (country level), have a known flow in either "
    f"direction (pairs_share < {MIN_PAIRS_SHARE}); a region needs two members. The row is kept "
    "with its sums, so the masked years show."
)
COVERAGE_RULE = (
    f"value is NaN where the known partners cover less than {MIN_PARTNER_COVERAGE:.0%} of the "
    f"state's total trade (coverage < {MIN_PARTNER_COVERAGE}) or where coverage is unknown (no "
    "total T_i). The row is kept, so the masked state-years show."
)


def compute_pairs_share(
    covered: np.ndarray | pd.Series, total: np.ndarray | pd.Series
) -> np.ndarray:
    """covered / total pairs; NaN where there is no pair (fewer than two members)."""
    cov = np.asarray(covered, dtype="float64")
    tot = np.asarray(total, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(tot > 0, cov / tot, np.nan)


def has_enough_pairs(pairs_share: np.ndarray | pd.Series) -> np.ndarray:
    """True where ``pairs_share`` meets :data:`MIN_PAIRS_SHARE` (NaN fails)."""
    share = np.asarray(pairs_share, dtype="float64")
    with np.errstate(invalid="ignore"):
        return share >= MIN_PAIRS_SHARE - _TOLERANCE


def has_enough_coverage(coverage: np.ndarray | pd.Series) -> np.ndarray:
    """True where ``coverage`` meets :data:`MIN_PARTNER_COVERAGE` (NaN fails)."""
    cov = np.asarray(coverage, dtype="float64")
    with np.errstate(invalid="ignore"):
        return cov >= MIN_PARTNER_COVERAGE - _TOLERANCE


def mask_by_pairs(values: pd.Series, pairs_share: np.ndarray | pd.Series) -> pd.Series:
    """``values`` with NaN where too few member pairs have a known flow."""
    return values.where(has_enough_pairs(pairs_share))


def mask_by_coverage(values: pd.Series, coverage: np.ndarray | pd.Series) -> pd.Series:
    """``values`` with NaN where known partners cover too little of total trade."""
    return values.where(has_enough_coverage(coverage))


def format_years(years: list[int] | set[int]) -> str:
    """Years as compact runs: [1992, 2024, 2025] -> '1992, 2024-2025'."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def compute_masking_notes(frame: pd.DataFrame) -> list[str]:
    """One line per rule that masked a value in ``frame``: which years (or state-years) and why."""
    if "value" not in frame or frame.empty:
        return []
    notes = []
    masked = frame["value"].isna().to_numpy()
    if "pairs_share" in frame:
        hit = masked & ~has_enough_pairs(frame["pairs_share"])
        whom = "member pairs" if "country" not in frame else "state's pairs with the other members"
        if hit.any():
            notes.append(
                f"value is NaN in {_where(frame[hit])}: fewer than {MIN_PAIRS_SHARE:.0%} of the "
                f"{whom} have a known flow (see pairs_share)"
            )
    if "coverage" in frame:
        hit = masked & ~has_enough_coverage(frame["coverage"])
        if hit.any():
            notes.append(
                f"value is NaN for {_where(frame[hit])}: known partners cover less than "
                f"{MIN_PARTNER_COVERAGE:.0%} of the state's trade, or its total is unknown "
                "(see coverage)"
            )
    return notes


def _where(rows: pd.DataFrame) -> str:
    if "country" not in rows:
        return format_years({int(y) for y in rows["year"]})
    by_country: dict[str, set[int]] = {}
    for country, year in zip(rows["country"], rows["year"], strict=True):
        by_country.setdefault(str(country), set()).add(int(year))
    return "; ".join(f"{c} {format_years(ys)}" for c, ys in sorted(by_country.items()))
