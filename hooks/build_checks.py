"""Hook: broken links, anchors and nav entries fail our build with the page and line, --strict or not; and
under `mkdocs serve` each page shows its problems in a banner at the top.

MkDocs already finds broken links (while rendering each page), missing anchors (after the pages are
written) and nav entries to missing pages (while reading mkdocs.yml's nav), but only warns unless --strict.
We listen to those warnings with a logging handler (no second link checker to keep in step with MkDocs),
find the line of the link in the page's source, and report `docs/page.md:LINE: …` through hooks/problems.py.
Problems found before pages are written stop the build there (hooks/content_directives.py, on_env); those
found after (anchors) fail it in on_post_build.
"""
from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

# MkDocs loads hooks by file path; make the repository (calculators/, hooks/) importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calculators.safe_yaml import excerpt
from hooks.problems import banner, before_failing, fail_if_any, page_path, problems_for, report, report_text, serving

LINK_WARNING = re.compile(r"Doc file '(?P<page>.+?)' contains (?:a|an) (?:[a-z ]+ )?link '(?P<link>.*?)'"
                          r"(?P<rest>.*)", re.DOTALL)
NAV_WARNING = re.compile(r"A reference to '(?P<target>.+?)' is included in the 'nav' configuration, "
                         r"which is not found")
NAV_ABSOLUTE = re.compile(r"An absolute path to '(?P<target>.+?)' is included in the 'nav' configuration")


class _Collector(logging.Handler):
    """Keeps MkDocs' link and nav warnings of this build; MkDocs still prints them as usual."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[str] = []

    def emit(self, record):
        try:
            self.records.append(record.getMessage())
        except Exception:  # a handler must never break the build it observes
            pass


_collector = _Collector()
_state = {"config": None, "done": 0}


# MkDocs' validation settings that must at least warn, so that our handler sees them (1.6 defaults anchors
# and unrecognized links to "info"): broken links, anchors, nav entries to missing pages.
ENFORCED = (("links", "not_found"), ("links", "anchors"), ("links", "unrecognized_links"), ("nav", "not_found"))


def on_config(config):
    for section, name in ENFORCED:
        validation = getattr(config.validation, section)
        if getattr(validation, name) < logging.WARNING:
            setattr(validation, name, logging.WARNING)
    logger = logging.getLogger("mkdocs.structure")
    if _collector not in logger.handlers:
        logger.addHandler(_collector)
    _state["config"] = config
    before_failing(_collect)
    return config


def _collect() -> None:
    if _state["config"] is not None:
        _report_collected(_state["config"])


def on_pre_build(config):
    _collector.records.clear()
    _state["done"] = 0


def on_post_page(output, *, page, config):
    _report_collected(config)
    path = page_path(page, config)
    problems = problems_for(path)
    if serving() and problems:
        output = insert_banner(output, banner(problems))
    return output


def on_post_build(config):
    _report_collected(config)
    fail_if_any()


def insert_banner(html: str, banner_html: str) -> str:
    """The banner first in the page's main content (Material's <article>, else just after <body>)."""
    for pattern in (r"<article\b[^>]*>", r"<body\b[^>]*>"):
        match = re.search(pattern, html)
        if match:
            return html[:match.end()] + banner_html + html[match.end():]
    return banner_html + html


def _report_collected(config) -> None:
    records = _collector.records
    while _state["done"] < len(records):
        message = records[_state["done"]]
        _state["done"] += 1
        problem = problem_from_warning(message, config)
        if problem is not None:
            path, line, text = problem
            if path.endswith(".md"):
                report(path, line, text)
            else:
                report_text(f"{path}:{line}: {text}")


def problem_from_warning(message: str, config) -> tuple[str, int, str] | None:
    """(file, line, message) for a MkDocs link or nav warning; None for any other warning."""
    docs = Path(config["docs_dir"])
    project = Path(config["config_file_path"]).resolve().parent
    match = LINK_WARNING.match(message)
    if match:
        page, link = match["page"], match["link"]
        source = docs / page
        try:
            text = source.read_text(encoding="utf-8")
        except OSError:
            text = ""
        try:
            shown = str(source.resolve().relative_to(project))
        except ValueError:
            shown = str(source)
        reason = match["rest"].strip().lstrip(",").strip().removeprefix("but ").rstrip(".")
        reason = re.sub(r"\s+", " ", reason)
        return shown, link_line(text, link), f"broken link {excerpt(link)}: {reason}"
    for pattern, reason in ((NAV_WARNING, "is not a page in docs/"),
                            (NAV_ABSOLUTE, "is an absolute path; nav entries name pages under docs/")):
        match = pattern.match(message)
        if match:
            config_file = Path(config["config_file_path"])
            try:
                text = config_file.read_text(encoding="utf-8")
            except OSError:
                text = ""
            return config_file.name, link_line(text, match["target"]), \
                f"nav entry {excerpt(match['target'])} {reason}"
    return None


def link_line(text: str, link: str) -> int:
    """1-based line of ``link`` in Markdown (as `(link)`, `]: link`, `href="link"`, or anywhere), else 1."""
    if not link:
        return 1
    escaped = re.escape(link)
    for pattern in (rf"\]\(\s*<?{escaped}>?(?:\s|\))", rf"\]:\s*<?{escaped}>?\s*$", rf"""href=["']{escaped}["']""",
                    rf"(?<![\w/.-]){escaped}(?![\w/.-])", escaped):
        match = re.search(pattern, text, re.MULTILINE)
        if match:
            return text.count("\n", 0, match.start()) + 1
    return 1
