"""``regint claims list|check``: the study's claims, their tests, and verdicts on the data."""

from __future__ import annotations

import json

import click

from regint.api import claims as api
from regint.cli.progress import steps
from regint.cli.render import console, emit

VERDICT_STYLE = {"supported": "green", "contradicted": "red", "mixed": "yellow",
                 "insufficient_data": "dim"}  # fmt: skip


def region_options(func):  # noqa: ANN001, ANN201 - a click decorator
    """Add --region and --countries, the region choice of ``claims check`` and ``report``."""
    func = click.option(
        "--countries", default=None, help="A country set as ISO3 codes, e.g. KAZ,UZB,KGZ."
    )(func)
    func = click.option(
        "--region",
        default="c5",
        show_default=True,
        help="Region id: c5, an organisation (eaeu) or organisation@date.",
    )(func)
    return func


@click.group("claims")
def group() -> None:
    """The study's conclusions as claims with pre-declared tests."""


@group.command("list")
@click.option(
    "--tests", "show_tests", is_flag=True, help="One row per test (metric, prediction, rule)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON with an 'origins' field.")
def list_(show_tests: bool, as_json: bool) -> None:
    """The claims and their pre-declared tests."""
    claims = api.list_claims()
    if as_json:
        click.echo(json.dumps(claims.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    frame = claims.tests_frame() if show_tests else claims.to_frame()
    emit(
        frame,
        title="claims" if not show_tests else "pre-declared tests",
        notes=[f"declared on {claims.claim_set.declared_on}; study: {claims.claim_set.citation}"],
    )


@group.command("check")
@region_options
@click.option("--claim", "claim_ids", default=None, help="Only these claims (comma-separated ids).")
@click.option(
    "--as-of", default=None, help="Evaluation date for knowledge-base tests (YYYY-MM-DD)."
)
@click.option("--tests", "show_tests", is_flag=True, help="One row per test with its numbers.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print every verdict, number and rerun as JSON."
)
@click.pass_context
def check(
    ctx: click.Context,
    region: str,
    countries: str | None,
    claim_ids: str | None,
    as_of: str | None,
    show_tests: bool,
    as_json: bool,
) -> None:
    """Check the claims against the warehouse and the knowledge base."""
    with steps("checking claims") as say:
        result = api.check_claims(
            region,
            countries=countries,
            claims=claim_ids,
            as_of=as_of,
            warehouse=ctx.obj.get("warehouse") if ctx.obj else None,
            progress=say,
        )
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    frame = result.tests_frame() if show_tests else result.to_frame()
    if not show_tests:
        frame = frame.assign(
            verdict=[f"[{VERDICT_STYLE.get(v, '')}]{v}[/]" for v in frame["verdict"]]
        )
    emit(
        frame,
        title=f"claims on {result.region.label}",
        notes=[
            "baseline: reconciled basis, CIF/FOB 1.06; reruns: reported and mirror bases, "
            "CIF/FOB 1.03 and 1.10, region variants, the windows in the spec",
            "a verdict that changes under any rerun is reported as mixed",
        ],
    )
    if not show_tests:
        console.print("[dim]details: regint claims check --tests, or --json[/dim]")
