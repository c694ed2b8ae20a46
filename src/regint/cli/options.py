"""Options shared by several commands, declared once."""

from __future__ import annotations

from typing import Any

import click

from regint.core.options import REGION_DEFAULT


def region_options(func: Any) -> Any:
    """Add --region and --countries: the region choice of indicators, claims and the report."""
    func = click.option(
        "--countries",
        default=None,
        help="A country set instead of --region: at least two ISO3 codes, e.g. KAZ,UZB,KGZ.",
    )(func)
    func = click.option(
        "--region",
        default=REGION_DEFAULT,
        show_default=True,
        help="Region id: c5, an organisation (eaeu) or organisation@date (eaeu@2016-01-01).",
    )(func)
    return func
