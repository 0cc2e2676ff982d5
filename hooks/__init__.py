"""MkDocs build hooks for 逾期应对指南. Entry modules are listed under `hooks:` in mkdocs.yml:

- page_metadata.py       validates front matter, appends the 来源与核对日期 section
- inline_figures.py      `{{ fig:KEY }}` in prose becomes a figure from the data (work in figures.py)
- content_directives.py  turns fenced directives (penalty-table, …) into computed HTML
- glossary_tooltips.py   glossary terms as tooltips inside Chinese text

Shared helpers: directives.py (parsing, the only place that reads directive blocks),
render.py (HTML for tables and source lists), problems.py (collects `file:line: message`
errors and fails the build once, after every page has been read).
"""
