"""Inline data figures in pages: `{{ fig:KEY }}` in prose becomes the figure data/products.yml holds.

A rate, multiplier, reference line or LPR typed by hand in a sentence stays as it was when the data
changes; a marker cannot. The keys and their formatting are calculators.figures (the same lookup resolves
markers in the data file's own sentences); this module finds markers in Markdown. Markers in code (fenced
blocks, `inline code`) stay literal, so a page can show the syntax. Any other `{{`, `}}` or `fig:` in prose
is a mistake and is reported at its line, as is an unknown product, parameter or line.

A figure that is deliberately text — a quotation of conflicting reports, a rule that no longer applies,
an example a table uses — is wrapped so readers of the source know it was not forgotten, and the copy
check (tests/copy_checks.py) and the mutation test (tests/test_data_mutation.py) accept it:

    也有报道为 <span data-figure="quote">0.03%</span>

Pure: ``expand_figures(text, page_path, rules)`` takes Markdown and returns Markdown and problems; the
MkDocs hook (hooks/inline_figures.py) only reports them. Nothing here needs MkDocs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from calculators.figures import MARKER_RE, UnknownFigure, figure, marker_figure, stray_marker
from calculators.rules import Rules

__all__ = ["TEXT_FIGURE_KINDS", "FigureProblem", "FigureResult", "MARKER_RE", "expand_figures", "figure"]

# Why a figure may stay as text (the value of data-figure="…"); the copy check knows the same list.
TEXT_FIGURE_KINDS = ("quote", "history", "example")

FENCE_RE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
CODE_SPAN_RE = re.compile(r"(?P<ticks>`+).+?(?P=ticks)")


@dataclass(frozen=True)
class FigureProblem:
    """One bad marker; ``code`` says what is wrong (tests and tools compare codes, never sentences)."""

    path: str
    line: int  # 1-based, in the text given (plus the caller's first_line offset)
    code: str  # "marker.malformed", "marker.unknown_product", "marker.unknown_field", "marker.unknown_line"
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class FigureResult:
    text: str
    problems: list[FigureProblem] = field(default_factory=list)


def fenced_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (its fences included): markers there stay literal."""
    flags, fence = [], None
    for line in lines:
        opening = FENCE_RE.match(line)
        if fence is not None:
            flags.append(True)
            if opening and opening["fence"][0] == fence[0] and len(opening["fence"]) >= len(fence) \
                    and not line.strip()[len(opening["fence"]):].strip():
                fence = None
            continue
        if opening:
            fence = opening["fence"]
        flags.append(bool(opening))
    return flags


def expand_figures(text: str, page_path: str, rules: Rules, *, first_line: int = 1) -> FigureResult:
    """Replace every marker in ``text``; a bad one is left as it was and reported at its line.

    ``first_line`` is the source-file line of the text's first line (front matter comes before it).
    Line count never changes, so later line numbers (directives, other hooks) stay right.
    """
    result = FigureResult(text="")
    out, lines = [], text.split("\n")
    for number, (line, in_code) in enumerate(zip(lines, fenced_lines(lines)), start=first_line):
        if in_code:  # fenced code is shown as written
            out.append(line)
            continue
        pieces, cursor = [], 0
        for code in CODE_SPAN_RE.finditer(line):  # `inline code` is kept as it is
            pieces += [_expand_prose(line[cursor:code.start()], number, page_path, rules, result.problems), code[0]]
            cursor = code.end()
        pieces.append(_expand_prose(line[cursor:], number, page_path, rules, result.problems))
        out.append("".join(pieces))
    result.text = "\n".join(out)
    return result


def _expand_prose(chunk: str, number: int, page_path: str, rules: Rules, problems: list) -> str:
    def replace(match: re.Match) -> str:
        try:
            return marker_figure(match, rules)
        except UnknownFigure as unknown:
            problems.append(FigureProblem(page_path, number, unknown.code, unknown.message))
            return match[0]

    expanded = MARKER_RE.sub(replace, chunk)
    stray = stray_marker(chunk)
    if stray:
        problems.append(FigureProblem(page_path, number, stray.code, stray.message))
    return expanded
