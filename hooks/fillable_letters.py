"""Hook: `{{ blank:KEY 标签 }}` and `{{ letter-form }}` in template pages become fillable blanks and their form
(the work is in hooks/letters.py).

Runs before inline_figures, so figure markers are left to it and a bad blank marker is reported once. A bad
marker is reported as `docs/page.md:LINE: message` and fails the build with the other page problems.
"""
from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads hooks by file path; make the repository (calculators/, hooks/) importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hooks.letters import expand_letters
from hooks.problems import body_line_offset, page_path, report


def on_page_markdown(markdown, *, page, config, files):
    if "blank" not in markdown and "letter-form" not in markdown:
        return markdown
    result = expand_letters(markdown, page_path(page, config), first_line=body_line_offset(page) + 1)
    for problem in result.problems:
        report(problem.path, problem.line, problem.message)
    return result.text
