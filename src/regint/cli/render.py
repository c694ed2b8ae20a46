"""Render results as a table, JSON, CSV or Parquet. Every output carries its provenance."""

from __future__ import annotations

import functools
import json
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import click
import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from regint.api.warehouse import check_output
from regint.core.marks import write_atomically
from regint.core.provenance import Provenance, as_provenance

Format = Literal["table", "json", "csv", "parquet"]

# Not a terminal (a pipe, a file, CI): don't wrap long lines or squeeze tables to 80 columns,
# unless COLUMNS says how wide the reader's screen is.
console = Console(
    soft_wrap=True, width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 200
)

# Text outputs (CSV, JSON) write floats with this many significant digits: enough for any
# figure regint computes (US$ millions to the dollar, shares to 1e-10), and no float noise such
# as 1.0000000000000002. Parquet keeps full doubles.
SIGNIFICANT_DIGITS = 10
err_console = Console(stderr=True, soft_wrap=True)


def output_options(func: Any) -> Any:
    """Add --json/--csv/--parquet PATH to a command; more than one of them is a usage error."""

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        check_one_format(
            kwargs.get("as_json", False), kwargs.get("as_csv", False), kwargs.get("parquet_path")
        )
        if kwargs.get("parquet_path") is not None:  # fail before computing, naming the option
            check_output(kwargs["parquet_path"], "parquet_path", warehouse=warehouse_option())
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


def warehouse_option() -> str | None:
    """The ``--warehouse`` given to the running command (None outside a command or when absent)."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx else None
    return obj.get("warehouse") if isinstance(obj, dict) else None


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
    if isinstance(value, float):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def echo_json(payload: Any) -> None:
    """Print ``payload`` as JSON: floats to SIGNIFICANT_DIGITS, NaN and infinities as null.

    Every JSON output goes through here, so the same inputs give the same bytes and no output
    holds ``NaN``, which is not JSON.
    """
    click.echo(json.dumps(_plain(payload), indent=2, ensure_ascii=False, default=str))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return _jsonable(value)


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
    layout: Layout | None = None,
) -> None:
    """Print ``frame`` in the chosen format, with provenance from ``frame.attrs``.

    ``layout`` shapes only the terminal table (key columns, percentages, --wide); JSON, CSV
    and Parquet always carry every column with its raw values.
    """
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
        echo_json(payload)
        return
    if as_csv:
        for line in provenance.to_lines(notes or ()):
            click.echo(f"# {line}")
        frame.to_csv(sys.stdout, index=False, float_format=f"%.{SIGNIFICANT_DIGITS}g")
        return
    hidden = print_table(frame, title=title, layout=layout)
    if hidden:
        console.print(
            Text(
                f"{len(hidden)} more column(s) at this width ({', '.join(hidden)}): "
                "--wide shows them, --json has everything",
                style="dim",
            )
        )
    for line in notes or []:
        console.print(f"[dim]note:[/dim] {escape(line)}")
    for line in provenance.to_lines():
        console.print(f"[dim]{escape(line)}[/dim]")


FLEX_WIDTH = 18


@dataclass(frozen=True)
class Layout:
    """How a terminal table fits the screen.

    ``keys`` always show in full (never truncated); the other columns follow in order while
    they fit the console width, unless ``wide``; a ``flex`` column (a title, a note) counts
    as ``FLEX_WIDTH`` characters and wraps. ``percent`` columns hold fractions (0-1) and
    print as percentages with ``%`` in the header.
    """

    keys: tuple[str, ...] = ()
    percent: frozenset[str] = field(default_factory=frozenset)
    wide: bool = False
    flex: frozenset[str] = field(default_factory=frozenset)  # long text that may wrap


def print_table(frame: pd.DataFrame, title: str = "", layout: Layout | None = None) -> list[str]:
    """Print ``frame`` as a table; return the columns left out to fit the width."""
    layout = layout or Layout()
    texts = {str(c): _column_texts(frame[c], str(c) in layout.percent) for c in frame.columns}
    headers = {c: f"{c} (%)" if c in layout.percent else c for c in texts}
    widths = {c: max([len(headers[c]), *map(len, texts[c])]) for c in texts}
    shown = _fit(list(texts), widths, layout, console.size.width)
    table = Table(title=title or None, show_lines=False)
    for col in shown:
        numeric = pd.api.types.is_numeric_dtype(frame[col])
        is_key = col in layout.keys
        table.add_column(
            headers[col],
            justify="right" if numeric else "left",
            no_wrap=is_key,
            min_width=widths[col] if is_key else None,
        )
    for i in range(len(frame)):
        # Cells are text, never markup: a licence such as "[CC BY 4.0]" must show as written.
        table.add_row(*(Text(texts[c][i]) for c in shown))
    console.print(table)
    return [c for c in texts if c not in shown]


def _fit(columns: list[str], widths: dict[str, int], layout: Layout, width: int) -> list[str]:
    """Key columns, then the others in order while the table fits ``width`` characters."""
    if layout.wide or not layout.keys:
        return columns
    need = {c: min(widths[c], FLEX_WIDTH) if c in layout.flex else widths[c] for c in columns}
    used = 1 + sum(need[c] + 3 for c in columns if c in layout.keys)  # borders and padding
    keep = set(layout.keys)
    for col in sorted(columns, key=lambda c: c not in layout.flex):  # text before the rest
        if col not in keep and used + need[col] + 3 <= width:
            keep.add(col)
            used += need[col] + 3
    return [c for c in columns if c in keep]


def _column_texts(values: pd.Series, percent: bool) -> list[str]:
    """One number format per column: percentages to 2 decimals; other floats to 1 decimal
    when the column reaches 100 (US$ millions), else to 4."""
    if percent:
        return [_cell(None if pd.isna(v) else f"{100 * v:.2f}") for v in values]
    if pd.api.types.is_float_dtype(values):
        big = bool((values.abs() >= 100).any())
        return [
            _cell(None if pd.isna(v) else (f"{v:,.1f}" if big else f"{v:,.4f}")) for v in values
        ]
    return [_cell(v) for v in values]


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:,.4f}" if abs(value) < 100 else f"{value:,.1f}"
    return str(value)


def write_parquet(frame: pd.DataFrame, path: Path, provenance: Provenance) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    plain = frame.copy(deep=False)  # pandas keeps attrs in its own metadata, as plain JSON
    plain.attrs = {
        k: v.to_dict() if isinstance(v, Provenance) else v for k, v in frame.attrs.items()
    }
    table = pa.Table.from_pandas(plain, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta.update(provenance.to_parquet_metadata())
    write_atomically(path, lambda tmp: pq.write_table(table.replace_schema_metadata(meta), tmp))
