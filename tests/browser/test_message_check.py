"""消息自查 in Chromium: the page gives the corpus's verdicts and signals, the same as Python, with the message
put in the textarea the way paste or dictation does it (an `input` event, no key pressed); the message is only
ever text; the static list carries no data-signal; the SMS examples' build-time analyses match the tool; the
page fits a phone. Off-site requests and console errors fail every test (see conftest.py)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from playwright.sync_api import expect

from messagecheck import analyse, default_signals
from messagecheck.corpus import load_corpus

TOOL = "tools/message-check/"

# Counts key events, so a test can prove the result came without any key press.
COUNT_KEYS = """() => { window.keyEvents = 0;
  for (const type of ['keydown', 'keypress', 'keyup']) document.addEventListener(type, () => window.keyEvents++, true); }"""

# Puts text in the textarea as paste or dictation does: value set, one `input` event, no key event.
PASTE = """text => { const box = document.querySelector('#mc-input'); box.value = text;
  box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste', data: text})); }"""

READ = """() => { const result = document.querySelector('.mc-result');
  return {verdict: result.getAttribute('data-verdict'),
          signals: [...document.querySelectorAll('[data-signal]')].map(el => el.dataset.signal),
          marks: [...result.querySelectorAll('mark')].map(el => el.textContent),
          elements: [...result.querySelectorAll('*')].map(el => el.tagName.toLowerCase())}; }"""

RESULT_TAGS = {"p", "strong", "blockquote", "mark", "ol", "li", "span", "a"}


@pytest.fixture(scope="module")
def tool_tab(open_tab, site_url):
    guarded = open_tab("phone")
    page = guarded.page
    page.goto(site_url + TOOL, wait_until="load")
    expect(page.locator("#mc-input")).to_be_visible()
    page.evaluate(COUNT_KEYS)
    yield guarded
    assert guarded.external_requests == [], guarded.external_requests
    assert guarded.console_errors == [], guarded.console_errors
    guarded.context.close()


def paste(page, text: str) -> dict:
    page.evaluate(PASTE, text)
    return page.evaluate(READ)


def test_before_any_input_there_is_no_verdict_and_no_signal(tool_tab):
    page = tool_tab.page
    state = paste(page, "")
    assert state["verdict"] is None and state["signals"] == []
    # The build-time list explains every signal, without data-signal (tests read only found ones).
    assert page.locator(".mc-static-signal").count() == len(default_signals().signals)


@pytest.mark.parametrize("case", load_corpus(), ids=lambda case: case["id"])
def test_the_page_agrees_with_the_corpus_and_python(tool_tab, case):
    page = tool_tab.page
    state = paste(page, case["text"])
    python = analyse(case["text"], default_signals())
    assert state["verdict"] == case["verdict"] == python.verdict
    assert sorted(state["signals"]) == case["signals"]
    assert state["signals"] == [found.signal.id for found in python.found]  # same order as the data
    assert page.evaluate("window.keyEvents") == 0
    assert set(state["elements"]) <= RESULT_TAGS
    if case["signals"]:
        assert state["marks"] and all(mark in python.text for mark in state["marks"])
    # The verdict sentence comes first, before any signal.
    first = page.locator(".mc-result > *").first
    expect(first).to_have_class("mc-verdict mc-kind-" + python_kind(python.verdict))


def python_kind(verdict_id: str) -> str:
    return default_signals().verdict(verdict_id).kind


def test_a_message_is_shown_as_text_never_as_html(tool_tab):
    page = tool_tab.page
    message = ('<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
               '<b>老赖</b>，<a href="javascript:window.pwned=3">点击链接</a> 交 500 元手续费')
    state = paste(page, message)
    assert state["verdict"] == "scam-likely"
    assert set(state["elements"]) <= RESULT_TAGS
    assert page.locator(".mc-result img, .mc-result script, .mc-result b").count() == 0
    assert "<img src=x" in page.locator(".mc-text").text_content()
    assert page.evaluate("window.pwned") is None


HTML_BITS = st.sampled_from(["<img src=x onerror=window.pwned=1>", "<b>", "</mark>", "<script>window.pwned=1</script>",
                             "&lt;", "&amp;", "<svg onload=window.pwned=1>", '"><iframe>', "<!--", "]]>"])
WORDS = st.sampled_from(["老赖", "立案", "传票", "安全账户", "点击链接", "https://a.top/x", "上门", "今天内",
                         "验证码", "😀", "２４小时内", "\u200b", "\n", " "])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(HTML_BITS, WORDS, st.text(max_size=8)), min_size=1, max_size=12).map("".join))
def test_no_text_ever_becomes_markup(tool_tab, message):
    page = tool_tab.page
    state = paste(page, message)
    assert set(state["elements"]) <= RESULT_TAGS
    assert page.evaluate("window.pwned") is None
    python = analyse(message, default_signals())
    assert (state["verdict"] or "routine") == python.verdict
    assert state["signals"] == [found.signal.id for found in python.found]


def test_results_fit_a_phone_and_clear_resets(tool_tab):
    page = tool_tab.page
    paste(page, "请点击 https://" + "x" * 300 + ".top/" + "y" * 200 + " 查看传票并缴纳保证金，" + "老赖" * 200)
    width = page.evaluate("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert width[0] <= width[1], f"the result scrolls sideways on a phone: {width}"
    page.locator(".mc-clear").click()
    assert page.evaluate(READ)["verdict"] is None
    expect(page.locator("#mc-input")).to_be_focused()


def test_sms_examples_agree_with_the_tool(open_tab, site_url):
    guarded = open_tab("desktop")
    try:
        page = guarded.page
        page.goto(site_url + "collection/sms-examples/", wait_until="load")
        examples = page.evaluate("""() => [...document.querySelectorAll('.mc-example')].map(el => {
          let box = el.previousElementSibling;
          while (box && !box.classList.contains('example')) box = box.previousElementSibling;
          return {verdict: el.dataset.exampleVerdict, signals: el.dataset.exampleSignals,
                  text: [...box.querySelectorAll('p:not(.admonition-title)')].map(p => p.textContent).join('\\n')};
        })""")
        assert len(examples) >= 7
        page.goto(site_url + TOOL, wait_until="load")
        expect(page.locator("#mc-input")).to_be_visible()
        for example in examples:
            state = paste(page, example["text"])
            assert state["verdict"] == example["verdict"], example["text"]
            assert " ".join(state["signals"]) == example["signals"]
        assert guarded.external_requests == [] and guarded.console_errors == []
    finally:
        guarded.context.close()


@pytest.mark.parametrize("size, scheme", [("phone", "light"), ("desktop", "dark")])
def test_results_pass_axe(open_tab, site_url, size, scheme):
    from test_a11y import ALL_RULES, COLOUR_RULES, finish_axe, start_axe

    guarded = open_tab(size, scheme)
    try:
        page = guarded.page
        page.goto(site_url + TOOL, wait_until="load")
        expect(page.locator("#mc-input")).to_be_visible()
        paste(page, "【××律师事务所】老赖，你已被立案，24 小时内不还款就联系你的家人和单位，"
                    "请点击 t.cn/x 缴纳保证金，转账到安全账户，并提供验证码。")
        expect(page.locator("[data-signal]").first).to_be_visible()
        page.locator("#mc-input").focus()
        start_axe(page, ALL_RULES if scheme == "light" else COLOUR_RULES, {"include": [[".md-content"]]})
        result = finish_axe(page)
        assert not result.violations_count, result.generate_report()
        assert guarded.external_requests == [] and guarded.console_errors == []
    finally:
        guarded.context.close()
