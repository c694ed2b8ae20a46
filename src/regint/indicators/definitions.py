"""Intra-regional trade of one year under each counting convention, side by side.

Published C5 figures disagree mostly because they count differently: a "turnover" quoted as the
sum of what each member reports (exports plus imports) counts every flow twice, once FOB and once
CIF; a bloc's trade quoted from exports alone counts it once. This view puts the conventions next
to the single-counted reconciled value regint uses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from regint.core.errors import InputError
from regint.core.options import CIF_FOB_DEFAULT, check_cif_fob
from regint.core.vocab import (
    ESTIMATE_SUFFIX,
    EXPORTER,
    EXPORTER_FOB,
    EXPORTER_SOURCE,
    IMPORTER,
    IMPORTER_CIF,
    IMPORTER_SOURCE,
    VALUE,
    YEAR,
)

COLUMNS = ("convention", "label", "counting", "value_musd", "n_flows", "ratio_to_reconciled")


def _intra(frame: pd.DataFrame, members: frozenset[str], year: int) -> pd.DataFrame:
    mask = (
        (frame[YEAR] == year)
        & frame[EXPORTER].isin(members)
        & frame[IMPORTER].isin(members)
        & (frame[EXPORTER] != frame[IMPORTER])
    )
    return frame.loc[mask]


def _check(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError("data", f"{name} lacks column(s) {', '.join(missing)}")


def _own_reports(sides: pd.DataFrame, value: str, source: str) -> pd.Series:
    """The values of ``value`` that are the reporter's own (IMF estimates left out)."""
    values = sides[value]
    if source in sides.columns:
        is_estimate = sides[source].fillna("").astype(str).str.endswith(ESTIMATE_SUFFIX)
        values = values.where(~is_estimate)
    return values.dropna()


def compute_definitions_view(
    both_sides: pd.DataFrame,
    reconciled: pd.DataFrame,
    members: Iterable[str],
    year: int,
    cif_fob: float = CIF_FOB_DEFAULT,
) -> pd.DataFrame:
    """One row per counting convention for trade among ``members`` in ``year``, US$ m.

    ``both_sides`` is the raw directed-flow table (exporter_fob_musd, importer_cif_musd);
    ``reconciled`` the same flows already reconciled by the pipeline (value_musd). Missing
    cells are unknown and left out of each sum; ``n_flows`` says how many values each sum has,
    so the rows may cover different flows. ``attrs['view']`` gives ``pairs_covered`` ('7/10':
    member pairs with a reconciled flow in either direction) and ``missing_pairs``.
    Where ``exporter_source``/``importer_source`` are given, IMF estimates (``*_estimate``) are
    not counted as a member's report; the reconciled row uses them as the pipeline does.
    """
    _check(both_sides, (EXPORTER, IMPORTER, YEAR, EXPORTER_FOB, IMPORTER_CIF), "both_sides")
    _check(reconciled, (EXPORTER, IMPORTER, YEAR, VALUE), "reconciled")
    check_cif_fob(cif_fob)
    group = frozenset(members)
    sides = _intra(both_sides, group, year)
    fob = _own_reports(sides, EXPORTER_FOB, EXPORTER_SOURCE)
    cif = _own_reports(sides, IMPORTER_CIF, IMPORTER_SOURCE)
    rec = _intra(reconciled, group, year)[VALUE].dropna()
    single = float(rec.sum())
    rows = [
        (
            "reconciled",
            "Single-counted, reconciled (regint)",
            "once per flow",
            single,
            len(rec),
            _RECONCILED.format(cif_fob=cif_fob),
        ),
        (
            "reported_turnover_sum",
            "Sum of members' reported turnovers",
            "twice per flow",
            float(fob.sum() + cif.sum()),
            len(fob) + len(cif),
            _TURNOVER,
        ),
        (
            "exports_only",
            "Exports as reported (FOB)",
            "once per flow",
            float(fob.sum()),
            len(fob),
            _EXPORTS,
        ),
        (
            "mirror_only",
            "Mirror: imports as reported, CIF / factor",
            "once per flow",
            float(cif.sum()) / cif_fob,
            len(cif),
            _MIRROR.format(cif_fob=cif_fob),
        ),
        (
            "imports_cif",
            "Imports as reported (CIF)",
            "once per flow",
            float(cif.sum()),
            len(cif),
            _IMPORTS,
        ),
        (
            "share_numerator",
            "T_RR, numerator of the intra-regional share",
            "once per member",
            2.0 * single,
            len(rec),
            _NUMERATOR,
        ),
    ]
    out = pd.DataFrame(rows, columns=[*COLUMNS[:5], "description"])
    # A sum over no reports is unknown, not zero trade.
    out["value_musd"] = out["value_musd"].where(out["n_flows"] > 0)
    out["ratio_to_reconciled"] = out["value_musd"] / single if len(rec) and single > 0 else math.nan
    out = out[[*COLUMNS, "description"]]
    covered, missing = _pairs(_intra(reconciled, group, year).dropna(subset=[VALUE]), group)
    out.attrs["view"] = {
        "year": int(year),
        "members": sorted(group),
        "cif_fob": cif_fob,
        "pairs_covered": f"{covered}/{covered + len(missing)}",
        "missing_pairs": missing,
    }
    return out


def _pairs(flows: pd.DataFrame, members: frozenset[str]) -> tuple[int, list[str]]:
    """Member pairs with a known flow in either direction, and the missing ones as 'A-B'."""
    known = {frozenset(p) for p in zip(flows[EXPORTER], flows[IMPORTER], strict=True)}
    ordered = sorted(members)
    every = [(a, b) for k, a in enumerate(ordered) for b in ordered[k + 1 :]]
    missing = [f"{a}-{b}" for a, b in every if frozenset((a, b)) not in known]
    return len(every) - len(missing), missing


_RECONCILED = (
    "Each directed flow counted once, FOB, on the pipeline's reconciled basis: one report per "
    "flow (the importer's CIF report divided by {cif_fob} where it exists, "
    "else the exporter's; Turkmenistan's and pre-2000 Uzbekistan's own export reports never "
    "used). The bloc's internal trade: its exports to itself, which equal its imports from itself. "
    "Covers the flows at least one side reports (n_flows); a flow neither side reports is missing."
)
_TURNOVER = (
    "Each member's exports to plus imports from the other members, as each reports them "
    "(IMF estimates left out), "
    "summed over members. Every flow is counted twice (once FOB by the exporter, once CIF by "
    "the importer): this is how 'mutual trade turnover' figures are often quoted. Covers only "
    "the reports that exist (n_flows): a flow one side does not report counts once, or not at all."
)
_EXPORTS = (
    "Each flow once, from the exporter's own report only (IMF estimates left out). Covers only "
    "the flows exporters report (n_flows); the others are missing, not zero."
)
_MIRROR = (
    "Each flow once, from the importer's own CIF report divided by {cif_fob}. Covers only the "
    "flows importers report (n_flows); the others are missing, not zero."
)
_IMPORTS = (
    "Each flow once, from the importer's own report, CIF (includes freight and insurance). "
    "Covers only the flows importers report (n_flows)."
)
_NUMERATOR = (
    "Twice the reconciled value: each intra-regional flow counts in both members' trade, as "
    "T_R counts it in both members' totals. Divide by T_R for the intra-regional share. Covers "
    "the same flows as the reconciled row."
)
