"""Warehouse reads for the driver indicators: WDI, migrant stocks, remittances, geography."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

EMPTY = {
    "people.migrant_stock": ["destination", "origin", "year", "migrants_persons"],
    "people.remittances_2017": ["sender", "receiver", "remittances_musd"],
}


def _has(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    schema, table = qualified.split(".")
    # fetchall, not fetchone: a cursor left with an unfinished result blocks the next query.
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        [schema, table],
    ).fetchall()
    return bool(found and found[0][0])


def load_wdi_for(con: duckdb.DuckDBPyConnection, countries: Iterable[str]) -> pd.DataFrame:
    """Every WDI indicator for ``countries``: country, year, indicator, value."""
    return con.execute(
        "SELECT country, CAST(year AS BIGINT) AS year, indicator, value FROM macro.wdi "
        "WHERE list_contains(?, country)",
        [sorted(countries)],
    ).df()


def load_migrant_stock(con: duckdb.DuckDBPyConnection, countries: Iterable[str]) -> pd.DataFrame:
    """UN DESA stocks where a destination or an origin is among ``countries`` (empty if absent)."""
    table = "people.migrant_stock"
    if not _has(con, table):
        return pd.DataFrame(columns=EMPTY[table])
    return con.execute(
        f"SELECT destination, origin, CAST(year AS BIGINT) AS year, migrants_persons FROM {table} "
        "WHERE list_contains(?, destination) OR list_contains(?, origin)",
        [sorted(countries), sorted(countries)],
    ).df()


def load_remittances(con: duckdb.DuckDBPyConnection, countries: Iterable[str]) -> pd.DataFrame:
    """KNOMAD 2017 remittances sent to or from ``countries`` (empty if absent)."""
    table = "people.remittances_2017"
    if not _has(con, table):
        return pd.DataFrame(columns=EMPTY[table])
    return con.execute(
        f"SELECT sender, receiver, remittances_musd FROM {table} "
        "WHERE list_contains(?, receiver) OR list_contains(?, sender)",
        [sorted(countries), sorted(countries)],
    ).df()


def load_geography(
    con: duckdb.DuckDBPyConnection, countries: Iterable[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """CEPII geography of every country, and the distances from ``countries`` to all others.

    Empty frames where the warehouse has no CEPII tables (they are optional).
    """
    if not (_has(con, "geo.countries") and _has(con, "geo.distance")):
        return (
            pd.DataFrame(columns=["iso3", "landlocked"]),
            pd.DataFrame(columns=["origin", "destination", "contig", "dist_km"]),
        )
    geo = con.execute("SELECT iso3, landlocked FROM geo.countries").df()
    dist = con.execute(
        "SELECT origin, destination, contig, dist_km FROM geo.distance "
        "WHERE list_contains(?, origin)",
        [sorted(countries)],
    ).df()
    return geo, dist
