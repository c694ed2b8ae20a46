"""``regint claims list|check``: the study's claims, their tests, and verdicts on the data."""

from __future__ import annotations

import json

import click
import pandas as pd

from regint.api import claims as api
from regint.cli.options import region_options
from regint.cli.progress import steps
from regint.cli.render import console, emit, output_options
from regint.core.options import check_output_path


@click.group("claims")
def group() -> None:
    """The study's conclusions as claims with pre-declared tests."""


@group.command("list")
@click.option(
    "--tests", "show_tests", is_flag=True, help="One row per test (metric, prediction, rule)."
)
@output_options
def list_(show_tests: bool, as_json: bool, as_csv: bool, parquet_path: str | None) -> None:
    """The claims and their pre-declared tests."""
    if parquet_path:
        check_output_path(parquet_path, "parquet_path")
    claims = api.list_claims()
    if as_json:
        # The whole spec, nested (claims, tests, alternatives), is more useful than flat rows.
        click.echo(json.dumps(claims.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    _emit(
        claims.tests_frame() if show_tests else claims.to_frame(),
        title="claims" if not show_tests else "pre-declared tests",
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=[f"declared on {claims.claim_set.declared_on}; study: {claims.claim_set.citation}"],
    )


VERDICT_COLUMNS = ("verdict", "baseline_verdict")


def for_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the terminal table shows it: words, not machine values.

    Assertions have no conclusion number ("–", like any missing number); verdicts read
    "insufficient data", as in the summaries. --json, --csv and --parquet keep the values.
    """
    out = frame.copy()
    if "conclusion" in out:
        out["conclusion"] = [("–" if pd.isna(v) else str(int(v))) for v in out["conclusion"]]
    for column in VERDICT_COLUMNS:
        if column in out:
            out[column] = [("–" if pd.isna(v) else str(v).replace("_", " ")) for v in out[column]]
    return out


def _emit(
    frame: pd.DataFrame, title: str, as_csv: bool, parquet_path: str | None, notes: list[str]
) -> None:
    shown = frame if (as_csv or parquet_path) else for_table(frame)
    emit(shown, title=title, as_csv=as_csv, parquet_path=parquet_path, notes=notes)


CHECK_NOTES = [
    "baseline: reconciled basis, CIF/FOB 1.06; reruns: reported and mirror bases, "
    "CIF/FOB 1.03 and 1.10, region variants, the windows in the spec",
    "a verdict that changes under any rerun is reported as mixed",
    "a test whose premise does not hold for the region (a named state is not a member, it is "
    "defined on the C5 only, or it treats a member as an outside power) is insufficient data: "
    "not applicable",
]


@group.command("check")
@region_options
@click.option("--claim", "claims", default=None, help="Only these claims (comma-separated ids).")
@click.option(
    "--as-of",
    default=None,
    help="Evaluation date for knowledge-base tests (YYYY-MM-DD, 1991-12-08 to today).",
)
@click.option("--tests", "show_tests", is_flag=True, help="One row per test with its numbers.")
@output_options
@click.pass_context
def check(
    ctx: click.Context,
    region: str,
    countries: str | None,
    claims: str | None,
    as_of: str | None,
    show_tests: bool,
    as_json: bool,
    as_csv: bool,
    parquet_path: str | None,
) -> None:
    """Check the claims against the warehouse and the knowledge base.

    --json prints every verdict, number and rerun (nested); --csv and --parquet one row per
    claim, or per test with --tests.
    """
    if parquet_path:
        check_output_path(parquet_path, "parquet_path")  # before any computing
    with steps("checking claims") as say:
        result = api.check_claims(
            region,
            countries=countries,
            claims=claims,
            as_of=as_of,
            warehouse=ctx.obj.get("warehouse") if ctx.obj else None,
            progress=say,
        )
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    # Table cells are plain text (render.print_table), so verdicts carry no colour markup.
    _emit(
        result.tests_frame() if show_tests else result.to_frame(),
        title=f"claims on {result.region.label}",
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=CHECK_NOTES,
    )
    if not (as_csv or parquet_path or show_tests):
        console.print("[dim]details: regint claims check --tests, or --json[/dim]")
