"""Letters that fill themselves in: named blanks in a template page, and the form that fills them.

A template page marks the blanks a reader most needs with a marker in the same family as `{{ fig:KEY }}`:

    申请人：{{ blank:name 姓名 }}  联系电话：{{ blank:phone 联系电话 ＿＿＿＿＿＿ }}
    截至 {{ blank:as-of:date 欠款截至日期 }}，欠款总额 {{ blank:total:number 欠款总额 ＿＿＿＿＿＿ }} 元
    签名：{{ blank:name }}

- ``KEY`` (lower-case letters, digits, ``-``) names the field; every place that uses the key shows what the
  reader types into it. The first use carries the label (the form's text for it); later uses may repeat
  the same label and kind, or leave both out.
- ``:KIND`` is optional: ``text`` (default), ``number`` (a number keyboard on phones), ``tel`` (a phone number), ``long`` (several
  lines), ``date`` (printed as ＿＿＿＿ 年 ＿＿ 月 ＿＿ 日) and ``month`` (＿＿＿＿ 年 ＿＿ 月).
- A run of ＿ at the end sets how wide the blank prints (default ＿＿＿＿; not for dates and months).

One line holding only ``{{ letter-form }}``, with an empty line before and after it, says where the form
goes (above the letter). The form has one input per field, in order of first use, and is rendered
``hidden``: without JavaScript the page is the plain printable template, blanks and all
(docs/javascripts/letter-form.js shows the form and fills the blanks; nothing typed is sent or stored).

Markers in code (fenced blocks, `inline code`) stay literal. A malformed marker is reported at its line
and shown as text (its braces escaped, so hooks/figures.py does not report it a second time).

Pure: ``expand_letters(text, page_path)`` takes Markdown and returns Markdown, the fields and problems;
the MkDocs hook (hooks/fillable_letters.py) only reports them. Nothing here needs MkDocs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from calculators.safe_yaml import excerpt
from hooks.escaping import escape
from hooks.figures import CODE_SPAN_RE, fenced_lines
from hooks.render import SEARCH_EXCLUDE

__all__ = ["BLANK", "KINDS", "Field", "LetterProblem", "LetterResult", "expand_letters", "blank_html", "form_html"]

BLANK = "＿＿＿＿"
# kind -> (what prints when the reader leaves the field empty (None: the marker's width), the form control)
KINDS = {
    "text": (None, "text"),
    "number": (None, "number"),
    "tel": (None, "tel"),
    "long": (None, "long"),
    "date": ("＿＿＿＿ 年 ＿＿ 月 ＿＿ 日", "date"),
    "month": ("＿＿＿＿ 年 ＿＿ 月", "month"),
}
FORM_MARKER = "{{ letter-form }}"

MARKER_RE = re.compile(r"\{\{(?P<inner>[^{}\n]*)\}\}")  # the figure markers' shape (calculators/figures.py)
OURS_RE = re.compile(r"\s*(?:blank\b|letter-form\b)")
BLANK_RE = re.compile(
    r"\s*blank:(?P<key>[a-z][a-z0-9-]*)(?::(?P<kind>[a-z]+))?"
    r"(?:\s+(?P<label>[^\s＿{}<>](?:[^＿{}<>]*[^\s＿{}<>])?))?"
    r"(?:\s*(?P<width>＿+))?\s*")
FORM_RE = re.compile(r"\s*letter-form\s*")
LABEL_MAX = 24  # characters: a label is a few words on a phone screen


@dataclass(frozen=True)
class Field:
    key: str
    kind: str
    label: str
    line: int  # where it is first used


@dataclass(frozen=True)
class LetterProblem:
    """One bad marker; ``code`` says what is wrong (tests and tools compare codes, never sentences)."""

    path: str
    line: int
    code: str  # see the codes raised in this module: "blank.malformed", "form.missing", …
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class LetterResult:
    text: str
    fields: list[Field] = field(default_factory=list)
    problems: list[LetterProblem] = field(default_factory=list)


class _Bad(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def blank_html(key: str, blank: str) -> str:
    return f'<span class="letter-blank" data-field="{escape(key)}">{escape(blank)}</span>'


def _control(item: Field) -> str:
    ident = escape(f"letter-field-{item.key}")
    common = f'id="{ident}" data-field="{escape(item.key)}"'
    if item.kind == "long":
        return f'<textarea {common} rows="3"></textarea>'
    if item.kind == "number":
        return f'<input {common} type="text" inputmode="decimal">'
    return f'<input {common} type="{KINDS[item.kind][1]}">'


def form_html(fields: list[Field]) -> str:
    """The form, on one line (a raw HTML block to Markdown; the page keeps its line count)."""
    rows = "".join(f'<p class="letter-field"><label for="letter-field-{escape(item.key)}">{escape(item.label)}</label>'
                   f"{_control(item)}</p>" for item in fields)
    return (f'<form class="letter-form" data-letter-form hidden autocomplete="off" aria-labelledby="letter-form-title" '
            f'{SEARCH_EXCLUDE}><p class="letter-form-title" id="letter-form-title">在这里填，下面的信跟着变</p>'
            f'<p class="letter-form-note">填的内容只留在这个页面上，不会发送，也不会保存，关掉页面就没有了。'
            f"没填的地方打印出来是空白 {BLANK}，可以手写。</p>{rows}</form>")


def expand_letters(text: str, page_path: str, *, first_line: int = 1) -> LetterResult:
    """Replace every blank marker and the form marker in ``text``; report bad ones at their line.

    ``first_line`` is the source-file line of the text's first line (front matter comes before it).
    Line count never changes, so later line numbers (figures, directives) stay right.
    """
    result = LetterResult(text="")
    fields: dict[str, Field] = {}
    lines = text.split("\n")
    in_code = fenced_lines(lines)
    out, form_at = [], []  # form_at: (index in out, source line) of each form marker
    form_misplaced = False  # a form marker reported already: no second problem for "no form"
    for index, line in enumerate(lines):
        number = first_line + index
        if in_code[index]:  # fenced code is shown as written
            out.append(line)
            continue
        whole = MARKER_RE.fullmatch(line.strip())
        if whole and FORM_RE.fullmatch(whole["inner"]):
            problem = _form_line_problem(lines, index)
            if problem:
                result.problems.append(LetterProblem(page_path, number, *problem))
                out.append(_shown(line))
                form_misplaced = True
            else:
                form_at.append((len(out), number))
                out.append(line)
            continue
        pieces, cursor = [], 0
        for code in CODE_SPAN_RE.finditer(line):  # `inline code` is kept as it is
            pieces += [_expand_prose(line[cursor:code.start()], number, page_path, fields, result.problems), code[0]]
            cursor = code.end()
        pieces.append(_expand_prose(line[cursor:], number, page_path, fields, result.problems))
        out.append("".join(pieces))

    result.fields = list(fields.values())
    first_blank = min((item.line for item in result.fields), default=None)
    if len(form_at) > 1:
        for _, number in form_at[1:]:
            result.problems.append(LetterProblem(page_path, number, "form.duplicate",
                                                 f"letter form: a second {FORM_MARKER} (a page has one form)"))
    if first_blank is not None and not form_at and not form_misplaced:
        result.problems.append(LetterProblem(
            page_path, first_blank, "form.missing",
            f"letter blanks: the page has blanks but no {FORM_MARKER} line to put their form above the letter"))
    elif form_at and first_blank is None and not any(p.code.startswith("blank.") for p in result.problems):
        result.problems.append(LetterProblem(page_path, form_at[0][1], "form.unused",
                                             f"letter form: {FORM_MARKER} but no {{{{ blank:KEY 标签 }}}} on the page"))
    elif form_at and first_blank is not None and form_at[0][1] > first_blank:
        result.problems.append(LetterProblem(
            page_path, form_at[0][1], "form.after_blank",
            f"letter form: {FORM_MARKER} comes after the first blank (line {first_blank}); put it above the letter"))
    for position, (index, _) in enumerate(form_at):
        out[index] = form_html(result.fields) if position == 0 and result.fields else _shown(out[index])
    result.text = "\n".join(out)
    return result


def _form_line_problem(lines: list[str], index: int) -> tuple[str, str] | None:
    line = lines[index]
    if line != line.strip():
        return "form.indented", f"letter form: {FORM_MARKER} must start at the beginning of its line"
    around = [lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines)]
    if any(neighbour.strip() for neighbour in around):
        return "form.not_alone", f"letter form: {FORM_MARKER} needs an empty line before and after it"
    return None


def _expand_prose(chunk: str, number: int, page_path: str, fields: dict[str, Field], problems: list) -> str:
    def replace(match: re.Match) -> str:
        if not OURS_RE.match(match["inner"]):
            return match[0]  # a figure marker: hooks/figures.py's
        try:
            return _blank(match, number, fields)
        except _Bad as bad:
            problems.append(LetterProblem(page_path, number, bad.code, bad.message))
            return _shown(match[0])

    return MARKER_RE.sub(replace, chunk)


def _blank(match: re.Match, number: int, fields: dict[str, Field]) -> str:
    inner = match["inner"]
    if FORM_RE.fullmatch(inner):
        raise _Bad("form.not_alone", f"letter form: {FORM_MARKER} must be alone on its line, "
                                     "with an empty line before and after it")
    parsed = BLANK_RE.fullmatch(inner)
    if not parsed:
        raise _Bad("blank.malformed", f"letter blank: cannot read {excerpt(match[0])} "
                                      "(a blank is {{ blank:KEY 标签 }}, KEY in a-z, 0-9 and -)")
    key, kind, label, width = parsed["key"], parsed["kind"], parsed["label"], parsed["width"]
    if kind is not None and kind not in KINDS:
        raise _Bad("blank.unknown_kind", f"letter blank {key!r}: unknown kind {excerpt(kind)!r} "
                                         f"(known: {', '.join(KINDS)})")
    if label is not None and len(label) > LABEL_MAX:
        raise _Bad("blank.long_label", f"letter blank {key!r}: label longer than {LABEL_MAX} characters")
    known = fields.get(key)
    if known is None:
        if label is None:
            raise _Bad("blank.no_label", f"letter blank {key!r}: its first use needs a label, "
                                         f"e.g. {{{{ blank:{key} 姓名 }}}}")
        known = fields[key] = Field(key, kind or "text", label, number)
    elif label is not None and label != known.label:
        raise _Bad("blank.label_conflict", f"letter blank {key!r}: label {excerpt(label)!r} differs from "
                                           f"{excerpt(known.label)!r} on line {known.line}")
    elif kind is not None and kind != known.kind:
        raise _Bad("blank.kind_conflict", f"letter blank {key!r}: kind {kind!r} differs from "
                                          f"{known.kind!r} on line {known.line}")
    fixed = KINDS[known.kind][0]
    if width and fixed:
        raise _Bad("blank.fixed_width", f"letter blank {key!r}: a {known.kind} prints as {fixed}; "
                                        "leave out the ＿")
    return blank_html(key, fixed or width or BLANK)


def _shown(text: str) -> str:
    """A bad marker as visible text: braces as entities, so no later hook reads it as a marker again."""
    return text.replace("{", "&#123;").replace("}", "&#125;")
