"""Live reload in a real browser (Debian's Chromium): `dossier serve` on the example
site (served under its sub-path), edited as a writer edits it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import copy_site
from tests.serving import Served, serving, wait_until
from tests.validators import axe_violations, describe_axe

pytest.importorskip("playwright")
from playwright.sync_api import Browser, BrowserContext, Page

ARTICLE = "content/articles/2023/2023-08-18-camp-david-trilateral-summit.md"
ARTICLE_URL = "articles/camp-david-trilateral-summit/"
OTHER_URL = "about/"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = copy_site("example", tmp_path)
    (root / "static/images").mkdir(parents=True, exist_ok=True)   # a site with its images
    return root


@pytest.fixture
def served(site: Path) -> Iterator[Served]:
    with serving(site) as running:
        yield running


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(bypass_csp=True)
    try:
        yield context
    finally:
        context.close()


def open_page(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("document.readyState === 'complete'")
    connected(page)
    return page


def connected(page: Page) -> None:
    """Wait until the page's live-reload socket is open (the server counts it)."""
    page.wait_for_function("performance.getEntriesByType('resource')"
                           ".some(e => e.name.includes('/__dossier/livereload.js'))")
    page.wait_for_timeout(150)


def mark(page: Page) -> None:
    """A value that lives only as long as the document: gone after a reload."""
    page.evaluate("window.__kept = 'same document'")


def kept(page: Page) -> bool:
    return bool(page.evaluate("window.__kept === 'same document'"))


def pump_until(page: Page, check: object, timeout: float = 30.0) -> None:
    """wait_until that lets Playwright deliver its events (route handlers run only
    while a Playwright call is under way)."""
    import time
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {check}")
        page.wait_for_timeout(50)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_edit_shows_in_the_open_page_and_an_unaffected_tab_stays(
        served: Served, site: Path, context: BrowserContext) -> None:
    edited = open_page(context, served.url + ARTICLE_URL)
    other = open_page(context, served.url + OTHER_URL)
    mark(edited)
    mark(other)
    edited.evaluate("window.scrollTo(0, 400)")
    append(site / ARTICLE, "\nA sentence the writer just added, livereload-check-one.\n")
    edited.wait_for_selector("text=livereload-check-one", timeout=30_000)
    assert not kept(edited), "the edited page was not reloaded"
    wait_until(lambda: edited.evaluate("window.scrollY") > 300, timeout=5)
    other.wait_for_timeout(500)
    assert kept(other), "a tab whose page did not change was reloaded"
    assert "livereload-check-one" not in other.content()


def test_a_stylesheet_change_applies_without_a_reload(
        served: Served, site: Path, context: BrowserContext) -> None:
    page = open_page(context, served.url + ARTICLE_URL)
    mark(page)
    before = page.evaluate("getComputedStyle(document.body).backgroundColor")
    default_css = (Path(__file__).resolve().parent.parent
                   / "dossier/themes/default/static/style.css").read_text(encoding="utf-8")
    css = site / "themes/east-asia/static/style.css"
    css.parent.mkdir(parents=True)
    css.write_text(default_css + "\nbody { background-color: rgb(1, 2, 3) !important; }\n",
                   encoding="utf-8")
    page.wait_for_function(
        "getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'", timeout=60_000)
    assert before != "rgb(1, 2, 3)"
    assert kept(page), "the page reloaded for a stylesheet change"
    assert page.locator('link[rel="stylesheet"]').count() == 1


def overlay_box(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("dossier-live-overlay [role=alertdialog]")


def test_broken_front_matter_shows_the_overlay_until_fixed(
        served: Served, site: Path, context: BrowserContext) -> None:
    page = open_page(context, served.url + ARTICLE_URL)
    second = open_page(context, served.url + OTHER_URL)
    source = site / ARTICLE
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("title:", "title: [unclosed", 1), encoding="utf-8")
    box = overlay_box(page)
    box.wait_for(timeout=30_000)
    text = box.inner_text()
    assert re.search(r"content/articles/2023/2023-08-18-camp-david-trilateral-summit\.md:\d+: ",
                     text), text
    assert overlay_box(second).count() == 1, "every open page shows the errors"
    # accessible: announced as an alert dialog, labelled, focused, no axe violation
    assert box.get_attribute("aria-labelledby")
    assert page.evaluate(
        "document.querySelector('dossier-live-overlay').shadowRoot.activeElement"
        "?.getAttribute('role')") == "alertdialog"
    violations = axe_violations(page)
    assert not violations, describe_axe(violations)
    # dismissable with Escape (on the second tab), and the terminal says it once
    overlay_box(second).press("Escape")
    assert overlay_box(second).count() == 0
    source.write_text(good.replace("title:", "title: [unclosed", 1) + "\n", encoding="utf-8")
    served.wait_for(r"Rebuild failed", count=2)
    assert served.log().count(ARTICLE + ":") == 1, served.log()   # once, not per retry
    source.write_text(good, encoding="utf-8")
    box.wait_for(state="detached", timeout=30_000)
    assert overlay_box(second).count() == 0


