"""The dashboard's pages, in navigation order.

To add a page: write ``<id>.py`` here with a :class:`~regint.web.pages.base.Page` named
``PAGE`` whose ``build`` calls ``regint.api``, add ``static/js/pages/<id>.js`` to draw it, and
list the module below. A page whose api call does not exist yet is not listed.
"""

from __future__ import annotations

from regint.web.pages import (
    claims,
    drivers,
    index,
    institutions,
    overview,
    partners,
    scenarios,
    trade,
)
from regint.web.pages.base import Page, Params, View

PAGES: tuple[Page, ...] = (
    overview.PAGE,
    trade.PAGE,
    partners.PAGE,
    drivers.PAGE,
    institutions.PAGE,
    claims.PAGE,
    scenarios.PAGE,
    index.PAGE,
)

__all__ = ["PAGES", "Page", "Params", "View"]
