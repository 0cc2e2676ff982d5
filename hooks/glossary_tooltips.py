"""Hook: glossary terms become tooltips inside Chinese text.

Definitions live in includes/abbreviations.md (`*[征信]: …`), appended to every page by
pymdownx.snippets and read by Python-Markdown's `abbr` extension. That extension only matches
at `\\b` word boundaries, and Chinese has none between characters, so 征信 inside 个人征信报告 is
never found. We swap its tree processor for one that matches CJK terms anywhere (Latin terms such
as LPR still need boundaries), marks only the first occurrence of each term on a page so the text
stays readable, and leaves headings, links and code alone.
"""
from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString

SKIPPED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "script", "style", "th", "caption"}


def term_pattern(terms) -> re.Pattern:
    """One regex for all terms, longest first; ASCII-edged terms get ASCII word boundaries."""
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        escaped = re.escape(term)
        if term[:1].isascii() and term[:1].isalnum():
            escaped = r"(?<![A-Za-z0-9])" + escaped
        if term[-1:].isascii() and term[-1:].isalnum():
            escaped += r"(?![A-Za-z0-9])"
        parts.append(escaped)
    return re.compile("|".join(parts))


@functools.lru_cache(maxsize=4)
def _page_pattern(terms: tuple[str, ...]) -> re.Pattern:
    """term_pattern, compiled once: every page carries the same definitions (includes/abbreviations.md)."""
    return term_pattern(terms)


class FirstUseAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root: etree.Element):
        if not self.abbrs:
            return
        self.RE = _page_pattern(tuple(self.abbrs))
        self.seen: set[str] = set()
        self.defined = sum(1 for title in self.abbrs.values() if title)  # terms that can be marked
        self._walk(root)

    def _wrap(self, text: str) -> tuple[str, list[etree.Element]]:
        """Split text at first uses of terms: the leading text and new <abbr> elements with tails."""
        pieces, head, cursor, current = [], None, 0, None
        for match in self.RE.finditer(text):
            term = match.group(0)
            if term in self.seen or not self.abbrs.get(term):
                continue
            self.seen.add(term)
            segment = text[cursor:match.start()]
            if current is None:
                head = segment
            else:
                current.tail = segment
            current = self.create_element(self.abbrs[term], term, "")
            pieces.append(current)
            cursor = match.end()
        if current is None:
            return text, []
        current.tail = text[cursor:]
        return head, pieces

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIPPED_TAGS or len(self.seen) == self.defined:  # nothing left to mark on this page
            return
        if element.text and not isinstance(element.text, AtomicString):
            element.text, new = self._wrap(element.text)
            for index, abbr in enumerate(new):
                element.insert(index, abbr)
        inserted = 0  # <abbr> elements put after earlier children's tails: where this child now is
        for index, child in enumerate(list(element)):
            self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, new = self._wrap(child.tail)
                position = index + inserted + 1
                for offset, abbr in enumerate(new):
                    element.insert(position + offset, abbr)
                inserted += len(new)


class ChineseAbbrExtension(Extension):
    """Must come after `abbr` in markdown_extensions; reuses its definitions."""

    def extendMarkdown(self, md):
        original = md.treeprocessors["abbr"]
        md.treeprocessors.deregister("abbr")
        md.treeprocessors.register(FirstUseAbbrTreeprocessor(md, original.abbrs), "abbr", 7)


def on_config(config):
    if "abbr" not in config.markdown_extensions:
        config.markdown_extensions.append("abbr")
    config.markdown_extensions.append(ChineseAbbrExtension())
    return config
