"""Browser tests: the built site served on 127.0.0.1, driven by Playwright in Debian's Chromium.

Chromium is never downloaded (no `playwright install`): we launch /usr/bin/chromium (or $CHROMIUM).
Without it these tests skip with a reason, except under CI (CI=true), where that is a failure.
Every page gets a guard that blocks and records any request to a host other than 127.0.0.1, and
collects console errors; tests assert on both.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-features=AutofillServerCommunication", "--disable-sync",
    "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def chromium_executable() -> str | None:
    candidate = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if candidate and Path(candidate).exists() else None


@pytest.fixture(scope="session")
def chromium_path():
    path = chromium_executable()
    if path:
        return path
    message = "Chromium not found (install Debian's chromium and fonts-noto-cjk, or set CHROMIUM)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + "; under CI the browser tests must run")
    pytest.skip(message)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class GuardedPage:
    """A Playwright page that refuses and records off-site requests and keeps console errors."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.external_requests: list[str] = []
        self.console_errors: list[str] = []
        context.route("**/*", self._route)
        self.page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.external_requests.append(route.request.url)
            route.abort()


def _guarded(browser, viewport, color_scheme="light"):
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme, locale="zh-CN",
                                  service_workers="block")
    return GuardedPage(context)


@pytest.fixture
def guarded_page(browser):
    guarded = _guarded(browser, DESKTOP)
    yield guarded
    guarded.context.close()


@pytest.fixture
def phone_page(browser):
    guarded = _guarded(browser, PHONE)
    yield guarded
    guarded.context.close()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
