"""The online updaters: fetch newer years, shape them like the snapshot, merge them in.

Each updater is one registry entry (:data:`UPDATERS`): a function that fetches from its
service (:mod:`regint.sources`), turns the answer into warehouse rows (:mod:`regint.pipeline`)
and merges them (:func:`regint.storage.update.build_update`). The api validates the options and
finds the warehouse; this module runs the updates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from regint.core.options import Progress, quiet
from regint.pipeline.dots import build_imts_flows
from regint.sources.imf_imts import fetch_imts
from regint.sources.registry import updaters
from regint.sources.wdi import fetch_wdi
from regint.storage.update import build_update


@dataclass(frozen=True)
class UpdateRequest:
    """What to fetch: the years, the trade reporters, the WDI indicators and countries."""

    first_year: int
    last_year: int
    reporters: Sequence[str]
    indicators: Sequence[str]
    countries: Sequence[str]
    session: requests.Session | None = None


def _update_imts(path: Path, request: UpdateRequest) -> dict[str, Any]:
    table = fetch_imts(
        list(request.reporters), request.first_year, request.last_year, session=request.session
    )
    flows = build_imts_flows(table, request.first_year, request.last_year, estimates="keep")
    counts = build_update(path, table.origin, flows=flows)
    return {"rows_fetched": len(table.frame), **counts}


def _update_wdi(path: Path, request: UpdateRequest) -> dict[str, Any]:
    table = fetch_wdi(
        list(request.indicators),
        list(request.countries),
        request.first_year,
        request.last_year,
        session=request.session,
    )
    counts = build_update(path, table.origin, wdi=table.frame)
    return {"rows_fetched": len(table.frame), **counts}


Runner = Callable[[Path, UpdateRequest], dict[str, Any]]
_RUNNERS: dict[str, tuple[str, Runner]] = {
    "imts": ("IMF IMTS", _update_imts),
    "wdi": ("World Bank WDI", _update_wdi),
}
UPDATERS: dict[str, tuple[str, Runner]] = {uid: _RUNNERS[uid] for uid in updaters()}
"""Updater id -> (what it fetches, the function that runs it), in the registry's order."""


def run_updates(
    path: Path, which: Sequence[str], request: UpdateRequest, progress: Progress = quiet
) -> list[dict[str, Any]]:
    """Run the updaters named in ``which`` on the warehouse at ``path``; one row per updater."""
    results = []
    for updater_id, (label, run) in UPDATERS.items():
        if updater_id in which:
            progress(f"fetching {label}")
            results.append({"updater": updater_id, **run(path, request)})
    return results
