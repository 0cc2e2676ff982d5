"""Figures the data owns, as text: `{{ fig:KEY }}` -> "0.07%". One lookup for every sentence that states one.

KEY is one of

    PRODUCT.PARAMETER          jd-baitiao.daily_rate -> 0.07%, consumer-loan.multiplier -> 1.5, credit-card.mode -> 全额计息
    PRODUCT.daily_rate.annual  the daily rate x 365, simple: jd-baitiao.daily_rate.annual -> 25.55%
    line.ID                    a reference line's annual rate: line.annual-24 -> 24%
    line.ID.multiple           the multiple of the LPR a line is defined by: line.lpr-4x.multiple -> 4
    lpr.one_year, lpr.five_year, lpr.date   the latest LPR fixing: 3.0%, 2026 年 1 月 20 日

Pages use markers in their prose (hooks/figures.py finds them, skipping code, and reports mistakes at their
line). The data file's own sentences (a product's assumptions and notes, a reference line's label and scope)
may use them too: ``with_data_figures`` resolves those once, when the rules are loaded, so tables, charts, the
CLI and the page calculator all print the figure the data holds, never one typed beside it.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .rules import PRODUCTS_FILE, DataError, Option, Rules
from .safe_yaml import excerpt

MARKER_RE = re.compile(r"\{\{(?P<inner>[^{}\n]*)\}\}")
VALID_INNER_RE = re.compile(r"\s*fig:\s*(?P<key>[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)+)\s*")
STRAY_RE = re.compile(r"\{\{|\}\}|\bfig:")


def chinese_date(date) -> str:
    return f"{date.year} 年 {date.month} 月 {date.day} 日"


def percent(rate) -> str:
    return f"{rate}%"


def option_value(option: Option, value) -> str:
    """One parameter's value as tables and prose print it: 0.07%, 1.5 (a multiplier), 全额计息, 30, 200 元."""
    if option.kind == "choice":
        return option.choice_labels[option.choices.index(value)]
    if option.kind == "percent" and option.unit is None:  # a multiplier is held like a percent but is not one
        return percent(value)
    if option.kind == "yuan":
        return f"{value} 元"
    return str(value)


class UnknownFigure(LookupError):
    """A marker that names nothing in the data, or cannot be read; ``code`` says which."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code  # "marker.malformed", "marker.unknown_product", "marker.unknown_field", "marker.unknown_line"
        self.message = message


def figure(key: str, rules: Rules) -> str:
    """The text for one KEY. Raises UnknownFigure."""
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


def marker_figure(marker: re.Match, rules: Rules) -> str:
    """The text for one MARKER_RE match. Raises UnknownFigure (with the marker, shortened, in the message)."""
    valid = VALID_INNER_RE.fullmatch(marker["inner"])
    if not valid:
        raise UnknownFigure("marker.malformed", f"figure marker: cannot read {excerpt(marker[0])}; write "
                                                "{{ fig:KEY }}, e.g. {{ fig:jd-baitiao.daily_rate }}")
    try:
        return figure(valid["key"], rules)
    except UnknownFigure as unknown:
        raise UnknownFigure(unknown.code, f"figure marker {excerpt(marker[0])}: {unknown.message}") from None


def stray_marker(text: str) -> UnknownFigure | None:
    """A `{{`, `}}` or `fig:` left once the well-formed markers are taken out: a marker typed wrong."""
    leftover = STRAY_RE.search(MARKER_RE.sub("", text))
    if not leftover:
        return None
    return UnknownFigure("marker.malformed", f"figure marker: stray {leftover[0]!r} (a marker is {{{{ fig:KEY }}}} "
                                             "on one line; to show braces, put them in `code`)")


def expand_text(text: str, rules: Rules) -> str:
    """Every marker in a plain sentence replaced. Raises UnknownFigure on the first bad one."""
    stray = stray_marker(text)
    if stray:
        raise stray
    return MARKER_RE.sub(lambda marker: marker_figure(marker, rules), text)


def with_data_figures(rules: Rules, path: Path = PRODUCTS_FILE) -> Rules:
    """The rules with markers in the data's own sentences resolved. Raises DataError naming entry and field."""
    def expand(where: str, text: str) -> str:
        if "{{" not in text and "}}" not in text and "fig:" not in text:
            return text
        try:
            return expand_text(text, rules)
        except UnknownFigure as unknown:
            raise DataError(path, None, f"{where}: {unknown.message}", code=unknown.code) from None

    products = {}
    for product_id, product in rules.products.items():
        where = f"product {product_id!r} field"
        products[product_id] = replace(
            product,
            effective_note=expand(f"{where} 'effective_note'", product.effective_note),
            confidence_note=expand(f"{where} 'confidence_note'", product.confidence_note),
            assumptions=tuple(expand(f"{where} 'assumptions'", text) for text in product.assumptions))
    lines = tuple(replace(line, label=expand(f"reference line {line.id!r} field 'label'", line.label),
                          scope=expand(f"reference line {line.id!r} field 'scope'", line.scope))
                  for line in rules.reference_lines)
    return replace(rules, products=products, reference_lines=lines)
