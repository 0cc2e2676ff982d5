"""Inline data figures: `{{ fig:KEY }}` in a page's prose becomes the figure data/products.yml holds.

A rate, multiplier, reference line or LPR typed by hand in a sentence stays as it was when the data
changes; a marker cannot. KEY is one of

    PRODUCT.PARAMETER          jd-baitiao.daily_rate -> 0.07%, consumer-loan.multiplier -> 1.5
    PRODUCT.daily_rate.annual  the daily rate x 365, simple: jd-baitiao.daily_rate.annual -> 25.55%
    line.ID                    a reference line's annual rate: line.annual-24 -> 24%
    line.ID.multiple           the multiple of the LPR a line is defined by: line.lpr-4x.multiple -> 4
    lpr.one_year, lpr.five_year, lpr.date   the latest LPR fixing: 3.0%, 2026 年 1 月 20 日

and is formatted as the tables format it (hooks.render). Markers in code (fenced blocks, `inline code`)
stay literal, so a page can show the syntax. Any other `{{`, `}}` or `fig:` in prose is a mistake and is
reported, as is an unknown product, parameter or line.

A figure that is deliberately text — a quotation of conflicting reports, a rule that no longer applies,
an example a table uses — is wrapped so readers of the source know it was not forgotten, and the copy
check (tests/copy_checks.py) accepts it:

    也有报道为 <span data-figure="quote">0.03%</span>

Pure: ``expand_figures(text, page_path, rules)`` takes Markdown and returns Markdown and problems; the
MkDocs hook (hooks/inline_figures.py) only reports them. Nothing here needs MkDocs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from calculators.rules import Rules
from calculators.safe_yaml import excerpt
from hooks.render import chinese_date, option_value, percent

# Why a figure may stay as text (the value of data-figure="…"); the copy check knows the same list.
TEXT_FIGURE_KINDS = ("quote", "history", "example")

MARKER_RE = re.compile(r"\{\{(?P<inner>[^{}\n]*)\}\}")
VALID_INNER_RE = re.compile(r"\s*fig:\s*(?P<key>[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)+)\s*")
STRAY_RE = re.compile(r"\{\{|\}\}|\bfig:")
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


class UnknownFigure(LookupError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def figure(key: str, rules: Rules) -> str:
    """The text for one KEY. Raises UnknownFigure(code, message)."""
    head, *rest = key.split(".")
    if head == "lpr":
        return _lpr_figure(rest, rules)
    if head == "line":
        return _line_figure(rest, rules)
    if head not in rules.products:
        raise UnknownFigure("marker.unknown_product", f"unknown product {excerpt(head)} (known: "
                                                      f"{', '.join(rules.products)}, or line.ID, lpr.FIELD)")
    product = rules.products[head]
    options = {option.name: option for option in product.options}
    known = [name for name in options if name in product.parameters]
    if "daily_rate" in known:
        known.append("daily_rate.annual")
    name = ".".join(rest)
    if name == "daily_rate.annual" and "daily_rate" in product.parameters:
        return percent(product.parameters["daily_rate"] * 365)
    if name not in known:
        why = "has no value in the data for" if name in options else "has no parameter"
        raise UnknownFigure("marker.unknown_field", f"{head} {why} {excerpt(name)} (known: {', '.join(known)})")
    return option_value(options[name], product.parameters[name])


def _lpr_figure(rest: list[str], rules: Rules) -> str:
    latest = rules.latest_lpr
    values = {"one_year": percent(latest.one_year), "five_year": percent(latest.five_year),
              "date": chinese_date(latest.date)}
    name = ".".join(rest)
    if name not in values:
        raise UnknownFigure("marker.unknown_field", f"lpr has no field {excerpt(name)} (known: {', '.join(values)})")
    return values[name]


def _line_figure(rest: list[str], rules: Rules) -> str:
    lines = {line.id: line for line in rules.reference_lines}
    line_id, *field_name = rest
    if line_id not in lines:
        raise UnknownFigure("marker.unknown_line", f"unknown reference line {excerpt(line_id)} "
                                                   f"(known: {', '.join(lines)})")
    line = lines[line_id]
    if not field_name:
        return percent(line.rate)
    # Only a line derived from the LPR has a basis; its multiple is its rate over the LPR it was derived from
    # (exact in Decimal: the rate is that product).
    if field_name == ["multiple"] and line.basis:
        return str((line.rate / rules.latest_lpr.one_year).normalize())
    known = "multiple" if line.basis else "none: this line is not a multiple of the LPR"
    raise UnknownFigure("marker.unknown_field", f"line {line_id} has no field {excerpt('.'.join(field_name))} "
                                                f"(known: {known})")


def _prose_ranges(line: str) -> list[tuple[int, int]]:
    """Character ranges of a line outside inline code spans."""
    ranges, cursor = [], 0
    for span in CODE_SPAN_RE.finditer(line):
        ranges.append((cursor, span.start()))
        cursor = span.end()
    ranges.append((cursor, len(line)))
    return ranges


def expand_figures(text: str, page_path: str, rules: Rules, *, first_line: int = 1) -> FigureResult:
    """Replace every marker in ``text``; a bad one is left as it was and reported at its line.

    ``first_line`` is the source-file line of the text's first line (front matter comes before it).
    Line count never changes, so later line numbers (directives, other hooks) stay right.
    """
    result = FigureResult(text="")
    out, fence = [], None
    for number, line in enumerate(text.split("\n"), start=first_line):
        opening = FENCE_RE.match(line)
        if fence is not None:
            if opening and opening["fence"][0] == fence[0] and len(opening["fence"]) >= len(fence) \
                    and not line.strip()[len(opening["fence"]):].strip():
                fence = None
            out.append(line)
            continue
        if opening:
            fence = opening["fence"]
            out.append(line)
            continue
        pieces = []
        for start, end in _prose_ranges(line):
            pieces.append(_expand_prose(line[start:end], number, page_path, rules, result.problems))
            pieces.append(line[end:_next_start(line, end)])
        out.append("".join(pieces))
    result.text = "\n".join(out)
    return result


def _next_start(line: str, end: int) -> int:
    """End of the code span that starts at ``end`` (or ``end`` itself at the end of the line)."""
    span = CODE_SPAN_RE.match(line, end)
    return span.end() if span else end


def _expand_prose(chunk: str, number: int, page_path: str, rules: Rules, problems: list) -> str:
    def replace(match: re.Match) -> str:
        valid = VALID_INNER_RE.fullmatch(match["inner"])
        if not valid:
            problems.append(FigureProblem(page_path, number, "marker.malformed",
                                          f"figure marker: cannot read {excerpt(match[0])}; write {{{{ fig:KEY }}}}, "
                                          f"e.g. {{{{ fig:jd-baitiao.daily_rate }}}}"))
            return match[0]
        try:
            return figure(valid["key"], rules)
        except UnknownFigure as unknown:
            problems.append(FigureProblem(page_path, number, unknown.code,
                                          f"figure marker {excerpt(match[0])}: {unknown.message}"))
            return match[0]

    expanded = MARKER_RE.sub(replace, chunk)
    leftover = STRAY_RE.search(MARKER_RE.sub("", chunk))
    if leftover:
        problems.append(FigureProblem(page_path, number, "marker.malformed",
                                      f"figure marker: stray {leftover[0]!r} (a marker is {{{{ fig:KEY }}}} on one line; "
                                      "to show braces, put them in `code`)"))
    return expanded
