"""The signal data, data/message_signals.yml: read through calculators.safe_yaml and validated once.

``parse_signals`` is pure (text and look-ups in, Signals out); ``load_signals`` and ``default_signals``
read the files: the data, data/sources.yml for source ids and the docs pages a link points at, for their
heading anchors. Every problem is a SignalDataError whose text is ``data/message_signals.yml:LINE: message``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from calculators.safe_yaml import YamlList, YamlMap, YamlProblem, excerpt, load_yaml
from messagecheck.patterns import PatternProblem, check_pattern

REPO_ROOT = Path(__file__).resolve().parent.parent
SIGNALS_FILE = REPO_ROOT / "data" / "message_signals.yml"
DOCS_DIR = REPO_ROOT / "docs"
DISPLAY_PATH = "data/message_signals.yml"

# Verdicts in priority order, each with the kind of signal that leads to it (fixed by issue 8).
VERDICT_ORDER = ("scam-likely", "unlawful-pressure", "verify", "routine")
KINDS = {"scam": "scam-likely", "unlawful": "unlawful-pressure", "legal-claim": "verify", "info": "routine"}
REQUIRED_SIGNALS = ("personal-account", "fee-upfront", "credit-repair", "link", "court-claim", "lawyer-letter",
                    "police-arrest", "home-visit", "third-party", "insult-threat", "deadline")
TOP_FIELDS = {"verdicts": True, "signals": True}
VERDICT_FIELDS = {"id": True, "kind": True, "title": True, "sentence": True}
SIGNAL_FIELDS = {"id": True, "label": True, "kind": True, "patterns": True, "except": False, "escalate": False,
                 "rule": True, "sources": True, "todo": True, "link": True}
ESCALATE_FIELDS = {"to": True, "when": True}
ID_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
LINK_RE = re.compile(r"(?P<page>[a-z0-9][a-z0-9_/-]*\.md)#(?P<anchor>[^\s#]+)\Z")


class SignalDataError(ValueError):
    """One problem in the signal data, at a line of data/message_signals.yml."""

    def __init__(self, line: int, message: str, code: str, path: str = DISPLAY_PATH):
        super().__init__(f"{path}:{line}: {message}")
        self.line = line
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Verdict:
    id: str
    kind: str
    title: str
    sentence: str


@dataclass(frozen=True)
class Signal:
    id: str
    label: str
    kind: str
    patterns: tuple[str, ...]
    excepts: tuple[str, ...]
    escalate_to: str | None
    escalate_when: tuple[str, ...]
    rule: str
    sources: tuple[str, ...]
    todo: str
    link: str  # docs page and anchor, e.g. collection/rules.md#威胁辱骂暴力
    link_title: str  # that heading's text


@dataclass(frozen=True)
class Signals:
    verdicts: tuple[Verdict, ...]
    signals: tuple[Signal, ...]
    sources: dict  # id -> calculators.rules.Source, only the ones the signals cite

    def verdict(self, verdict_id: str) -> Verdict:
        return next(v for v in self.verdicts if v.id == verdict_id)


def _fields(entry, allowed: dict, where: str, line: int):
    if not isinstance(entry, YamlMap):
        raise SignalDataError(line, f"{where}: expected a mapping with {', '.join(allowed)}", "shape")
    for key in entry:
        if key not in allowed:
            raise SignalDataError(entry.line_of(key), f"{where}: unknown field {excerpt(str(key))} (allowed: "
                                                      f"{', '.join(allowed)})", "unknown-field")
    for key, required in allowed.items():
        if required and key not in entry:
            raise SignalDataError(entry.line, f"{where}: missing field {key!r}", "missing-field")


def _text(entry: YamlMap, key: str, where: str) -> str:
    value = entry[key]
    if not isinstance(value, str) or not value.strip():
        raise SignalDataError(entry.line_of(key), f"{where}: {key} must be non-empty text", "shape")
    return " ".join(value.split())


def _pattern_list(entry: YamlMap, key: str, where: str) -> tuple[str, ...]:
    value = entry[key]
    if not isinstance(value, YamlList) or not value:
        raise SignalDataError(entry.line_of(key), f"{where}: {key} must be a non-empty list of patterns", "shape")
    for index, pattern in enumerate(value):
        try:
            check_pattern(pattern)
        except PatternProblem as problem:
            raise SignalDataError(value.line_of(index), f"{where}: bad pattern {excerpt(str(pattern))}: "
                                                        f"{problem.message}", problem.code) from None
    return tuple(value)


def parse_signals(text: str, *, source_ids, anchors_of: Callable[[str], dict | None]) -> tuple:
    """Validate the YAML text. ``anchors_of(page)`` gives a docs page's heading anchors (anchor -> heading
    text), or None if the page does not exist. Returns (verdicts, signals)."""
    try:
        data = load_yaml(text)
    except YamlProblem as problem:
        raise SignalDataError(problem.line, problem.message, problem.code) from None
    _fields(data, TOP_FIELDS, "top level", 1)
    verdicts = _verdicts(data)
    raw = data["signals"]
    if not isinstance(raw, YamlList) or not raw:
        raise SignalDataError(data.line_of("signals"), "signals must be a non-empty list", "shape")
    signals, seen = [], {}
    for index, entry in enumerate(raw):
        signal = _signal(entry, raw.line_of(index), source_ids, anchors_of)
        if signal.id in seen:
            raise SignalDataError(entry.line_of("id"), f"signal {signal.id!r} given twice (first on line "
                                                       f"{seen[signal.id]})", "duplicate-id")
        seen[signal.id] = entry.line_of("id")
        signals.append(signal)
    missing = [sid for sid in REQUIRED_SIGNALS if sid not in seen]
    if missing:
        raise SignalDataError(data.line_of("signals"), f"missing required signal(s): {', '.join(missing)}",
                              "missing-signal")
    return verdicts, tuple(signals)


def _verdicts(data: YamlMap) -> tuple[Verdict, ...]:
    raw = data["verdicts"]
    if not isinstance(raw, YamlList):
        raise SignalDataError(data.line_of("verdicts"), "verdicts must be a list", "shape")
    verdicts = []
    for index, entry in enumerate(raw):
        where = f"verdict {index + 1}"
        _fields(entry, VERDICT_FIELDS, where, raw.line_of(index))
        verdict = Verdict(**{key: _text(entry, key, where) for key in VERDICT_FIELDS})
        if KINDS.get(verdict.kind) != verdict.id:
            raise SignalDataError(entry.line_of("kind"), f"{where}: verdict {verdict.id!r} must have kind "
                                  f"{next((k for k, v in KINDS.items() if v == verdict.id), '?')!r}", "bad-verdict")
        verdicts.append(verdict)
    if tuple(v.id for v in verdicts) != VERDICT_ORDER:
        raise SignalDataError(data.line_of("verdicts"), f"verdicts must be exactly {', '.join(VERDICT_ORDER)}, in "
                                                        f"that order (their priority)", "bad-verdict")
    return tuple(verdicts)


def _signal(entry, line: int, source_ids, anchors_of) -> Signal:
    _fields(entry, SIGNAL_FIELDS, f"signal {index_hint(entry)}", line)
    signal_id = entry["id"]
    if not isinstance(signal_id, str) or not ID_RE.match(signal_id):
        raise SignalDataError(entry.line_of("id"), f"signal id {excerpt(str(signal_id))} must be lower-case words "
                                                   f"joined by '-'", "bad-id")
    where = f"signal {signal_id!r}"
    kind = _text(entry, "kind", where)
    if kind not in KINDS:
        raise SignalDataError(entry.line_of("kind"), f"{where}: kind must be one of {', '.join(KINDS)}, got "
                                                     f"{excerpt(kind)}", "bad-kind")
    escalate_to, escalate_when = None, ()
    if "escalate" in entry:
        escalate = entry["escalate"]
        _fields(escalate, ESCALATE_FIELDS, f"{where} escalate", entry.line_of("escalate"))
        escalate_to = _text(escalate, "to", f"{where} escalate")
        order = list(KINDS)
        if escalate_to not in KINDS or order.index(escalate_to) >= order.index(kind):
            raise SignalDataError(escalate.line_of("to"), f"{where}: escalate.to must be a kind stronger than "
                                                          f"{kind!r} ({', '.join(order[:order.index(kind)])})",
                                  "bad-kind")
        escalate_when = _pattern_list(escalate, "when", f"{where} escalate")
    sources = entry["sources"]
    if not isinstance(sources, YamlList) or not sources:
        raise SignalDataError(entry.line_of("sources"), f"{where}: sources must be a non-empty list of source ids",
                              "shape")
    for index, source_id in enumerate(sources):
        if source_id not in source_ids:
            raise SignalDataError(sources.line_of(index), f"{where}: unknown source id {excerpt(str(source_id))} "
                                                          f"(add it to data/sources.yml)", "unknown-source")
    link = _text(entry, "link", where)
    match = LINK_RE.match(link)
    if not match:
        raise SignalDataError(entry.line_of("link"), f"{where}: link must be a docs page and a heading anchor, "
                                                     f"e.g. collection/rules.md#威胁辱骂暴力", "bad-link")
    anchors = anchors_of(match["page"])
    if anchors is None:
        raise SignalDataError(entry.line_of("link"), f"{where}: link target docs/{match['page']} does not exist",
                              "unknown-link")
    if match["anchor"] not in anchors:
        near = ", ".join(sorted(anchors)[:12])
        raise SignalDataError(entry.line_of("link"), f"{where}: docs/{match['page']} has no heading with anchor "
                                                     f"{excerpt(match['anchor'])} (anchors there: {near})",
                              "unknown-link")
    return Signal(
        id=signal_id, label=_text(entry, "label", where), kind=kind,
        patterns=_pattern_list(entry, "patterns", where),
        excepts=_pattern_list(entry, "except", where) if "except" in entry else (),
        escalate_to=escalate_to, escalate_when=escalate_when,
        rule=_text(entry, "rule", where), sources=tuple(sources), todo=_text(entry, "todo", where), link=link,
        link_title=anchors[match["anchor"]],
    )


def index_hint(entry) -> str:
    return repr(entry.get("id")) if isinstance(entry, dict) else ""


# Files ------------------------------------------------------------------------------------------

HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
ATTR_ID_RE = re.compile(r"\{[^}]*#([^\s}]+)[^}]*\}\s*$")
ATTR_RE = re.compile(r"\s*\{[^}]*\}\s*$")
FENCE_START = re.compile(r"^\s*(`{3,}|~{3,})")


def heading_anchors(markdown: str) -> dict[str, str]:
    """Anchors the toc extension gives the headings of a page (mkdocs.yml: pymdownx.slugs.slugify, lower
    case), plus explicit {#id} attributes, each with its heading text. Headings inside fenced blocks are
    skipped."""
    from pymdownx.slugs import slugify

    slug = slugify(case="lower")
    anchors, fence = {}, None
    for line in markdown.splitlines():
        opening = FENCE_START.match(line)
        if opening:
            fence = None if fence and opening[1].startswith(fence) else (fence or opening[1])
            continue
        if fence:
            continue
        match = HEADING_RE.match(line)
        if not match:
            continue
        title = match[2]
        explicit = ATTR_ID_RE.search(title)
        title = ATTR_RE.sub("", title)
        title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title).replace("**", "").replace("`", "").strip()
        anchors.setdefault(explicit[1] if explicit else slug(title, "-"), title)
    return anchors


def docs_anchors(docs_dir: Path = DOCS_DIR) -> Callable[[str], dict | None]:
    cache: dict[str, dict | None] = {}

    def anchors_of(page: str):
        if page not in cache:
            path = docs_dir / page
            cache[page] = heading_anchors(path.read_text(encoding="utf-8")) if path.is_file() else None
        return cache[page]

    return anchors_of


def load_signals(path: Path = SIGNALS_FILE, docs_dir: Path = DOCS_DIR, sources=None) -> Signals:
    all_sources = _site_sources() if sources is None else sources
    verdicts, signals = parse_signals(path.read_text(encoding="utf-8"), source_ids=all_sources,
                                      anchors_of=docs_anchors(docs_dir))
    cited = {sid: all_sources[sid] for signal in signals for sid in signal.sources}
    return Signals(verdicts=verdicts, signals=signals, sources=cited)


def _site_sources():
    """data/sources.yml as the calculators already read and validated it (no second parse); read on its own
    only when the rules cannot load (a broken products file must not hide the signals' own problems)."""
    from calculators.rules import SOURCES_FILE, DataError, data_paths, default_rules, load_sources

    if data_paths()[1] == SOURCES_FILE:
        try:
            return default_rules().sources
        except DataError:
            pass
    return load_sources()


@lru_cache(maxsize=1)
def default_signals() -> Signals:
    return load_signals()
