"""The dashboard in a real headless Chromium (Debian's, driven by playwright; never a downloaded browser)
against `eventwire serve` over the example articles: markers on the map, a type filter that changes the
table, brushing the timeline, the evidence view with its highlights, and no request leaving localhost.
Screenshots go to build/screenshots/ for a reviewer."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from eventwire.api.web import NODE_MODULES, VENDOR
from eventwire.ingest import read_documents
from eventwire.store import Store

from conftest import EXAMPLES, REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = REPO / "build" / "screenshots"
TIMEOUT_MS = 20_000

if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (Debian's `chromium` package; .ci/run installs it as root)",
                allow_module_level=True)
if not all((NODE_MODULES / path).exists() for path in VENDOR.values()):
    pytest.skip(f"the dashboard's libraries are not installed in {NODE_MODULES} (`make install` runs npm ci)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package drives Chromium")


@pytest.fixture(scope="module")
def server(tmp_path_factory, coder):
    """The URL of `eventwire serve` on a free port over a store of the example articles."""
    db = tmp_path_factory.mktemp("dashboard") / "events.duckdb"
    with Store.open(db) as store:
        store.ingest(read_documents([str(EXAMPLES / "articles")]), coder)
    process = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    try:
        assert "http://" in line, process.stderr.read()
        yield line[line.index("http://"):].split()[0]
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def page(server):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        page.requested, page.errors = [], []
        page.on("request", lambda request: page.requested.append(request.url))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(server)
        yield page
        browser.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def row_types(page) -> list[str]:
    return page.locator("#rows tr .chip").all_inner_texts()


def test_dashboard(page, server):
    # the map: country shapes from world-atlas and event markers (single or clustered)
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path:not(.event-marker)').length > 100")
    page.wait_for_function("document.querySelectorAll('.event-marker, .event-cluster').length > 0")
    page.wait_for_function("document.querySelectorAll('#timeline rect').length > 0")
    page.wait_for_function("document.querySelectorAll('#rows tr[data-id]').length > 0")
    screenshot(page, "1-dashboard")
    bars = page.locator("#timeline rect").count()
    all_types = row_types(page)
    assert len(set(all_types)) > 1
    on_map = page.inner_text("#map-note")

    # filtering by type changes the table and the map
    page.check("input[name=type][value=PROTEST]")
    page.wait_for_function("[...document.querySelectorAll('#rows tr .chip')].every(c => c.textContent == 'PROTEST')")
    assert row_types(page) and row_types(page) != all_types
    page.wait_for_function(f"document.querySelector('#map-note').textContent != {on_map!r}")
    assert page.locator(".event-marker, .event-cluster").count() > 0
    screenshot(page, "2-filtered-protest")

    # the evidence view: the article with actor, trigger, place and date highlighted, and a legend
    page.click("#rows tr[data-id]")
    page.wait_for_selector("#evidence mark.hl-trigger", state="visible")
    for role in ("trigger", "actor", "place", "date"):
        assert page.locator(f"#evidence .text mark.hl-{role}").count() > 0, role
        assert page.locator(f"#evidence .legend .hl-{role}").is_visible(), role
    assert page.locator("#evidence .facts").is_visible()
    screenshot(page, "3-evidence")
    page.click("#evidence .close")
    page.uncheck("input[name=type][value=PROTEST]")
    page.wait_for_function("new Set([...document.querySelectorAll('#rows tr .chip')].map(c => c.textContent)).size > 1")

    # brushing the timeline sets the date range and filters the table to it (once it is redrawn unfiltered:
    # a timeline being redrawn has no box to drag across)
    page.wait_for_function(f"document.querySelectorAll('#timeline rect').length == {bars}")
    overlay = page.locator("#timeline .brush .overlay")
    overlay.wait_for(state="visible")
    box = overlay.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.95, y, steps=8)
    page.mouse.up()
    # the table is redrawn after the request the brush makes: wait until every row is inside the range
    page.wait_for_function("""() => {
        const from = document.querySelector('input[name=date_from]').value;
        const to = document.querySelector('input[name=date_to]').value;
        const cells = [...document.querySelectorAll('#rows tr[data-id] td:first-child')];
        return from && to && cells.length > 0
            && cells.every(td => td.textContent.slice(0, 10) >= from && td.textContent.slice(0, 10) <= to);
    }""")
    date_from, date_to = page.input_value("input[name=date_from]"), page.input_value("input[name=date_to]")
    dates = [text[:10] for text in page.locator("#rows tr[data-id] td:first-child").all_inner_texts()]
    assert dates and all(date_from <= d <= date_to for d in dates)
    screenshot(page, "4-brushed-timeline")

    origin = "{0.scheme}://{0.netloc}".format(urlsplit(server))
    elsewhere = [url for url in page.requested if not url.startswith((origin, "data:"))]
    assert not elsewhere, f"requests that left the server: {elsewhere}"
    assert not page.errors, page.errors
