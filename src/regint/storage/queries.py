"""Read the warehouse: the ``load_*`` functions every analysis package is fed from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb
import pandas as pd

from regint.core.options import CIF_FOB_DEFAULT
from regint.core.vocab import PANEL_LAST_YEAR
from regint.pipeline.reconcile import reconcile_sql

TOTALS_NOTE_PANEL = "sum over all country partners in the IMF DOTS panel, on the chosen basis"
TOTALS_NOTE_WDI = "WDI merchandise exports + imports (TX.VAL.MRCH.CD.WT + TM.VAL.MRCH.CD.WT)"


def _in_list(codes: Iterable[str]) -> str:
    return ", ".join(f"'{c}'" for c in sorted(set(codes)) if c.isalnum()) or "NULL"


def _reconciled(basis: str, cif_fob: float, first: int, last: int) -> str:
    return reconcile_sql(
        f"SELECT * FROM trade.flows WHERE year BETWEEN {int(first)} AND {int(last)}", basis, cif_fob
    )


def load_flows(
    con: duckdb.DuckDBPyConnection,
    countries: Iterable[str],
    first: int,
    last: int,
    basis: str,
    cif_fob: float,
) -> pd.DataFrame:
    """Directed flows on a basis where any of ``countries`` is exporter or importer."""
    codes = _in_list(countries)
    sql = (
        f"SELECT * FROM ({_reconciled(basis, cif_fob, first, last)}) "
        f"WHERE exporter IN ({codes}) OR importer IN ({codes})"
    )
    return con.sql(sql).df()


def load_both_sides(
    con: duckdb.DuckDBPyConnection, countries: Iterable[str], first: int, last: int
) -> pd.DataFrame:
    """The raw flow table (both sides' reports) among ``countries``."""
    codes = _in_list(countries)
    return con.execute(
        f"SELECT * FROM trade.flows WHERE year BETWEEN ? AND ? AND exporter IN ({codes}) "
        f"AND importer IN ({codes})",
        [first, last],
    ).df()


def load_totals(
    con: duckdb.DuckDBPyConnection,
    countries: Iterable[str],
    first: int,
    last: int,
    basis: str,
    cif_fob: float,
) -> pd.DataFrame:
    """T_i per country and year: panel sums up to 2020, WDI merchandise totals after."""
    codes = _in_list(countries)
    panel_last = min(last, PANEL_LAST_YEAR)
    frames = []
    if first <= panel_last and _precomputed(con, cif_fob):
        frames.append(
            con.execute(
                f"SELECT country, year, trade_musd, 'imf_dots' AS source FROM trade.totals "
                f"WHERE basis = ? AND cif_fob = ? AND country IN ({codes}) AND year BETWEEN ? AND ?",
                [basis, cif_fob, first, panel_last],
            ).df()
        )
    elif first <= panel_last:
        sql = f"""
            WITH f AS ({_reconciled(basis, cif_fob, first, panel_last)})
            SELECT country, year, sum(v) AS trade_musd, 'imf_dots' AS source FROM (
                SELECT exporter AS country, year, value_musd AS v FROM f WHERE exporter IN ({codes})
                UNION ALL
                SELECT importer AS country, year, value_musd AS v FROM f WHERE importer IN ({codes}))
            GROUP BY country, year"""
        frames.append(con.sql(sql).df())
    if last > PANEL_LAST_YEAR:
        frames.append(_wdi_totals(con, codes, max(first, PANEL_LAST_YEAR + 1), last))
    return _concat(frames, ["country", "year", "trade_musd", "source"])


def load_reference_totals(
    con: duckdb.DuckDBPyConnection, countries: Iterable[str], first: int, last: int
) -> pd.DataFrame:
    """Each country's total trade from WDI (merchandise exports + imports, US$ m), every year.

    Independent of ``trade.flows``: the denominator that shows how much of a state's trade its
    known partners cover.
    """
    frame = _wdi_totals(con, _in_list(countries), first, last)
    return _concat([frame], ["country", "year", "trade_musd", "source"])


def _precomputed(con: duckdb.DuckDBPyConnection, cif_fob: float) -> bool:
    """Totals for this factor were precomputed at build time (the default factor)."""
    if cif_fob != CIF_FOB_DEFAULT:
        return False
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'trade' AND table_name = 'totals'"
    ).fetchall()
    return bool(row[0][0])


