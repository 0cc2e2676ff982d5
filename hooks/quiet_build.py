"""Hook: keep the build's terminal for MkDocs' own lines and our problems.

jieba (the Chinese segmenter that Material's search plugin uses) logs four DEBUG lines to stderr every time
its dictionary loads, i.e. on every build and every `mkdocs serve` rebuild, through its own handler. This
hook raises that logger to WARNING before the search plugin loads the dictionary (its on_config), so real
jieba warnings still show. Material's end-of-life notice cannot be stopped from a hook (it is printed while
MkDocs validates `theme:`, before hooks load): mkdocs.yml sets NO_MKDOCS_2_WARNING while it is read.
"""
from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

NOISY_LOGGERS = ("jieba",)


def quiet_loggers(names=NOISY_LOGGERS, level: int = logging.WARNING) -> None:
    for name in names:
        logging.getLogger(name).setLevel(level)


@event_priority(100)  # before material/search's on_config, which loads jieba's dictionary
def on_config(config):
    quiet_loggers()
    return config
