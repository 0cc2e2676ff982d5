"""Directive blocks: the one place that finds and parses them.

A directive is a fenced code block whose info string names it, with a YAML mapping inside:

    ```penalty-table
    product: jd-baitiao
    amounts: [1000, 5000]
    days: [1, 30]
    ```

``find_directives`` yields each block with the source line of its fence; ``parse_block`` turns the
YAML into a dict and raises PageProblem (with the line of the offending key) on anything wrong.
Checks specific to a directive live with its renderer; these helpers only read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# libyaml's loader when PyYAML was built with it: same results, several times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from hooks.problems import PageProblem

DIRECTIVE_NAMES = ("penalty-table", "penalty-chart", "penalty-summary", "installment-table", "bibliography")

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

    def key_line(self, key: str) -> int:
        """Line of `key:` inside the block, or the fence line if the key is absent."""
        for number, text in enumerate(self.body.splitlines(), start=1):
            if re.match(rf"\s*{re.escape(key)}\s*:", text):
                return self.line + number
        return self.line


def find_directives(markdown: str) -> list[Directive]:
    found = []
    for match in FENCE_RE.finditer(markdown):
        indent = match["indent"]
        lines = match["body"].splitlines()
        body = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in lines)
        found.append(Directive(name=match["name"], body=body, indent=indent, start=match.start(), end=match.end(),
                               line=markdown.count("\n", 0, match.start()) + 1))
    return found


def parse_block(directive: Directive, required: tuple[str, ...], optional: tuple[str, ...]) -> dict:
    """YAML mapping of a directive, with its keys checked against ``required`` and ``optional``."""
    if not directive.body.strip():
        raise PageProblem(directive.line, f"{directive.name}: empty block (needs {', '.join(required) or 'keys'})")
    try:
        data = yaml.load(directive.body, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = directive.line + 1 + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise PageProblem(line, f"{directive.name}: YAML syntax error: {problem}") from None
    if not isinstance(data, dict):
        raise PageProblem(directive.line + 1, f"{directive.name}: expected 'key: value' lines, got {type(data).__name__}")
    allowed = required + optional
    for key in data:
        if key not in allowed:
            raise PageProblem(directive.key_line(str(key)),
                              f"{directive.name}: unknown key {key!r} (allowed: {', '.join(allowed)})")
    for key in required:
        if key not in data:
            raise PageProblem(directive.line, f"{directive.name}: missing key {key!r}")
    return data


def positive_list(directive: Directive, data: dict, key: str, *, whole: bool = False, limit: int = 12) -> list:
    """A non-empty list of positive numbers (whole numbers if ``whole``), at most ``limit`` long."""
    value = data[key]
    kind = "whole numbers" if whole else "numbers"
    if not isinstance(value, list) or not value:
        raise PageProblem(directive.key_line(key),
                          f"{directive.name}: {key} must be a non-empty list of positive {kind}, e.g. [1, 30, 90]")
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (int, float)) or item <= 0 or item != item \
                or (whole and item != int(item)):
            raise PageProblem(directive.key_line(key),
                              f"{directive.name}: {key} must be a non-empty list of positive {kind}, got {item!r}")
    if len(value) > limit:
        raise PageProblem(directive.key_line(key), f"{directive.name}: {key} has {len(value)} entries (at most {limit})")
    return value
