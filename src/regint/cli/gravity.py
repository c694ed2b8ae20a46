"""``regint gravity replicate|estimate``: structural gravity estimation and the book's replication."""

from __future__ import annotations

import click

from regint.api import gravity as api
from regint.cli.progress import steps
from regint.cli.render import echo_json, emit, frame_records, output_options

APPLICATIONS = ("distance", "rta", "twb", "nafta")


@click.group("gravity")
def group() -> None:
    """Structural gravity: PPML with fixed effects and GE counterfactuals (Yotov et al. 2016)."""


@group.command("replicate")
@click.argument("application", type=click.Choice(APPLICATIONS))
@click.option(
    "--closure",
    type=click.Choice(("book", "balanced", "fixed_shares")),
    default="book",
    show_default=True,
    help="GE closure (twb, nafta): the book's procedure, world-balanced, or shares fixed at "
    "baseline (the system gegravity solves).",
)
@output_options
def replicate(
    application: str, closure: str, as_json: bool, as_csv: bool, parquet_path: str | None
) -> None:
    """Replicate chapter 2 of Yotov et al. (2016): estimates, or GE results beside the book's.

    For twb and nafta, --json prints a list of per-country rows (full-endowment changes in
    percent), each carrying its origins.
    """
    with steps(f"replicating {application}") as say:
        result = api.replicate(application, closure=closure, progress=say)
    if as_json and application in ("twb", "nafta"):
        origins = result.provenance.to_dict()
        rows = [{**row, "origins": origins} for row in frame_records(result.frame)]
        echo_json(rows)
        return
    emit(
        result.to_frame(),
        title=f"Yotov et al. (2016) ch. 2: {application}",
        as_json=as_json,
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=list(result.notes),
    )


@group.command("estimate")
@click.argument("spec", required=False)
@output_options
@click.pass_context
def estimate(
    ctx: click.Context, spec: str | None, as_json: bool, as_csv: bool, parquet_path: str | None
) -> None:
    """PPML with exporter-year, importer-year and pair effects on regint's world panel.

    SPEC is a YAML file (keys of a gravity spec); without it, FTA, customs-union and EU dummies
    on 1992-2020 every four years, standard errors clustered by pair.
    """
    with steps("estimating") as say:
        result = api.estimate(
            spec, warehouse=ctx.obj.get("warehouse") if ctx.obj else None, progress=say
        )
    summary = result.provenance.to_dict()["estimation"]
    notes = [
        *result.notes,
        f"{summary['n_used']:,} observations used of {summary['n_input']:,}",
        *[f"dropped {d['n']:,}: {d['reason']}" for d in summary["dropped"]],
    ]
    emit(result.to_frame(), title="PPML estimates", as_json=as_json, as_csv=as_csv,
         parquet_path=parquet_path, notes=notes)  # fmt: skip
