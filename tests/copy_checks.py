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


# A percentage typed next to a product's name is almost always a figure the data owns (hooks/figures.py):
# write {{ fig:KEY }}, or wrap a figure that is deliberately text — a quotation of conflicting reports, a rule
# that no longer applies, an example a table uses — in <span data-figure="quote|history|example">…</span>.
PRODUCT_NAMES = ("白条", "花呗", "借呗", "金条", "微粒贷", "信用卡", "消费贷")
TEXT_FIGURE_KINDS = ("quote", "history", "example")  # the same list as hooks/figures.py
FIGURE_WINDOW = 20  # characters either side of the percentage
PERCENT_RE = re.compile(r"\d+(?:\.\d+)?\s*[%％]")
TEXT_FIGURE_RE = re.compile(r'<span data-figure="(?P<kind>[^"]*)">(?P<body>.*?)</span>')
NOT_PROSE_RE = re.compile(r"(?P<ticks>`+).+?(?P=ticks)"  # inline code
                          r"|\{\{[^{}\n]*\}\}"  # figure markers
                          r"|\]\([^)\s]*\)|https?://\S+"  # link targets: %E4%BD… is not a percentage
                          r"|<!--.*?-->")
FENCE_LINE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def bare_figure_problems(text: str) -> list[tuple[int, str]]:
    """A percentage within FIGURE_WINDOW characters of a product name, in prose, that is neither a marker nor
    wrapped as a deliberate text figure; and any such wrapper with an unknown reason."""
    problems = []
    fence = None
    for number, line in enumerate(text.splitlines(), start=1):
        opening = FENCE_LINE_RE.match(line)
        if fence:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening[1]
            continue
        for span in TEXT_FIGURE_RE.finditer(line):
            if span["kind"] not in TEXT_FIGURE_KINDS:
                problems.append((number, f"data-figure={span['kind']!r}: the reason must be one of "
                                         f"{', '.join(TEXT_FIGURE_KINDS)}"))
        prose = TEXT_FIGURE_RE.sub(lambda m: " " * len(m[0]), line)
        prose = NOT_PROSE_RE.sub(lambda m: " " * len(m[0]), prose)
        for match in PERCENT_RE.finditer(prose):
            window = prose[max(0, match.start() - FIGURE_WINDOW):match.end() + FIGURE_WINDOW]
            names = [name for name in PRODUCT_NAMES if name in window]
            if names:
                problems.append((number, f"{match[0]!r} next to {names[0]}: a figure the data owns is written "
                                         "{{ fig:KEY }}; a quotation, an old rule or an example is wrapped in "
                                         '<span data-figure="quote|history|example">…</span>'))
    return problems
