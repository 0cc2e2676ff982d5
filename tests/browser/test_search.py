"""Site search as a reader uses it: type a phrase into the search box in Chromium, read the result links.

Every query in search_queries.yml must bring its page into the top 3, with all requests kept on 127.0.0.1
(the guarded_page fixture blocks and records anything else). benchmarks/search_bench.py reuses
`top_result_pages` to measure hit rates of other set-ups with the same driver.
"""
from __future__ import annotations

import re

from pathlib import Path
from urllib.parse import urlparse

import yaml

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
TOP = 3

SEARCH_BOX = "input[data-md-component=search-query]"
RESULT_META = ".md-search-result__meta"
# One <li> per page; its first link is the page (or its best section) - Material groups sections by page.
RESULT_PAGES = ".md-search-result__list > li.md-search-result__item"
# Material's zh strings for "initialising" and "type to start searching": the meta shows neither once a
# query has been answered (it says how many pages matched, or that none did).
WAITING = ("正在初始化搜索引擎", "键入以开始搜索")


def reader_queries(path: Path = QUERIES_FILE) -> list[dict]:
    """Entries of search_queries.yml (or a file like it), each with `expect` normalised to a list of paths."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    for entry in entries:
        assert isinstance(entry["query"], str), f"quote {entry['query']!r} in {path.name}"
        expect = entry["expect"]
        entry["expect"] = [expect] if isinstance(expect, str) else list(expect)
    return entries


def page_path(href: str, site_url: str) -> str:
    """'http://127.0.0.1:N/costs/fees/?h=x#y' -> 'costs/fees/' (the form used in search_queries.yml)."""
    return urlparse(href).path[len(urlparse(site_url).path):]


def type_query(page, text: str) -> None:
    box = page.locator(SEARCH_BOX)
    box.fill(text)
    box.press("End")  # Material reads the box on keyup; fill() alone sends no key events


def top_result_pages(page, query: str, site_url: str, limit: int = TOP) -> list[str]:
    """Run one query through the search box of an already loaded page; return the first result pages."""
    type_query(page, "")
    page.wait_for_function("([sel, text]) => document.querySelector(sel).textContent.trim() === text",
                           arg=[RESULT_META, WAITING[1]], timeout=30_000)
    type_query(page, query)
    page.wait_for_function("([sel, waiting]) => !waiting.includes(document.querySelector(sel).textContent.trim())",
                           arg=[RESULT_META, list(WAITING)], timeout=30_000)
    hrefs = page.eval_on_selector_all(RESULT_PAGES, "items => items.map(li => li.querySelector('a').href)")
    return [page_path(href, site_url) for href in hrefs[:limit]]


def test_query_set_is_realistic_and_points_at_built_pages(built_site):
    entries = reader_queries()
    assert len(entries) >= 25
    assert len({entry["query"] for entry in entries}) == len(entries), "duplicate query"
    for entry in entries:
        for expected in entry["expect"]:
            assert (built_site / expected / "index.html").is_file(), (entry["query"], expected)


def test_reader_queries_find_their_page_in_top_3(guarded_page, site_url, artifacts):
    # Stock Material 9.8 misses 6 of these (benchmarks/search.md); docs/javascripts/search-segment.js fixes them.
    page = guarded_page.page
    page.goto(site_url, wait_until="load")
    misses = []
    for entry in reader_queries():
        found = top_result_pages(page, entry["query"], site_url)
        if not set(found) & set(entry["expect"]):
            misses.append(f"{entry['query']}: expected {' or '.join(entry['expect'])}, got {found}")
    page.screenshot(path=str(artifacts / "search-last-query.png"))
    assert misses == [], "\n".join(misses)
    assert guarded_page.external_requests == []
    assert guarded_page.console_errors == []


def test_search_index_waits_for_the_reader_and_search_survives_instant_navigation(guarded_page, site_url):
    page = guarded_page.page
    index_requests = []
    page.on("request", lambda request: "search_index.json" in request.url and index_requests.append(request))
    page.goto(site_url, wait_until="networkidle")
    # Never loaded by a parser- or render-blocking tag, and not at all on first view (overrides/main.html).
    assert not re.search(r'<(?:script|link)[^>]+search_index', page.content())
    assert index_requests == []
    # A link followed with instant navigation keeps the same search worker and query rewrite.
    link = page.locator(f"article a[href^='{site_url}costs/']").first  # instant navigation makes hrefs absolute
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url(target)
    assert index_requests == []
    # The same bar as search_queries.yml (top 3): this test is about the worker surviving navigation, not rank.
    assert "costs/credit-report/" in top_result_pages(page, "逾期多久上征信", site_url)
    assert [request.resource_type for request in index_requests] in (["xhr"], ["fetch"])
    assert guarded_page.external_requests == []
    assert guarded_page.console_errors == []


def test_search_dialog_has_an_accessible_name(guarded_page, site_url):
    page = guarded_page.page
    page.goto(site_url, wait_until="load")
    page.locator(SEARCH_BOX).click()
    dialog = page.get_by_role("dialog", name="查找")
    assert dialog.is_visible()
    assert dialog.get_by_role("textbox", name="搜索").is_visible()
