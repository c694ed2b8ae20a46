"""``regint scenario list|run``: general-equilibrium scenarios for the region."""

from __future__ import annotations

import click

from regint.api import gravity as api
from regint.cli.progress import steps
from regint.cli.render import echo_json, emit, output_options
from regint.core.errors import InputError


@click.group("scenario")
def group() -> None:
    """GE scenarios (YAML specs): a C5 FTA, Uzbekistan in the EAEU, lower C5 border costs."""


@group.command("list")
@output_options
def list_(as_json: bool, as_csv: bool, parquet_path: str | None) -> None:
    """The shipped scenarios."""
    result = api.list_scenarios()
    emit(
        result.to_frame(),
        title="scenarios",
        as_json=as_json,
        as_csv=as_csv,
        parquet_path=parquet_path,
    )


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        key, sep, value = v.partition("=")
        if not sep:
            raise InputError("params", f"'{v}' is not KEY=VALUE")
        out[key.strip()] = value.strip()
    return out


@group.command("run")
@click.argument("scenario")
@click.option(
    "--param", "params", multiple=True, help="Override a value, e.g. cut_pct=20 or draws=500."
)
@output_options
@click.pass_context
def run(
    ctx: click.Context,
    scenario: str,
    params: tuple[str, ...],
    as_json: bool,
    as_csv: bool,
    parquet_path: str | None,
) -> None:
    """Run SCENARIO (a shipped name or a YAML file): per-country effects with 95% intervals."""
    with steps(f"scenario {scenario}") as say:
        result = api.run_scenario(
            scenario,
            _params(params),
            warehouse=ctx.obj.get("warehouse") if ctx.obj else None,
            progress=say,
        )
    draws = result.provenance.to_dict()["draws"]
    summary = result.extra["region_summary"]
    notes = [
        *result.notes,
        f"Monte Carlo: {draws['solved']} draws solved, {draws['failed']} failed (of {draws['requested']})",
        "intra-regional export share: "
        + ", ".join(f"{k.split('_')[-1]} {v:.4f}" for k, v in summary.items()),
        "coefficients: "
        + ", ".join(
            f"{c['term']} {c['estimate']:.3f} ({c['std_error']:.3f})"
            for c in result.extra["coefficients"]
        ),
    ]
    if as_json:
        echo_json(result.to_dict())
        return
    frame = result.to_frame()
    if not (as_csv or parquet_path):
        frame = frame.loc[
            frame["is_region"] | (frame[["exports_change_pct"]].abs().max(axis=1) > 0.5)
        ]
    emit(
        frame,
        title=result.provenance.to_dict()["view"],
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=notes,
    )
