"""Shared fixtures: a real Chromium (Debian's, driven by Playwright) for browser tests.

Every test runs, always. A test that takes ``browser`` or ``page`` is marked ``browser``
(so ``-m "not browser"`` gives a quick local run). Without chromium installed those tests
are skipped locally, but FAIL under CI (``CI=true``), where tests/tools/install.sh has
installed it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# `python3 -m pytest` from the repo root puts it on sys.path; plain `pytest` does not.
_REPO_ROOT = str(Path(__file__).resolve().parent.parent)
if _REPO_ROOT not in sys.path:
    sys.path.insert(0, _REPO_ROOT)

from tests.validators import chromium_path, launch_chromium  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: the test drives Debian's chromium through Playwright"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session; contexts/pages default to a 10 s timeout.

    While it runs, ``asyncio.run()`` fails in the main thread: run async code (Pagefind
    indexing) through ``tests.validators.call_in_thread``.
    """
    if chromium_path() is None:
        message = "Debian chromium is not installed: run `bash tests/tools/install.sh`"
        if _in_ci():
            pytest.fail(f"{message} (CI=true: a missing browser is a failure, not a skip)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in its own context (CSP bypassed so axe can be injected)."""
    context = browser.new_context(bypass_csp=True)
    try:
        yield context.new_page()
    finally:
        context.close()
