"""Every page in Chromium as a reader on a phone meets it, plus the two controls every page has.

Each page must load with no console error and no request to any host but 127.0.0.1, fit a 375 px screen
without sideways scrolling, and put every table that is wider than the screen in a scroll region that a
keyboard can reach and scroll. Navigation must stay instant (no full reload) and the palette toggle must
switch to dark mode and back. Screenshots of key pages go to the artifacts directory for people to look at.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

# Opens every <details> (tables can hide in them) and measures the page and each table in the article.
# A table's scroller is the nearest element, itself included, that scrolls sideways because the table is
# wider than it (Material also gives narrow tables overflow:auto, which scrolls nothing).
MEASURE_LAYOUT = """() => {
  const article = document.querySelector(".md-content article");
  article.querySelectorAll("details").forEach(details => { details.open = true; });
  const scrollsSideways = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX)
    && el.scrollWidth > el.clientWidth;
  const tables = [...article.querySelectorAll("table")].map((table, index) => {
    let box = table;
    while (box !== article && !scrollsSideways(box)) box = box.parentElement;
    const caption = table.caption ? table.caption.textContent : table.rows[0].textContent;
    const result = {name: caption.replace(/\\s+/g, " ").trim().slice(0, 60),
                    right: table.getBoundingClientRect().right, scroller: null};
    if (box !== article) {
      box.dataset.testScroller = String(index);
      result.scroller = {key: String(index), right: box.getBoundingClientRect().right, tabIndex: box.tabIndex,
                         role: box.getAttribute("role"), label: box.getAttribute("aria-label")};
    }
    return result;
  });
  const root = document.scrollingElement;
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, viewport: innerWidth, tables};
}"""

# Material sets the page background on <body>; "rgb(r, g, b)" -> relative luminance (WCAG).
BODY_LUMINANCE = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number)
    .map(c => c / 255).map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""

# Each computed table (hooks/render.py): its scroll box, and the font sizes of its cells and small print.
COMPUTED_TABLES = """() => [...document.querySelectorAll('.penalty-table')].map(table => {
  const box = table.querySelector('.table-scroll');
  const px = selector => [...table.querySelectorAll(selector)].map(el => parseFloat(getComputedStyle(el).fontSize));
  return {caption: table.querySelector('caption')?.textContent, tabIndex: box?.tabIndex,
          role: box?.getAttribute('role'), label: box?.getAttribute('aria-label'),
          cells: px('td, th'), small: px('.pt-rate')};
})"""

KEY_PAGES = {"home": "", "fees": "costs/fees/", "sms-examples": "collection/sms-examples/",
             "door-card": "templates/door-card/"}


def open_clean(guarded, url, wait_until="networkidle"):
    """Load a page; by default wait until the network is quiet, so late requests are caught too."""
    response = guarded.page.goto(url, wait_until=wait_until)
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    return guarded.page


def test_every_built_page_is_checked(built_site, site_pages):
    built = sorted(str(path.parent.relative_to(built_site)) + "/" for path in built_site.rglob("index.html")
                   if not {"assets", "search"} & set(path.relative_to(built_site).parts))
    assert sorted(page or "./" for page in site_pages) == built


@pytest.fixture(scope="module")
def phone_tab(open_tab):
    """One phone tab for the per-page loop (a warm cache keeps it fast); each test clears its records."""
    guarded = open_tab("phone")
    yield guarded
    guarded.context.close()


def test_page_loads_clean_and_fits_a_phone(phone_tab, site_url, site_page):
    phone_tab.external_requests.clear()
    phone_tab.console_errors.clear()
    page = open_clean(phone_tab, site_url + site_page)
    expect(page.locator(".md-content h1").first).to_be_visible()
    assert phone_tab.external_requests == []
    assert phone_tab.console_errors == []

    layout = page.evaluate(MEASURE_LAYOUT)
    assert layout["scrollWidth"] <= layout["clientWidth"], f"page scrolls sideways on a phone: {layout}"
    for table in layout["tables"]:
        scroller = table["scroller"]
        if scroller is None:
            assert table["right"] <= layout["viewport"] + 0.5, f"table {table['name']!r} runs off the screen"
            continue
        assert scroller["right"] <= layout["viewport"] + 0.5, f"{table['name']!r} scroll box leaves the screen"
        assert scroller["tabIndex"] == 0, f"{table['name']!r} scrolls sideways but a keyboard cannot reach it"
        assert scroller["role"] == "region" and scroller["label"], f"{table['name']!r} scroll region has no name"
        box = page.locator(f"[data-test-scroller='{scroller['key']}']")
        box.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("el => el.scrollLeft > 0", arg=box.element_handle(), timeout=3000)

    for table in page.evaluate(COMPUTED_TABLES):
        where = f"computed table {table['caption']!r}"
        assert table["tabIndex"] == 0 and table["role"] == "region" and table["label"], f"{where}: not focusable"
        assert min(table["cells"]) >= 14, f"{where}: table text {min(table['cells'])} px on a phone"
        assert min(table["small"], default=12) >= 12, f"{where}: small print {min(table['small'])} px"


def test_some_pages_show_computed_tables(built_site, site_pages):
    """Keeps the computed-table checks above from passing by having nothing to check."""
    assert any('class="penalty-table' in (built_site / path / "index.html").read_text(encoding="utf-8")
               for path in site_pages)


def test_navigation_is_instant_and_keeps_tables_reachable(guarded_page, site_url, built_site, site_pages):
    page = open_clean(guarded_page, site_url)
    first_title = page.title()
    page.evaluate("window.sameDocument = true")  # survives instant navigation, not a full reload
    link = page.locator("nav[aria-label='导航栏'] a.md-nav__link:not(.md-nav__link--active):not([href*='#']):visible")
    link = link.nth(1)
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url(target)
    expect(page).not_to_have_title(first_title)
    assert page.evaluate("window.sameDocument") is True, "clicking a nav link reloaded the whole page"

    # A page with a Markdown table, reached the same way: the table's scroll box must be labelled again.
    with_markdown_table = next(path for path in site_pages
                               if "<table>" in (built_site / path / "index.html").read_text(encoding="utf-8"))
    page.evaluate("""href => { const a = document.createElement('a'); a.href = href; a.id = 'test-link';
                               a.textContent = 'next'; document.querySelector('article').append(a); }""",
                  site_url + with_markdown_table)
    page.click("#test-link")
    page.wait_for_url(site_url + with_markdown_table)
    assert page.evaluate("window.sameDocument") is True
    wrapper = page.locator("article .md-typeset__scrollwrap").first
    expect(wrapper).to_have_attribute("tabindex", "0")
    expect(wrapper).to_have_attribute("role", "region")
    expect(wrapper).to_have_attribute("aria-label", re.compile(r"^表格 1.*（可左右滑动）$"))
    assert guarded_page.external_requests == [] and guarded_page.console_errors == []


def test_palette_toggle_switches_to_dark_and_back(phone_page, site_url):
    page = open_clean(phone_page, site_url)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert page.evaluate(BODY_LUMINANCE) > 0.9

    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.wait_for_function(f"({BODY_LUMINANCE})() < 0.05")

    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.wait_for_function(f"({BODY_LUMINANCE})() > 0.9")
    assert phone_page.external_requests == [] and phone_page.console_errors == []


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_screenshots_of_key_pages(open_tab, size, site_url, site_pages, artifacts):
    pages = dict(KEY_PAGES)
    pages.update({"calculator": path for path in site_pages if "calculator" in path})
    guarded = open_tab(size)  # one tab for all key pages: a warm cache
    try:
        for name, path in pages.items():
            assert path in site_pages, f"key page {path!r} is gone; update KEY_PAGES"
            page = open_clean(guarded, site_url + path, wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            shot = artifacts / f"key-{name}-{size}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        assert guarded.external_requests == [] and guarded.console_errors == []
    finally:
        guarded.context.close()
