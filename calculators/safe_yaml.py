"""The one YAML loader for everything an editor writes: front matter, directive blocks, data files.

PyYAML's safe loader (libyaml-backed where available) with the surprises taken out:

- anchors, aliases and merge keys are refused, so a "billion laughs" block cannot expand;
- a key given twice in one mapping is refused, naming both lines;
- numbers are plain decimals only: ``7``, ``-3``, ``0.05``. YAML 1.1 would read ``07`` and ``030`` as
  octal, ``0x10`` as 16, ``1_000`` as 1000, ``1:30`` as 90 and ``.inf``/``1e400`` as floats; those are
  refused with their line, and a quoted value stays text. Decimals become ``Decimal``, never ``float``;
- booleans are ``true``/``false`` only (YAML 1.1 also reads yes/no/on/off);
- an impossible date (2026-13-01) is refused with its line instead of raising ValueError.

Every mapping comes back as a ``YamlMap`` (a dict that remembers the 1-based line of each key) and
every sequence as a ``YamlList`` (a list that remembers each item's line), so checks further on can
point at the offending key or item. Problems raise ``YamlProblem(line, message, code)``; messages
quote at most a short excerpt of any value. Pure: text in, data out; no files are read here.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import yaml

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it

EXCERPT_LIMIT = 40
# Editor YAML is a few levels deep (products -> product -> parameters -> value); libyaml's composer
# recurses once per level and crashes the process (segfault) on ~100,000 nested brackets.
MAX_DEPTH = 24

PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
PLAIN_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+\Z")
# What YAML 1.1 (and 1.2) would read as a number, written in a form we do not accept.
NUMBER_LIKE = re.compile(
    r"""[-+]?(?:
        0[0-9_]+(?:\.[0-9_]*)?                # leading zeros: octal 07, 030, and 08, 05.5
      | 0o[0-7_]+ | 0x[0-9a-fA-F_]+ | 0b[01_]+ # prefixed
      | [0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?  # sexagesimal 1:30
      | (?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+  # exponent 1e5, 1.0e+400, .5e3
      | \.(?:inf|Inf|INF|nan|NaN|NAN)
      | [0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?    # 1_000
      | [0-9]+\.                              # 5.
      | \.[0-9]+                              # .5
    )\Z""",
    re.VERBOSE,
)
DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z")
BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
NULLS = {"", "~", "null", "Null", "NULL"}


class YamlProblem(ValueError):
    """One thing wrong in editor YAML. ``line`` is 1-based within the text given to ``load_yaml``."""

    def __init__(self, line: int, message: str, code: str, first_line: int | None = None):
        super().__init__(message)
        self.line = line
        self.message = message
        self.code = code
        self.first_line = first_line  # a duplicate key's first line, also within the text given

    def message_at(self, offset: int) -> str:
        """The message for text that starts ``offset`` lines into its file (a directive block, front matter):
        a line the message names is shifted too."""
        if self.first_line is None or not offset:
            return self.message
        return self.message.replace(f"line {self.first_line})", f"line {self.first_line + offset})")


class YamlMap(dict):
    """A mapping that remembers the line of each key (``key_lines``) and of itself (``line``)."""

    line: int = 1
    key_lines: dict

    def line_of(self, key, default: int | None = None) -> int:
        return self.key_lines.get(key, self.line if default is None else default)


class YamlList(list):
    """A sequence that remembers the line of each item (``item_lines``) and of itself (``line``)."""

    line: int = 1
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


def excerpt(value: object, limit: int = EXCERPT_LIMIT) -> str:
    """A value for a message: repr-quoted, cut to ``limit`` characters so no message grows with its input."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, Decimal, dt.date)):
        text = str(value)  # 1.5 and 2026-13-01 as written, not Decimal('1.5')
    else:
        text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", "⏎")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text) if isinstance(value, str) else text


class _Loader(_BASE_LOADER):
    """Resolution and construction as described in the module docstring."""


# Only strings, nulls, plain numbers, booleans and dates are resolved implicitly; everything else is text
# unless the number-like check below refuses it.
_Loader.yaml_implicit_resolvers = {}


def _line(node) -> int:
    return node.start_mark.line + 1


def _resolve(self, kind, value, implicit):
    if kind is yaml.ScalarNode and implicit[0]:
        if value == "<<":
            return "tag:yaml.org,2002:merge"
        if value in NULLS:
            return "tag:yaml.org,2002:null"
        if value in BOOLEANS:
            return "tag:yaml.org,2002:bool"
        if PLAIN_INT.match(value):
            return "tag:yaml.org,2002:int"
        if PLAIN_DECIMAL.match(value):
            return "tag:yaml.org,2002:float"
        if NUMBER_LIKE.match(value):
            return "tag:yuqi:number-like"
        if DATE.match(value):
            return "tag:yaml.org,2002:timestamp"
    return yaml.resolver.BaseResolver.resolve(self, kind, value, implicit)


_Loader.resolve = _resolve


def _tagged_value_problem(node, kind: str) -> YamlProblem:
    return YamlProblem(_line(node), f"{excerpt(node.value)} is not {kind}", "tag")


def _construct_null(loader, node):
    if node.value not in NULLS:  # only reachable through an explicit !!null tag
        raise _tagged_value_problem(node, "empty (null)")
    return None


def _construct_bool(loader, node):
    if node.value not in BOOLEANS:
        raise _tagged_value_problem(node, "true or false")
    return BOOLEANS[node.value]


def _construct_int(loader, node):
    if not PLAIN_INT.match(node.value):
        raise _construct_number_like(loader, node)
    return int(node.value)


def _construct_decimal(loader, node):
    if not (PLAIN_DECIMAL.match(node.value) or PLAIN_INT.match(node.value)):
        raise _construct_number_like(loader, node)
    return Decimal(node.value)


def _construct_number_like(loader, node):
    raise YamlProblem(_line(node), f"{excerpt(node.value)} is not a plain decimal number: write numbers like 7, 30 "
                                   f"or 0.05 (no leading zeros, exponents, hex, underscores or inf), or put text "
                                   f"in quotes", "number-form")


def _construct_date(loader, node):
    if not DATE.match(node.value):
        raise YamlProblem(_line(node), f"{excerpt(node.value)} is not a date: write YYYY-MM-DD", "bad-date")
    year, month, day = (int(part) for part in node.value.split("-"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise YamlProblem(_line(node), f"impossible date {excerpt(node.value)}: write a real date as YYYY-MM-DD",
                          "bad-date") from None


def _construct_mapping(loader, node):
    if not isinstance(node, yaml.MappingNode):
        raise YamlProblem(_line(node), "expected a mapping", "shape")
    result = YamlMap()
    result.line = _line(node)
    result.key_lines = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlProblem(_line(key_node), "merge keys (<<) are not allowed; write the keys out", "alias")
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)):
            raise YamlProblem(_line(key_node), "a key must be plain text", "shape")
        if key in result.key_lines:
            raise YamlProblem(_line(key_node), f"duplicate key {excerpt(str(key))} (first given on line "
                                               f"{result.key_lines[key]}); give each key once", "duplicate-key",
                              first_line=result.key_lines[key])
        result.key_lines[key] = _line(key_node)
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_sequence(loader, node):
    result = YamlList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = _line(node)
    result.item_lines = [_line(child) for child in node.value]
    return result


def _construct_unknown(loader, node):
    raise YamlProblem(_line(node), f"YAML tag {excerpt(node.tag)} is not allowed", "tag")


_Loader.yaml_constructors = {}
_Loader.yaml_multi_constructors = {}
_Loader.add_constructor("tag:yaml.org,2002:null", _construct_null)
_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Loader.add_constructor("tag:yuqi:number-like", _construct_number_like)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
_Loader.add_constructor("tag:yaml.org,2002:str", yaml.constructor.SafeConstructor.construct_yaml_str)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor(None, _construct_unknown)


def _check_events(text: str) -> None:
    """Anchors, aliases and deep nesting are found from the event stream before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep; "
                                                             f"editor YAML is a few levels at most", "depth")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(event.start_mark.line + 1, "aliases (*name) are not allowed in editor YAML; "
                                                         "write the value out", "alias")
        if getattr(event, "anchor", None) is not None:
            raise YamlProblem(event.start_mark.line + 1, "anchors (&name) are not allowed in editor YAML; "
                                                         "write the value out", "alias")


def load_yaml(text: str):
    """Parse editor YAML as described above. Raises YamlProblem with a 1-based line."""
    if not isinstance(text, str):
        raise TypeError("load_yaml takes text")
    try:
        _check_events(text)  # libyaml's event stream: ~2 ms for both data files, far less for a block
    except yaml.YAMLError as error:
        raise _syntax_problem(error) from None
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as error:
        raise _syntax_problem(error) from None
    finally:
        loader.dispose()


def _syntax_problem(error: yaml.YAMLError) -> YamlProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    problem = " ".join(str(problem).split())
    if len(problem) > 120:
        problem = problem[:119] + "…"
    return YamlProblem((mark.line + 1) if mark else 1, f"YAML syntax error: {problem}", "syntax")
