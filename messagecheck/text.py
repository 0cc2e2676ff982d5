"""The one normalisation every message goes through before matching (SPEC.md, section 2).

The page's JavaScript does exactly the same steps with the same character lists, which the build exports
with the signal data, so Python and JavaScript read a message identically.
"""
from __future__ import annotations

import unicodedata

MAX_CHARS = 5000  # the command line refuses longer messages; the analysis itself takes any length

# Characters removed outright: zero-width marks and the soft hyphen, which can hide a word from matching.
REMOVED = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"

# Whitespace, exactly the characters Python's str.isspace() accepts (tests/test_messagecheck.py checks this
# against the running Python). Every run of them becomes one space.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B))
              + "\u2028\u2029\u202f\u205f\u3000")

_REMOVE_TABLE = {ord(c): None for c in REMOVED}
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
_WHITESPACE = frozenset(WHITESPACE)


def normalise(text: str) -> str:
    """Zero-width marks removed, then NFKC, ASCII A-Z lowered, whitespace runs made one space, ends trimmed."""
    text = unicodedata.normalize("NFKC", text.translate(_REMOVE_TABLE)).translate(_ASCII_LOWER)
    out, space = [], False
    for char in text:
        if char in _WHITESPACE:
            space = True
            continue
        if space and out:
            out.append(" ")
        space = False
        out.append(char)
    return "".join(out)
