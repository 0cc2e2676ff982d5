"""Money and rate helpers: exact decimals, explicit rounding.

Money is held as an integer number of fen (分). Rates are Decimal percentages
("0.05" means 0.05% per day). Arithmetic never touches float: every rounding
point in the package goes through ``round_half_up_fen`` or ``round_rate``.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN_PER_YUAN = 100
HUNDRED = Decimal(100)


class InputError(ValueError):
    """A value a reader or editor typed is unusable; the message says why, in one line."""


def parse_decimal(value: object, what: str) -> Decimal:
    """Read a number from text, int or Decimal without going through float."""
    if isinstance(value, bool):
        raise InputError(f"{what} must be a number, not {value!r}")
    if isinstance(value, float):
        # YAML hands us floats for "0.07"; repr() is the shortest exact spelling of what was typed.
        value = repr(value)
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise InputError(f"{what} must be a number, got {value!r}") from None
    if not number.is_finite():
        raise InputError(f"{what} must be a finite number, got {value!r}")
    return number


def yuan_to_fen(amount: Decimal, what: str = "amount") -> int:
    """Whole fen from a yuan amount; refuses fractions of a fen rather than guessing."""
    fen = amount * FEN_PER_YUAN
    if fen != fen.to_integral_value():
        raise InputError(f"{what} must have at most two decimals (whole fen), got {amount}")
    return int(fen)


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
