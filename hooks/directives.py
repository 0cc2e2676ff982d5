"""Directive blocks: the one place that finds and parses them.

A directive is a fenced code block whose info string names it, with a YAML mapping inside:

    ```penalty-table
    product: jd-baitiao
    amounts: [1000, 5000]
    days: [1, 30]
    ```

``find_directives`` yields each block with the source line of its fence; ``parse_block`` reads the
YAML with calculators.safe_yaml (the one loader for editor YAML) into a YamlMap, and raises PageProblem
(with the line of the offending key or item) on anything wrong. ``fence_problems`` finds the mistakes
that would otherwise publish silently: a fence whose name is close to a directive's (```penalty-tabel),
and a directive fence that is never closed. Checks specific to a directive live with its renderer.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal

from calculators.safe_yaml import YamlList, YamlMap, YamlProblem, excerpt, load_yaml
from hooks.problems import PageProblem

DIRECTIVE_NAMES = ("penalty-table", "penalty-chart", "penalty-summary", "installment-table", "bibliography",
                   # rendered by hooks/message_check.py
                   "message-check-tool", "message-signals", "message-check")

FENCE_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<name>" + "|".join(DIRECTIVE_NAMES) + r")[ \t]*\n"
    r"(?P<body>.*?)"
    r"^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Directive:
    name: str
    body: str  # dedented YAML text
    indent: str
    start: int  # character offsets of the whole block in the Markdown
    end: int
    line: int  # 1-based line of the opening fence, within the Markdown given

    def key_line(self, key: str, data: YamlMap | None = None) -> int:
        """Line of `key:` inside the block (from the parsed map when given), or the fence line if absent."""
        if isinstance(data, YamlMap) and key in data.key_lines:
            return self.line + data.key_lines[key]
        for number, text in enumerate(self.body.splitlines(), start=1):
            if re.match(rf"{re.escape(key)}\s*:", text):  # top-level keys only: no indentation
                return self.line + number
        return self.line

    def item_line(self, data: YamlMap, key: str, index: int) -> int:
        """Line of item ``index`` of the list under ``key`` (the key's line for a flow list on one line)."""
        value = data.get(key)
        if isinstance(value, YamlList):
            return self.line + value.line_of(index)
        return self.key_line(key, data)


def find_directives(markdown: str, line_offset: int = 0) -> list[Directive]:
    """Every directive block; ``line_offset``: lines of the file before ``markdown`` (its front matter)."""
    found = []
    if "```" not in markdown and "~~~" not in markdown:
        return found
    code = code_block_spans(markdown)
    for match in FENCE_RE.finditer(markdown):
        if any(start < match.start() < end for start, end in code):
            continue  # a directive shown inside another code block (an example of the syntax) is text
        indent = match["indent"]
        lines = match["body"].splitlines()
        body = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in lines)
        found.append(Directive(name=match["name"], body=body, indent=indent, start=match.start(), end=match.end(),
                               line=line_offset + markdown.count("\n", 0, match.start()) + 1))
    return found


def parse_block(directive: Directive, required: tuple[str, ...], optional: tuple[str, ...]) -> dict:
    """YAML mapping of a directive, with its keys checked against ``required`` and ``optional``."""
    if not directive.body.strip():
        raise PageProblem(directive.line, f"{directive.name}: empty block (needs {', '.join(required) or 'keys'})")
    try:
        data = load_yaml(directive.body)
    except YamlProblem as problem:
        raise PageProblem(directive.line + problem.line,
                          f"{directive.name}: {problem.message_at(directive.line)}") from None
    if not isinstance(data, YamlMap):
        kind = "a list" if isinstance(data, list) else excerpt(data)
        raise PageProblem(directive.line + 1, f"{directive.name}: expected 'key: value' lines, got {kind}")
    allowed = required + optional
    for key in data:
        if key not in allowed:
            raise PageProblem(directive.key_line(key, data),
                              f"{directive.name}: unknown key {excerpt(str(key))} (allowed: {', '.join(allowed)})")
    for key in required:
        if key not in data:
            raise PageProblem(directive.line, f"{directive.name}: missing key {key!r}")
    return data


def positive_list(directive: Directive, data: dict, key: str, *, whole: bool = False, limit: int = 12) -> list:
    """A non-empty list of positive numbers (whole numbers if ``whole``), at most ``limit`` long."""
    value = data[key]
    kind = "whole numbers" if whole else "numbers"
    if not isinstance(value, list) or not value:
        raise PageProblem(directive.key_line(key, data),
                          f"{directive.name}: {key} must be a non-empty list of positive {kind}, e.g. [1, 30, 90]")
    for index, item in enumerate(value):
        if not is_number(item) or item <= 0 or (whole and item != int(item)):
            raise PageProblem(directive.item_line(data, key, index),
                              f"{directive.name}: {key} must be a non-empty list of positive {kind}, "
                              f"got {excerpt(item)}")
        check_digits(directive, data, key, item, index)
    if len(value) > limit:
        raise PageProblem(directive.key_line(key, data),
                          f"{directive.name}: {key} has {len(value)} entries (at most {limit})")
    if len(set(value)) != len(value):
        index = next(i for i, item in enumerate(value) if value.index(item) != i)
        raise PageProblem(directive.item_line(data, key, index),
                          f"{directive.name}: {key} lists {excerpt(value[index])} twice")
    return [int(item) if whole else item for item in value]


