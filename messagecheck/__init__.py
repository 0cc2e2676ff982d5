"""消息自查: what a collection message claims, what is unlawful, what looks like fraud, and what to do.

Pure analysis (no I/O) of one message against the signals in data/message_signals.yml; the page's
JavaScript (docs/javascripts/message-check.js) does the same from the JSON the build emits. See SPEC.md.
"""
from messagecheck.analysis import Analysis, Found, analyse
from messagecheck.signals import SignalDataError, Signals, default_signals, load_signals
from messagecheck.text import MAX_CHARS, normalise

__all__ = ["Analysis", "Found", "MAX_CHARS", "SignalDataError", "Signals", "analyse", "default_signals",
           "load_signals", "normalise"]
