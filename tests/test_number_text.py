"""The reader's number syntax (calculators/SPEC.md, section 1.1): one small rule, the same in Python and the page.

The page's half is checked by the vectors (tests/test_js_calculator.py); here, the rule itself, its edges,
and the property that keeps the two implementations equal: only characters whose NFKC cannot differ between
Unicode versions ever reach NFKC.
"""
import sys
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from calculators.errors import InputError
from calculators.number_text import ALPHABET, normalise, read_number


def code_of(text: str) -> str:
    try:
        read_number(text, "amount")
    except InputError as error:
        assert error.field == "amount" and error.context["raw"] == text
        return error.code
    return "number"


@pytest.mark.parametrize("text, value", [
    ("5000", "5000"), (" 5000\t", "5000"), ("5,000", "5000"), ("10,000.5", "10000.5"), ("1,000,000", "1000000"),
    ("0.050", "0.050"), ("5.", "5"), (".5", "0.5"), ("007", "7"), ("+5", "5"), ("-5", "-5"), ("1,000.", "1000"),
    # full-width forms, as a Chinese keyboard types them; the ideographic full stop is a decimal point
    ("５０００", "5000"), ("５，０００．５", "5000.5"), ("1。5", "1.5"), ("5000。", "5000"), ("－５", "-5"),
    # no-break and ideographic spaces around the number
    ("\u00a05\u3000", "5"),
])
def test_numbers_a_reader_writes_are_read(text, value):
    number = read_number(text, "amount")
    assert number == Decimal(value) and number.as_tuple().exponent == Decimal(value).as_tuple().exponent


@pytest.mark.parametrize("text, code", [
    ("", "empty"), ("   ", "empty"), ("\u3000", "empty"), ("\n", "empty"),
    # commas go between groups of three digits, or nowhere: never read as something else
    ("1,000,5000", "grouping"), ("1,5", "grouping"), ("1,00", "grouping"), ("1000,000", "grouping"),
    (",000", "grouping"), ("0,500", "grouping"), ("5,,000", "grouping"), ("5,000,", "grouping"), ("１，５", "grouping"),
    ("1,000.5,0", "not_a_number"), (",", "not_a_number"),
    # no exponents, infinities, NaN, underscores, hexadecimal
    ("1e3", "not_a_number"), ("5E-2", "not_a_number"), ("inf", "not_a_number"), ("-Infinity", "not_a_number"),
    ("NaN", "not_a_number"), ("1_000", "not_a_number"), ("0x10", "not_a_number"),
    # units, words, inner spaces, signs that are not ASCII + or -
    ("5000元", "not_a_number"), ("￥5000", "not_a_number"), ("5%", "not_a_number"), ("五千", "not_a_number"),
    ("5 000", "not_a_number"), ("- 5", "not_a_number"), ("+-5", "not_a_number"), ("\u22125", "not_a_number"),
    ("5、000", "not_a_number"), (".", "not_a_number"), ("1.2.3", "not_a_number"),
    # characters NFKC would turn into digits the reader did not type
    ("10²", "not_a_number"), ("①", "not_a_number"), ("١٢٣", "not_a_number"), ("\U0001d7d3", "not_a_number"),
    ("\U0001ccf0", "not_a_number"), ("\u20025", "not_a_number"), ("\ufeff5", "not_a_number"),
    ("5\u200b", "not_a_number"),
])
def test_everything_else_is_refused_with_its_code(text, code):
    assert code_of(text) == code


def test_negative_zero_is_zero_and_signs_are_kept_exactly():
    assert read_number("-0.00").as_tuple() == Decimal("0.00").as_tuple()
    long = "-" + "9" * 40 + ".5"  # no context rounding: the text's own digits
    assert str(read_number(long)) == long


def test_every_character_the_alphabet_admits_normalises_to_ascii_the_same_in_every_unicode_version():
    admitted = [chr(code) for code in range(sys.maxunicode + 1) if ALPHABET.fullmatch(chr(code))]
    assert len(admitted) == 128 + 3 + 94
    for char in admitted:
        # assigned since Unicode 1.1 (normalisation of an assigned character never changes) ...
        assert char < "\x80" or unicodedata.name(char, None), hex(ord(char))
        # ... and NFKC gives ASCII, or 。 which the rule reads as a point
        assert all(c < "\x80" for c in normalise(char) or "") or normalise(char) == "."


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=Decimal("-10000000"), max_value=Decimal("10000000"), places=2, allow_nan=False),
       st.booleans(), st.booleans())
def test_a_number_written_with_separators_or_full_width_reads_back(number, grouped, full_width):
    text = f"{number:,f}" if grouped else f"{number:f}"
    if full_width:
        text = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    assert read_number(text) == number
