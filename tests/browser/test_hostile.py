"""Hostile editor text in Chromium (issue 10 §1): titles, descriptions, data-file values and glossary definitions
that carry <script>, <img onerror> and <svg onload> never run — not on load, not when Material shows a tooltip
(glossary term on hover, a navigation title cut short by an ellipsis) — and tooltips show the text itself."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

from adversarial_site import IMG, build_hostile_site
from conftest import QuietHandler

PAGES = ["", "hostile/", "third/"]


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    result, _, site = build_hostile_site(tmp_path_factory.mktemp("hostile-browser"))
    assert result.returncode == 0, result.stderr[-3000:]
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("path", PAGES)
def test_no_dialog_fires_and_no_hostile_element_exists(guarded_page, hostile_url, path):
    page = guarded_page.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url + path)
    page.wait_for_load_state("load")
    for abbr in page.locator("article abbr").all():
        abbr.hover()
        page.wait_for_timeout(400)
    for link in page.locator(".md-nav__link .md-ellipsis, .md-footer__title .md-ellipsis").all():
        if link.is_visible():
            link.hover()
            page.wait_for_timeout(150)
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('img[onerror], svg[onload], script:not([src])').length") == \
        page.evaluate("document.querySelectorAll('script:not([src])').length")  # only the theme's own scripts
    assert page.evaluate("[...document.querySelectorAll('script:not([src])')]"
                         ".some(s => s.textContent.includes('alert('))") is False
    assert guarded_page.external_requests == []


def test_glossary_tooltip_shows_the_definition_as_text(guarded_page, hostile_url):
    page = guarded_page.page
    page.goto(hostile_url)
    page.locator("article abbr").first.hover()
    tooltip = page.locator(".md-tooltip2__inner").first
    tooltip.wait_for(state="attached", timeout=5000)
    assert IMG in tooltip.text_content()
    assert tooltip.locator("img, b").count() == 0
