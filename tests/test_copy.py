"""Every page passes the copy checks; the checks themselves catch what they claim to."""
import pytest

from support import ROOT
from copy_checks import bare_figure_problems, copy_style_problems, pinyin_problems, traditional_problems

FILES = sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "includes" / "abbreviations.md"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_copy(path):
    text = path.read_text(encoding="utf-8")
    problems = copy_style_problems(text) + traditional_problems(text) + pinyin_problems(text)
    problems += bare_figure_problems(text)
    assert not problems, "\n".join(f"{path.relative_to(ROOT)}:{line}: {message}" for line, message in problems)


def test_copy_style_catches_missing_spaces_and_half_width_punctuation():
    assert copy_style_problems("第一行没问题。\n欠款5000元,逾期30天\n") != []
    assert copy_style_problems("欠款 5000 元，逾期 30 天。\n") == []
    assert copy_style_problems("用App还款。\n")[0][0] == 1


def test_traditional_check_uses_opencc():
    problems = traditional_problems("简体没问题\n這筆債務發生在去年\n")
    assert [line for line, _ in problems] == [2]
    assert "這→这" in problems[0][1] and "發→发" in problems[0][1]
    assert traditional_problems("征信、违约金、罚息、复利") == []


def test_pinyin_debris_is_found():
    assert pinyin_problems("逾期發(fā)生后")[0][0] == 1
    assert pinyin_problems("发生（fā）了")[0][0] == 1
    assert pinyin_problems("LPR 是 loan prime rate") == []


@pytest.mark.parametrize("text", [
    "白条逾期后每天收 0.07% 的违约金。",
    "常见报道为每天 0.05%，花呗按日计息。",
    "信用卡最低还款额常见为 10％。",  # full-width percent sign
    "借呗、金条、微粒贷的罚息上浮 50%。",
    "说明\n\n- **消费贷**：罚息是 1.5 倍，折合 18.25 % 左右。",  # second line only; a space before %
])
def test_bare_figure_next_to_a_product_is_flagged(text):
    problems = bare_figure_problems(text)
    assert problems, text
    assert problems[0][0] == text.count("\n") + 1
    assert "{{ fig:KEY }}" in problems[0][1]


@pytest.mark.parametrize("text", [
    "白条逾期后每天收 {{ fig:jd-baitiao.daily_rate }} 的违约金。",
    '也有页面写 <span data-figure="quote">0.03% 或 0.05%</span>，白条以协议为准。',
    '信用卡透支利率曾有上限每天 <span data-figure="history">0.05%</span>。',
    '下表以消费贷合同日利率 <span data-figure="example">0.04%</span> 为例。',
    "分期每期 0.5% 不等于一年 6%。",  # no product named nearby
    "白条的说明很长很长很长很长很长很长很长很长很长很长很长很长很长，而手续费每期 0.5%。",  # too far away
    "白条写法是 `每天 0.07%` 这样。",  # code
    "```\n白条 0.07%\n```",  # fenced code
    "白条 [报道](https://example.com/%E7%99%BD5%E6) 说明。",  # a link target, not a percentage
])
def test_markers_marked_text_figures_code_and_distance_pass(text):
    assert bare_figure_problems(text) == []


def test_a_text_figure_needs_a_known_reason():
    problems = bare_figure_problems('花呗 <span data-figure="guess">0.05%</span>')
    assert len(problems) == 1 and "quote, history, example" in problems[0][1]
