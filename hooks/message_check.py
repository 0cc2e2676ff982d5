"""Hook: 消息自查 at build time.

- `message-check-tool` (docs/tools/message-check.md): the place the page's JavaScript mounts the checker.
- `message-signals`: every signal with its rule, sources, next step and link, written at build time from
  data/message_signals.yml, so the page explains itself without JavaScript.
- `message-check`: the analysis of the `!!! example` message just above it (or of its own `text:`), by the
  same engine as the page and the command line, so the examples and the tool cannot disagree.
- After the build, site/assets/messagecheck/signals.json for the page (messagecheck.export.page_data).

Directives are found by hooks/directives.py; this hook must run before hooks/content_directives.py (see
mkdocs.yml), which renders the others. Problems go through hooks/problems.py as `docs/page.md:LINE:`, and
bad signal data as `data/message_signals.yml:LINE:`.
"""
from __future__ import annotations

import json
import posixpath
import re
import sys
import textwrap
from pathlib import Path

# MkDocs loads hooks by file path; make the repository (calculators/, messagecheck/, hooks/) importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from markupsafe import escape
from mkdocs.exceptions import PluginError

from calculators.safe_yaml import YamlMap, YamlProblem, load_yaml
from hooks.directives import find_directives
from hooks.problems import PageProblem, body_line_offset, page_path, report
from messagecheck.analysis import analyse
from messagecheck.export import page_data, page_url
from messagecheck.signals import SignalDataError, Signals, default_signals

NAMES = ("message-check-tool", "message-signals", "message-check")
OUTPUT = Path("assets") / "messagecheck" / "signals.json"
EXAMPLE_RE = re.compile(r"^!!! example[^\n]*\n((?:(?:[ ]{4}[^\n]*)?\n)+)", re.MULTILINE)


def on_pre_build(config):
    default_signals.cache_clear()  # `mkdocs serve` rebuilds when data/ changes: read it again


def on_page_markdown(markdown, *, page, config, files):
    directives = [d for d in find_directives(markdown) if d.name in NAMES]
    if not directives:
        return markdown
    offset = body_line_offset(page)
    try:
        signals = default_signals()
    except SignalDataError as error:
        report("data/message_signals.yml", error.line, error.message)
        return markdown
    page_dir = posixpath.dirname(page_url(page.file.src_uri))
    pieces, cursor = [], 0
    for directive in directives:
        pieces.append(markdown[cursor:directive.start])
        cursor = directive.end
        try:
            html = render(directive, markdown, signals, page_dir)
        except PageProblem as problem:
            report(page_path(page, config), problem.line + offset, problem.message)
            html = ""
        pieces.append(directive.indent + html)
    pieces.append(markdown[cursor:])
    return "".join(pieces)


def on_post_build(config):
    try:
        data = page_data(default_signals())
    except SignalDataError as error:
        raise PluginError(str(error)) from None
    path = Path(config["site_dir"]) / OUTPUT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# Renderers --------------------------------------------------------------------------------------

def render(directive, markdown: str, signals: Signals, page_dir: str) -> str:
    if directive.name == "message-check":
        return example_analysis(_message_of(directive, markdown), signals, page_dir)
    if directive.body.strip():
        raise PageProblem(directive.line + 1, f"{directive.name}: takes no keys; leave the block empty")
    if directive.name == "message-check-tool":
        return tool()
    return signal_list(signals, page_dir)


def _message_of(directive, markdown: str) -> str:
    if directive.body.strip():
        try:
            data = load_yaml(directive.body)
        except YamlProblem as problem:
            raise PageProblem(directive.line + problem.line, f"message-check: {problem.message}") from None
        if not isinstance(data, YamlMap) or set(data) != {"text"} or not isinstance(data["text"], str):
            raise PageProblem(directive.line + 1, "message-check: give only `text: ...` (the message), or leave "
                                                  "the block empty to check the `!!! example` just above")
        return data["text"]
    examples = list(EXAMPLE_RE.finditer(markdown, 0, directive.start))
    if not examples:
        raise PageProblem(directive.line, "message-check: no `!!! example` block above to check; put the "
                                          "directive right after one, or give `text: ...`")
    return textwrap.dedent(examples[-1][1]).strip()


def _href(link: str, page_dir: str) -> str:
    target = page_url(link)
    path, _, anchor = target.partition("#")
    relative = posixpath.relpath(path or ".", page_dir or ".") + "/"
    return escape(relative + (f"#{anchor}" if anchor else ""))


def tool() -> str:
    return ('<div class="message-check" data-message-check>'
            '<p class="mc-needs-js">消息自查需要开启 JavaScript 的较新浏览器。看不到输入框也没关系：'
            '下面列出了它会找的每一种迹象、依据和该怎么做。</p></div>')


def signal_list(signals: Signals, page_dir: str) -> str:
    items = []
    for signal in signals.signals:
        sources = "；".join(f'<a href="{escape(signals.sources[sid].url)}">{escape(signals.sources[sid].title)}</a>'
                           for sid in signal.sources)
        verdict = signals.verdict({"scam": "scam-likely", "unlawful": "unlawful-pressure",
                                   "legal-claim": "verify", "info": "routine"}[signal.kind])
        effect = "单独出现就判为" if signal.kind != "info" else "本身不改变结论（"
        effect = (f"{effect}“{escape(verdict.title)}”" + ("）" if signal.kind == "info" else ""))
        items.append(
            f'<li class="mc-static-signal mc-kind-{escape(signal.kind)}" id="signal-{escape(signal.id)}">'
            f'<p class="mc-signal-label"><strong>{escape(signal.label)}</strong>'
            f'<span class="mc-effect">{effect}</span></p>'
            f'<p><span class="mc-field">规则：</span>{escape(signal.rule)}</p>'
            f'<p><span class="mc-field">来源：</span>{sources}</p>'
            f'<p><span class="mc-field">怎么做：</span>{escape(signal.todo)}</p>'
            f'<p><a href="{_href(signal.link, page_dir)}">详见：{escape(signal.link_title)}</a></p></li>')
    return f'<ol class="mc-static-signals">{"".join(items)}</ol>'


def example_analysis(message: str, signals: Signals, page_dir: str) -> str:
    analysis = analyse(message, signals)
    verdict = signals.verdict(analysis.verdict)
    found = "".join(
        f'<li><a href="{_href(f.signal.link, page_dir)}">{escape(f.signal.label)}</a>：'
        + "、".join(f"“{escape(text)}”" for text in dict.fromkeys(f.texts(analysis.text))) + "</li>"
        for f in analysis.found)
    found_html = f'<ul>{found}</ul>' if found else "<p>没有发现任何一种迹象。</p>"
    ids = " ".join(f.signal.id for f in analysis.found)
    tool_href = escape(posixpath.relpath("tools/message-check", page_dir or ".") + "/")
    # Out of the search index: it repeats the example's words and the signal labels seven times on one page,
    # which skews ranking for other pages (tests/browser/test_search.py). No <div> inside (see hooks/render.py).
    return (f'<div class="mc-example" data-example-verdict="{escape(verdict.id)}" '
            f'data-example-signals="{escape(ids)}" data-search-exclude>'
            f'<p class="mc-verdict mc-kind-{escape(verdict.kind)}"><a href="{tool_href}">消息自查</a>的结论：'
            f'<strong>{escape(verdict.title)}</strong></p>{found_html}</div>')
