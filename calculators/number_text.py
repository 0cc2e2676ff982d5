"""How a reader writes a number: the one syntax rule for every number typed into the calculators.

Specified in calculators/SPEC.md, section 1.1, and implemented a second time by the page
(docs/javascripts/calculator.js, ``TextReader``); the vectors (``python -m calculators vectors``) hold the two
together. In short: only ASCII, full-width forms, the ideographic space and full stop, and no-break space are
accepted; NFKC turns full-width forms into ASCII; the ideographic full stop 。 is a decimal point; surrounding
whitespace is dropped; what is left must be plain decimal digits with at most one point and, optionally,
commas between groups of three digits. No exponents, no infinity or NaN, no underscores, no units.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from .errors import InputError

# The characters a number may contain before normalisation. NFKC is stable for assigned characters, and
# all of these have been assigned since Unicode 1.1, so Python and every browser normalise them alike; other
# characters (superscripts ², circled ①, digits of other scripts, characters that later Unicode versions map
# to digits) are refused before NFKC could turn them into digits that the reader did not type.
ALPHABET = re.compile(r"[\x00-\x7f\u00a0\u3000\u3002\uff01-\uff5e]*")
IDEOGRAPHIC_FULL_STOP = "\u3002"  # 。 as typed with a Chinese keyboard: a decimal point
WHITESPACE = " \t\n\r\f\v"  # after NFKC: U+3000 and U+00A0 have become spaces
NUMBER = re.compile(r"([+-]?)(?:([0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.([0-9]*))?|\.([0-9]+))")
# The same with commas anywhere in the whole part: matches what is a number but for where its commas are.
MISGROUPED = re.compile(r"[+-]?[0-9,]*[0-9][0-9,]*(?:\.[0-9]*)?")


def normalise(text: str) -> str | None:
    """The text as the syntax reads it (NFKC, 。 as a point, stripped), or None if it has a foreign character."""
    if not ALPHABET.fullmatch(text):
        return None
    return unicodedata.normalize("NFKC", text).replace(IDEOGRAPHIC_FULL_STOP, ".").strip(WHITESPACE)


def read_number(raw: str, field: str | None = None) -> Decimal:
    """The Decimal a reader's text stands for. Raises InputError: ``empty``, ``not_a_number`` or ``grouping``."""
    text = normalise(raw)
    if text == "":
        raise InputError("empty", field, raw=raw)
    if text is None or not (match := NUMBER.fullmatch(text)):
        code = "grouping" if text is not None and "," in text and MISGROUPED.fullmatch(text) else "not_a_number"
        raise InputError(code, field, raw=raw)
    sign, whole, fraction, fraction_only = match.groups()
    digits = f"{whole.replace(',', '')}.{fraction or ''}" if whole is not None else f".{fraction_only}"
    number = Decimal(digits)  # plain ASCII digits and a point: exact, no context involved
    return number.copy_negate() if sign == "-" and number else number  # -0 is 0
