"""Every page passes the copy checks; the checks themselves catch what they claim to."""
import pytest

from support import ROOT
from copy_checks import copy_style_problems, pinyin_problems, traditional_problems

FILES = sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "includes" / "abbreviations.md"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_copy(path):
    text = path.read_text(encoding="utf-8")
    problems = copy_style_problems(text) + traditional_problems(text) + pinyin_problems(text)
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
