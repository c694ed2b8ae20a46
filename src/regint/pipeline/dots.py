"""IMF bilateral trade (DOTS, IMTS) as directed flows: exporter -> importer -> year.

A reporter's long table has two flows per pair: the exporter's own report of its exports
(FOB) and the importer's report of its imports (CIF). Here both land on one row per
directed flow, side by side, in the schema of :data:`regint.core.vocab.FLOW_COLUMNS`.

>>> frame = pd.DataFrame({"reporter": ["KAZ", "UZB"], "partner": ["UZB", "KAZ"],
...     "flow": ["exports_fob", "imports_cif"], "year": [2019, 2019], "value_musd": [1.0, 1.2]})
>>> build_dots_flows(frame)[["exporter", "importer", "exporter_fob_musd", "importer_cif_musd"]]
  exporter importer  exporter_fob_musd  importer_cif_musd
0      KAZ      UZB                1.0                1.2
"""

from __future__ import annotations

from typing import Literal, get_args

import pandas as pd

from regint.core.errors import InputError
from regint.core.options import CIF_FOB_DEFAULT
from regint.core.provenance import SourceTable
from regint.core.vocab import (
    ALWAYS_MIRROR,
    ESTIMATE_SUFFIX,
    EXPORTER,
    EXPORTER_FOB,
    EXPORTER_SOURCE,
    FIRST_YEAR,
    FLOW_COLUMNS,
    IMPORTER,
    IMPORTER_CIF,
    IMPORTER_SOURCE,
    LAST_YEAR,
    PANEL_LAST_YEAR,
    SRC_DOTS,
    SRC_IMTS,
    YEAR,
)

EXPORTS = "exports_fob"
IMPORTS = "imports_cif"
Estimates = Literal["drop", "keep", "flag"]
ESTIMATES: tuple[str, ...] = get_args(Estimates)
_INPUT = ("reporter", "partner", "flow", "year", "value_musd")
_PAIR = [EXPORTER, IMPORTER, YEAR]


def build_dots_flows(
    frame: pd.DataFrame,
    first_year: int = FIRST_YEAR,
    last_year: int = PANEL_LAST_YEAR,
    *,
    source_id: str = SRC_DOTS,
    estimates: Estimates = "drop",
) -> pd.DataFrame:
    """Directed flows from a DOTS-shaped long table (reporter, partner, flow, year, value_musd).

    ``exporter_fob_musd`` is the exporter's report of exports FOB to the importer and
    ``importer_cif_musd`` the importer's report of imports CIF from the exporter; each
    ``*_source`` is ``source_id`` where its value exists and null otherwise. Pairs come
    from a full outer join; self-pairs are dropped.

    ``estimates``: the DOTS exports mark some cells as IMF estimates (``is_estimate``),
    mostly for countries that do not report, derived from their partners' data. ``"drop"``
    (the default) keeps them out, so a value on the exporter's side is the exporter's own
    report and the mirror is not counted twice; ``"keep"`` uses them as reported values;
    ``"flag"`` keeps them with the source id ``<source_id>_estimate``, so reconciliation can
    use them as a last resort and say so.
    """
    _check_arguments(frame, first_year, last_year, estimates)
    rows = frame[(frame["year"] >= first_year) & (frame["year"] <= last_year)]
    has_flags = "is_estimate" in rows.columns
    if estimates == "drop" and has_flags:
        rows = rows[~rows["is_estimate"].astype(bool)]
    flagged = rows["is_estimate"].astype(bool) if (estimates == "flag" and has_flags) else None
    rows = rows.loc[:, list(_INPUT)].assign(
        _source=source_id
        if flagged is None
        else flagged.map({True: source_id + ESTIMATE_SUFFIX, False: source_id})
    )
    exports = _side(rows, EXPORTS, reporter_is=EXPORTER, value=EXPORTER_FOB, source=EXPORTER_SOURCE)
    imports = _side(rows, IMPORTS, reporter_is=IMPORTER, value=IMPORTER_CIF, source=IMPORTER_SOURCE)
    flows = exports.merge(imports, on=_PAIR, how="outer")
    flows = flows[flows[EXPORTER] != flows[IMPORTER]]
    flows = flows.sort_values(_PAIR, ignore_index=True).loc[:, list(FLOW_COLUMNS)]
    if estimates == "flag":
        flows = flag_filled_reports(flows)
    return flows.astype(
        {
            EXPORTER: "string",
            IMPORTER: "string",
            YEAR: "int16",
            EXPORTER_FOB: "float64",
            IMPORTER_CIF: "float64",
            EXPORTER_SOURCE: "string",
            IMPORTER_SOURCE: "string",
        }
    )


