"""MkDocs build hooks for 逾期应对指南. Entry modules are listed under `hooks:` in mkdocs.yml:

- page_metadata.py       validates front matter, appends the 来源与核对日期 section
- inline_figures.py      `{{ fig:KEY }}` in prose becomes a figure from the data (work in figures.py)
- content_directives.py  turns fenced directives (penalty-table, …) into computed HTML
- glossary_tooltips.py   glossary terms as tooltips inside Chinese text
- build_checks.py        broken links, anchors and nav entries fail the build at their line, --strict or not;
                         under `mkdocs serve`, a banner of each page's problems

Shared helpers: directives.py (parsing, the only place that reads directive blocks; typo'd and unclosed
fences), escaping.py (the one escaping rule for editor text in HTML, markupsafe),
render.py (HTML for tables and source lists), problems.py (collects `file:line: message`
errors and fails the build once, after every page has been read; under `mkdocs serve` shows them in the
page instead). All editor YAML is read by calculators/safe_yaml.py.
"""
