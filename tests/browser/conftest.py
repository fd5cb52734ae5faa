"""Browser tests: Playwright drives Debian's headless Chromium against pytest-django's live server.

Playwright's sync API keeps an event loop running in the test thread, which makes Django refuse ORM calls from
that thread; DJANGO_ALLOW_ASYNC_UNSAFE lifts the check while this package's tests run, and only then.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path(os.environ.get("SOLACE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1"}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
BROWSER_RUN = pytest.StashKey["BrowserRun"]()


@dataclass
class BrowserRun:
    """Which browser the journeys ran in, for the line in the test report."""

    version: str
    user_agent: str
    tests: int = 0


@dataclass
class Visitor:
    """One person at one browser (a fresh context: no cookies), and everything their pages asked for and said."""

    context: BrowserContext
    page: Page
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def offsite_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).hostname not in LOCAL_HOSTS]

    def csp_violations(self) -> list[str]:
        return [message for message in self.console if "Content Security Policy" in message]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    run = config.stash.get(BROWSER_RUN, None)
    if run is not None:
        terminalreporter.write_line(
            f"browser: {run.tests} browser test(s) ran in headless Chromium {run.version} ({CHROMIUM}), "
            f"user agent {run.user_agent!r}"
        )


@pytest.fixture(scope="package")
def chromium(request: pytest.FixtureRequest) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM}: `make test` installs it when run as root, "
                    "or install it with `apt-get install -y chromium`.")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            user_agent = str(page.evaluate("navigator.userAgent"))
            page.close()
            assert "HeadlessChrome" in user_agent, user_agent
            request.config.stash[BROWSER_RUN] = BrowserRun(version=browser.version, user_agent=user_agent)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def visit(
    request: pytest.FixtureRequest, chromium: Browser, live_server: LiveServer, flushable_audit_trail: None,
) -> Iterator[Callable[..., Visitor]]:
    """`visit()` opens a fresh browser context on the live server (desktop size unless told `viewport=PHONE`)."""
    request.config.stash[BROWSER_RUN].tests += 1
    visitors: list[Visitor] = []

    def open_visitor(viewport: ViewportSize = DESKTOP) -> Visitor:
        context = chromium.new_context(
            base_url=live_server.url, viewport=viewport, locale="en-GB", timezone_id="Europe/London",
        )
        context.set_default_timeout(15_000)
        visitor = Visitor(context=context, page=context.new_page())
        context.on("request", lambda sent: visitor.requests.append(sent.url))
        context.on("console", lambda message: visitor.console.append(f"{message.type}: {message.text}"))
        context.on("weberror", lambda error: visitor.page_errors.append(str(error.error)))
        visitors.append(visitor)
        return visitor

    yield open_visitor
    for visitor in visitors:
        visitor.context.close()
