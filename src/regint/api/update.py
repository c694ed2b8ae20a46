"""Online updaters: newer years from the IMF IMTS and World Bank APIs, merged with provenance.

Network access happens only here and in ``regint.sources``; tests run these paths offline
against recorded responses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import requests

from regint.api.warehouse import ensure_warehouse
from regint.core.errors import InputError
from regint.core.options import PathLike, Progress, quiet
from regint.core.vocab import C5, PANEL_LAST_YEAR
from regint.pipeline.dots import build_dots_flows
from regint.pipeline.snapshot import WDI_INDICATORS
from regint.sources.imf_imts import fetch_imts
from regint.sources.wdi import fetch_wdi
from regint.storage.update import build_update

UPDATERS = ("imts", "wdi")
FIRST_API_YEAR = 1960  # WDI and IMTS series start here


def update(
    which: Sequence[str] = UPDATERS,
    *,
    first_year: int = PANEL_LAST_YEAR + 1,
    last_year: int | None = None,
    reporters: Sequence[str] = C5,
    indicators: Sequence[str] = WDI_INDICATORS,
    countries: Sequence[str] = ("all",),
    warehouse: PathLike | None = None,
    session: requests.Session | None = None,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """Fetch newer data and merge it into the warehouse; one result row per updater."""
    unknown = [w for w in which if w not in UPDATERS]
    if unknown:
        raise InputError(
            "which", f"unknown updater '{unknown[0]}'; choose from {', '.join(UPDATERS)}"
        )
    last = last_year or date.today().year
    if first_year < FIRST_API_YEAR:
        raise InputError(
            "first_year", f"{first_year} is before {FIRST_API_YEAR}, where the APIs' series start"
        )
    if first_year > last:
        if last_year is None:
            raise InputError("first_year", f"{first_year} is after this year ({last})")
        raise InputError("last_year", f"last year {last} is before first year {first_year}")
    say = progress or quiet
    path = ensure_warehouse(warehouse, say)
    results = []
    if "imts" in which:
        say("fetching IMF IMTS")
        table = fetch_imts(list(reporters), first_year, last, session=session)
        flows = build_dots_flows(
            table.frame, first_year, last, source_id=table.origin.source_id, estimates="keep"
        )
        counts = build_update(path, table.origin, flows=flows)
        results.append({"updater": "imts", "rows_fetched": len(table.frame), **counts})
    if "wdi" in which:
        say("fetching World Bank WDI")
        table = fetch_wdi(list(indicators), list(countries), first_year, last, session=session)
        counts = build_update(path, table.origin, wdi=table.frame)
        results.append({"updater": "wdi", "rows_fetched": len(table.frame), **counts})
    return results
