"""Money and rate helpers: exact decimals, explicit rounding.

Money is held as an integer number of fen (分). Rates are Decimal percentages
("0.05" means 0.05% per day). Arithmetic never touches float: every rounding
point in the package goes through ``round_half_up_fen`` or ``round_rate``.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from .errors import InputError
from .safe_yaml import EXCERPT_LIMIT
from .number_text import read_number

FEN_PER_YUAN = 100
HUNDRED = Decimal(100)


def parse_decimal(value: object, what: str) -> Decimal:
    """A number from a reader's text (SPEC.md, section 1.1), or from an int or Decimal; never through float."""
    if isinstance(value, str):
        return read_number(value, what)
    if isinstance(value, float) and math.isfinite(value):
        # Not reader text (YAML is read as Decimal); repr() is the shortest exact spelling of the float.
        return Decimal(repr(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return value
    raise InputError("not_a_number", what, raw=value)


def yuan_to_fen(amount: Decimal, what: str = "amount") -> int:
    """Whole fen from a yuan amount; refuses fractions of a fen rather than guessing."""
    fen = amount * FEN_PER_YUAN
    if fen != fen.to_integral_value():
        raise InputError("decimals", what, kind="fen", value=_plain_excerpt(amount))
    return int(fen)


def _plain_excerpt(number: Decimal) -> str:
    """A Decimal as written (0.00000000000000000001, not 1E-20), cut short like any value in a message."""
    text = f"{number:f}"
    return text if len(text) <= EXCERPT_LIMIT else text[: EXCERPT_LIMIT - 1] + "…"


def round_half_up_fen(exact_fen: Decimal) -> int:
    """Round an exact amount of fen to a whole fen, halves away from zero (四舍五入)."""
    return int(exact_fen.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_of(base_fen: int | Decimal, percent: Decimal) -> Decimal:
    """Exact fen: ``percent`` % of ``base_fen``, unrounded."""
    return Decimal(base_fen) * percent / HUNDRED


def round_rate(percent: Decimal, places: int = 2) -> Decimal:
    """A rate for display, half-up to ``places`` decimals of a percent."""
    return percent.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fen_to_str(fen: int) -> str:
    """'1234.50' style: exactly two decimals, no separators (the JSON/CLI form)."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{whole}.{part:02d}"


def fen_to_display(fen: int) -> str:
    """'1,234.50' style, for tables read by people."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{whole:,}.{part:02d}"
