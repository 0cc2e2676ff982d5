"""The pattern language of data/message_signals.yml: a small subset of regular expressions that Python `re`
and JavaScript `RegExp` (flags "gu") read the same way (SPEC.md, section 3).

``check_pattern`` parses a pattern with its own little grammar and raises PatternProblem on anything outside
the subset, so a pattern that would mean one thing in Python and another in the browser never reaches
either. Allowed:

- literal characters, written as they look after normalisation (no upper-case A-Z, no full-width forms);
- ``\\`` before one of ``\\ ^ $ . | ? * + ( ) [ ] { } /`` for that character;
- ``.``; classes ``[...]`` and ``[^...]`` of literal characters and ranges ``a-z`` (inside them ``\\`` may
  also escape ``-``, and a last ``-`` is literal);
- groups ``(?:...)``, lookaheads ``(?=...)`` and ``(?!...)``; alternation ``|``;
- quantifiers ``?``, ``*``, ``+``, ``{n}``, ``{n,m}`` (m at most 60), each optionally lazy (``??``).

Refused, because the two engines differ or because it invites slow matching: ``\\d \\w \\s \\b`` and every
other escape, ``^`` and ``$`` anchors, capturing and named groups, lookbehind, inline flags, ``{,m}`` and
``{n,}``, possessive quantifiers, a repeat (other than ``?``) of a group that already holds one, and a pattern that can
match the empty text.
"""
from __future__ import annotations

import re
import unicodedata

from messagecheck.text import normalise

ESCAPABLE = set("\\^$.|?*+()[]{}/")
CLASS_ESCAPABLE = set("\\]-[^")
SPECIAL = set("\\^$.|?*+()[]{}")
MAX_REPEAT = 60
MAX_LENGTH = 400


