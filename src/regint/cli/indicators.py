"""``regint indicators list|show|compute|definitions``."""

from __future__ import annotations

from typing import Any

import click
import pandas as pd

from regint.api import indicators as api
from regint.cli.options import region_options
from regint.cli.render import Layout, echo_json, emit, output_options
from regint.core.options import (
    BASES,
    BASIS_DEFAULT,
    CIF_FOB_DEFAULT,
    CIF_FOB_RANGE,
    DIMENSIONS,
    LEVELS,
    Basis,
    Level,
)
from regint.core.provenance import attach_provenance

CIF_FOB_HELP = (
    f"CIF/FOB factor dividing importers' CIF values (mirror basis), "
    f"{CIF_FOB_RANGE[0]} to {CIF_FOB_RANGE[1]}."
)


def selection_options(func):  # noqa: ANN001, ANN201 - a click decorator
    func = click.option(
        "--cif-fob",
        type=float,
        default=CIF_FOB_DEFAULT,
        show_default=True,
        help=CIF_FOB_HELP,
    )(func)
    func = click.option(
        "--basis",
        type=click.Choice(BASES),
        default=BASIS_DEFAULT,
        show_default=True,
        help="Trade basis: exporter-reported, importer mirror or reconciled.",
    )(func)
    func = click.option(
        "--years",
        default=None,
        help="Years within the warehouse's range: 1995-2023, 2019 or 2005,2010 (default: all).",
    )(func)
    func = region_options(func)
    return func


@click.group("indicators")
def group() -> None:
    """Integration indicators: trade and the drivers beyond trade."""


@group.command("list")
@click.option(
    "--dimension",
    default=None,
    help=f"Keep one dimension: {', '.join(DIMENSIONS)} (case, hyphens and 'and' are forgiven: "
    "'water-energy', 'Water and energy').",
)
@output_options
def list_(dimension: str | None, as_json: bool, as_csv: bool, parquet_path: str | None) -> None:
    """The indicator catalogue, by dimension of the study's drivers."""
    frame = api.list_indicators(dimension)
    if as_json or as_csv or parquet_path:
        shown = frame
    else:
        shown = frame[["id", "title", "dimension", "unit", "levels"]].assign(
            levels=frame["levels"].map(", ".join)
        )
        shown.attrs = frame.attrs
    emit(
        shown,
        title="indicators",
        as_json=as_json,
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=_catalogue_notes(frame.attrs["provenance"]) if as_csv else None,
    )


def _catalogue_notes(provenance: dict[str, Any]) -> list[str]:
    lines = [f"citation {key}: {text}" for key, text in provenance["citations"].items()]
    return [*lines, f"regint {provenance['code_version']}"]


@group.command("show")
@click.argument("indicator")
@output_options
def show(indicator: str, as_json: bool, as_csv: bool, parquet_path: str | None) -> None:
    """Definition, formula, citation and masking rule of one indicator."""
    record = api.show_indicator(indicator)
    provenance = {**api.catalogue_provenance(), "citations": {indicator: record["citation"]}}
    if as_json:
        payload = {"title": record["title"], "data": record, "origins": provenance}
        echo_json(payload)
        return
    rows = [(key, _text(value)) for key, value in record.items()]
    frame = attach_provenance(pd.DataFrame(rows, columns=["field", "value"]), provenance)
    emit(
        frame,
        title=indicator,
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=_catalogue_notes(provenance) if as_csv else None,
    )


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


