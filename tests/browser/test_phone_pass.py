"""Issue 9 §1 on a 390 × 844 phone: what got in the way of a stressed reader, each checked in Chromium."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import ROOT, _guarded

PHONE_390 = {"width": 390, "height": 844}
SEARCH_BOX = "input[data-md-component=search-query]"
RESULT_META = ".md-search-result__meta"
WAITING = ["正在初始化搜索引擎", "键入以开始搜索"]
MATERIAL_ICONS = Path(__import__("material").__file__).parent / "templates" / ".icons"


@pytest.fixture
def phone(browser):
    guarded = _guarded(browser, PHONE_390)
    yield guarded
    guarded.context.close()


@pytest.mark.parametrize("how", ["fill", "script"])
def test_search_answers_text_that_arrives_without_a_key_press(phone, site_url, how):
    page = phone.page
    page.goto(site_url, wait_until="load")
    page.evaluate("() => document.addEventListener('keydown', e => window.__keys = (window.__keys || 0) + 1, true)")
    page.locator("label[for=__search]").first.click()
    page.wait_for_function("sel => document.activeElement === document.querySelector(sel)", arg=SEARCH_BOX)
    page.wait_for_timeout(200)  # past Material's read of the box on focus
    if how == "fill":
        page.locator(SEARCH_BOX).fill("上门催收")
    else:  # as a paste menu or voice input does: the value changes, one input event, no focus change, no key
        page.evaluate("""sel => { const box = document.querySelector(sel); box.value = '上门催收'; box.dispatchEvent(new Event('input', {bubbles: true})) }""",
                      SEARCH_BOX)
    page.wait_for_function("([sel, waiting]) => !waiting.includes(document.querySelector(sel).textContent.trim())",
                           arg=[RESULT_META, WAITING], timeout=30_000)
    # Results render after the count; the page that answers must reach the top 3.
    page.wait_for_function("""() => Array.from(document.querySelectorAll('.md-search-result__list > li > a'))
                                 .slice(0, 3).some(a => a.href.includes('collection/home-visits/'))""", timeout=10_000)
    assert page.evaluate("() => window.__keys || 0") == 0, "the test must not press a key"
    assert phone.external_requests == []
    assert phone.console_errors == []


def test_search_index_still_waits_until_the_box_is_used(phone, site_url):
    page = phone.page
    requests = []
    page.on("request", lambda request: "search_index.json" in request.url and requests.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    assert requests == []
    page.evaluate("""sel => { const box = document.querySelector(sel);
                              box.value = '征信'; box.dispatchEvent(new Event('input', {bubbles: true})) }""", SEARCH_BOX)
    page.wait_for_function("([sel, waiting]) => !waiting.includes(document.querySelector(sel).textContent.trim())",
                           arg=[RESULT_META, WAITING], timeout=30_000)
    assert len(requests) == 1


def configured_admonition_icons() -> dict[str, str]:
    """theme.icon.admonition from mkdocs.yml (read as text: the file holds MkDocs-only YAML tags)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^    admonition:\n((?:      \S.*\n)+)", text, re.M).group(1)
    return dict(re.findall(r"^      ([a-z]+): (\S+)$", block, re.M))


def test_admonitions_are_body_size_on_a_phone_with_calm_icons(phone, site_url):
    page = phone.page
    page.goto(site_url + "collection/home-visits/", wait_until="load")
    sizes = page.evaluate("""() => {
        const box = document.querySelector('article .admonition.tip');
        const body = document.querySelector('article > p');
        return {box: getComputedStyle(box).fontSize, title: getComputedStyle(box.querySelector('.admonition-title')).fontSize,
                item: getComputedStyle(box.querySelector('li')).fontSize, body: getComputedStyle(body).fontSize}
    }""")
    assert sizes["body"] == "16px"
    assert sizes["box"] == sizes["title"] == sizes["item"] == sizes["body"], sizes
    icons = configured_admonition_icons()
    used = set()
    for source in (ROOT / "docs").rglob("*.md"):
        used |= set(re.findall(r"^\s*(?:!!!|\?\?\?\+?)\s*([a-z]+)", source.read_text(encoding="utf-8"), re.M))
    assert {"tip", "example"} <= set(icons)  # Material's defaults: a flame and a flask
    used &= set(icons)
    assert not {"material/fire", "material/flask"} & set(icons.values())
    for kind in sorted(used):
        value = page.evaluate("k => getComputedStyle(document.documentElement).getPropertyValue('--md-admonition-icon--' + k)", kind)
        svg = (MATERIAL_ICONS / (icons[kind] + ".svg")).read_text(encoding="utf-8")
        path = re.search(r'\bd="([^"]+)"', svg).group(1)
        assert path in unquote(value), (kind, icons[kind])


