"""The report at 1400 px and at 400 px: screenshots kept as artefacts, no page-wide overflow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e.conftest import ARTIFACTS, CHROMIUM_ARGS, chromium

pytestmark = pytest.mark.browser

WIDTHS = (1400, 400)


@pytest.fixture(scope="module")
def pages(e2e_report: Path) -> Iterator[dict[int, object]]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        opened = {}
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(e2e_report.resolve().as_uri())
            page.wait_for_load_state("load")
            shot = ARTIFACTS / f"report-{width}px.png"
            page.screenshot(path=str(shot), full_page=True)
            top = ARTIFACTS / f"report-{width}px-top.png"
            page.screenshot(path=str(top))
            print(f"screenshots: {shot} and {top}")
            opened[width] = page
        yield opened
        browser.close()


def test_screenshots_are_kept_as_artefacts(pages: dict[int, object]) -> None:
    for width in WIDTHS:
        shot = ARTIFACTS / f"report-{width}px.png"
        assert shot.exists() and shot.stat().st_size > 10_000, shot


def test_no_horizontal_overflow_at_400px(pages: dict[int, object]) -> None:
    page = pages[400]
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]"
    )
    assert max(widths[:2]) <= widths[2], f"page is {max(widths[:2])} px wide at {widths[2]} px"
    wider = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
             .filter(e => !e.closest('.table-scroll, .chart-scroll, nav.toc'))
             .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
             .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
    )
    assert wider == [], wider


def test_every_section_link_is_in_view_at_400px(pages: dict[int, object]) -> None:
    page = pages[400]
    links = page.evaluate(
        """() => [...document.querySelectorAll('nav.toc a')].map(a => [
             a.textContent, a.getBoundingClientRect().right <= window.innerWidth + 1])"""
    )
    assert len(links) >= 5
    assert [name for name, shown in links if not shown] == []


def test_wide_tables_scroll_in_their_own_box_at_400px(pages: dict[int, object]) -> None:
    page = pages[400]
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.table-scroll')].map(b => [
             b.scrollWidth > b.clientWidth, getComputedStyle(b).overflowX])"""
    )
    assert boxes, "the report has tables"
    assert all(overflow == "auto" for _, overflow in boxes)
    assert any(scrolls for scrolls, _ in boxes), "at 400 px at least one wide table scrolls"


def test_every_table_sits_in_a_scroll_box(pages: dict[int, object]) -> None:
    loose = pages[1400].evaluate(
        "() => [...document.querySelectorAll('table')].filter(t => !t.closest('.table-scroll')).length"
    )
    assert loose == 0
