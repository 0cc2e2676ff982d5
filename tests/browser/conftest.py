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
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from support import skip_or_fail_without

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
    skip_or_fail_without("browser", "Chromium not found (install Debian's chromium and fonts-noto-cjk, or set CHROMIUM)")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    sitemap: bytes | None = None  # served as /sitemap.xml when set

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.sitemap is None or self.path.split("?")[0] != "/sitemap.xml":
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(self.sitemap)))
        self.end_headers()
        self.wfile.write(self.sitemap)


def sitemap_at(built_site: Path, base_url: str) -> bytes:
    """The built sitemap with its addresses moved from site_url to the test server, as on the real host.

    Material's instant navigation only intercepts links listed in sitemap.xml and matches them by origin
    (it adopts the page's host name but keeps site_url's port, 8000 locally), so without this every click
    on the test server's random port would be a full page load."""
    text = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    home = min(re.findall(r"<loc>(.*?)</loc>", text), key=len)
    return text.replace(f"<loc>{home}", f"<loc>{base_url}").encode("utf-8")


@pytest.fixture(scope="session")
def site_url(built_site):
    site_handler = type("SiteHandler", (QuietHandler,), {})
    handler = functools.partial(site_handler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    site_handler.sitemap = sitemap_at(built_site, base_url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base_url
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


@pytest.fixture
def dark_desktop_page(browser):
    """A desktop-size page whose system prefers a dark colour scheme (Material then starts in slate)."""
    guarded = _guarded(browser, DESKTOP, color_scheme="dark")
    yield guarded
    guarded.context.close()


@pytest.fixture(scope="session")
def open_tab(browser):
    """Opens a guarded tab that may outlive one test (a warm cache makes per-page loops fast):
    open_tab("phone" or "desktop", color_scheme="light" or "dark"). The caller closes its .context."""
    return lambda size, color_scheme="light": _guarded(browser, PHONE if size == "phone" else DESKTOP,
                                                       color_scheme)


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def site_page_paths() -> list[str]:
    """URL path (relative to the site root) of every page MkDocs builds from docs/, with directory URLs."""
    docs = ROOT / "docs"
    paths = []
    for source in sorted(docs.rglob("*.md")):
        parts = source.relative_to(docs).with_suffix("").parts
        if parts[-1] == "index":
            parts = parts[:-1]
        paths.append("".join(f"{part}/" for part in parts))
    return paths


@pytest.fixture(scope="session")
def site_pages():
    return site_page_paths()


def pytest_generate_tests(metafunc):
    """A test that takes `site_page` runs once per page of the site ("" is the home page)."""
    if "site_page" in metafunc.fixturenames:
        metafunc.parametrize("site_page", site_page_paths(), ids=lambda path: path.rstrip("/") or "home")
