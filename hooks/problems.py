"""Build problems: collected as `docs/path.md:LINE: message`, reported together, fatal even without --strict.

Under `mkdocs build` any problem fails the build (after every page has been read, so an editor sees them all).
Under `mkdocs serve` (detected from on_startup's ``command``) nothing fails: each problem is still printed in
the terminal, and the page shows it where the editor looks, as an error box in place of the directive and a
banner at the top listing every problem of that page (hooks/serve_errors.py puts them in the HTML).
"""
from __future__ import annotations

import functools
import logging

from mkdocs.exceptions import PluginError

from hooks.escaping import escape

log = logging.getLogger("mkdocs.hooks.yuqi")

_problems: list[str] = []
_by_page: dict[str, list[str]] = {}  # src path (docs/…) -> that page's problems, for the serve banner
_everywhere: list[str] = []  # problems of a shared file (data/products.yml): on every page's banner
_mode = {"serving": False}


class PageProblem(Exception):
    """One thing wrong in a page, at a line of its source file."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def set_serving(serving: bool) -> None:
    _mode["serving"] = bool(serving)


def serving() -> bool:
    return _mode["serving"]


def reset() -> None:
    _problems.clear()
    _by_page.clear()
    _everywhere.clear()


def report(src_path: str, line: int, message: str) -> str:
    """Record ``src_path:line: message`` (once) and print it; returns the text."""
    return report_text(f"{src_path}:{line}: {message}", page=src_path)


def report_text(text: str, page: str | None = None) -> str:
    """Record a problem already written as `file:LINE: message`. ``page`` None: it concerns every page."""
    if text not in _problems:
        _problems.append(text)
        log.error(text)
    bucket = _by_page.setdefault(page, []) if page is not None else _everywhere
    if text not in bucket:
        bucket.append(text)
    return text


def problems_for(src_path: str) -> list[str]:
    return _everywhere + _by_page.get(src_path, [])


def all_problems() -> list[str]:
    return list(_problems)


_before_failing: list = []  # callbacks that report what they have collected (hooks/build_checks.py)


def before_failing(callback) -> None:
    if callback not in _before_failing:
        _before_failing.append(callback)


def fail_if_any() -> None:
    for callback in _before_failing:
        callback()
    if _problems and not serving():
        count = len(_problems)
        raise PluginError(f"{count} problem{'s' if count > 1 else ''} in the pages above; the site was not built.")


# In the browser, under `mkdocs serve` ---------------------------------------------------------------

BOX_STYLE = ("border:3px solid #b00020;background:#fff0f0;color:#5f0010;padding:.6em .8em;margin:1em 0;"
             "font:14px/1.5 monospace;white-space:pre-wrap;overflow-wrap:anywhere")


def error_box(text: str) -> str:
    """One problem, in place of the directive it concerns (inline styles: it must show on any theme)."""
    return (f'<div class="yuqi-build-error" role="alert" style="{BOX_STYLE}">'
            f'<strong>构建错误（mkdocs build 会失败）</strong><br>{escape(text)}</div>')


def banner(problems: list[str]) -> str:
    items = "".join(f"<li>{escape(text)}</li>" for text in problems)
    count = len(problems)
    return (f'<div class="yuqi-build-errors" role="alert" style="{BOX_STYLE};position:relative;z-index:10">'
            f'<strong>本页有 {count} 个构建错误（mkdocs build 会失败）：</strong><ul style="margin:.3em 0 0">'
            f'{items}</ul></div>')


def page_path(page, config) -> str:
    """The path editors see, e.g. docs/costs/fees.md, relative to the project."""
    docs, relative_docs = _docs_dir(config["docs_dir"], config["config_file_path"])
    return str((docs if relative_docs is None else relative_docs) / page.file.src_path)


@functools.lru_cache(maxsize=8)
def _docs_dir(docs_dir: str, config_file_path: str):
    """(resolved docs dir, the same relative to the project or None): two resolve() calls per config, not
    per page and hook (the paths are strings from the config, so the cache key changes when they do)."""
    from pathlib import Path

    docs = Path(docs_dir).resolve()
    project = Path(config_file_path).resolve().parent
    try:
        return docs, docs.relative_to(project)
    except ValueError:
        return docs, None


def body_line_offset(page) -> int:
    """Lines in the source file before the Markdown body (front matter and the blank lines MkDocs strips)."""
    raw = page.file.content_string
    body = page.markdown or ""
    start = len(raw) - len(body) if body and raw.endswith(body) else 0
    return raw.count("\n", 0, start)
