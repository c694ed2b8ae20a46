"""Mirror reconciliation: one value per directed flow on a chosen basis (docs/explanation/methodology.md §3).

Each directed flow exporter -> importer has two reports: the exporter's exports FOB
(*reported*) and the importer's imports CIF. The *mirror* value is the importer's CIF value
divided by a CIF/FOB factor (1.06 by default, the IMF convention).

The *reconciled* value prefers the importer's report, because imports are recorded more
reliably than exports (customs collect duties on them; Gaulier & Zignago 2010, the BACI
method), and because for long stretches the C5 exporters' own rows in DOTS are IMF
estimates. Where the importer did not report, the exporter's report is used, except for
exporters whose own reports are never used: ``ALWAYS_MIRROR`` (Turkmenistan) and
``MIRROR_BEFORE`` (Uzbekistan before 2000). IMF estimates (source ids ending in
``_estimate``: cells the IMF filled for non-reporters) are no one's report: the one-sided
bases leave them out, and the reconciled basis uses them only as a last resort, with
``side = 'estimate'``.
See docs/explanation/decisions/0004-reconciliation-prefers-importer-reports.md.

The rule is written once, as SQL, so the warehouse and in-memory frames share it.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from regint.core.options import CIF_FOB_DEFAULT, check_basis, check_cif_fob
from regint.core.vocab import (
    ALWAYS_MIRROR,
    ESTIMATE_SUFFIX,
    EXPORTER_FOB,
    EXPORTER_SOURCE,
    IMPORTER_CIF,
    IMPORTER_SOURCE,
    MIRROR_BEFORE,
)


def forced_mirror_sql(exporter: str = "exporter", year: str = "year") -> str:
    """SQL predicate: the exporter's own report is not used on the reconciled basis."""
    always = ", ".join(f"'{c}'" for c in ALWAYS_MIRROR) or "NULL"
    before = " OR ".join(f"({exporter} = '{c}' AND {year} < {y})" for c, y in MIRROR_BEFORE.items())
    return f"({exporter} IN ({always}){' OR ' + before if before else ''})"


def _own(value: str, source: str, estimate: bool = False) -> str:
    """SQL: the value exists and is the reporter's own figure (or, with ``estimate``, an IMF estimate)."""
    neg = "" if estimate else "NOT "
    return (
        f"({value} IS NOT NULL AND {neg}coalesce(ends_with({source}, '{ESTIMATE_SUFFIX}'), false))"
    )


def reconcile_sql(relation: str, basis: str, cif_fob: float = CIF_FOB_DEFAULT) -> str:
    """A SELECT over ``relation`` (with the flow columns) giving value_musd, side and source."""
    check_basis(basis)
    f = check_cif_fob(cif_fob)
    mirror = f"{IMPORTER_CIF} / {f!r}"
    own_mirror, own_report = (
        _own(IMPORTER_CIF, IMPORTER_SOURCE),
        _own(EXPORTER_FOB, EXPORTER_SOURCE),
    )
    if basis == "reported":
        value = f"CASE WHEN {own_report} THEN {EXPORTER_FOB} END"
        side, source = "'reported'", EXPORTER_SOURCE
    elif basis == "mirror":
        value = f"CASE WHEN {own_mirror} THEN {mirror} END"
        side, source = "'mirror'", IMPORTER_SOURCE
    else:
        report = f"({own_report} AND NOT {forced_mirror_sql()})"
        tiers = [
            (own_mirror, mirror, "'mirror'", IMPORTER_SOURCE),
            (report, EXPORTER_FOB, "'reported'", EXPORTER_SOURCE),
            (_own(IMPORTER_CIF, IMPORTER_SOURCE, True), mirror, "'estimate'", IMPORTER_SOURCE),
            (
                _own(EXPORTER_FOB, EXPORTER_SOURCE, True),
                EXPORTER_FOB,
                "'estimate'",
                EXPORTER_SOURCE,
            ),
        ]
        value, side, source = (_case((cond, pick[i]) for cond, *pick in tiers) for i in range(3))
    return (
        f"SELECT exporter, importer, year, {value} AS value_musd, {side} AS side, "
        f"{source} AS source FROM ({relation}) AS flows_in WHERE ({value}) IS NOT NULL"
    )


def _case(branches) -> str:  # noqa: ANN001 - an iterable of (condition, result) pairs
    return "CASE " + " ".join(f"WHEN {cond} THEN {result}" for cond, result in branches) + " END"


def reconcile_flows(
    both_sides: pd.DataFrame, basis: str = "reconciled", cif_fob: float = CIF_FOB_DEFAULT
) -> pd.DataFrame:
    """Reconcile an in-memory flow table (columns as ``core.vocab.FLOW_COLUMNS``).

    >>> import pandas as pd
    >>> f = pd.DataFrame({"exporter": ["TKM"], "importer": ["KAZ"], "year": [2010],
    ...     "exporter_fob_musd": [50.0], "importer_cif_musd": [106.0],
    ...     "exporter_source": ["imf_dots"], "importer_source": ["imf_dots"]})
    >>> row = reconcile_flows(f).iloc[0]
    >>> (float(row["value_musd"]), row["side"])
    (100.0, 'mirror')
    """
    con = duckdb.connect()
    try:
        con.register("flows_frame", both_sides)
        out = con.sql(reconcile_sql("SELECT * FROM flows_frame", basis, cif_fob)).df()
    finally:
        con.close()
    return out
