"""Build problems: collected as `docs/path.md:LINE: message`, reported together, fatal even without --strict."""
from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.yuqi")

_problems: list[str] = []


class PageProblem(Exception):
    """One thing wrong in a page, at a line of its source file."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def reset() -> None:
    _problems.clear()


def report(src_path: str, line: int, message: str) -> None:
    text = f"{src_path}:{line}: {message}"
    if text not in _problems:
        _problems.append(text)
        log.error(text)


def fail_if_any() -> None:
    if _problems:
        count = len(_problems)
        raise PluginError(f"{count} problem{'s' if count > 1 else ''} in the pages above; the site was not built.")


def page_path(page, config) -> str:
    """The path editors see, e.g. docs/costs/fees.md, relative to the project."""
    from pathlib import Path

    docs = Path(config["docs_dir"]).resolve()
    project = Path(config["config_file_path"]).resolve().parent
    try:
        return str((docs / page.file.src_path).relative_to(project))
    except ValueError:
        return str(docs / page.file.src_path)


def body_line_offset(page) -> int:
    """Lines in the source file before the Markdown body (front matter and the blank lines MkDocs strips)."""
    raw = page.file.content_string
    body = page.markdown or ""
    start = len(raw) - len(body) if body and raw.endswith(body) else 0
    return raw.count("\n", 0, start)