class PatternProblem(ValueError):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def fail(self, message: str, code: str = "pattern-syntax"):
        raise PatternProblem(f"{message} (at character {self.pos + 1})", code)

    def peek(self, ahead: int = 0) -> str:
        index = self.pos + ahead
        return self.text[index] if index < len(self.text) else ""

    # Each parse_* returns (nullable, has_quantifier).
    def parse_alternation(self):
        nullable, quantified = self.parse_sequence()
        while self.peek() == "|":
            self.pos += 1
            other_nullable, other_quantified = self.parse_sequence()
            nullable = nullable or other_nullable
            quantified = quantified or other_quantified
        return nullable, quantified

    def parse_sequence(self):
        nullable, quantified = True, False
        while self.peek() not in ("", "|", ")"):
            atom_nullable, atom_quantified, lookahead = self.parse_atom()
            quantifier = self.parse_quantifier()
            if quantifier is not None:
                if lookahead:
                    self.fail("a lookahead cannot be repeated")
                minimum, maximum = quantifier
                if atom_quantified and maximum != 1:
                    self.fail("a repeated group may not itself hold a repeat (slow matching); rewrite it",
                              "pattern-nested-repeat")
                atom_nullable = atom_nullable or minimum == 0
                atom_quantified = True
            nullable = nullable and atom_nullable
            quantified = quantified or atom_quantified
        return nullable, quantified

    def parse_quantifier(self):
        char = self.peek()
        if char in ("?", "*", "+"):
            self.pos += 1
            minimum = 1 if char == "+" else 0
            maximum = 1 if char == "?" else None
        elif char == "{":
            match = re.compile(r"\{([0-9]+)(?:,([0-9]+))?\}").match(self.text, self.pos)
            if not match:
                self.fail("write a repeat as {n} or {n,m}; '{' on its own must be written \\{", "pattern-repeat")
            low = int(match[1])
            high = int(match[2]) if match[2] is not None else low
            if high < low or high > MAX_REPEAT or high == 0:
                self.fail(f"repeat {match[0]} must have 0 <= n <= m <= {MAX_REPEAT} and m > 0", "pattern-repeat")
            self.pos = match.end()
            minimum, maximum = low, high
        else:
            return None
        if self.peek() == "?":
            self.pos += 1  # lazy
        if self.peek() in ("?", "*", "+", "{"):
            self.fail("possessive or doubled quantifiers are not allowed", "pattern-repeat")
        return minimum, maximum

    def parse_atom(self):
        """Returns (nullable, has_quantifier, is_lookahead)."""
        char = self.peek()
        if char == "(":
            if self.text.startswith("(?:", self.pos):
                self.pos += 3
                lookahead = False
            elif self.text.startswith(("(?=", "(?!"), self.pos):
                self.pos += 3
                lookahead = True
            else:
                self.fail("only (?:...), (?=...) and (?!...) groups are allowed: no capturing or named groups, "
                          "lookbehind or inline flags", "pattern-group")
            nullable, quantified = self.parse_alternation()
            if self.peek() != ")":
                self.fail("unclosed group", "pattern-syntax")
            self.pos += 1
            if lookahead:
                return True, quantified, True
            return nullable, quantified, False
        if char == "[":
            self.parse_class()
            return False, False, False
        if char == "\\":
            following = self.peek(1)
            if following not in ESCAPABLE:
                self.fail(f"escape \\{following} is not allowed (\\d, \\w, \\s, \\b and the like differ between "
                          f"Python and JavaScript); write the characters out, e.g. [0-9]", "pattern-escape")
            self.pos += 2
            return False, False, False
        if char == ".":
            self.pos += 1
            return False, False, False
        if char in ("^", "$"):
            self.fail("anchors ^ and $ are not allowed", "pattern-anchor")
        if char in ("?", "*", "+", "{"):
            self.fail("nothing to repeat", "pattern-repeat")
        if char in ("]", "}"):
            self.fail(f"write a literal {char} as \\{char}", "pattern-syntax")
        self.literal(char)
        self.pos += 1
        return False, False, False

    def literal(self, char: str):
        if char != " " and (normalise(char) != char or unicodedata.category(char).startswith("C")):
            shown = normalise(char) or "nothing"
            self.fail(f"character {char!r} never appears in a normalised message (it becomes {shown!r}); "
                      f"write it as it reads after normalisation", "pattern-not-normalised")

    def parse_class(self):
        self.pos += 1
        if self.peek() == "^":
            self.pos += 1
        count = 0
        while True:
            char = self.peek()
            if char == "":
                self.fail("unclosed [", "pattern-syntax")
            if char == "]":
                if count == 0:
                    self.fail("empty class []", "pattern-syntax")
                self.pos += 1
                return
            count += 1
            if char == "-" and self.peek(1) == "]":  # a last "-" is literal in both engines: [a-z0-9.-]
                self.pos += 1
                continue
            low = self.class_char()
            if self.peek() == "-" and self.peek(1) != "]":
                self.pos += 1
                high = self.class_char()
                if ord(high) < ord(low):
                    self.fail(f"range {low}-{high} is backwards", "pattern-syntax")
            elif self.peek() == "-" and self.peek(1) != "]":
                self.fail("write a literal - in a class as \\-", "pattern-syntax")

    def class_char(self) -> str:
        char = self.peek()
        if char == "\\":
            following = self.peek(1)
            if following not in CLASS_ESCAPABLE:
                self.fail(f"escape \\{following} is not allowed in a class (only \\\\ \\] \\[ \\- \\^)",
                          "pattern-escape")
            self.pos += 2
            return following
        if char in ("[", "-"):
            self.fail(f"write a literal {char} in a class as \\{char}", "pattern-syntax")
        if char in ("&", "~", "|") and self.peek(1) == char:
            self.fail(f"doubled {char}{char} in a class is not allowed (Python reserves it)", "pattern-syntax")
        self.literal(char)
        self.pos += 1
        return char


def check_pattern(pattern: str) -> re.Pattern:
    """Compile a pattern from the signal data, or raise PatternProblem saying what is outside the subset."""
    if not isinstance(pattern, str) or not pattern:
        raise PatternProblem("a pattern must be non-empty text", "pattern-empty")
    if len(pattern) > MAX_LENGTH:
        raise PatternProblem(f"a pattern may be at most {MAX_LENGTH} characters; split it", "pattern-long")
    parser = _Parser(pattern)
    nullable, _ = parser.parse_alternation()
    if parser.pos != len(pattern):
        parser.fail("unmatched )", "pattern-syntax")
    if nullable:
        raise PatternProblem("the pattern can match empty text; every alternative must need at least one "
                             "character", "pattern-empty-match")
    try:
        return re.compile(pattern)
    except re.error as error:  # the grammar above should make this unreachable
        raise PatternProblem(f"Python cannot compile it: {error}", "pattern-syntax") from None
