"""Refused input as data: a stable code, the field it concerns, and the values the message needs.

An ``InputError`` is built from a code (SPEC.md, section 2.2), never from a sentence: its English line (what the
command line and the build print) is rendered here from the code, and the page's Chinese message is rendered
from the same code by calculators/export.py. Nothing reads a message back to find out what went wrong.
"""
from __future__ import annotations

from .safe_yaml import excerpt

# English lines keyed "<code>.<kind>" or "<code>". ``kind`` picks a variant where one code needs different
# words (the amount and days overdue have fixed limits; options describe theirs). Placeholders come from the
# keyword arguments of InputError; {field} is the field's name, {raw} what was typed (quoted, cut short).
ENGLISH = {
    "empty": "{field} must be a number, got {raw}",
    "not_a_number": "{field} must be a number, got {raw}",
    "grouping": "{field} must be a number with commas only between groups of three digits (1,000 or 10,000.5), "
                "got {raw}",
    "range.amount": "{field} must be more than 0 and at most {max} yuan, got {raw}",
    "range.days_overdue": "{field} must be a whole number from 1 to {max}, got {raw}",
    "range.fee_rate": "{field} must be more than 0 and at most {max} (% per period), got {raw}",
    "range.periods": "{field} must be a whole number from 2 to {max}, got {raw}",
    "range": "{field} must be {allowed}, got {raw}",
    "whole": "{field} must be a whole number of days, got {raw}",
    "decimals.fen": "{field} must have at most two decimals (whole fen), got {value}",
    "decimals.yuan": "{field} must have at most two decimals (whole fen), got {raw}",
    "decimals.percent": "{field} may have at most {places} decimals, got {raw}",
    "too_small": "{field} is too small: less than one fen (0.01 yuan), got {raw}",
    "choice": "{field} must be {allowed}, got {raw}",
    "required": "{product} needs {field} ({help})",
    "unknown_product": "unknown product {raw} (known products: {known})",
    "unknown_option": "option {field!r} does not apply to {product} (allowed: {allowed})",
    "paid_not_less": "{field} must be less than amount (if you paid the whole statement there is nothing overdue)",
    "due_not_less": "{field} must be less than cycle_days ({cycle}), got {raw}",
    "unknown_reference_line": "unknown reference line {raw} (known: {known})",
    "no_products": "a chart needs at least one product",
    "reference_inputs": "reference cost needs a positive principal, days >= 1 and a rate >= 0, "
                        "got {principal_fen} fen, {days} days, {rate}%",
}


class InputError(ValueError):
    """A value a reader or editor typed is unusable.

    ``code`` says what is wrong, ``field`` where (``amount``, ``days``, an option name, or None), ``kind`` which
    wording of the code applies, ``context`` the values the message shows (``raw``: what was typed). ``str()``
    is the one-line English message.
    """

    def __init__(self, code: str, field: str | None = None, *, kind: str | None = None, **context):
        self.code = code
        self.field = field
        self.kind = kind
        self.context = context
        super().__init__(english_message(code, field, kind, context))


def english_message(code: str, field: str | None, kind: str | None, context: dict) -> str:
    template = ENGLISH.get(f"{code}.{kind}") or ENGLISH.get(code)
    if template is None:  # a raise site with a code nobody wrote words for: a bug, say so plainly
        raise KeyError(f"InputError code {code!r} (kind {kind!r}) has no English message in calculators/errors.py")
    shown = {name: excerpt(value) if name == "raw" else value for name, value in context.items()}
    return template.format(field=field, **shown)
