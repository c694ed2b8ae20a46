"""Options shared by several commands, declared once."""

from __future__ import annotations

import functools
from typing import Any

import click
from click.core import ParameterSource

from regint.core.options import REGION_DEFAULT


def region_options(func: Any) -> Any:
    """Add --region and --countries: the region choice of indicators, claims and the report.

    The two cannot be combined; ``--region c5`` typed out counts as given (only the default is
    silent), so ``--region c5 --countries KAZ,UZB`` is refused like ``--region eaeu --countries``.
    """

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        given = ctx.get_parameter_source("region") not in (ParameterSource.DEFAULT, None)
        if given and kwargs.get("countries") is not None:
            raise click.UsageError(
                f"--region: '{kwargs.get('region')}' and a country list cannot be combined: "
                "give one of them"
            )
        return func(*args, **kwargs)

    checked = click.option(
        "--countries",
        default=None,
        help="A country set instead of --region: at least two ISO3 codes, e.g. KAZ,UZB,KGZ.",
    )(checked)
    checked = click.option(
        "--region",
        default=REGION_DEFAULT,
        show_default=True,
        help="Region id: c5, an organisation (eaeu) or organisation@date (eaeu@2016-01-01).",
    )(checked)
    return checked