def test_a_tab_that_was_offline_catches_up(served: Served, site: Path,
                                          context: BrowserContext) -> None:
    """The tab's connection drops and, while it is away, the page changes; when it
    connects again it asks what changed since the build it shows, and reloads."""
    routes: list[object] = []
    online = {"yes": True}

    def route(ws) -> None:  # type: ignore[no-untyped-def]
        routes.append(ws)
        if online["yes"]:
            ws.connect_to_server()   # passes everything through
        # offline: the tab thinks it is connected, and hears nothing

    page = context.new_page()
    page.route_web_socket(re.compile(r".*/__dossier/live.*"), route)
    page.goto(served.url + ARTICLE_URL)
    pump_until(page, lambda: len(routes) == 1, timeout=10)
    page.wait_for_timeout(300)
    online["yes"] = False
    routes[0].close()                      # the connection drops  # type: ignore[attr-defined]
    pump_until(page, lambda: len(routes) == 2, timeout=10)   # reconnected, to nothing
    rebuilds = served.rebuilds()
    append(site / ARTICLE, "\nWritten while the tab was offline, livereload-check-two.\n")
    pump_until(page, lambda: served.rebuilds() > rebuilds)
    page.wait_for_timeout(800)
    assert "livereload-check-two" not in page.content()
    online["yes"] = True
    routes[1].close()                      # back online  # type: ignore[attr-defined]
    page.wait_for_selector("text=livereload-check-two", timeout=15_000)


def test_a_changed_image_with_a_space_in_its_name_reloads_its_page(
        served: Served, site: Path, context: BrowserContext) -> None:
    image = site / "static/images/my pic.svg"
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
                     encoding="utf-8")
    append(site / ARTICLE, "\n![A picture](/images/my%20pic.svg)\n")
    served.wait_for(r"my pic\.svg: \d+ rendered")
    page = open_page(context, served.url + ARTICLE_URL)
    page.wait_for_selector("img[alt='A picture']")
    mark(page)
    with page.expect_event("load", timeout=30_000):
        image.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"/>',
                         encoding="utf-8")
    assert not kept(page)


def test_navigate_takes_the_tab_to_the_article_saved(site: Path,
                                                     context: BrowserContext) -> None:
    with serving(site, "--navigate") as served:
        page = open_page(context, served.url)
        append(site / ARTICLE, "\nlivereload-check-four.\n")
        page.wait_for_url(re.compile(re.escape(ARTICLE_URL) + "$"), timeout=30_000)
        page.wait_for_selector("text=livereload-check-four")


def test_nothing_of_live_reload_is_in_the_files(served: Served, site: Path,
                                                context: BrowserContext) -> None:
    page = open_page(context, served.url)
    assert page.locator("script[data-dossier-live]").count() == 1
    written = list((site / ".dossier-cache/serve").rglob("*.html"))
    assert written
    assert not [p for p in written if b"/__dossier/" in p.read_bytes()]


def test_a_site_stylesheet_under_its_own_name_is_swapped_in_place(
        site: Path, context: BrowserContext) -> None:
    (site / "static").mkdir(exist_ok=True)
    (site / "static/extra.css").write_text("footer { color: rgb(10, 20, 30); }\n",
                                           encoding="utf-8")
    footer = site / "themes/east-asia/templates/partials/footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(
        '<footer class="site-footer">',
        '<link rel="stylesheet" href="{{ url(\'/extra.css\') }}">\n<footer class="site-footer">'),
        encoding="utf-8")
    with serving(site) as served:
        page = open_page(context, served.url + ARTICLE_URL)
        color = "getComputedStyle(document.querySelector('footer')).color"
        assert page.evaluate(color) == "rgb(10, 20, 30)"
        mark(page)
        (site / "static/extra.css").write_text("footer { color: rgb(40, 50, 60); }\n",
                                               encoding="utf-8")
        page.wait_for_function(f"{color} === 'rgb(40, 50, 60)'", timeout=30_000)
        assert kept(page), "the page reloaded for a change to a stylesheet it links"
