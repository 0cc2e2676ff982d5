"""我的还款计划 in Chromium on a 390 × 844 phone: rows added and removed, the calculators' figures and
messages, the guide's order, printing, and nothing stored until the reader presses 保存在本机."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from calculators import default_rules, fen_to_display, overdue_cost
from calculators.export import MESSAGES, field_errors
from calculators.money import fen_to_str
from plan_vectors import debt_vector
from test_a11y import ALL_RULES, finish_axe, start_axe
from test_print import MARGINS, on_paper, printed_text, squeeze

PHONE_390 = {"width": 390, "height": 844}
STORAGE_KEY = "yuqi-plan"

# (product, amount, days, options, court papers?) — three debts whose order the guide decides
DEBTS = [
    ("huabei", "800", "90", {}, True),
    ("consumer-loan", "10000", "30", {"daily_rate": "0.04"}, False),
    ("jd-baitiao", "5000", "30", {}, False),
]


@pytest.fixture
def plan_url(site_url):
    return site_url + "tools/plan/"


@pytest.fixture
def phone(open_tab):
    guarded = open_tab("phone")
    guarded.page.set_viewport_size(PHONE_390)
    yield guarded
    guarded.context.close()


def open_plan(guarded, url):
    page = guarded.page
    page.goto(url, wait_until="networkidle")
    page.locator(".plan-form").wait_for()
    return page


def fieldset(page, number):
    return page.locator("fieldset.plan-debt").nth(number - 1)


def fill_debt(page, number, product, amount, days, options=None, court=False):
    row = fieldset(page, number)
    row.get_by_label("产品").select_option(product)
    row.get_by_label("金额").fill(amount)
    row.get_by_label("逾期天数").fill(days)
    if options:
        details = row.locator("details.calc-more")
        if details.count() and not details.evaluate("node => node.open"):
            details.locator("summary").click()
        for name, value in options.items():
            control = row.locator(f'[data-option="{name}"]')
            if control.evaluate("node => node.tagName") == "SELECT":
                control.select_option(value)
            else:
                control.fill(value)
    if court:
        row.get_by_label("已收到法院文书", exact=False).check()


def fill_all(page, debts):
    for number, (product, amount, days, options, court) in enumerate(debts, start=1):
        if number > 1:
            page.get_by_role("button", name="添加一笔").click()
        fill_debt(page, number, product, amount, days, options, court)


def result_rows(page):
    return page.locator("li.plan-row").evaluate_all("""rows => rows.map(row => ({
        product: row.dataset.product, extra: row.dataset.extraCost, rank: row.dataset.rank,
        text: row.innerText}))""")


def test_opens_with_one_empty_row_then_adds_and_removes(phone, plan_url):
    page = open_plan(phone, plan_url)
    assert page.locator("fieldset.plan-debt").count() == 1
    row = fieldset(page, 1)
    assert row.get_by_label("金额").input_value() == "" and row.get_by_label("逾期天数").input_value() == ""
    assert row.get_by_label("金额").get_attribute("inputmode") == "decimal"
    assert page.locator("li.plan-row").count() == 0
    expect(page.locator(".plan-waiting")).to_contain_text("填好金额和逾期天数")
    assert row.locator(".plan-remove").is_hidden()  # the one row cannot go

    fill_debt(page, 1, "huabei", "1000", "7")
    page.get_by_role("button", name="添加一笔").click()
    assert page.locator("fieldset.plan-debt").count() == 2
    assert page.evaluate("document.activeElement.id") == fieldset(page, 2).get_by_label("产品").get_attribute("id")
    fill_debt(page, 2, "jd-baitiao", "300", "10")
    assert sorted(row["product"] for row in result_rows(page)) == ["huabei", "jd-baitiao"]

    fieldset(page, 1).get_by_role("button", name="删除第 1 笔").click()
    assert page.locator("fieldset.plan-debt").count() == 1
    expect(fieldset(page, 1).locator("legend")).to_have_text("第 1 笔")
    rows = result_rows(page)
    assert [(row["product"], row["extra"], row["rank"]) for row in rows] == \
        [("jd-baitiao", fen_to_str(overdue_cost("jd-baitiao", "300", "10").extra_fen), "1")]

    for _ in range(9):
        page.get_by_role("button", name="添加一笔").click()
    assert page.locator("fieldset.plan-debt").count() == 10
    expect(page.get_by_role("button", name="添加一笔")).to_be_disabled()
    expect(page.locator(".plan-add-note")).to_have_text("最多填 10 笔。")
    assert phone.external_requests == [] and phone.console_errors == []


def test_figures_are_the_calculators_and_the_order_is_the_guides(phone, plan_url, artifacts):
    page = open_plan(phone, plan_url)
    fill_all(page, DEBTS)
    rules = default_rules()
    rows = result_rows(page)
    assert len(rows) == 3
    expected = {}
    for product, amount, days, options, _court in DEBTS:
        vector = debt_vector(product, product, amount, days, options, rules)["expect"]
        expected[product] = vector
    for row in rows:
        vector = expected[row["product"]]
        assert row["extra"] == vector["extra_cost"], row
        assert f"再等 1 天多付：{fen_to_display(int(vector['day_fen']))} 元" in row["text"]
        assert f"再等 30 天多付：{fen_to_display(int(vector['month_fen']))} 元" in row["text"]
    # court papers first; then the faster-growing (Python's rate for the next 30 days decides)
    rest = sorted((product for product, *_ in DEBTS[1:]), key=lambda p: -float(expected[p]["growth"]["rate"]))
    assert [(row["rank"], row["product"]) for row in rows] == list(zip("123", ["huabei", *rest]))
    assert "支付令、起诉状、传票都有期限，先处理" in rows[0]["text"]
    assert f"折合年化 {expected[rest[0]]['growth']['rate']}%" in rows[1]["text"]

    total = sum(int(vector["extra_fen"]) for vector in expected.values())
    expect(page.locator(".plan-total-extra td")).to_have_text(f"{fen_to_display(total)} 元")
    month = sum(int(vector["month_fen"]) for vector in expected.values())
    expect(page.locator(".plan-total-month td")).to_have_text(f"{fen_to_display(month)} 元")

    page.get_by_label("每月收入").fill("6000")
    page.get_by_label("每月必需支出").fill("4000")
    expect(page.locator(".plan-budget-line")).to_contain_text("每月能拿来还款的钱：2,000.00 元。不够一次还清")
    expect(page.locator(".plan-steps")).to_contain_text("先处理有法院文书的 1 笔")

    layout = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert layout[0] <= layout[1], f"the plan scrolls sideways at 390 px: {layout}"
    for selector in ("fieldset.plan-debt", "li.plan-row", ".plan-total-table", ".plan-actions .md-button"):
        for box in page.locator(selector).evaluate_all("nodes => nodes.map(n => n.getBoundingClientRect().right)"):
            assert box <= PHONE_390["width"], selector
    assert fieldset(page, 1).get_by_label("金额").evaluate("n => parseFloat(getComputedStyle(n).fontSize)") >= 16
    page.screenshot(path=str(artifacts / "plan-phone.png"), full_page=False)
    page.locator(".plan-sheet").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "plan-phone-result.png"), full_page=False)
    assert phone.external_requests == [] and phone.console_errors == []


# (product, amount, days, options, field) — refused input: the message is calculators', as on the calculator
BAD_INPUT = [
    ("huabei", "五千", "30", {}, "amount"),
    ("huabei", "-5", "30", {}, "amount"),
    ("jd-baitiao", "5000", "0", {}, "days"),
    ("jd-baitiao", "5000", "2.5", {}, "days"),
    ("consumer-loan", "5000", "30", {}, "daily_rate"),
    ("credit-card", "1000", "5", {"paid": "1000"}, "paid"),
]


def test_bad_input_shows_the_calculators_messages_inline(phone, plan_url):
    page = open_plan(phone, plan_url)
    page.get_by_role("button", name="添加一笔").click()
    fill_debt(page, 2, "huabei", "1000", "7")  # a good debt stays computed beside a bad one
    for product, amount, days, options, field in BAD_INPUT:
        fill_debt(page, 1, product, amount, days, options)
        message = next(problem["message"] for problem in field_errors(default_rules(), product, amount, days, options)
                       if problem["field"] == field)
        control = fieldset(page, 1).locator(f'[data-field="{field}"]:is(input, select)')
        error_id = control.get_attribute("id") + "-error"
        expect(page.locator(f"#{error_id}")).to_have_text(message)
        assert page.locator(f"#{error_id}").get_attribute("aria-live") == "polite"
        assert error_id in control.get_attribute("aria-describedby").split()
        assert control.get_attribute("aria-invalid") == "true"
        assert [row["product"] for row in result_rows(page)] == ["huabei"], (product, field)
        expect(page.locator(".plan-waiting")).to_contain_text("第 1 笔还没填好")
    # the budget reads and refuses with the same message table
    page.get_by_label("每月收入").fill("六千")
    expect(page.locator("#plan-budget-income-error")).to_have_text(MESSAGES["not_a_number"].format(label="每月收入"))
    page.get_by_label("每月收入").fill("6000")
    expect(page.locator("#plan-budget-income-error")).to_have_text("")
    assert phone.console_errors == []


def test_nothing_is_stored_until_asked_and_clear_removes_it(phone, plan_url):
    page = open_plan(phone, plan_url)
    storage = "() => ({local: {...localStorage}, session: Object.keys(sessionStorage)})"
    before = page.evaluate(storage)
    fill_all(page, DEBTS[:2])
    page.get_by_label("每月收入").fill("6000")
    page.get_by_role("button", name="打印计划").is_visible()
    after = page.evaluate(storage)
    assert after == before, "the plan wrote to storage before 保存在本机 was pressed"
    assert STORAGE_KEY not in after["local"]

    page.get_by_role("button", name="保存在本机").click()
    expect(page.locator(".plan-status")).to_contain_text("已保存在本机")
    saved = page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORAGE_KEY}'))")
    assert [debt["amount"] for debt in saved["debts"]] == ["800", "10000"] and saved["budget"]["income"] == "6000"

    page.reload(wait_until="networkidle")
    page.locator(".plan-form").wait_for()
    assert page.locator("fieldset.plan-debt").count() == 2
    assert fieldset(page, 2).locator('[data-option="daily_rate"]').input_value() == "0.04"
    assert fieldset(page, 1).get_by_label("已收到法院文书", exact=False).is_checked()
    assert len(result_rows(page)) == 2
    expect(page.locator(".plan-status")).to_contain_text("这份计划保存在本机")

    page.get_by_role("button", name="全部清除").click()
    assert page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')") is None
    assert page.evaluate(storage) == before
    assert page.locator("fieldset.plan-debt").count() == 1
    assert fieldset(page, 1).get_by_label("金额").input_value() == ""
    assert page.get_by_label("每月收入").input_value() == ""
    assert page.locator("li.plan-row").count() == 0
    page.reload(wait_until="networkidle")
    page.locator(".plan-form").wait_for()
    assert page.locator("fieldset.plan-debt").count() == 1 and page.locator("li.plan-row").count() == 0
    assert phone.console_errors == []


def test_printed_plan_has_the_readers_figures_steps_and_date(phone, plan_url, artifacts):
    page = open_plan(phone, plan_url)
    fill_all(page, DEBTS)
    page.get_by_label("每月收入").fill("6000")
    page.get_by_label("每月必需支出").fill("4000")
    dated = page.locator(".plan-dated time")
    assert dated.get_attribute("datetime") == page.evaluate(
        "() => { const d = new Date(); return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'),"
        " String(d.getDate()).padStart(2, '0')].join('-'); }")
    rows = result_rows(page)
    steps = page.locator(".plan-steps li").all_inner_texts()
    paper = squeeze(printed_text(page, artifacts / "print-plan.pdf"))
    assert on_paper("你的还款计划", paper)
    assert on_paper(dated.inner_text(), paper), "the date is not printed"
    for row in rows:
        assert on_paper(f"{fen_to_display(int(row['extra'].replace('.', '')))}元", paper), row
        assert on_paper(f"第{row['rank']}位", paper)
    for step in steps:
        assert on_paper(step[:20], paper), step
    assert on_paper("每月能拿来还款的钱：2,000.00元", paper)
    for screen_only in ("添加一笔", "保存在本机", "全部清除", "打印计划", "顺序是怎么排的", "怎么填"):
        assert squeeze(screen_only) not in paper, f"{screen_only!r} printed"
    assert "127.0.0.1" not in paper
    assert page.pdf(format="A4", margin=MARGINS)  # prints again after the first print
    assert phone.external_requests == [] and phone.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_filled_plan_passes_axe(open_tab, plan_url, scheme):
    """The per-page axe run sees the empty form; this one sees rows, results, a refused field and the budget."""
    guarded = open_tab("phone", scheme)
    try:
        guarded.page.set_viewport_size(PHONE_390)
        page = open_plan(guarded, plan_url)
        fill_all(page, DEBTS)
        page.get_by_role("button", name="添加一笔").click()
        fill_debt(page, 4, "consumer-loan", "5000", "30")  # required daily rate missing: an inline message
        fieldset(page, 2).locator("details.calc-more summary").click()
        page.get_by_label("每月收入").fill("6000")
        page.get_by_label("每月必需支出").fill("6.555")
        page.get_by_role("button", name="保存在本机").click()
        expect(page.locator(".calc-error:not(:empty)")).to_have_count(2)
        start_axe(page, ALL_RULES)
        result = finish_axe(page)
        assert result.violations_count == 0, result.generate_report()
        assert guarded.external_requests == [] and guarded.console_errors == []
    finally:
        guarded.context.close()


def test_the_module_loads_only_on_the_plan_page(phone, site_url, plan_url):
    page = phone.page
    loaded = []
    page.on("request", lambda request: loaded.append(urlparse(request.url).path))
    page.goto(site_url, wait_until="networkidle")
    assert not [path for path in loaded if path.endswith(("/plan.js", "/calculator.js"))]
    page.goto(site_url + "calculator/", wait_until="networkidle")
    assert not [path for path in loaded if path.endswith("/plan.js")]
    loaded.clear()
    page.goto(plan_url, wait_until="networkidle")
    assert [path for path in loaded if path.endswith("/plan.js")]
    page.locator(".plan-form").wait_for()


def test_works_after_instant_navigation(phone, site_url):
    page = phone.page
    page.goto(site_url + "calculator/", wait_until="networkidle")
    page.evaluate("window.sameDocument = true")
    # the nav link (in the phone's drawer): Material's instant navigation handles the click
    page.evaluate("document.querySelector('a.md-nav__link[href$=\"/tools/plan/\"]').click()")
    page.wait_for_url("**/tools/plan/")
    page.locator(".plan-form").wait_for()
    assert page.evaluate("window.sameDocument === true")
    fill_debt(page, 1, "huabei", "1000", "7")
    assert result_rows(page)[0]["extra"] == fen_to_str(overdue_cost("huabei", "1000", "7").extra_fen)
    assert page.locator(".plan-form").count() == 1
    assert phone.console_errors == []


def test_without_javascript_the_page_says_what_it_needs(browser, plan_url):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN", viewport=PHONE_390)
    context.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).hostname == "127.0.0.1"
                  else route.abort())
    try:
        page = context.new_page()
        page.goto(plan_url, wait_until="networkidle")
        message = page.locator(".plan-needs-js")
        expect(message).to_be_visible()
        expect(message).to_contain_text("JavaScript")
        assert message.locator("a").get_attribute("href") == "../../coping/debts/"
        assert page.locator(".plan-form").count() == 0
        # the room held for the plan while it loads is given back: no empty screen under the message
        assert page.locator(".plan").bounding_box()["height"] < 300
    finally:
        context.close()


def test_nothing_below_the_plan_jumps_while_it_loads(browser, plan_url):
    # Lighthouse's phone (412 × 823): the text under the plan starts inside the first screen unless room is held
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, locale="zh-CN")
    context.add_init_script("""window.shifts = []; new PerformanceObserver(list => { for (const entry of
      list.getEntries()) window.shifts.push(entry.value); }).observe({type: "layout-shift", buffered: true});""")
    try:
        page = context.new_page()
        page.goto(plan_url, wait_until="networkidle")
        page.locator(".plan-form").wait_for()
        page.wait_for_timeout(300)
        assert page.evaluate("window.shifts") == []
    finally:
        context.close()
