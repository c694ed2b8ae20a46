"""Render results as a table, JSON, CSV or Parquet. Every output carries its provenance."""

from __future__ import annotations

import functools
import json
import math
import sys
from pathlib import Path
from typing import Any, Literal

import click
import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from regint.core.options import check_output_path
from regint.core.provenance import Provenance, as_provenance

Format = Literal["table", "json", "csv", "parquet"]

# Not a terminal (a pipe, a file, CI): don't wrap long lines or squeeze tables to 80 columns.
console = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err_console = Console(stderr=True, soft_wrap=True)


def output_options(func: Any) -> Any:
    """Add --json/--csv/--parquet PATH to a command; more than one of them is a usage error."""

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        check_one_format(
            kwargs.get("as_json", False), kwargs.get("as_csv", False), kwargs.get("parquet_path")
        )
        if kwargs.get("parquet_path"):  # fail before computing, naming the option
            check_output_path(kwargs["parquet_path"], "parquet_path")
        return func(*args, **kwargs)

    checked = click.option(
        "--parquet",
        "parquet_path",
        type=click.Path(dir_okay=False),
        help="Write the result to a Parquet file (provenance in its metadata).",
    )(checked)
    checked = click.option(
        "--csv", "as_csv", is_flag=True, help="Print CSV (provenance as # comments)."
    )(checked)
    checked = click.option(
        "--json", "as_json", is_flag=True, help="Print JSON with an 'origins' field."
    )(checked)
    return checked


def check_one_format(
    as_json: bool = False, as_csv: bool = False, parquet_path: str | None = None
) -> None:
    """Raise a click.UsageError naming the flags when more than one output format is chosen."""
    chosen = [
        flag
        for flag, on in (("--json", as_json), ("--csv", as_csv), ("--parquet", parquet_path))
        if on
    ]
    if len(chosen) > 1:
        raise click.UsageError(
            f"{' and '.join(chosen)} cannot be combined: choose one output format"
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a frame as JSON-safe dicts (NaN becomes null)."""
    return [{k: _jsonable(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def emit(
    frame: pd.DataFrame,
    *,
    title: str = "",
    as_json: bool = False,
    as_csv: bool = False,
    parquet_path: str | None = None,
    notes: list[str] | None = None,
) -> None:
    """Print ``frame`` in the chosen format, with provenance from ``frame.attrs``."""
    check_one_format(as_json, as_csv, parquet_path)
    provenance = as_provenance(frame.attrs.get("provenance"))
    if parquet_path:
        write_parquet(frame, Path(parquet_path), provenance)
        err_console.print(f"wrote {len(frame)} rows to {escape(str(parquet_path))}")
        return
    if as_json:
        payload = {"title": title, "data": frame_records(frame), "origins": provenance.to_dict()}
        if notes:
            payload["notes"] = notes
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
        return
    if as_csv:
        for line in provenance.to_lines(notes or ()):
            click.echo(f"# {line}")
        frame.to_csv(sys.stdout, index=False)
        return
    print_table(frame, title=title)
    for line in notes or []:
        console.print(f"[dim]note:[/dim] {escape(line)}")
    for line in provenance.to_lines():
        console.print(f"[dim]{escape(line)}[/dim]")


def print_table(frame: pd.DataFrame, title: str = "") -> None:
    table = Table(title=title or None, show_lines=False)
    for col in frame.columns:
        table.add_column(
            str(col), justify="right" if pd.api.types.is_numeric_dtype(frame[col]) else "left"
        )
    for row in frame.itertuples(index=False):
        # Cells are text, never markup: a licence such as "[CC BY 4.0]" must show as written.
        table.add_row(*(Text(_cell(v)) for v in row))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:,.4f}" if abs(value) < 100 else f"{value:,.1f}"
    return str(value)


def write_parquet(frame: pd.DataFrame, path: Path, provenance: Provenance) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    plain = frame.copy(deep=False)  # pandas keeps attrs in its own metadata, as plain JSON
    plain.attrs = {
        k: v.to_dict() if isinstance(v, Provenance) else v for k, v in frame.attrs.items()
    }
    table = pa.Table.from_pandas(plain, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta.update(provenance.to_parquet_metadata())
    pq.write_table(table.replace_schema_metadata(meta), path)
