"""``regint data build|status|sources|snapshot|update``."""

from __future__ import annotations

import click

from regint.api import data as api
from regint.api.update import UPDATERS
from regint.cli.progress import steps
from regint.cli.render import console, emit, output_options


@click.group("data")
def group() -> None:
    """Build, inspect and update the DuckDB warehouse."""


@group.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if the snapshot is unchanged.")
@click.pass_context
def build(ctx: click.Context, force: bool) -> None:
    """Build the warehouse from the committed default snapshot (atomic; offline)."""
    with steps("building warehouse") as say:
        result = api.build(ctx.obj["warehouse"], force=force, progress=say)
    verb = "built" if result["built"] else "already up to date"
    console.print(f"warehouse {verb}: {result['warehouse']}")


@group.command("snapshot")
@click.option(
    "--raw",
    type=click.Path(file_okay=False),
    help="Raw sources (default ../shared/data-raw or $REGINT_RAW_DATA).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="Write the snapshot here instead of data/snapshot.",
)
@click.option(
    "--include-kgz", is_flag=True, help="Also import the Kyrgyz NSC tables (licence unverified)."
)
@click.option(
    "--accept-changes",
    is_flag=True,
    help="Write the snapshot even where a table/source/year loses more than 3% of its rows.",
)
def snapshot(raw: str | None, out: str | None, include_kgz: bool, accept_changes: bool) -> None:
    """Rebuild the default snapshot from the raw public sources; print what changed."""
    with steps("building snapshot") as say:
        result = api.build_snapshot(
            raw, out, include_kgz=include_kgz, accept_changes=accept_changes, progress=say
        )
    for change in result["changes"]:
        year = f" {change['year']}" if change["year"] is not None else ""
        console.print(
            f"changed: {change['table']} {change['source']}{year}: "
            f"{change['rows_before']:,} -> {change['rows_after']:,} rows"
        )
    if not result["changes"]:
        console.print("no change in rows per table, source and year against the committed snapshot")
    for name, info in result["files"].items():
        console.print(f"{name}: {info['rows']:,} rows, {info['bytes'] / 1e6:.2f} MB")
    for note in result["notes"]:
        console.print(f"[dim]note:[/dim] {note}")
    console.print(f"snapshot written to {result['snapshot']}")


@group.command("status")
@output_options
@click.pass_context
def status(ctx: click.Context, as_json: bool, as_csv: bool, parquet_path: str | None) -> None:
    """Path, size, build time and health of the warehouse; its tables and row counts."""
    frame = api.status(ctx.obj["warehouse"])
    build = frame.attrs["provenance"]["build"]
    notes = [
        f"warehouse: {build['warehouse']}",
        f"size: {int(build['size_bytes']) / 1e6:.1f} MB",
        f"built at: {build.get('built_at', '?')}",
        f"health: {build['health']}",
    ]
    emit(
        frame,
        title="warehouse",
        as_json=as_json,
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=notes,
    )
    if not build["health"].startswith("ok"):
        ctx.exit(4)


@group.command("check")
@output_options
@click.pass_context
def check(ctx: click.Context, as_json: bool, as_csv: bool, parquet_path: str | None) -> None:
    """Read every table and compare row counts and fingerprints with the build (exit 4 if damaged)."""
    frame = api.check(ctx.obj["warehouse"])
    notes = [f"warehouse: {frame.attrs['warehouse']}", f"health: {frame.attrs['health']}"]
    emit(
        frame,
        title="warehouse check",
        as_json=as_json,
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=notes,
    )
    if not frame.attrs["healthy"]:
        ctx.exit(4)


@group.command("sources")
@output_options
@click.pass_context
def sources(ctx: click.Context, as_json: bool, as_csv: bool, parquet_path: str | None) -> None:
    """Every source with its producer, licence and citation."""
    frame = api.sources(ctx.obj["warehouse"])
    cols = [
        c for c in ("source_id", "producer", "licence", "redistributable", "used_in") if c in frame
    ]
    shown = frame if (as_json or as_csv or parquet_path) else frame[cols]
    shown.attrs = frame.attrs
    emit(shown, title="sources", as_json=as_json, as_csv=as_csv, parquet_path=parquet_path)


@group.command("update")
@click.option(
    "--source",
    "which",
    type=click.Choice([*UPDATERS, "all"]),
    default="all",
    show_default=True,
    help="Which online updater to run.",
)
@click.option(
    "--from-year",
    "first_year",
    type=int,
    default=2021,
    show_default=True,
    help="First year to fetch (1960 or later).",
)
@click.option(
    "--to-year",
    "last_year",
    type=int,
    default=None,
    help="Last year to fetch, not before --from-year (default: this year).",
)
@click.pass_context
def update(ctx: click.Context, which: str, first_year: int, last_year: int | None) -> None:
    """Pull newer years from the IMF IMTS and World Bank APIs (needs internet)."""
    from regint.api.update import update as run_update

    chosen = UPDATERS if which == "all" else (which,)
    with steps("updating warehouse") as say:
        results = run_update(
            chosen,
            first_year=first_year,
            last_year=last_year,
            warehouse=ctx.obj["warehouse"],
            progress=say,
        )
    for row in results:
        console.print(
            f"{row['updater']}: fetched {row['rows_fetched']:,} rows; "
            f"merged {row['flows']:,} flow rows and {row['wdi']:,} WDI rows"
        )
