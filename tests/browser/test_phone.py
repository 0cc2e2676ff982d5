"""Issue 9 §1 on the phone the issue was filed from (390 × 844): search without a key press, admonitions at
body size with calm icons, the calculator's result brought into view with one-line explanations."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import _guarded

ISSUE_PHONE = {"width": 390, "height": 844}
ICONS = Path(__import__("material").__file__).parent / "templates" / ".icons" / "material"


@pytest.fixture
def phone390(browser):
    guarded = _guarded(browser, ISSUE_PHONE)
    yield guarded
    guarded.context.close()


@pytest.fixture
def still_phone390(browser):
    """A 390 × 844 phone whose reader asked the system for reduced motion."""
    context = browser.new_context(viewport=ISSUE_PHONE, locale="zh-CN", service_workers="block",
                                  reduced_motion="reduce")
    from conftest import GuardedPage
    guarded = GuardedPage(context)
    yield guarded
    context.close()


def test_search_answers_text_put_in_the_box_without_any_key_press(phone390, site_url):
    page = phone390.page
    page.goto(site_url, wait_until="load")
    page.locator("label.md-search__icon, label[for=__search]").first.click()
    box = page.locator("input[data-md-component=search-query]")
    box.wait_for(state="visible")
    # Wait until the index is ready: Material reads the box once then, which would hide the bug.
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim()"
                           " === '键入以开始搜索'", timeout=30_000)
    # What a paste menu or voice input does: the value changes and an `input` event fires, no key events.
    box.evaluate("(node, text) => { node.value = text; node.dispatchEvent(new Event('input', {bubbles: true})) }",
                 "上门催收")
    page.wait_for_function(
        "() => { const t = document.querySelector('.md-search-result__meta').textContent.trim();"
        " return t && !['正在初始化搜索引擎', '键入以开始搜索'].includes(t) }", timeout=30_000)
    hrefs = page.eval_on_selector_all(".md-search-result__list > li a", "links => links.map(a => a.href)")
    assert any("collection/home-visits/" in href for href in hrefs), hrefs
    assert phone390.external_requests == []
    assert phone390.console_errors == []


def svg_path(name: str) -> str:
    return re.search(r' d="([^"]+)"', (ICONS / f"{name}.svg").read_text(encoding="utf-8"))[1]


def test_admonitions_are_body_size_with_calm_icons(phone390, site_url):
    page = phone390.page
    page.goto(site_url + "collection/home-visits/", wait_until="load")
    sizes = page.evaluate("""() => ({
        body: getComputedStyle(document.querySelector('.md-content article > p')).fontSize,
        box: getComputedStyle(document.querySelector('.admonition.tip > ol')).fontSize,
        title: getComputedStyle(document.querySelector('.admonition.tip > .admonition-title')).fontSize,
    })""")
    assert sizes["box"] == sizes["body"] == "16px", sizes
    assert sizes["title"] == sizes["body"], sizes
    icons = page.evaluate("""() => ({
        tip: getComputedStyle(document.documentElement).getPropertyValue('--md-admonition-icon--tip'),
        example: getComputedStyle(document.documentElement).getPropertyValue('--md-admonition-icon--example'),
    })""")
    icons = {name: unquote(value) for name, value in icons.items()}  # Material URL-encodes the inline SVG
    assert svg_path("lightbulb-on-outline") in icons["tip"] and svg_path("fire") not in icons["tip"]
    assert svg_path("message-text-outline") in icons["example"] and svg_path("flask") not in icons["example"]
    assert phone390.external_requests == []


def calculate(page, product, amount, days):
    page.locator(".calc-form").wait_for()
    page.select_option("#calc-product", product)
    page.fill("#calc-amount", amount)
    page.fill("#calc-days", days)
    page.get_by_role("button", name="计算").click()


@pytest.mark.parametrize("motion", ["smooth", "reduced"])
def test_calculator_brings_the_result_into_view_and_explains_it(motion, phone390, still_phone390, site_url,
                                                                built_site):
    guarded = phone390 if motion == "smooth" else still_phone390
    page = guarded.page
    page.goto(site_url + "calculator/", wait_until="networkidle")
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches") is (motion == "reduced")
    calculate(page, "credit-card", "1000", "1")
    headline = page.locator(".calc-headline")
    if motion == "reduced":  # no animation: the result is in view at once
        assert page.evaluate("document.querySelector('.calc-result').getBoundingClientRect().top") < 200
    page.wait_for_function("() => { const r = document.querySelector('.calc-result').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < 200 }", timeout=5_000)
    assert headline.is_visible()
    # The one-day credit-card rate carries its reason beside it.
    rate = page.locator(".calc-rate td")
    assert rate.get_attribute("data-rate") == "565.75"
    assert "一次收的" in rate.locator(".calc-rate-why").inner_text()
    # Each reference line says what it means, in the data's words (rules.json), not typed in the page.
    rules = json.loads((built_site / "assets" / "calculator" / "rules.json").read_text(encoding="utf-8"))
    whys = page.locator(".calc-lines .calc-line-why").all_inner_texts()
    assert whys == [re.sub(r"（[^）]*）", "", line["scope"]) for line in rules["reference_lines"]]
    annual_24 = page.locator(".calc-lines li", has_text="年化 24%")
    assert "调减" in annual_24.inner_text()
    # Thirty-five days is past the next statement: no one-off reason then.
    calculate(page, "credit-card", "1000", "35")
    assert page.locator(".calc-rate-why").count() == 0
    assert guarded.external_requests == []
    assert guarded.console_errors == []


def test_fee_tables_give_the_short_card_rows_their_reason(built_site):
    html = (built_site / "costs" / "fees" / "index.html").read_text(encoding="utf-8")
    card = html[html.index('data-product="credit-card"'):]
    assert '1 天<span class="pt-rate">一次性收费只摊在 1 天上</span>' in card
    assert re.search(r'<th scope="row">30 天</th>', card), "a row past the first statement keeps a bare label"


def test_fees_page_answers_first_with_a_computed_summary(phone390, site_url):
    from calculators import default_rules, fen_to_display, overdue_cost

    page = phone390.page
    page.goto(site_url + "costs/fees/", wait_until="load")
    summary = page.locator(".penalty-summary")
    assert summary.bounding_box()["y"] < ISSUE_PHONE["height"] * 1.5  # within the first screen and a half
    rules = default_rules()
    rows = summary.locator("tbody tr")
    ids = ["jd-baitiao", "huabei", "consumer-loan", "credit-card"]
    assert rows.count() == len(ids)
    for row, product_id in zip(rows.all(), ids):
        options = {"daily_rate": "0.04"} if product_id == "consumer-loan" else {}
        expected = overdue_cost(product_id, 5000, 30, options, rules)
        assert row.locator("a").get_attribute("href").endswith(f"costs/fees/#{product_id}") or row.locator("a").get_attribute("href") == f"#{product_id}"
        assert page.locator(f"[id='{product_id}']").count() == 1  # the jump link has a target
        assert row.locator(".pt-amount").inner_text() == f"{fen_to_display(expected.extra_fen)} 元"
        assert row.locator("td").nth(1).inner_text() == f"{expected.annual_rate}%"
    calculator_link = page.locator("article a[href$='calculator/']").first
    assert calculator_link.bounding_box()["y"] < summary.bounding_box()["y"]
    page.goto(site_url, wait_until="load")
    assert page.locator("article a[href$='calculator/']").count() >= 1  # the home page body links it
    assert phone390.external_requests == []
