"""The calculator page in Chromium: same fen as calculators/, clear errors, private, usable on a phone, no-JS fallback."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from calculators import default_rules, fen_to_display, overdue_cost
from calculators.export import field_errors

# (product, amount, days, options) — options as a reader types them; each checked against calculators.
CASES = [
    ("huabei", "5000", "30", {}),
    ("jd-baitiao", "1234.56", "45", {}),
    ("jd-baitiao", "５，０００．５", "３０。", {}),  # a Chinese keyboard's full-width forms, read by Chromium's NFKC
    ("consumer-loan", "10000", "30", {"daily_rate": "0.04", "multiplier": "1.3"}),
    ("credit-card", "5000", "65", {"mode": "partial", "paid": "1000", "penalty_min": "10"}),
    ("credit-card", "10000", "365", {}),
    ("huabei", "10", "1", {}),  # 0.5 fen, rounded half up to 1 fen
]

# (product, amount, days, options, field) — refused input; the message shown must be calculators' message.
BAD_INPUT = [
    ("huabei", "", "30", {}, "amount"),
    ("huabei", "-5", "30", {}, "amount"),
    ("huabei", "五千", "30", {}, "amount"),
    ("huabei", "1,000,5000", "30", {}, "amount"),  # misplaced separators are refused, never read as 10,005,000
    ("huabei", "99999999999", "30", {}, "amount"),
    ("huabei", "5000", "0", {}, "days"),
    ("jd-baitiao", "5000", "2.5", {}, "days"),
    ("consumer-loan", "5000", "30", {}, "daily_rate"),
    ("credit-card", "1000", "5", {"paid": "1000"}, "paid"),
]


@pytest.fixture
def calculator_url(site_url):
    return site_url + "calculator/"


def open_calculator(guarded, url):
    page = guarded.page
    page.goto(url, wait_until="networkidle")
    page.locator(".calc-form").wait_for()
    return page


def fill(page, product, amount, days, options):
    page.select_option("#calc-product", product)
    page.fill("#calc-amount", amount)
    page.fill("#calc-days", days)
    details = page.locator("details.calc-more")
    if options and details.count() and not details.evaluate("node => node.open"):
        page.locator("details.calc-more > summary").click()
    for name, value in options.items():
        control = page.locator(f"#calc-{name}")
        if control.evaluate("node => node.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)


def shown_breakdown(page):
    rows = page.locator(".calc-breakdown tr.calc-charge")
    return {
        "charges": [(rows.nth(i).locator("th").inner_text(), rows.nth(i).locator("td").inner_text())
                    for i in range(rows.count())],
        "extra": page.locator(".calc-breakdown tr.calc-extra td").inner_text(),
        "total": page.locator(".calc-breakdown tr.calc-total td").inner_text(),
        "rate": page.locator(".calc-breakdown tr.calc-rate td").inner_text(),
    }


def expected_breakdown(product, amount, days, options):
    result = overdue_cost(product, amount, days, options)
    return {
        "charges": [(charge.label, f"{fen_to_display(charge.fen)} 元") for charge in result.charges],
        "extra": f"{fen_to_display(result.extra_fen)} 元",
        "total": f"{fen_to_display(result.total_due_fen)} 元",
        "rate": f"{result.annual_rate}%",
    }


def test_results_equal_the_python_calculators(guarded_page, calculator_url):
    page = open_calculator(guarded_page, calculator_url)
    for product, amount, days, options in CASES:
        page.reload(wait_until="networkidle")
        page.locator(".calc-form").wait_for()
        fill(page, product, amount, days, options)
        assert shown_breakdown(page) == expected_breakdown(product, amount, days, options), (product, amount, days)
        assert page.locator(".calc-error:not(:empty)").count() == 0
    # The notes carry the product's assumptions, confidence and sources, like the tables.
    product = default_rules().product("huabei")
    notes = page.locator(".calc-notes").inner_text()
    assert product.assumptions[0] in notes and product.confidence_note in notes
    links = page.locator(".calc-notes a").evaluate_all("nodes => nodes.map(node => node.href)")
    assert links == [default_rules().sources[source_id].url for source_id in product.sources]
    assert guarded_page.external_requests == []
    assert guarded_page.console_errors == []


def test_results_update_as_you_type_without_a_button(guarded_page, calculator_url):
    page = open_calculator(guarded_page, calculator_url)
    fill(page, "jd-baitiao", "5000", "30", {})
    assert shown_breakdown(page)["extra"] == expected_breakdown("jd-baitiao", "5000", "30", {})["extra"]
    page.fill("#calc-days", "31")
    assert shown_breakdown(page)["extra"] == expected_breakdown("jd-baitiao", "5000", "31", {})["extra"]
    assert page.locator(".calc-live").get_attribute("aria-live") == "polite"


@pytest.mark.parametrize("product, amount, days, options, field", BAD_INPUT,
                         ids=[f"{case[0]}-{case[4]}-{case[1] or 'empty'}-{case[2]}" for case in BAD_INPUT])
def test_bad_input_shows_a_chinese_message_at_the_field_and_no_result(guarded_page, calculator_url, product, amount,
                                                                       days, options, field):
    page = open_calculator(guarded_page, calculator_url)
    fill(page, product, "1", "1", {})  # touch both fields, then type the bad input
    fill(page, product, amount, days, options)
    page.locator(".calc-form button[type=submit]").click()
    expected = next(problem for problem in field_errors(default_rules(), product, amount, days, options)
                    if problem["field"] == field)
    error = page.locator(f"#calc-{field}-error")
    assert error.inner_text() == expected["message"]
    assert error.get_attribute("aria-live") == "polite"
    control = page.locator(f"#calc-{field}")
    assert f"calc-{field}-error" in control.get_attribute("aria-describedby").split()
    assert control.get_attribute("aria-invalid") == "true"
    assert page.locator(".calc-breakdown").count() == 0
    assert page.locator(".calc-waiting").is_visible()
    assert guarded_page.console_errors == []


def test_form_uses_real_labels_and_decimal_keyboards(guarded_page, calculator_url):
    page = open_calculator(guarded_page, calculator_url)
    for product in ("jd-baitiao", "consumer-loan", "credit-card"):
        page.select_option("#calc-product", product)
        controls = page.locator(".calc-form input, .calc-form select")
        for index in range(controls.count()):
            control = controls.nth(index)
            control_id = control.get_attribute("id")
            assert page.locator(f'label[for="{control_id}"]').count() == 1, control_id
            if control.evaluate("node => node.tagName") == "INPUT":
                assert control.get_attribute("inputmode") == "decimal", control_id
    assert page.locator("form.calc-form").get_attribute("action") is None


def test_phone_width_is_usable(phone_page, calculator_url, artifacts):
    page = open_calculator(phone_page, calculator_url)
    fill(page, "credit-card", "5000", "65", {"mode": "partial", "paid": "1000"})
    assert shown_breakdown(page) == expected_breakdown("credit-card", "5000", "65", {"mode": "partial", "paid": "1000"})
    caption = page.locator(".calc-breakdown caption").inner_text()
    assert caption == "银行信用卡（常见条款）：账单金额 5,000.00 元（未还 4,000.00 元），逾期 65 天"
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for selector in ("#calc-amount", "#calc-days", "#calc-paid", ".calc-breakdown"):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector
    assert page.locator("#calc-amount").evaluate("node => parseFloat(getComputedStyle(node).fontSize)") >= 16
    page.locator("#calc-amount").evaluate("node => node.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(artifacts / "calculator-phone.png"), full_page=False)
    page.locator(".calc-result h2").evaluate("node => node.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(artifacts / "calculator-phone-result.png"), full_page=False)
    assert phone_page.external_requests == []
    assert phone_page.console_errors == []


def test_works_after_instant_navigation(guarded_page, site_url):
    page = guarded_page.page
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("window.sameDocument = true")  # survives instant navigation, not a full page load
    # Material's instant navigation makes links absolute and loads the next page without a reload.
    page.locator('a.md-nav__link[href$="/calculator/"]').first.click()
    page.wait_for_url("**/calculator/")
    page.locator(".calc-form").wait_for()
    assert page.evaluate("window.sameDocument === true")
    fill(page, "huabei", "1000", "7", {})
    assert shown_breakdown(page) == expected_breakdown("huabei", "1000", "7", {})
    # away and back again: mounted once more, not twice
    page.locator("a.md-footer__link--prev").click()  # back to 首页
    page.wait_for_url(site_url)
    page.go_back()
    page.locator(".calc-form").wait_for()
    assert page.locator(".calc-form").count() == 1
    assert guarded_page.external_requests == []
    assert guarded_page.console_errors == []


def test_without_javascript_the_tables_are_there_and_the_form_is_not(browser, calculator_url):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN", viewport={"width": 375, "height": 740})
    outside = []

    def guard(route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    try:
        page = context.new_page()
        page.goto(calculator_url, wait_until="networkidle")
        assert page.locator(".calc-needs-js").is_visible()
        assert "JavaScript" in page.locator(".calc-needs-js").inner_text()
        assert page.locator(".calc-form").count() == 0
        tables = page.locator(".penalty-table[data-product]")
        assert sorted(tables.evaluate_all("nodes => nodes.map(node => node.dataset.product)")) == \
            sorted(default_rules().products)
        first_cell = page.locator('.penalty-table[data-product="huabei"] tbody td .pt-amount').first.inner_text()
        assert first_cell == fen_to_display(overdue_cost("huabei", 1000, 1).extra_fen)
        assert outside == []
    finally:
        context.close()
