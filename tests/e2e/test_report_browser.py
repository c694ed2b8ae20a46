"""End to end: generate the report, open it in headless Chromium, read what a user would see."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from regint.api.claims import list_claims
from regint.claims import VERDICTS
from tests.e2e.conftest import CHROMIUM_ARGS, chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser_page(e2e_report: Path) -> Iterator[tuple[object, list[str], list[str]]]:
    errors: list[str] = []
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "request",
            lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None,
        )
        page.goto(e2e_report.resolve().as_uri())
        page.wait_for_load_state("load")
        yield page, errors, outside
        browser.close()


def test_report_opens_without_console_errors_or_outside_requests(browser_page):
    page, errors, outside = browser_page
    assert page.title().startswith("Regional integration report")
    assert errors == []
    assert outside == []


def test_every_claim_shows_a_verdict_in_the_browser(browser_page):
    page, _, _ = browser_page
    for claim in list_claims().claim_set.claims:
        article = page.locator(f"#claim-{claim.id}")
        badge = article.locator("h3 .verdict")
        assert badge.is_visible(), claim.id
        assert badge.inner_text().replace(" ", "_") in VERDICTS, claim.id
        assert article.locator("figure.chart svg").count() >= 1, claim.id


def test_charts_render_with_a_size(browser_page):
    page, _, _ = browser_page
    boxes = page.eval_on_selector_all(
        "figure.chart svg", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert len(boxes) >= 12
    assert min(boxes) > 50
