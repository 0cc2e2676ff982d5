"""The one escaping rule for editor-controlled text that reaches HTML (front matter, directive values, data
files, glossary): markupsafe.escape, which Jinja2 uses too. Every hook that writes a value into a page goes
through ``escape``; a value already escaped (a ``Markup``) is not escaped twice.
"""
from __future__ import annotations

from markupsafe import Markup, escape as _escape


def escape(value: object) -> Markup:
    """Text safe inside an element or a quoted attribute: & < > " ' become entities."""
    return _escape("" if value is None else value)


def escaped_text(value: object) -> Markup:
    """A plain-text value (never HTML) for a template that prints it raw: e.g. a page title in Material's
    <title>, header, navigation and footer, which Jinja (autoescape off in MkDocs) copies as is."""
    if isinstance(value, Markup):
        return value
    return _escape(str(value))


__all__ = ["Markup", "escape", "escaped_text"]