# Most digits a number may have. Decimal arithmetic keeps 28, so a longer value (1.000…0001 with 40 digits)
# would be rounded silently instead of refused.
MAX_DIGITS = 24


def check_digits(directive: Directive, data: YamlMap, key: str, value, index: int | None = None) -> None:
    digits = len(Decimal(value).as_tuple().digits) if is_number(value) else 0
    if digits > MAX_DIGITS:
        line = directive.item_line(data, key, index) if index is not None else directive.key_line(key, data)
        raise PageProblem(line, f"{directive.name}: {key} has a number with {digits} digits "
                                f"(at most {MAX_DIGITS}), got {excerpt(value)}")


def is_number(value) -> bool:
    """A number as calculators.safe_yaml reads one: int or Decimal, never bool (and never float)."""
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


# Fences that would publish silently -----------------------------------------------------------------

ANY_FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*?)[ \t]*$", re.MULTILINE)


def _normalised(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def close_directive_name(info: str) -> str | None:
    """The directive an info string was probably meant to name (penalty-tabel, Penalty-Table, penalty_table)."""
    word = info.split()[0] if info.split() else ""
    word = word.lstrip("{.").rstrip("}")
    if not word or word in DIRECTIVE_NAMES:
        return None
    normal = _normalised(word)
    if normal in DIRECTIVE_NAMES:
        return normal
    match = difflib.get_close_matches(normal, DIRECTIVE_NAMES, n=1, cutoff=0.8)
    return match[0] if match else None


def code_block_spans(markdown: str) -> list[tuple[int, int]]:
    """(start, end) of each fenced block that is not a directive, paired as Markdown pairs fences."""
    spans, opening = [], None
    for match in ANY_FENCE_RE.finditer(markdown):
        if opening is None:
            opening = match
        elif not match["info"] and match["fence"][0] == opening["fence"][0] \
                and len(match["fence"]) >= len(opening["fence"]):
            if opening["info"] not in DIRECTIVE_NAMES:
                spans.append((opening.start(), match.end()))
            opening = None
    if opening is not None and opening["info"] not in DIRECTIVE_NAMES:
        spans.append((opening.start(), len(markdown)))  # an unclosed code block runs to the end
    return spans


def fence_problems(markdown: str, line_offset: int = 0) -> list[PageProblem]:
    """Fences a reader would see as code by mistake: a name close to a directive's, or a directive never closed.

    Walks the fences in order as Markdown pairs them (an opening fence is closed by the next fence of the same
    character, at least as long, with no info string), so a directive name inside another code block is text."""
    problems = []
    open_fence = None  # (match, name)
    for match in ANY_FENCE_RE.finditer(markdown):
        line = line_offset + markdown.count("\n", 0, match.start()) + 1
        fence, info = match["fence"], match["info"]
        if open_fence is not None:
            opening, _ = open_fence
            if not info and fence[0] == opening["fence"][0] and len(fence) >= len(opening["fence"]):
                if match["indent"] != opening["indent"] and open_fence[1] in DIRECTIVE_NAMES:
                    problems.append(PageProblem(line, f"{open_fence[1]}: closing fence is indented differently "
                                                      f"from the opening fence on line "
                                                      f"{line_offset + markdown.count(chr(10), 0, opening.start()) + 1}; "
                                                      f"line them up"))
                open_fence = None
            continue
        name = info.split()[0] if info.split() else ""
        guess = close_directive_name(info)
        if name in DIRECTIVE_NAMES and info != name:
            problems.append(PageProblem(line, f"{name}: nothing may follow the directive name on its fence line, "
                                              f"got {excerpt(info)}; put settings inside the block"))
        elif guess:
            problems.append(PageProblem(line, f"unknown directive {excerpt(name)}: did you mean {guess!r}? "
                                              f"(directives: {', '.join(DIRECTIVE_NAMES)})"))
        open_fence = (match, name)
    if open_fence is not None and open_fence[1] in DIRECTIVE_NAMES:
        opening = open_fence[0]
        line = line_offset + markdown.count("\n", 0, opening.start()) + 1
        problems.append(PageProblem(line, f"{open_fence[1]}: this fence is never closed; end the block with "
                                          f"{opening['fence']} on its own line"))
    return problems
