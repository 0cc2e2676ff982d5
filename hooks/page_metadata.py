"""Hook: every page's front matter is checked, and a 来源与核对日期 section is appended from it.

Required: title, description (text), reviewed (YYYY-MM-DD, not in the future), sources (a non-empty
list of ids from data/sources.yml). Problems are reported as `docs/page.md:LINE: message`.
"""
from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads hooks by file path; make the repository (calculators/, hooks/) importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import datetime as dt
import re

from calculators import DataError, default_rules
from calculators.safe_yaml import YamlMap, YamlProblem, excerpt, load_yaml
from hooks import render
from hooks.escaping import escaped_text
from hooks.problems import page_path, report, report_text

REQUIRED = ("title", "description", "reviewed", "sources")
BIBLIOGRAPHY_PAGE = "about/sources.md"
OPENING_RE = re.compile(r"\A---[ \t]*\r?\n")
CLOSING_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
# What MkDocs reads as front matter; we give it an empty one so it never parses editor YAML itself.
EMPTY_FRONT_MATTER = "---\n{}\n---\n"

# src path -> (source, front matter, problems): read once in on_page_read_source, used in on_page_markdown
_front_matter: dict[str, tuple[str, YamlMap, list]] = {}


def split_front_matter(source: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, line of the closing ---). Raises ValueError if never closed."""
    opening = OPENING_RE.match(source)
    if not opening:
        return None, source, 0
    closing = CLOSING_RE.search(source, opening.end())
    if not closing:
        raise ValueError("unterminated")
    end = closing.end() + (1 if source[closing.end():closing.end() + 1] == "\n" else 0)
    return source[opening.end():closing.start()], source[end:], source.count("\n", 0, closing.start()) + 1


def read_front_matter(source: str) -> tuple[YamlMap | None, list[tuple[int, str]], str | None]:
    """(front matter, problems that stop its check, body) from one read of a page through safe_yaml.

    The front matter is None when it cannot be read (then the problems say why); body is None when the
    front matter is never closed.
    """
    try:
        text, body, _ = split_front_matter(source)
    except ValueError:
        return None, [(1, "front matter is not closed: the --- on line 1 opens it, but no line with just --- "
                          "ends it")], None
    if text is None:
        return None, [(1, "missing front matter: start the page with --- and give " + ", ".join(REQUIRED))], body
    try:
        meta = load_yaml(text)
    except YamlProblem as problem:
        return None, [(1 + problem.line, f"front matter: {problem.message_at(1)}")], body
    if meta is None:
        meta = YamlMap()
        meta.key_lines = {}
    if not isinstance(meta, YamlMap):
        return None, [(2, "front matter must be 'key: value' lines")], body
    return meta, [], body


def on_page_read_source(page, config):
    """Hand MkDocs the page with an empty front matter: our loader reads the real one (no aliases, no
    duplicate keys, decimals), and MkDocs' own yaml.load never sees editor YAML."""
    source = page.file.content_string
    meta, problems, body = read_front_matter(source)
    _front_matter[page.file.src_path] = (source, meta, problems)
    if body is None:
        return EMPTY_FRONT_MATTER + source  # reported by on_page_markdown
    return EMPTY_FRONT_MATTER + body


def on_page_markdown(markdown, *, page, config, files):
    path = page_path(page, config)
    source = page.file.content_string
    read = _front_matter.pop(page.file.src_path, None)
    if read is not None and read[0] == source:
        _, meta, problems = read
        page.meta = dict(meta) if meta is not None else {}
    else:  # not read by on_page_read_source (or a stale read, during serve)
        meta, problems, _ = read_front_matter(source)
    problems = problems or check_meta(meta)
    for line, message in problems:
        report(path, line, message)
    for key in ("title", "description"):  # Material prints these raw in <title>, meta tags, header, nav, footer
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escaped_text(page.meta[key])
    if problems:
        return markdown
    try:
        rules = default_rules()
    except DataError as error:
        report_text(str(error))
        return markdown
    bibliography = files.get_file_from_path(BIBLIOGRAPHY_PAGE)
    url = bibliography.url_relative_to(page.file) if bibliography else BIBLIOGRAPHY_PAGE
    return markdown + render.sources_section(page.meta["sources"], page.meta["reviewed"], rules, url)


def check_front_matter(source: str, today: dt.date | None = None) -> list[tuple[int, str]]:
    """(line, message) for each problem in a page's front matter; empty when it is complete."""
    meta, problems, _ = read_front_matter(source)
    return problems or check_meta(meta, today)


def check_meta(meta: YamlMap, today: dt.date | None = None) -> list[tuple[int, str]]:
    """(line, message) for each problem in a front matter that safe_yaml read as a mapping."""
    today = today or dt.date.today()

    def line(key):
        return 1 + meta.key_lines[key] if key in meta.key_lines else 1

    problems = []
    for key in REQUIRED:
        if key not in meta or meta[key] in (None, "", []):
            problems.append((line(key), f"front matter: missing {key!r} (required: {', '.join(REQUIRED)})"))
    for key in ("title", "description"):
        value = meta.get(key)
        if value not in (None, "") and not isinstance(value, str):
            problems.append((line(key), f"front matter: {key!r} must be text, got {excerpt(value)}"))
        elif isinstance(value, str) and not value.strip():
            problems.append((line(key), f"front matter: {key!r} is blank"))
    reviewed = meta.get("reviewed")
    if reviewed not in (None, ""):
        if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
            problems.append((line("reviewed"), f"front matter: 'reviewed' must be a date YYYY-MM-DD, "
                                               f"got {excerpt(reviewed)}"))
        elif reviewed > today:
            problems.append((line("reviewed"), f"front matter: 'reviewed' {reviewed} is in the future"))
    sources = meta.get("sources")
    if sources not in (None, "", []):
        if not isinstance(sources, list):
            problems.append((line("sources"), "front matter: 'sources' must be a list of source ids"))
        else:
            try:
                known = default_rules().sources
            except DataError as error:
                report_text(str(error))
                return problems
            for index, source_id in enumerate(sources):
                if not isinstance(source_id, str) or source_id not in known:
                    problems.append((1 + sources.line_of(index),
                                     f"front matter: unknown source id {excerpt(source_id)} (see data/sources.yml)"))
            seen = set()
            for index, source_id in enumerate(sources):
                if isinstance(source_id, str) and source_id in seen:
                    problems.append((1 + sources.line_of(index), f"front matter: source id {excerpt(source_id)} "
                                                                  f"is listed twice"))
                seen.add(source_id) if isinstance(source_id, str) else None
    return problems