def flag_filled_reports(
    flows: pd.DataFrame,
    countries: tuple[str, ...] = ALWAYS_MIRROR,
    factor: float = CIF_FOB_DEFAULT,
) -> pd.DataFrame:
    """Flag as IMF estimates the rows of non-reporters that the IMF filled from their partners.

    DOTS fills a non-reporting country's imports with its partners' exports x 1.06 and its
    exports with their imports / 1.06, without the text flag other estimates carry. For the
    countries in ``countries`` (Turkmenistan) a figure that equals the partner's report
    times or divided by ``factor`` (to 1e-6) is that partner's report again, not a second
    observation: its side gets the ``_estimate`` source, so side counts stay honest.
    """
    both = flows[EXPORTER_FOB].notna() & flows[IMPORTER_CIF].notna()
    scale = flows[IMPORTER_CIF].abs().clip(lower=1.0)
    same = both & ((flows[IMPORTER_CIF] - flows[EXPORTER_FOB] * factor).abs() <= 1e-6 * scale)
    out = flows.copy()
    for country_col, source_col in ((IMPORTER, IMPORTER_SOURCE), (EXPORTER, EXPORTER_SOURCE)):
        hit = (
            same
            & out[country_col].isin(countries)
            & ~out[source_col].astype("string").str.endswith(ESTIMATE_SUFFIX).fillna(False)
        )
        out.loc[hit, source_col] = out.loc[hit, source_col].astype("string") + ESTIMATE_SUFFIX
    return out


def build_imts_flows(
    table: SourceTable | pd.DataFrame,
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
    *,
    estimates: Estimates = "drop",
) -> pd.DataFrame:
    """Directed flows from an IMF IMTS table (``fetch_imts``): as DOTS, source id ``imf_imts``."""
    frame = table.frame if isinstance(table, SourceTable) else table
    return build_dots_flows(frame, first_year, last_year, source_id=SRC_IMTS, estimates=estimates)


def _check_arguments(frame: pd.DataFrame, first_year: int, last_year: int, estimates: str) -> None:
    missing = [c for c in _INPUT if c not in frame.columns]
    if missing:
        raise InputError("frame", f"missing columns {missing}; expected {list(_INPUT)}")
    if first_year > last_year:
        raise InputError("first_year", f"{first_year} is after last_year {last_year}")
    if estimates not in ESTIMATES:
        raise InputError("estimates", f"'{estimates}' is not one of {list(ESTIMATES)}")
    flows = set(frame["flow"].dropna().unique()) - {EXPORTS, IMPORTS}
    if flows:
        raise InputError("frame", f"unknown flow {sorted(flows)}; allowed: {[EXPORTS, IMPORTS]}")
    keys = ["reporter", "partner", "flow", "year"]
    if frame.duplicated(keys).any():
        first = frame.loc[frame.duplicated(keys), keys].iloc[0].tolist()
        raise InputError(
            "frame", f"more than one value for (reporter, partner, flow, year) {first}"
        )


def _side(
    rows: pd.DataFrame, flow: str, *, reporter_is: str, value: str, source: str
) -> pd.DataFrame:
    """One reporting side, with reporter/partner renamed to exporter/importer."""
    partner_is = IMPORTER if reporter_is == EXPORTER else EXPORTER
    side = rows[rows["flow"] == flow]
    return pd.DataFrame(
        {
            reporter_is: side["reporter"].astype("string").to_numpy(),
            partner_is: side["partner"].astype("string").to_numpy(),
            YEAR: side["year"].astype("int32").to_numpy(),
            value: side["value_musd"].astype("float64").to_numpy(),
            source: side["_source"].astype("string").to_numpy(),
        }
    )