def test_page_title_leaves_no_empty_line_under_it(phone, site_url):
    page = phone.page
    page.goto(site_url + "collection/home-visits/", wait_until="load")
    lines = page.evaluate("""() => { const h = document.querySelector('article h1');
        const range = document.createRange(); range.selectNodeContents(h);
        const line = parseFloat(getComputedStyle(h).lineHeight) || parseFloat(getComputedStyle(h).fontSize) * 1.3;
        return {height: h.getBoundingClientRect().height, line: line} }""")
    assert lines["height"] < 1.5 * lines["line"], lines


def test_back_to_top_never_covers_the_article_text(phone, site_url):
    page = phone.page
    page.goto(site_url + "collection/home-visits/", wait_until="load")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -600)  # Material shows the pill while the reader scrolls up
    page.wait_for_timeout(400)
    overlap = page.evaluate("""() => {
        const top = document.querySelector('.md-top'); if (!top) return null;
        const a = top.getBoundingClientRect(), b = document.querySelector('article').getBoundingClientRect();
        if (getComputedStyle(top).display === 'none' || a.width === 0) return null;
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom }""")
    assert not overlap


def test_no_search_snippet_starts_with_punctuation(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    starts = re.compile(r"(?:^|<(?:p|li|td|th|h\d)[^>]*>)[\s\u200b]*[。，、；：！？）]")
    bad = [doc["location"] for doc in index["docs"] if starts.search(doc["text"])]
    assert bad == []


def calculate(page, site_url, product, amount, days, reduced_motion=False):
    if reduced_motion:
        page.emulate_media(reduced_motion="reduce")
    page.goto(site_url + "calculator/", wait_until="load")
    page.locator("#calc-product").select_option(product)
    page.locator("#calc-amount").fill(amount)
    page.locator("#calc-days").fill(days)
    page.get_by_role("button", name="计算").click()
    page.wait_for_selector(".calc-result.calc-has-result")


@pytest.mark.parametrize("reduced_motion", [False, True])
def test_calculator_brings_the_result_into_view_on_a_phone(phone, site_url, reduced_motion):
    page = phone.page
    calculate(page, site_url, "credit-card", "5000", "30", reduced_motion)
    page.wait_for_function("""() => { const r = document.querySelector('.calc-result h2').getBoundingClientRect();
                                      return r.top >= 0 && r.bottom <= innerHeight }""", timeout=5_000)
    assert phone.console_errors == []


def test_calculator_explains_the_24_percent_line_and_a_one_day_fixed_charge(phone, site_url):
    page = phone.page
    calculate(page, site_url, "credit-card", "5000", "1")
    reasons = page.locator(".calc-lines li .calc-line-why").all_inner_texts()
    assert reasons and len(reasons) == page.locator(".calc-lines li").count() and all(r.strip() for r in reasons)
    why = page.locator(".calc-breakdown .calc-rate-why")
    assert why.count() == 1 and "违约金" in why.inner_text() and "一次" in why.inner_text()
    rate = page.locator(".calc-breakdown tr.calc-rate td").get_attribute("data-rate")
    assert float(rate) > 100
    # Where the daily interest outweighs the fixed charge, no such reason is shown.
    calculate(page, site_url, "jd-baitiao", "5000", "30")
    assert page.locator(".calc-breakdown .calc-rate-why").count() == 0


def test_fees_page_offers_each_product_and_the_calculator_on_the_first_screen(phone, site_url):
    page = phone.page
    page.goto(site_url + "costs/fees/", wait_until="load")
    first_screen = page.evaluate("""() => Array.from(document.querySelectorAll('article a[href]'))
        .filter(a => a.getBoundingClientRect().bottom <= innerHeight)
        .map(a => a.getAttribute('href'))""")
    products = ["jd-baitiao", "huabei", "consumer-loan", "credit-card"]
    for anchor in products:
        assert any(href.endswith("#" + anchor) for href in first_screen), (anchor, first_screen)
        assert page.locator(f"article h2[id='{anchor}']").count() == 1
    assert any(href.rstrip("/").endswith("calculator") for href in first_screen), first_screen
    page.goto(site_url, wait_until="load")
    assert page.locator("article a[href$='calculator/']").count() >= 1
