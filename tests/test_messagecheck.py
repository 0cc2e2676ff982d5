"""消息自查 (messagecheck/): the corpus, the normalisation, the pattern subset, the data validation, the
command line, the build-time directives and the site wiring. The JavaScript is held to the same vectors in
tests/test_js_messagecheck.py and the page in tests/browser/test_message_check.py."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from copy_checks import copy_style_problems, traditional_problems
from support import ROOT
from messagecheck import MAX_CHARS, analyse, default_signals, normalise
from messagecheck.corpus import load_corpus
from messagecheck.export import page_data
from messagecheck.patterns import PatternProblem, check_pattern
from messagecheck.signals import (REQUIRED_SIGNALS, SIGNALS_FILE, SignalDataError, docs_anchors, heading_anchors,
                                  parse_signals)
from messagecheck.text import WHITESPACE

CORPUS = load_corpus()


# The corpus ---------------------------------------------------------------------------------------

def test_corpus_is_large_and_covers_every_group_and_signal():
    assert len(CORPUS) >= 40
    groups = {case["group"] for case in CORPUS}
    assert groups == {"official", "scam", "unlawful", "court", "lawyer", "police", "mixed"}
    assert sum(case["group"] == "official" for case in CORPUS) >= 10
    expected_ids = {sid for case in CORPUS for sid in case["signals"]}
    assert set(REQUIRED_SIGNALS) <= expected_ids
    assert {case["verdict"] for case in CORPUS} == {"scam-likely", "unlawful-pressure", "verify", "routine"}


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case["id"])
def test_corpus_message(case):
    analysis = analyse(case["text"], default_signals())
    assert analysis.verdict == case["verdict"]
    assert sorted(found.signal.id for found in analysis.found) == case["signals"]


def test_official_reminders_are_never_a_scam():
    # The false alarm the issue forbids: a real reminder ("请登录 App 还款") must come out routine.
    for case in CORPUS:
        if case["group"] == "official":
            assert analyse(case["text"], default_signals()).verdict == "routine", case["id"]


def test_court_messages_are_verify_unless_they_ask_for_money_or_a_link():
    # Courts do send SMS via 12368 (audit D3): a court claim alone is "可疑，先核实", never "诈骗".
    signals = default_signals()
    assert analyse("【××区人民法院】你与某某银行借款合同纠纷一案已立案，请拨打 12368 查询。", signals).verdict == "verify"
    assert analyse("你已被起诉，传票已生成，请点击 t.cn/x 查看传票", signals).verdict == "scam-likely"
    assert analyse("你已被起诉，请转账到执行专户", signals).verdict == "scam-likely"


def test_escalation_makes_a_collector_threatening_arrest_unlawful():
    signals = default_signals()
    bank = analyse("如仍不还款，我行将依法向公安机关报案，追究恶意透支的刑事责任。", signals)
    collector = analyse("再不还钱就等着坐牢，派出所马上上门抓你。", signals)
    assert bank.verdict == "verify" and collector.verdict == "unlawful-pressure"
    assert [f.kind for f in collector.found if f.signal.id == "police-arrest"] == ["unlawful"]


# Normalisation -------------------------------------------------------------------------------------

def test_whitespace_list_is_exactly_what_python_calls_space():
    assert sorted(WHITESPACE) == sorted(chr(c) for c in range(0x110000) if chr(c).isspace())


def test_normalise_full_width_zero_width_case_and_space():
    assert normalise("　２４小时内，ＡＰＰ\u200b下载\n\n\t看 ") == "24小时内,app下载 看"
    assert normalise("安\u200b全\ufeff账\u200d户") == "安全账户"
    assert analyse("请转账到安\u200b全\u200b账\u200b户", default_signals()).verdict == "scam-likely"
    assert analyse("请于２４小时内处理", default_signals()).found[0].signal.id == "deadline"


# The pattern subset ----------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern, code", [
    ("(?<=a)b", "pattern-group"), ("(?<!a)b", "pattern-group"), ("(?P<x>a)", "pattern-group"),
    ("(?<x>a)", "pattern-group"), ("(a)", "pattern-group"), ("(?i)a", "pattern-group"), ("(?s:a)", "pattern-group"),
    (r"\d+", "pattern-escape"), (r"\w", "pattern-escape"), (r"\s", "pattern-escape"), (r"a\b", "pattern-escape"),
    (r"\Aa", "pattern-escape"), (r"a\Z", "pattern-escape"), (r"\p{Han}", "pattern-escape"), (r"(?:a)\1", "pattern-escape"),
    (r"\u4e00", "pattern-escape"), (r"[\d]", "pattern-escape"),
    ("^a", "pattern-anchor"), ("a$", "pattern-anchor"),
    ("a++", "pattern-repeat"), ("a*+", "pattern-repeat"), ("a{,3}", "pattern-repeat"), ("a{3,}", "pattern-repeat"),
    ("a{2,99}", "pattern-repeat"), ("a{", "pattern-repeat"), ("*a", "pattern-repeat"),
    ("(?:a+)+", "pattern-nested-repeat"), ("(?:a|b{1,3})*", "pattern-nested-repeat"),
    ("a?", "pattern-empty-match"), ("(?:a|)", "pattern-empty-match"), ("(?=a)", "pattern-empty-match"),
    ("A", "pattern-not-normalised"), ("，", "pattern-not-normalised"), ("２", "pattern-not-normalised"),
    ("[[a]", "pattern-syntax"), ("[a--b]", "pattern-syntax"), ("a]", "pattern-syntax"), ("(?:a", "pattern-syntax"),
    ("a)", "pattern-syntax"), ("[b-a]", "pattern-syntax"), ("", "pattern-empty"),
])
def test_pattern_outside_the_subset_is_refused(pattern, code):
    with pytest.raises(PatternProblem) as problem:
        check_pattern(pattern)
    assert problem.value.code == code


@pytest.mark.parametrize("pattern", [
    "老赖|骗子", "(?:转|打)[^。!?;]{0,8}账户", r"www\.[a-z0-9-]+", "[a-z0-9.-]{1,40}", "a(?![a-z])",
    "(?:https?://)?x", "[0-9]{12}", r"\(\)\[\]\{\}\/\\\.", r"[\]\-\\]", "a*?b", "[^。!?;]{0,4}x",
])
def test_pattern_inside_the_subset_is_accepted(pattern):
    check_pattern(pattern)


# Data validation ---------------------------------------------------------------------------------------

def parse(text):
    from calculators.rules import load_sources

    return parse_signals(text, source_ids=load_sources(), anchors_of=docs_anchors())


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


@pytest.fixture(scope="module")
def data_text():
    return SIGNALS_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, code, message", [
    ("    label: 辱骂、恐吓", "    lable: 辱骂、恐吓", "unknown-field", "unknown field 'lable'"),
    ("      - '老赖|骗子", "      - '(?<=欠)老赖|骗子", "pattern-group", "bad pattern"),
    ("    link: collection/rules.md#威胁辱骂暴力", "    link: collection/rulez.md#威胁辱骂暴力", "unknown-link",
     "docs/collection/rulez.md does not exist"),
    ("    link: collection/rules.md#威胁辱骂暴力", "    link: collection/rules.md#威胁", "unknown-link",
     "has no heading with anchor"),
    ("    sources: [cba-cuishou-2026, xinyongka-banfa-2011, zhian-chufa-fa-2012, zhian-chufa-fa-2025-report]",
     "    sources: [cba-cuishou-2026, no-such-source, zhian-chufa-fa-2012, zhian-chufa-fa-2025-report]",
     "unknown-source", "unknown source id 'no-such-source'"),
    ("    kind: unlawful\n    patterns:\n      - '老赖", "    kind: scary\n    patterns:\n      - '老赖", "bad-kind",
     "kind must be one of"),
])
def test_bad_data_is_refused_at_its_line(data_text, old, new, code, message):
    assert old in data_text
    broken = data_text.replace(old, new, 1)
    with pytest.raises(SignalDataError) as error:
        parse(broken)
    first_changed = next(i for i, (a, b) in enumerate(zip(data_text.splitlines(), broken.splitlines()), 1) if a != b)
    assert error.value.code == code
    assert str(error.value).startswith(f"data/message_signals.yml:{first_changed}: ")
    assert message in str(error.value)


def test_duplicate_keys_and_missing_signals_are_refused(data_text):
    with pytest.raises(SignalDataError) as error:
        parse(data_text.replace("    label: 辱骂、恐吓", "    label: 辱骂\n    label: 辱骂、恐吓", 1))
    assert error.value.code == "duplicate-key"
    without_deadline = data_text[:data_text.index("  - id: deadline")]
    with pytest.raises(SignalDataError) as error:
        parse(without_deadline)
    assert error.value.code == "missing-signal" and "deadline" in str(error.value)


def test_heading_anchors_follow_the_toc_slugify_and_explicit_ids():
    anchors = heading_anchors("# 标题\n\n## 时间：晚上 10 点到早上 8 点\n\n```\n## 不是标题\n```\n\n## 来源 {#sources}\n")
    assert anchors == {"标题": "标题", "时间晚上-10-点到早上-8-点": "时间：晚上 10 点到早上 8 点", "sources": "来源"}


def test_signal_copy_follows_the_copy_conventions():
    signals = default_signals()
    texts = [v.sentence for v in signals.verdicts] + [v.title for v in signals.verdicts]
    texts += [t for s in signals.signals for t in (s.label, s.rule, s.todo)]
    for text in texts:
        assert copy_style_problems(text + "\n") == [], text
        assert traditional_problems(text) == [], text


def test_every_cited_source_is_listed_on_the_tool_page():
    front = (ROOT / "docs" / "tools" / "message-check.md").read_text(encoding="utf-8").split("---")[1]
    listed = set(re.search(r"sources: \[(.*)\]", front)[1].split(", "))
    assert set(default_signals().sources) <= listed


# Properties ---------------------------------------------------------------------------------------------

NOISE = st.one_of(st.text(), st.text(alphabet="０１２３４５６７８９ＡＢＣａｂｃ，。！？　"),
                  st.text(alphabet="😀🙏👍🏻‍♂️𠀀\u200b\u200d\ufeff"),
                  st.lists(st.sampled_from(["<script>", "</b>", "&amp;", "<img src=x onerror=1>", "老赖", "立案",
                                            "https://a.top/", "转账", "\n", "\r\n", "\u2028"])).map("".join))


@settings(max_examples=300, deadline=None)
@given(NOISE)
def test_analysis_never_throws_and_stays_in_the_text(message):
    analysis = analyse(message, default_signals())
    assert analysis.verdict in ("scam-likely", "unlawful-pressure", "verify", "routine")
    for found in analysis.found:
        assert found.matches and all(0 <= a < b <= len(analysis.text) for a, b in found.matches)
        assert all(b <= c for (_, b), (c, _) in zip(found.matches, found.matches[1:]))  # ordered, no overlap
    assert normalise(analysis.text) == analysis.text


PIECES = ["老赖", "立案", "转", "账户", "https://", "a.top", "<b>", "２４", "小时内", "😀", "\u200b", " ", "\n", "。",
          "上门", "联系", "家人", "验证码", "提供", "x", "滴"]


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=2**32), st.text(max_size=40))
def test_twenty_kilobytes_of_noise(seed, seed_text):
    import random

    rng = random.Random(seed)
    pieces = PIECES + list(seed_text or "噪")
    message = "".join(rng.choice(pieces) for _ in range(8000))[:20_000]
    message += "滴" * (20_000 - len(message))
    assert len(message) == 20_000
    analysis = analyse(message, default_signals())
    assert analysis.verdict in ("scam-likely", "unlawful-pressure", "verify", "routine")


# The command line -----------------------------------------------------------------------------------

def run_cli(*args, stdin: bytes):
    return subprocess.run([sys.executable, "-m", "messagecheck", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=60)


def test_cli_json_has_the_issue_shape():
    result = run_cli("check", "--json", stdin="已立案，点击查看传票 http://x.top/a".encode())
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == "scam-likely"
    assert [s["id"] for s in data["signals"]] == ["court-claim", "link"]
    assert set(data["signals"][0]) == {"id", "label", "evidence", "link"}
    assert data["signals"][0]["evidence"] == "立案"
    assert data["signals"][1]["link"] == "collection/verify.md#四步核实一条催收"


def test_cli_text_starts_with_the_verdict():
    result = run_cli("check", stdin="老赖，后果自负".encode())
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "结论：催收越界了（unlawful-pressure）"
    assert any("insult-threat" in line for line in lines)


@pytest.mark.parametrize("stdin, words", [
    (b"", "empty"), (b" \n\t\xe2\x80\x8b", "empty"), (b"\xff\xfe\x00", "not UTF-8"), ("您的借款已逾期".encode("gbk"), "not UTF-8"),
    (("滴" * (MAX_CHARS + 1)).encode(), "at most 5000"),
])
def test_cli_bad_input_exits_2_with_one_line(stdin, words):
    result = run_cli("check", "--json", stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode()
    assert err.count("\n") == 1 and words in err


def test_cli_takes_exactly_the_limit_and_refuses_bad_usage():
    assert run_cli("check", stdin=("滴" * MAX_CHARS).encode()).returncode == 0
    result = run_cli("frobnicate", stdin=b"x")
    assert result.returncode == 2 and result.stderr.decode().count("\n") == 1


# The build-time directives (hooks/message_check.py) ---------------------------------------------------

def render_page(markdown: str, page_dir: str = "collection/sms-examples"):
    from hooks.directives import find_directives
    from hooks.message_check import NAMES, render

    return [render(d, markdown, default_signals(), page_dir) for d in find_directives(markdown) if d.name in NAMES]


def test_example_directive_checks_the_example_above_and_escapes():
    markdown = ('!!! example "示例"\n    <b>老赖</b>，立即转账到安全账户\n\n```message-check\n```\n\n'
                '```message-check\ntext: "<i>已立案</i>"\n```\n')
    above, own = render_page(markdown)
    assert 'data-example-verdict="scam-likely"' in above
    assert 'data-example-signals="personal-account insult-threat"' in above
    assert "<b>" not in above and 'href="../rules/#让你把钱转到个人账户"' in above
    assert 'data-example-verdict="verify"' in own and "<i>" not in own
    assert 'href="../../tools/message-check/"' in own


def test_directive_problems_name_their_line():
    from hooks.directives import find_directives
    from hooks.message_check import render
    from hooks.problems import PageProblem

    markdown = "文字\n\n```message-check\n```\n\n```message-signals\nfoo: 1\n```\n\n```message-check\nfoo: 1\n```\n"
    directives = find_directives(markdown)
    lines = []
    for directive in directives:
        with pytest.raises(PageProblem) as problem:
            render(directive, markdown, default_signals(), "")
        lines.append(problem.value.line)
    assert lines == [3, 7, 11]


def test_signal_list_has_every_signal_and_no_data_signal():
    (html,) = render_page("```message-signals\n```\n", "tools/message-check")
    assert html.count('<li class="mc-static-signal ') == len(default_signals().signals)
    assert "data-signal" not in html
    assert 'href="../../collection/rules/#威胁辱骂暴力"' in html


# The site ----------------------------------------------------------------------------------------------

def test_the_site_ships_the_data_and_links_the_page(built_site):
    shipped = json.loads((built_site / "assets" / "messagecheck" / "signals.json").read_text(encoding="utf-8"))
    assert shipped == page_data(default_signals())
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - 在线计算器: calculator.md\n  - 消息自查: tools/message-check.md\n" in nav
    for page, href in [("index.html", "tools/message-check/"), ("collection/index.html", "../tools/message-check/"),
                       ("collection/sms-examples/index.html", "../../tools/message-check/")]:
        assert f'href="{href}"' in (built_site / page).read_text(encoding="utf-8"), page
    tool = (built_site / "tools" / "message-check" / "index.html").read_text(encoding="utf-8")
    assert "data-message-check" in tool and "data-signal=" not in tool
    examples = (built_site / "collection" / "sms-examples" / "index.html").read_text(encoding="utf-8")
    assert examples.count('class="mc-example"') >= 7


def test_benchmark_counts_right_alarms_and_misses():
    from benchmarks.messagecheck_eval import counts

    cases = [{"id": "a", "text": "老赖", "verdict": "unlawful-pressure", "signals": ["insult-threat"]},
             {"id": "b", "text": "请登录 App 还款", "verdict": "verify", "signals": ["court-claim"]}]
    result = counts(cases, default_signals())
    assert result["table"]["insult-threat"] == [1, 0, 0]
    assert result["table"]["court-claim"] == [0, 0, 1]
    assert result["table"]["verdict:routine"] == [0, 1, 0]
    assert result["verdicts_right"] == 1 and [m[0] for m in result["misses"]] == ["b"]
