"""The HTML shell of a page: navigation, a form for its controls, a script that draws the view.

Pages are drawn in the browser from their JSON twin (``/api/v1/<id>``), so the page and the
JSON always show the same figures. Every text inserted here is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from regint.core.version import __version__
from regint.web.pages.base import Page


def render_nav(pages: Sequence[Page], current: str) -> str:
    items = []
    for page in pages:
        here = ' aria-current="page"' if page.id == current else ""
        items.append(f'<li><a href="/{page.id}"{here}>{escape(page.title)}</a></li>')
    return "".join(items)


def render_page(page: Page, pages: Sequence[Page], query: str = "") -> str:
    """The page's HTML. ``query`` is the (validated, re-encoded) query string of the request."""
    api = f"/api/v1/{page.id}" + (f"?{query}" if query else "")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(page.title)} · regint dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/app.css">
</head>
<body data-page="{escape(page.id)}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="/">regint</a>
<nav aria-label="Pages"><ul>{render_nav(pages, page.id)}</ul></nav>
</header>
<main id="main">
<h1>{escape(page.title)}</h1>
<p class="summary">{escape(page.summary)}</p>
<form id="controls" class="controls" aria-label="View options"></form>
<div id="status" role="status" aria-live="polite">Loading…</div>
<div id="view"></div>
</main>
<footer class="bottom">
<p>regint {escape(__version__)} · this view as <a id="json-link" href="{escape(api)}">JSON</a> ·
<a href="/api/v1/docs">API documentation</a> · map: Natural Earth (public domain) via world-atlas (ISC)</p>
</footer>
<script type="module" src="/static/js/pages/{escape(page.id)}.js"></script>
</body>
</html>
"""


def render_error(status: int, message: str, pages: Sequence[Page]) -> str:
    """A plain page for a bad page URL (the JSON twin answers the same error as JSON)."""
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Error {status} · regint dashboard</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/app.css"></head>
<body><header class="top"><a class="brand" href="/">regint</a>
<nav aria-label="Pages"><ul>{render_nav(pages, "")}</ul></nav></header>
<main id="main"><h1>Error {status}</h1><p class="error">{escape(message)}</p></main></body></html>
"""