@group.command("compute")
@click.argument("indicator")
@selection_options
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default=None,
    help="region, country or pair (default: the indicator's first level).",
)
@click.option("--wide", is_flag=True, help="Show every column in the table, however narrow.")
@output_options
@click.pass_context
def compute(
    ctx: click.Context,
    indicator: str,
    region: str,
    countries: str | None,
    years: str | None,
    basis: Basis,
    cif_fob: float,
    level: Level | None,
    wide: bool,
    as_json: bool,
    as_csv: bool,
    parquet_path: str | None,
) -> None:
    """Compute INDICATOR for a region or country set; says which sources each year rests on."""
    frame = api.compute(
        indicator,
        region=region,
        countries=countries,
        years=years,
        basis=basis,
        level=level,
        cif_fob=cif_fob,
        warehouse=ctx.obj["warehouse"],
    )
    prov = frame.attrs.get("provenance", {})
    trade = prov.get("dimension", "trade") == "trade"
    notes = [
        f"basis: {basis} (CIF/FOB {cif_fob}); {prov.get('counting', '')}"
        if trade
        else f"dimension: {prov['dimension']}; unit: {prov['unit']}; {prov['direction']}",
        f"region: {prov.get('region', {}).get('label', '')}",
        *prov.get("notes", []),
    ]
    unit = str(prov.get("indicator", {}).get("unit", ""))
    percent = share_columns(list(frame.columns), unit)
    machine = as_json or as_csv or parquet_path
    if machine and percent:
        # Machine outputs keep fractions; their metadata says so.
        frame.attrs["provenance"] = {**prov, "units": dict.fromkeys(percent, FRACTION)}
        notes.append(f"{', '.join(percent)}: {FRACTION}")
    elif percent:
        notes.append(f"{', '.join(percent)} in per cent (the unit is {unit})")
    emit(
        frame,
        title=f"{indicator} ({frame.attrs.get('level', level)})",
        as_json=as_json,
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=notes,
        layout=Layout(keys=KEY_COLUMNS, percent=frozenset(percent), wide=wide),
    )


# What a reader needs in every row; the rest is dropped first on a narrow screen.
KEY_COLUMNS = ("year", "country", "group", "value")
FRACTION = "fraction 0-1 (0.25 = 25%); tables and the report print it in per cent"


def share_columns(columns: list[str], unit: str) -> list[str]:
    """Columns holding fractions: ``*_share`` and ``share`` by the column vocabulary,
    ``coverage``, and ``value`` when the indicator's unit is a share."""
    found = [c for c in columns if c == "share" or c.endswith("_share") or c == "coverage"]
    if unit.startswith("share") and "value" in columns:
        found.insert(0, "value")
    return found


@group.command("definitions")
@click.option(
    "--year", type=int, required=True, help="The year to show, within the warehouse's range."
)
@region_options
@click.option(
    "--cif-fob", type=float, default=CIF_FOB_DEFAULT, show_default=True, help=CIF_FOB_HELP
)
@output_options
@click.pass_context
def definitions(
    ctx: click.Context,
    year: int,
    region: str,
    countries: str | None,
    cif_fob: float,
    as_json: bool,
    as_csv: bool,
    parquet_path: str | None,
) -> None:
    """Intra-regional trade in one year under different counting conventions."""
    frame = api.definitions(
        year, region=region, countries=countries, cif_fob=cif_fob, warehouse=ctx.obj["warehouse"]
    )
    shown = frame if (as_json or as_csv or parquet_path) else frame.drop(columns=["description"])
    shown.attrs = frame.attrs
    notes = _pairs_notes(frame.attrs.get("provenance", {}))
    if not (as_json or as_csv):
        notes += [f"{row.convention}: {row.description}" for row in frame.itertuples()]
    emit(
        shown,
        title=f"intra-regional trade {year}, US$ m, by counting convention",
        as_json=as_json,
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=notes or None,
    )


def _pairs_notes(provenance: dict[str, Any]) -> list[str]:
    """A warning when some member pairs have no known flow: the rows then cover different flows."""
    missing = provenance.get("missing_pairs") or []
    if not missing:
        return []
    covered, total = str(provenance.get("pairs_covered", "?/?")).split("/")
    return [
        f"only {covered} of {total} member pairs have a known flow (missing: {', '.join(missing)}); "
        "each convention sums only the flows its side reports (n_flows), so the rows cover "
        "different sets of flows"
    ]
