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

import yaml

from calculators import DataError, default_rules
from hooks import render
from hooks.problems import page_path, report

REQUIRED = ("title", "description", "reviewed", "sources")
BIBLIOGRAPHY_PAGE = "about/sources.md"
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def on_page_markdown(markdown, *, page, config, files):
    path = page_path(page, config)
    problems = check_front_matter(page.file.content_string)
    for line, message in problems:
        report(path, line, message)
    if problems:
        return markdown
    try:
        rules = default_rules()
    except DataError as error:
        report(path, 1, f"product data: {error}")
        return markdown
    bibliography = files.get_file_from_path(BIBLIOGRAPHY_PAGE)
    url = bibliography.url_relative_to(page.file) if bibliography else BIBLIOGRAPHY_PAGE
    return markdown + render.sources_section(page.meta["sources"], page.meta["reviewed"], rules, url)


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available
    """Safe YAML, except that an impossible date (2026-13-01) stays text so we can say which line is wrong."""


def _timestamp_or_text(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _key_line(front_matter: str, key: str) -> int:
    for number, text in enumerate(front_matter.splitlines(), start=2):  # line 1 is the opening ---
        if re.match(rf"{re.escape(key)}\s*:", text):
            return number
    return 1


def check_front_matter(source: str, today: dt.date | None = None) -> list[tuple[int, str]]:
    """(line, message) for each problem in a page's front matter; empty when it is complete."""
    today = today or dt.date.today()
    match = FRONT_MATTER_RE.match(source)
    if not match:
        return [(1, "missing front matter: start the page with --- and give " + ", ".join(REQUIRED))]
    text = match["yaml"] or ""
    try:
        meta = yaml.load(text, Loader=_FrontMatterLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [(2 + (mark.line if mark else 0), f"front matter: YAML syntax error: {getattr(error, 'problem', error)}")]
    if not isinstance(meta, dict):
        return [(2, "front matter must be 'key: value' lines")]

    problems = []
    for key in REQUIRED:
        if key not in meta or meta[key] in (None, "", []):
            problems.append((_key_line(text, key) if key in meta else 1,
                             f"front matter: missing {key!r} (required: {', '.join(REQUIRED)})"))
    for key in ("title", "description"):
        if meta.get(key) not in (None, "") and not isinstance(meta[key], str):
            problems.append((_key_line(text, key), f"front matter: {key!r} must be text"))
    reviewed = meta.get("reviewed")
    if reviewed not in (None, ""):
        if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
            problems.append((_key_line(text, "reviewed"),
                             f"front matter: 'reviewed' must be a date YYYY-MM-DD, got {reviewed!r}"))
        elif reviewed > today:
            problems.append((_key_line(text, "reviewed"), f"front matter: 'reviewed' {reviewed} is in the future"))
    sources = meta.get("sources")
    if sources not in (None, "", []):
        if not isinstance(sources, list):
            problems.append((_key_line(text, "sources"), "front matter: 'sources' must be a list of source ids"))
        else:
            try:
                known = default_rules().sources
            except DataError as error:
                return problems + [(_key_line(text, "sources"), f"bibliography: {error}")]
            for source_id in sources:
                if source_id not in known:
                    problems.append((_key_line(text, "sources"),
                                     f"front matter: unknown source id {source_id!r} (see data/sources.yml)"))
    return problems
