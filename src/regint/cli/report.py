"""``regint report``: the self-contained HTML report (claims, evidence, regional system, trade)."""

from __future__ import annotations

import webbrowser

import click

from regint.cli.options import region_options
from regint.cli.progress import steps
from regint.cli.render import console
from regint.report import build_report


@click.command("report")
@region_options
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Output file (default: regint-report-<region>.html in the current folder).",
)
@click.option(
    "--open", "open_it", is_flag=True, help="Open the report in the default browser when done."
)
@click.pass_context
def group(
    ctx: click.Context, region: str, countries: str | None, out: str | None, open_it: bool
) -> None:
    """Build the HTML report: the study's claims checked against the data, offline."""
    warehouse = ctx.obj.get("warehouse") if ctx.obj else None
    with steps("building the report") as say:
        result = build_report(region, out, countries=countries, warehouse=warehouse, progress=say)
    counts: dict[str, int] = {}
    for verdict in result.verdicts.values():
        counts[verdict] = counts.get(verdict, 0) + 1
    summary = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in sorted(counts.items()))
    console.print(
        f"wrote [bold]{result.path}[/bold] ({result.size_bytes / 1e6:.1f} MB) in "
        f"{result.seconds:.1f} s; {len(result.verdicts)} claims: {summary}"
    )
    if open_it:
        webbrowser.open(result.path.resolve().as_uri())
