"""The analysis: a message in, a verdict and the signals found out (SPEC.md, section 4). Pure, no I/O."""
from __future__ import annotations

import re
from dataclasses import dataclass

from messagecheck.signals import KINDS, Signal, Signals
from messagecheck.text import normalise

_compiled: dict[str, re.Pattern] = {}


def _pattern(source: str) -> re.Pattern:
    compiled = _compiled.get(source)
    if compiled is None:
        compiled = _compiled[source] = re.compile(source)
    return compiled


@dataclass(frozen=True)
class Found:
    signal: Signal
    kind: str  # the signal's kind, or its escalate.to when an escalate pattern matched
    matches: tuple[tuple[int, int], ...]  # spans in the normalised text, in order, not overlapping

    def texts(self, text: str) -> list[str]:
        return [text[start:end] for start, end in self.matches]


@dataclass(frozen=True)
class Analysis:
    text: str  # the normalised message every span refers to
    verdict: str
    found: tuple[Found, ...]

    def as_json(self) -> dict:
        """The command line's --json shape (issue 8)."""
        return {"verdict": self.verdict,
                "signals": [{"id": f.signal.id, "label": f.signal.label, "evidence": self.evidence(f),
                             "link": f.signal.link} for f in self.found]}

    def evidence(self, found: Found) -> str:
        start, end = found.matches[0]
        return self.text[start:end]


def _spans(patterns, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for source in patterns for m in _pattern(source).finditer(text)
            if m.end() > m.start()]


def signal_matches(signal: Signal, text: str) -> tuple[tuple[int, int], ...]:
    """Every match of the signal's patterns, minus those overlapping an `except` match, then the earliest
    (the longer at the same start) of any overlapping ones."""
    excluded = _spans(signal.excepts, text)
    spans = sorted((span for span in _spans(signal.patterns, text)
                    if not any(span[0] < end and start < span[1] for start, end in excluded)),
                   key=lambda span: (span[0], -span[1]))
    kept, last_end = [], 0
    for start, end in spans:
        if start >= last_end:
            kept.append((start, end))
            last_end = end
    return tuple(kept)


def analyse(message: str, signals: Signals) -> Analysis:
    text = normalise(message)
    found = []
    for signal in signals.signals:
        matches = signal_matches(signal, text)
        if not matches:
            continue
        kind = signal.kind
        if signal.escalate_to and any(_pattern(source).search(text) for source in signal.escalate_when):
            kind = signal.escalate_to
        found.append(Found(signal=signal, kind=kind, matches=matches))
    order = list(KINDS)
    strongest = min((order.index(f.kind) for f in found), default=order.index("info"))
    return Analysis(text=text, verdict=KINDS[order[strongest]], found=tuple(found))