def _wdi_totals(con: duckdb.DuckDBPyConnection, codes: str, first: int, last: int) -> pd.DataFrame:
    sql = f"""
        SELECT country, year, sum(value) / 1e6 AS trade_musd, 'wb_wdi' AS source
        FROM macro.wdi
        WHERE indicator IN ('tx.val.mrch.cd.wt', 'tm.val.mrch.cd.wt') AND country IN ({codes})
          AND year BETWEEN {int(first)} AND {int(last)} AND value IS NOT NULL
        GROUP BY country, year HAVING count(*) = 2"""
    return con.sql(sql).df()


def load_world(
    con: duckdb.DuckDBPyConnection, first: int, last: int, basis: str, cif_fob: float
) -> pd.DataFrame:
    """T_W per year: twice the sum of all panel flows; WDI world totals after the panel."""
    panel_last = min(last, PANEL_LAST_YEAR)
    frames = []
    if first <= panel_last and _precomputed(con, cif_fob):
        frames.append(
            con.execute(
                "SELECT year, trade_musd, 'imf_dots' AS source FROM trade.world_totals "
                "WHERE basis = ? AND cif_fob = ? AND year BETWEEN ? AND ?",
                [basis, cif_fob, first, panel_last],
            ).df()
        )
    elif first <= panel_last:
        sql = (
            f"SELECT year, 2 * sum(value_musd) AS trade_musd, 'imf_dots' AS source "
            f"FROM ({_reconciled(basis, cif_fob, first, panel_last)}) GROUP BY year"
        )
        frames.append(con.sql(sql).df())
    if last > PANEL_LAST_YEAR:
        world = _wdi_totals(con, "'WLD'", max(first, PANEL_LAST_YEAR + 1), last)
        frames.append(world.drop(columns="country"))
    return _concat(frames, ["year", "trade_musd", "source"])


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(
            {c: pd.Series(dtype="float64" if c == "trade_musd" else "object") for c in columns}
        )
    out = pd.concat(frames, ignore_index=True)[columns]
    out["year"] = out["year"].astype("int64")
    return out.sort_values(columns[:2] if "country" in columns else ["year"]).reset_index(drop=True)


def load_year_range(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    row = con.execute("SELECT min(year), max(year) FROM trade.flows").fetchall()[0]
    return int(row[0]), int(row[1])


def load_known_countries(con: duckdb.DuckDBPyConnection) -> set[str]:
    """ISO3 codes the warehouse knows (reference table plus any code in the flows)."""
    rows = con.execute(
        "SELECT iso3 FROM ref.countries UNION SELECT exporter FROM trade.flows "
        "UNION SELECT importer FROM trade.flows"
    ).fetchall()
    return {r[0] for r in rows if r[0]}


def load_trade_countries(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Codes that are exporter or importer somewhere in ``trade.flows`` (no SUN, YUG, WLD...)."""
    rows = con.execute(
        "SELECT exporter FROM trade.flows UNION SELECT importer FROM trade.flows"
    ).fetchall()
    return {r[0] for r in rows if r[0]}


def load_build_info(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM meta.build").fetchall())


def load_sources(
    con: duckdb.DuckDBPyConnection, ids: Iterable[str] | None = None
) -> list[dict[str, Any]]:
    frame = con.execute("SELECT * FROM meta.sources ORDER BY source_id").df()
    if ids is not None:
        frame = frame[frame["source_id"].isin(set(ids))]
    return [
        {k: (list(v) if k == "urls" else v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]


def load_table_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("""
        SELECT t.schema_name || '.' || t.table_name AS "table", t.estimated_size AS rows, t.comment
        FROM duckdb_tables() t WHERE t.schema_name <> 'main' ORDER BY 1""").df()


def load_country_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """ISO3 -> English short name, from the reference table ``ref.countries``."""
    rows = con.execute("SELECT iso3, name FROM ref.countries WHERE iso3 IS NOT NULL").fetchall()
    return {str(code): str(name) for code, name in rows if name}


def load_wdi(
    con: duckdb.DuckDBPyConnection,
    countries: Iterable[str],
    codes: Iterable[str],
    first: int,
    last: int,
) -> pd.DataFrame:
    """WDI rows (country, year, indicator, value) for ``countries`` and series ``codes``."""
    sql = f"""
        SELECT country, year, indicator, value FROM macro.wdi
        WHERE country IN ({_in_list(countries)}) AND indicator IN ({_codes(codes)})
          AND year BETWEEN ? AND ? AND value IS NOT NULL
        ORDER BY country, year, indicator"""
    return con.execute(sql, [int(first), int(last)]).df()


def _codes(codes: Iterable[str]) -> str:
    """A SQL list of WDI series codes (letters, digits and dots only)."""
    ok = sorted({c for c in codes if c.replace(".", "").isalnum()})
    return ", ".join(f"'{c}'" for c in ok) or "NULL"
