"""Options shared by several commands, declared once."""

from __future__ import annotations

from typing import Any

import click


def region_options(func: Any) -> Any:
    """Add --region and --countries: the region choice of indicators, claims and the report."""
    func = click.option(
        "--countries",
        default=None,
        help="A country set as ISO3 codes instead of --region, e.g. KAZ,UZB,KGZ.",
    )(func)
    func = click.option(
        "--region",
        default="c5",
        show_default=True,
        help="Region id: c5, an organisation (eaeu) or organisation@date (eaeu@2016-01-01).",
    )(func)
    return func
