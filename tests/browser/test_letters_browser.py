"""Letters that fill themselves in, and the copy/print buttons, in Chromium on a 390 × 844 phone.

The form above a letter fills every blank of a field as the reader types; empty fields stay ＿＿＿＿; copying
works from the keyboard alone and gives the letter with the reader's values; 打印 prints that block alone;
nothing is stored; without JavaScript the page is the plain template with no form and no buttons."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from test_a11y import ALL_RULES, finish_axe, start_axe

PHONE_390 = {"width": 390, "height": 844}
LETTER = "templates/stop-third-party/"
# Every page with a copyable block: each template, and the ready-to-say scripts.
COPYABLE_PAGES = ["templates/negotiation/", "templates/credit-objection/", "templates/complaint/",
                  "templates/contact-log/", "templates/door-card/", "templates/payment-order-objection/",
                  "templates/civil-defence/", "templates/stop-third-party/", "collection/", "collection/verify/",
                  "collection/home-visits/"]
LETTER_PAGES = [path for path in COPYABLE_PAGES if path.startswith("templates/")
                and path not in ("templates/contact-log/", "templates/door-card/")]


@pytest.fixture
def phone(open_tab):
    guarded = open_tab("phone")
    guarded.page.set_viewport_size(PHONE_390)
    yield guarded
    guarded.context.close()


def open_letter(guarded, url, form=True):
    page = guarded.page
    page.goto(url, wait_until="networkidle")
    if form:
        expect(page.locator(".letter-form")).to_be_visible()
    expect(page.locator(".copy-print").first).to_be_visible()
    return page


def blanks(page, key):
    return page.locator(f'.letter-blank[data-field="{key}"]').all_inner_texts()


def test_typing_fills_every_place_of_a_field_and_clearing_brings_the_blank_back(phone, site_url):
    page = open_letter(phone, site_url + LETTER)
    assert len(blanks(page, "phone")) == 3 and len(blanks(page, "name")) == 2  # the letter and the message
    page.get_by_label("你的姓名").fill("张小明")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("落款日期").fill("2026-12-01")
    assert blanks(page, "name") == ["张小明", "张小明"]
    assert blanks(page, "phone") == ["13800000000"] * 3
    assert blanks(page, "signed-on") == ["2026 年 12 月 1 日"]
    assert blanks(page, "card-tail") == ["＿＿＿＿", "＿＿＿＿"]  # untouched fields stay blank
    page.get_by_label("你的姓名").fill("")
    assert blanks(page, "name") == ["＿＿＿＿", "＿＿＿＿"]
    assert phone.external_requests == [] and phone.console_errors == []


@pytest.mark.parametrize("path", LETTER_PAGES)
def test_every_letter_has_a_form_whose_fields_all_reach_the_letter(phone, site_url, path):
    page = open_letter(phone, site_url + path)
    keys = page.locator(".letter-form [data-field]").evaluate_all("els => els.map(e => e.dataset.field)")
    assert len(keys) == len(set(keys)) >= 5
    for key in keys:
        assert blanks(page, key), f"{path}: field {key} fills no blank"
    width = page.evaluate("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert width[0] <= width[1], f"{path}: the page scrolls sideways at 390 px"
    assert phone.external_requests == [] and phone.console_errors == []


def test_copy_with_the_keyboard_gives_the_filled_letter(phone, site_url):
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = open_letter(phone, site_url + LETTER)
    page.get_by_label("你的姓名").fill("张小明")
    page.get_by_label("信用卡卡号尾号").fill("1234")
    page.get_by_label("请对方几日内答复").fill("7")
    page.get_by_label("落款日期").focus()  # the form's last field; a date input takes one Tab per part
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName") == "BUTTON":
            break
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.textContent]")
    assert focused == ["BUTTON", "复制"]
    page.keyboard.press("Enter")
    status = page.locator(".copy-print__status").first
    expect(status).to_have_text("已复制")
    assert status.get_attribute("aria-live") == "polite"
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("要求停止联系第三人的函")
    assert "本人：张小明" in copied and "尾号 1234" in copied and "于 7 日内" in copied
    assert "联系电话：＿＿＿＿＿＿" in copied  # an empty field copies as a blank
    assert "复制" not in copied and "在这里填" not in copied and "短消息版" not in copied

    # The short message has its own buttons and the same values.
    message_copy = page.locator(".copy-print").nth(1).get_by_role("button", name="复制这段话")
    message_copy.focus()
    page.keyboard.press("Space")
    expect(page.locator(".copy-print__status").nth(1)).to_have_text("已复制")
    message = page.evaluate("() => navigator.clipboard.readText()")
    assert message.startswith("我是张小明，账户尾号1234。") and "请于7日内答复" in message
    assert phone.external_requests == [] and phone.console_errors == []


def test_copy_falls_back_to_a_selection_without_the_clipboard_api(phone, site_url):
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = open_letter(phone, site_url + "collection/verify/", form=False)
    page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('refused')); }")
    button = page.get_by_role("button", name="复制这段话")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".copy-print__status")).to_have_text("已复制")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("先问身份") and "通话话术" not in copied
    assert page.evaluate("() => document.activeElement.textContent") == "复制"  # focus comes back


def test_print_button_prints_only_its_block(phone, site_url):
    page = open_letter(phone, site_url + LETTER)
    page.get_by_label("你的姓名").fill("张小明")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="打印全文").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.printed") == 1
    page.emulate_media(media="print")
    shown = page.evaluate("""() => [...document.querySelector('.md-content article').children]
      .filter(el => getComputedStyle(el).display !== 'none').map(el => el.className || el.tagName)""")
    assert shown == ["copyable print-target"]
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("() => document.querySelectorAll('.print-target, .printing-block').length") == 0


def test_nothing_typed_is_stored(phone, site_url):
    page = open_letter(phone, site_url + LETTER)
    storage = "() => ({local: {...localStorage}, session: {...sessionStorage}, cookie: document.cookie})"
    before = page.evaluate(storage)  # Material's own keys (e.g. its palette), if any
    page.get_by_label("你的姓名").fill("张小明")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_role("button", name="复制全文").click()
    after = page.evaluate(storage)
    assert after == before, "typing into the letter wrote to storage"
    assert "13800000000" not in repr(after) and "张小明" not in repr(after)
    assert page.locator(".letter-form").get_attribute("autocomplete") == "off"
    assert phone.external_requests == []


@pytest.mark.parametrize("path", COPYABLE_PAGES)
def test_every_template_and_script_has_copy_and_print_buttons(phone, site_url, path):
    page = phone.page
    page.goto(site_url + path, wait_until="networkidle")
    blocks = page.locator(".md-content .copyable")
    expect(page.locator(".copy-print")).to_have_count(blocks.count())
    assert blocks.count() >= 1
    for bar in page.locator(".copy-print").all():
        names = bar.get_by_role("button").all_inner_texts()
        assert names == ["复制", "打印"]
    assert phone.external_requests == [] and phone.console_errors == []


def test_filled_letter_page_has_no_axe_violations(phone, site_url):
    page = open_letter(phone, site_url + "templates/negotiation/")
    page.get_by_label("你的姓名").fill("张小明")
    start_axe(page, ALL_RULES)
    result = finish_axe(page)
    assert not result.violations_count, result.generate_report()


def test_without_javascript_the_page_is_the_plain_template(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN", viewport=PHONE_390)
    try:
        page = context.new_page()
        page.goto(site_url + LETTER, wait_until="load")
        expect(page.locator(".letter-form")).to_be_hidden()
        assert page.locator(".copy-print").count() == 0
        assert page.locator('.letter-blank[data-field="name"]').all_inner_texts() == ["＿＿＿＿", "＿＿＿＿"]
        letter = page.locator(".copyable").first.inner_text()
        assert "本人：＿＿＿＿ 证件号码后四位：＿＿＿＿" in letter
    finally:
        context.close()
