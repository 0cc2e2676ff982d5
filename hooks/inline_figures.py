"""Hook: `{{ fig:KEY }}` markers in prose become figures from data/products.yml (the work is in hooks/figures.py).

Runs before content_directives, so directive blocks (code fences) are left to it untouched. A bad marker
is reported as `docs/page.md:LINE: message` and fails the build with the other page problems.
"""
from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads hooks by file path; make the repository (calculators/, hooks/) importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calculators import DataError, default_rules
from hooks.figures import MARKER_RE, expand_figures
from hooks.problems import body_line_offset, page_path, report, report_text


def on_page_markdown(markdown, *, page, config, files):
    if "{{" not in markdown and "fig:" not in markdown:
        return markdown
    path = page_path(page, config)
    first_line = body_line_offset(page) + 1
    try:
        rules = default_rules()
    except DataError as error:  # a broken data file: one problem, at its own line in the data file
        report_text(str(error))
        return markdown
    result = expand_figures(markdown, path, rules, first_line=first_line)
    for problem in result.problems:
        report(problem.path, problem.line, problem.message)
    return result.text
