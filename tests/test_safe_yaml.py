"""calculators.safe_yaml: the one loader for editor YAML. Values, lines, and every refusal with its line and code."""
import datetime as dt
import time
from decimal import Decimal

import pytest

from calculators.safe_yaml import EXCERPT_LIMIT, MAX_DEPTH, YamlList, YamlMap, YamlProblem, excerpt, load_yaml


def problem(text):
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text)
    return caught.value


def test_plain_values_keep_their_types_and_decimals_are_exact():
    data = load_yaml("a: 7\nb: -3\nc: 0.05\nd: text\ne: '07'\nf: true\ng: ~\nh: 2026-01-20\ni: \"1e5\"\nj: 0\n")
    assert data == {"a": 7, "b": -3, "c": Decimal("0.05"), "d": "text", "e": "07", "f": True, "g": None,
                    "h": dt.date(2026, 1, 20), "i": "1e5", "j": 0}
    assert type(data["c"]) is Decimal and type(data["a"]) is int


def test_yaml_11_words_stay_text():
    data = load_yaml("a: yes\nb: no\nc: on\nd: off\ne: E1\nf: 1,000\ng: 2026-01-20T10:00:00\n")
    assert data == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "E1", "f": "1,000", "g": "2026-01-20T10:00:00"}


def test_mappings_and_lists_remember_their_lines():
    data = load_yaml("# comment\ntop:\n  first: 1\n  second:\n    - x\n    - y\nflow: [1, 2]\n")
    assert isinstance(data, YamlMap) and isinstance(data["top"], YamlMap) and isinstance(data["top"]["second"], YamlList)
    assert data.line_of("top") == 2 and data["top"].line_of("first") == 3 and data["top"].line_of("second") == 4
    assert data["top"]["second"].item_lines == [5, 6]
    assert data["flow"].line_of(1) == 7
    assert data.line_of("absent") == data.line  # the mapping's own line when a key is missing
    assert data["top"]["second"].line_of(9) == data["top"]["second"].line


@pytest.mark.parametrize("text, line, code", [
    ("a: 1\nb: 2\na: 3\n", 3, "duplicate-key"),
    ("x:\n  k: 1\n  k: 2\n", 3, "duplicate-key"),
    ("base: &b {x: 1}\ncopy: *b\n", 1, "alias"),
    ("a: [1]\nb: *missing\n", 2, "alias"),
    ("a: &x 1\n", 1, "alias"),
    ("<<: {a: 1}\n", 1, "alias"),
    ("days: [07, 030]\n", 1, "number-form"),
    ("amount: 0x10\n", 1, "number-form"),
    ("rate: 1.0e+400\n", 1, "number-form"),
    ("rate: .inf\n", 1, "number-form"),
    ("rate: -.inf\n", 1, "number-form"),
    ("rate: .nan\n", 1, "number-form"),
    ("n: 1_000\n", 1, "number-form"),
    ("t: 1:30\n", 1, "number-form"),
    ("n: 0b101\n", 1, "number-form"),
    ("n: 0o17\n", 1, "number-form"),
    ("n: 5.\n", 1, "number-form"),
    ("n: .5\n", 1, "number-form"),
    ("n: 08\n", 1, "number-form"),
    ("a: 1\nd: 2026-13-01\n", 2, "bad-date"),
    ("d: 2026-02-30\n", 1, "bad-date"),
    ("a: !!python/object/apply:os.system ['true']\n", 1, "tag"),
    ("a: !!binary aGk=\n", 1, "tag"),
    ("a: !!set {x}\n", 1, "tag"),
    ("a: !!int 0x10\n", 1, "number-form"),
    ("a: !!float abc\n", 1, "number-form"),
    ("a: !!bool maybe\n", 1, "tag"),
    ("a: !!null x\n", 1, "tag"),
    ("a: !!timestamp soon\n", 1, "bad-date"),
    ("? [x]\n: y\n", 1, "shape"),
    ("a: [1\nb: 2\n", 2, "syntax"),
    ("a: 1\n---\nb: 2\n", 2, "syntax"),
    ("\t- a\n", 1, "syntax"),
])
def test_refusals_carry_line_and_code(text, line, code):
    found = problem(text)
    assert (found.line, found.code) == (line, code), found.message


def test_duplicate_key_names_both_lines():
    found = problem("huabei: 1\nother: 2\nhuabei: 3\n")
    assert found.line == 3 and "first given on line 1" in found.message and "'huabei'" in found.message


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 100_000])
def test_deep_nesting_is_refused_not_crashed(depth):
    found = problem("[" * depth + "]" * depth)
    assert found.code == "depth"
    assert load_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None


def test_block_nesting_without_brackets_is_refused():
    assert problem("- " * 5000 + "x\n").code == "depth"


def test_billion_laughs_is_refused_at_once_with_a_short_message():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 9):
        prev, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    start = time.process_time()
    found = problem("\n".join(lines) + "\n")
    assert time.process_time() - start < 1
    assert found.code == "alias" and found.line == 1 and len(found.message) < 200


def test_messages_never_hold_a_whole_long_value():
    found = problem("a: 0x" + "f" * 100_000 + "\n")
    assert found.code == "number-form" and len(found.message) < 300
    long_syntax = problem("a: [" + "x, " * 50_000 + "\n")
    assert long_syntax.code == "syntax" and len(long_syntax.message) < 300


def test_excerpt_shortens_and_quotes():
    assert excerpt("x" * 100) == repr("x" * (EXCERPT_LIMIT - 1) + "…")
    assert excerpt("a\nb") == "'a⏎b'"
    assert excerpt(Decimal("1.5")) == "1.5" and excerpt(dt.date(2026, 1, 2)) == "2026-01-02" and excerpt(True) == "true"


def test_empty_text_is_none_and_non_text_is_refused():
    assert load_yaml("") is None and load_yaml("# only a comment\n") is None
    with pytest.raises(TypeError):
        load_yaml(b"a: 1")
