"""End to end: the dashboard on a real loopback server, driven in headless Debian Chromium.

Each page loads with no console error and no request outside the server; a control changes the
view and the chart redraws with the figures of the JSON twin; axe-core finds no serious or
critical accessibility violation. Screenshots land in test-artifacts/web/ (git-ignored).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest
import uvicorn
from playwright.sync_api import Page, sync_playwright

from regint.web import create_app
from regint.web.pages import PAGES
from tests.e2e.conftest import CHROMIUM_ARGS, ROOT, chromium

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent
AXE = HERE / "vendor" / "axe-core" / "axe.min.js"
# Screenshots are test artefacts (git-ignored), next to the report's; REGINT_ARTIFACTS moves them.
ARTIFACTS = Path(os.environ.get("REGINT_ARTIFACTS", ROOT / "test-artifacts")) / "web"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    # A generous time limit: a scenario run takes tens of seconds on a busy 2-core machine.
    app = create_app(time_limit=300)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)


class Session:
    """A browser page that records console errors and requests to other origins."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request) -> None:
        if not request.url.startswith((self.base, "data:")):
            self.outside.append(request.url)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("body[data-loaded]:not([aria-busy])", timeout=120_000)

    def wait_for_state(self, fragment: str) -> None:
        self.page.wait_for_function(
            "f => (document.body.dataset.loaded || '').includes(f) && !document.body.ariaBusy",
            arg=fragment,
            timeout=120_000,
        )

    def twin(self, query: str) -> dict:
        with urlopen(self.base + query, timeout=120) as response:  # loopback only
            return json.loads(response.read())

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def axe(self) -> list[dict]:
        # Runtime evaluation is not subject to the page's CSP (an injected <script> would be).
        self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        result = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Session]:
    executable = chromium()
    if executable is None:
        pytest.skip("no chromium binary on this machine (CI installs Debian's chromium)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = launched.new_page(viewport={"width": 1280, "height": 900})
        yield Session(page, server)
        launched.close()


@pytest.mark.parametrize("page_id", [p.id for p in PAGES])
def test_every_page_renders_cleanly_offline_and_accessibly(browser, page_id):
    browser.errors.clear()
    browser.outside.clear()
    browser.open(f"/{page_id}")
    assert browser.page.locator("figure.chart").count() >= 1
    assert browser.page.locator("#status").inner_text() == ""
    browser.shot(page_id)
    violations = browser.axe()
    assert violations == [], [(v["id"], v["help"], len(v["nodes"])) for v in violations]
    assert browser.errors == []
    assert browser.outside == []


def test_trade_basis_switch_redraws_the_region_line(browser):
    browser.open("/trade")
    browser.page.select_option("#ctl-basis", "mirror")
    browser.wait_for_state("basis=mirror")
    assert "basis=mirror" in browser.page.url  # the state is in the URL: shareable
    drawn = browser.page.eval_on_selector_all(
        "figure[data-table='region'] circle",
        "els => els.map(e => [Number(e.dataset.x), Number(e.dataset.value)])",
    )
    twin = browser.twin("/api/v1/trade?basis=mirror")["tables"]["region"]["rows"]
    expected = [(r["year"], r["value"]) for r in twin if r["value"] is not None]
    assert [x for x, _ in drawn] == [x for x, _ in expected]
    assert [v for _, v in drawn] == pytest.approx([v for _, v in expected])
    assert browser.page.locator("figure[data-table='region'] .break").get_attribute(
        "data-break"
    ) == str(2021)
    browser.page.click("figure[data-table='region'] button[role='tab']:has-text('Table')")
    assert browser.page.locator("figure[data-table='region'] table tbody tr").count() == len(twin)
    assert browser.errors == [] and browser.outside == []


def test_overview_indicator_switch_recolours_the_map(browser):
    browser.open("/overview?year=2015")
    browser.page.select_option("#ctl-indicator", "partner_concentration")
    browser.wait_for_state("indicator=partner_concentration")
    drawn = browser.page.eval_on_selector_all(
        "path.country[data-value]", "els => els.map(e => [e.dataset.iso3, Number(e.dataset.value)])"
    )
    rows = browser.twin("/api/v1/overview?indicator=partner_concentration&year=2015")["tables"][
        "map"
    ]["rows"]
    expected = dict((r["country"], r["value"]) for r in rows if r["value"] is not None)
    assert dict(drawn) == pytest.approx(expected) and len(expected) == 5
    browser.shot("overview-concentration")
    assert browser.errors == [] and browser.outside == []


def test_partners_state_switch_redraws_the_profile(browser):
    browser.open("/partners")
    browser.page.select_option("#ctl-country", "UZB")
    browser.wait_for_state("country=UZB")
    drawn = browser.page.eval_on_selector_all(
        "figure[data-table='profile'] g.series[data-series='RUS'] circle",
        "els => els.map(e => [Number(e.dataset.x), Number(e.dataset.value)])",
    )
    rows = browser.twin("/api/v1/partners?country=UZB")["tables"]["profile"]["rows"]
    expected = [
        (r["year"], r["value"]) for r in rows if r["group"] == "RUS" and r["value"] is not None
    ]
    assert [x for x, _ in drawn] == [x for x, _ in expected] and expected
    assert [v for _, v in drawn] == pytest.approx([v for _, v in expected])
    assert browser.errors == [] and browser.outside == []


def test_drivers_dimension_switch_draws_each_indicator(browser):
    browser.open("/drivers")
    browser.page.select_option("#ctl-dimension", "connectivity")
    browser.wait_for_state("dimension=connectivity")
    twin = browser.twin("/api/v1/drivers?dimension=connectivity")
    titles = [r["title"] for r in twin["tables"]["indicators"]["rows"]]
    shown = browser.page.locator("figure[data-table='series'] figcaption h2").all_inner_texts()
    assert shown == titles and len(titles) >= 3
    rows = [
        r for r in twin["tables"]["series"]["rows"] if r["indicator"] == "logistics_performance"
    ]
    expected = [
        (r["year"], r["value"]) for r in rows if r["country"] == "KAZ" and r["value"] is not None
    ]
    drawn = browser.page.eval_on_selector_all(
        "figure[data-table='series']:first-of-type g.series[data-series='KAZ'] circle",
        "els => els.map(e => [Number(e.dataset.x), Number(e.dataset.value)])",
    )
    assert [x for x, _ in drawn] == [x for x, _ in expected] and expected
    assert [v for _, v in drawn] == pytest.approx([v for _, v in expected])
    browser.shot("drivers-connectivity")
    assert browser.errors == [] and browser.outside == []


def test_scenario_cut_redraws_each_members_change(browser):
    browser.open("/scenarios")
    browser.page.select_option("#ctl-cut_pct", "20")
    browser.wait_for_state("cut_pct=20")
    drawn = browser.page.eval_on_selector_all(
        "figure[data-table='results'] circle",
        "els => els.map(e => [e.dataset.row, Number(e.dataset.value)])",
    )
    rows = browser.twin("/api/v1/scenarios?cut_pct=20.0")["tables"]["results"]["rows"]
    members = [r for r in rows if r["is_region"]]
    expected = [(r["country"], r["exports_change_pct"]) for r in members]
    expected += [(r["country"], r["rgdp_change_pct"]) for r in members]
    assert [c for c, _ in drawn] == [c for c, _ in expected] and len(members) == 5
    assert [v for _, v in drawn] == pytest.approx([v for _, v in expected])
    # The region's share: per cent, and the header says so.
    region = browser.page.inner_text("figure[data-table='summary'] table")
    assert "Intra-regional share of the members' exports (%)" in region
    share = browser.twin("/api/v1/scenarios?cut_pct=20.0")["tables"]["summary"]["rows"]
    assert all(1 < r["intra_regional_export_share_pct"] < 100 for r in share)
    browser.shot("scenarios-cut-20")
    assert browser.errors == [] and browser.outside == []


def test_index_year_redraws_the_state_scores(browser):
    browser.open("/index?year=2015")
    browser.page.fill("#ctl-year", "10")  # the slider's 11th year
    browser.page.dispatch_event("#ctl-year", "change")
    year = browser.twin("/api/v1/index")["choices"]["years"][10]
    browser.wait_for_state(f"year={year}")
    rows = browser.twin(f"/api/v1/index?year={year}")["tables"]["states"]["rows"]
    expected = [(r["country"], r["score"]) for r in rows if r["year"] == year]
    drawn = browser.page.eval_on_selector_all(
        "figure[data-table='states'] circle",
        "els => els.map(e => [e.dataset.row, Number(e.dataset.value)])",
    )
    assert [c for c, _ in drawn] == [c for c, _ in expected] and expected
    assert [v for _, v in drawn] == pytest.approx([v for _, v in expected])
    assert browser.page.locator("figure[data-table='region'] path.band").count() == 1
    browser.shot("index-year")
    assert browser.errors == [] and browser.outside == []


def test_institutions_date_redraws_the_overlap_matrix(browser):
    browser.open("/institutions?on=2005-07-01")
    browser.page.fill("#ctl-on[type='date']", "2013-06-01")
    browser.page.dispatch_event("#ctl-on[type='date']", "change")
    browser.wait_for_state("on=2013-06-01")
    cell = browser.page.locator("rect[data-row='UZB'][data-col='cst_csto']")
    twin = browser.twin("/api/v1/institutions?on=2013-06-01")["tables"]["overlap"]["rows"]
    expected = next(r["status"] for r in twin if r["country"] == "UZB" and r["org"] == "cst_csto")
    assert cell.get_attribute("data-value") == expected == "suspended"
    browser.page.fill("#ctl-q", "Kempir")
    browser.page.dispatch_event("#ctl-q", "change")
    browser.wait_for_state("q=Kempir")
    twin = browser.twin("/api/v1/institutions?on=2013-06-01&q=Kempir")["tables"]["search"]["rows"]
    shown = browser.page.locator("figure[data-table='search'] tbody tr")
    assert shown.count() == len(twin) >= 1
    assert browser.errors == [] and browser.outside == []


def test_every_page_fits_a_400_pixel_screen(browser):
    browser.page.set_viewport_size({"width": 400, "height": 800})
    try:
        wide, violations = {}, {}
        for page in PAGES:
            browser.open(f"/{page.id}")
            wide[page.id] = browser.page.evaluate("document.documentElement.scrollWidth")
            violations[page.id] = [v["id"] for v in browser.axe()]
            browser.shot(f"{page.id}-400px")
        assert all(width <= 400 for width in wide.values()), wide
        assert not any(violations.values()), violations
    finally:
        browser.page.set_viewport_size({"width": 1280, "height": 900})
