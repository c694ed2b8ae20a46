"""``regint claims list|check``: the study's claims, their tests, and verdicts on the data."""

from __future__ import annotations

from dataclasses import replace

import click
import pandas as pd

from regint.api import claims as api
from regint.api.warehouse import check_output
from regint.cli.options import region_options
from regint.cli.progress import steps
from regint.cli.render import Layout, console, echo_json, emit, output_options, warehouse_option
from regint.core.numbers import format_measure


@click.group("claims")
def group() -> None:
    """The study's conclusions as claims with pre-declared tests."""


WIDE = click.option("--wide", is_flag=True, help="Show every column in the table, however narrow.")


@group.command("list")
@click.option(
    "--tests", "show_tests", is_flag=True, help="One row per test (metric, prediction, rule)."
)
@WIDE
@output_options
def list_(
    show_tests: bool, wide: bool, as_json: bool, as_csv: bool, parquet_path: str | None
) -> None:
    """The claims and their pre-declared tests."""
    if parquet_path is not None:
        check_output(parquet_path, "parquet_path", warehouse=warehouse_option())
    claims = api.list_claims()
    if as_json:
        # The whole spec, nested (claims, tests, alternatives), is more useful than flat rows.
        echo_json(claims.to_dict())
        return
    _emit(
        claims.tests_frame() if show_tests else claims.to_frame(),
        title="claims" if not show_tests else "pre-declared tests",
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=[f"declared on {claims.claim_set.declared_on}; study: {claims.claim_set.citation}"],
        wide=wide,
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
    if {"value", "unit"} <= set(out.columns):
        # One number format per unit: '97.9% of years', '7 years', '-0.23 [-0.70, 0.24] pp'.
        lo = out["lo"] if "lo" in out else [None] * len(out)
        hi = out["hi"] if "hi" in out else [None] * len(out)
        result = [
            format_measure(None if pd.isna(v) else v, str(u or ""), a, b)
            for v, u, a, b in zip(out["value"], out["unit"], lo, hi, strict=True)
        ]
        at = list(out.columns).index("value")
        out = out.drop(columns=[c for c in ("value", "lo", "hi", "unit") if c in out])
        out.insert(at, "result", result)
    out.attrs = frame.attrs
    return out


# What a reader needs in every row; long text wraps, the rest is dropped first when narrow.
TABLE_LAYOUT = Layout(
    keys=("claim", "id", "test", "result", "verdict"),
    flex=frozenset({"title", "statement", "summary", "rule", "prediction", "note"}),
)


def _emit(
    frame: pd.DataFrame,
    title: str,
    as_csv: bool,
    parquet_path: str | None,
    notes: list[str],
    wide: bool = False,
) -> None:
    shown = frame if (as_csv or parquet_path) else for_table(frame)
    emit(
        shown,
        title=title,
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=notes,
        layout=replace(TABLE_LAYOUT, wide=wide),
    )


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
@WIDE
@output_options
@click.pass_context
def check(
    ctx: click.Context,
    region: str,
    countries: str | None,
    claims: str | None,
    as_of: str | None,
    show_tests: bool,
    wide: bool,
    as_json: bool,
    as_csv: bool,
    parquet_path: str | None,
) -> None:
    """Check the claims against the warehouse and the knowledge base.

    --json prints every verdict, number and rerun (nested); --csv and --parquet one row per
    claim, or per test with --tests.
    """
    if parquet_path is not None:
        check_output(parquet_path, "parquet_path", warehouse=warehouse_option())  # first
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
        echo_json(result.to_dict())
        return
    # Table cells are plain text (render.print_table), so verdicts carry no colour markup.
    _emit(
        result.tests_frame() if show_tests else result.to_frame(),
        title=f"claims on {result.region.label}",
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=CHECK_NOTES,
        wide=wide,
    )
    if not (as_csv or parquet_path or show_tests):
        console.print("[dim]details: regint claims check --tests, or --json[/dim]")
