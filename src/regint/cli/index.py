"""``regint index build|show|sensitivity``: the Central Asia Integration Index."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click
import pandas as pd

from regint.api import index as api
from regint.cli.options import region_options
from regint.cli.progress import steps
from regint.cli.render import console, emit, output_options
from regint.core.errors import InputError
from regint.core.provenance import attach_provenance

VIEWS = ("scores", "region", "dimensions", "weights", "ranks", "screening", "diagnostics")


@click.group("index")
def group() -> None:
    """The Central Asia Integration Index: scores with 5-95% intervals, and their sensitivity."""


@dataclass(frozen=True)
class IndexRequest:
    """What an index command builds: SPEC, the region choice, Monte Carlo size and seed."""

    spec: str | None
    region: str
    countries: str | None
    samples: int | None
    seed: int | None


def index_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """SPEC argument, region choice, Monte Carlo size and seed, passed on as ``request``."""

    @functools.wraps(func)
    def packed(*args: Any, **kwargs: Any) -> Any:
        fields = ("spec", "region", "countries", "samples", "seed")
        request = IndexRequest(**{name: kwargs.pop(name) for name in fields})
        return func(*args, request=request, **kwargs)

    command = click.option(
        "--seed", type=int, default=None, help="Random seed (default: the spec's)."
    )(packed)
    command = click.option(
        "--samples",
        type=int,
        default=None,
        help="Saltelli base sample, a power of two (default: the spec's, 256).",
    )(command)
    command = region_options(command)
    return click.argument("spec", required=False, type=click.Path(dir_okay=False))(command)


def _build(ctx: click.Context, r: IndexRequest) -> api.IndexBuild:
    with steps("building the index") as say:
        return api.build_index(
            r.spec,
            region=r.region,
            countries=r.countries,
            samples=r.samples,
            seed=r.seed,
            warehouse=ctx.obj.get("warehouse") if ctx.obj else None,
            progress=say,
        )


def _notes(built: api.IndexBuild) -> list[str]:
    p = built.provenance
    return [
        f"spec: {built.spec.name} ({built.spec.path}, sha256 {built.spec.sha256[:12]})",
        f"{p['replications']} Monte Carlo replications, seed {p['seed']}; interval "
        f"{p['interval'][0]:.0%}-{p['interval'][1]:.0%}; scores mapped onto the baseline's range",
    ]


def all_scores(built: api.IndexBuild) -> pd.DataFrame:
    """State rows and grouping rows in one frame (``level`` says which)."""
    states = built.to_frame().assign(level="country")
    region = built.region_frame().assign(level="region")
    frame = pd.concat([region, states], ignore_index=True)
    first = ["grouping", "level", "region", "country", "year", "score", "lower", "upper"]
    frame = frame[first + [c for c in frame.columns if c not in first]]
    frame.attrs = states.attrs
    return frame


@group.command("build")
@index_options
@output_options
@click.pass_context
def build(
    ctx: click.Context,
    request: IndexRequest,
    as_json: bool,
    as_csv: bool,
    parquet_path: str | None,
) -> None:
    """Build the index from SPEC (default: the shipped framework) for each --region.

    --region takes several ids: c5,eaeu,cis scores each state within each grouping.
    The table shows the groupings' scores; --json, --csv and --parquet hold every state-year.
    """
    built = _build(ctx, request)
    frame = all_scores(built)
    if as_json or as_csv or parquet_path:
        emit(
            frame,
            title="index",
            as_json=as_json,
            as_csv=as_csv,
            parquet_path=parquet_path,
            notes=_notes(built),
        )
        return
    shown = built.region_frame()[["grouping", "year", "score", "lower", "upper", "scored_share"]]
    emit(shown, title="Central Asia Integration Index: groupings", notes=_notes(built))
    console.print(
        "[dim]each state's scores: regint index show; sensitivity: regint index sensitivity[/dim]"
    )


def _view(built: api.IndexBuild, view: str) -> pd.DataFrame:
    frames = {
        "scores": built.to_frame,
        "region": built.region_frame,
        "dimensions": built.dimensions_frame,
        "weights": built.weights_frame,
        "ranks": built.ranks_frame,
        "screening": built.screening_frame,
        "diagnostics": built.diagnostics_frame,
    }
    return frames[view]()


@group.command("show")
@index_options
@click.option(
    "--view", type=click.Choice(VIEWS), default="scores", show_default=True, help="What to show."
)
@click.option("--country", default=None, help="Only this state (ISO3).")
@click.option("--year", type=int, default=None, help="Only this year.")
@output_options
@click.pass_context
def show(
    ctx: click.Context,
    request: IndexRequest,
    view: str,
    country: str | None,
    year: int | None,
    as_json: bool,
    as_csv: bool,
    parquet_path: str | None,
) -> None:
    """Each state's scores with intervals (or dimensions, weights, ranks, screening, diagnostics).

    The index is rebuilt from the spec and the seed: the same inputs give the same numbers.
    """
    built = _build(ctx, request)
    frame = _view(built, view)
    attrs = frame.attrs
    if country and "country" in frame:
        if country.upper() not in set(frame["country"]):
            raise InputError(
                "country",
                f"{country} is not scored here; scored: {', '.join(sorted(set(frame['country'])))}",
            )
        frame = frame[frame["country"] == country.upper()]
    if year is not None and "year" in frame:
        if year not in set(frame["year"]):
            raise InputError(
                "year", f"no score in {year}; years: {frame['year'].min()}-{frame['year'].max()}"
            )
        frame = frame[frame["year"] == year]
    frame = frame.reset_index(drop=True)
    frame.attrs = attrs
    emit(
        frame,
        title=f"index: {view}",
        as_json=as_json,
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=_notes(built),
    )


@group.command("sensitivity")
@index_options
@output_options
@click.pass_context
def sensitivity(
    ctx: click.Context,
    request: IndexRequest,
    as_json: bool,
    as_csv: bool,
    parquet_path: str | None,
) -> None:
    """Sobol first-order (S1) and total (ST) indices: how much each choice moves the scores.

    Targets: each grouping's score and each member's score in the latest year every
    replication scores. The notes list exactly what was varied and what was held fixed.
    """
    built = _build(ctx, request)
    frame = built.sensitivity_frame()
    assumptions = built.assumptions()
    notes = _notes(built)
    notes += [f"varied: {v}" for v in assumptions["varied"]]
    notes += [f"held fixed: {f}" for f in assumptions["fixed"]]
    if not (as_json or as_csv or parquet_path):
        frame = frame.sort_values(["grouping", "target", "ST"], ascending=[True, True, False])
        frame = frame.reset_index(drop=True)
        attach_provenance(frame, built.provenance)
    emit(
        frame,
        title="index sensitivity (Sobol)",
        as_json=as_json,
        as_csv=as_csv,
        parquet_path=parquet_path,
        notes=notes,
    )


@group.command("indicators")
@output_options
def indicators(as_json: bool, as_csv: bool, parquet_path: str | None) -> None:
    """The indicators a spec may name: source, unit, direction, definition and why each is in."""
    emit(
        api.list_index_indicators(),
        title="index indicators",
        as_json=as_json,
        as_csv=as_csv,
        parquet_path=parquet_path,
    )
