"""axe-core finds no accessibility violation on any page: light scheme on a phone, dark scheme on a desktop.

axe-core's script ships inside the pinned axe-playwright-python wheel, so nothing is fetched at test time.
On a phone in the light scheme all of axe's rules run on the whole page (WCAG 2.x A and AA plus best
practices). In the dark scheme on a desktop only colours change, so the colour rules run again: on the
whole page (header, sidebars, footer) for the home page, and on the page's own content everywhere else,
since the rest is the same on every page. The two runs of a page go at the same time in two tabs (two
renderer processes), which uses both cores. Neither tab builds the search index (1 MB; a core-second per
load): axe never opens the search, and tests/browser/test_search.py covers it.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

AXE_SCRIPT = Axe().axe_script
ALL_RULES = {"resultTypes": ["violations"]}
COLOUR_RULES = {"resultTypes": ["violations"],
                "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
# What Material's search worker gets instead of the real index in these tabs.
EMPTY_INDEX = {"config": {"lang": ["zh"], "separator": "[\\s\\-]+", "pipeline": []}, "docs": []}
LIGHT, DARK = "light scheme, 375 px", "dark scheme, 1280 px"


def start_axe(page, options: dict, context: dict | None = None) -> None:
    """Inject axe-core and start a run without waiting for it; the promise stays in the page."""
    page.evaluate(AXE_SCRIPT)
    page.evaluate("([context, options]) => { window.axeRun = axe.run(context || document, options); }",
                  [context, options])


def finish_axe(page) -> AxeResults:
    return AxeResults(page.evaluate("() => window.axeRun.then(result => ({violations: result.violations}))"))


@pytest.fixture(scope="module")
def axe_tabs(open_tab):
    """One light phone tab and one dark desktop tab for all pages: the warm cache keeps the loop fast."""
    tabs = {LIGHT: open_tab("phone"), DARK: open_tab("desktop", "dark")}
    for guarded in tabs.values():
        guarded.context.route("**/search/search_index.json", lambda route: route.fulfill(json=EMPTY_INDEX))
    yield tabs
    for guarded in tabs.values():
        guarded.context.close()


def test_no_axe_violations(axe_tabs, site_url, site_page):
    light, dark = axe_tabs[LIGHT].page, axe_tabs[DARK].page
    for page in (light, dark):
        page.goto(site_url + site_page, wait_until="load")
    expect(light.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    expect(dark.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    start_axe(light, ALL_RULES)
    start_axe(dark, COLOUR_RULES, None if site_page == "" else {"include": [[".md-content"]]})
    results = {LIGHT: finish_axe(light), DARK: finish_axe(dark)}
    failures = [f"[{name}] {result.generate_report()}" for name, result in results.items()
                if result.violations_count]
    assert not failures, "\n".join(failures)
    assert all(guarded.external_requests == [] for guarded in axe_tabs.values())
