"""Online updaters: newer years from the IMF IMTS and World Bank APIs, merged with provenance.

The api checks the options and finds the warehouse; :mod:`regint.storage.updaters` runs the
updaters. Network access happens only in ``regint.sources``; tests run these paths offline
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
from regint.pipeline.snapshot import WDI_INDICATORS
from regint.storage.updaters import UPDATERS as _REGISTRY
from regint.storage.updaters import UpdateRequest, run_updates

UPDATERS: tuple[str, ...] = tuple(_REGISTRY)
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
    request = UpdateRequest(first_year, last, reporters, indicators, countries, session)
    return run_updates(path, which, request, say)
