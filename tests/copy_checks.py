"""Copy checks for Chinese pages: 中文文案排版指北 (autocorrect-py), Simplified script (OpenCC), stray pinyin.

Each check returns (line, message) pairs so failures read as `docs/page.md:LINE: message`.
"""
from __future__ import annotations

import re
from functools import lru_cache

import autocorrect_py
import opencc

# A toned pinyin syllable right after a Hanzi, often in brackets: the debris of a bad conversion, e.g. 發(fā).
TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_AFTER_HANZI = re.compile(rf"[\u4e00-\u9fff][（(]?[a-zü]*[{TONE_MARKS}][a-zü{TONE_MARKS}]*[）)]?")


@lru_cache(maxsize=1)
def _to_simplified():
    return opencc.OpenCC("t2s")


def copy_style_problems(text: str) -> list[tuple[int, str]]:
    """Lines autocorrect-py would rewrite (spacing between CJK and Latin/digits, punctuation width)."""
    fixed = autocorrect_py.format_for(text, "md") if hasattr(autocorrect_py, "format_for") else autocorrect_py.format(text)
    problems = []
    for number, (line, wanted) in enumerate(zip(text.splitlines(), fixed.splitlines()), start=1):
        if line != wanted:
            problems.append((number, f"copy style: write {wanted.strip()[:80]!r}"))
    return problems


def traditional_problems(text: str) -> list[tuple[int, str]]:
    """Characters that OpenCC t2s would change: Traditional-only forms in a Simplified page."""
    convert = _to_simplified().convert
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        simplified = convert(line)
        if simplified != line:
            pairs = sorted({f"{a}→{b}" for a, b in zip(line, simplified) if a != b})
            problems.append((number, "Traditional characters: " + ", ".join(pairs)))
    return problems


def pinyin_problems(text: str) -> list[tuple[int, str]]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = PINYIN_AFTER_HANZI.search(line)
        if match:
            problems.append((number, f"pinyin with tone marks after a character: {match.group(0)!r}"))
    return problems
