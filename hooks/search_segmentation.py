"""Hook: segment each run of Chinese text once per build, not once per occurrence.

Material's search plugin cuts every run of Han characters of every section with jieba (pure Python, the
largest single cost of a large build after the navigation: benchmarks/REPORT.md). The same runs recur
across pages (table headings, the 来源 lists, 接下来你可以, common clauses): on our 35 pages 40% of the
characters jieba is given, on the generated 1,000-page site 45%. This hook puts a cache in front of
`jieba.cut`, which the plugin calls by module attribute, so the index is byte-for-byte the same. The cache
is emptied at the start of every build, because the user dictionary (data/jieba_user_dict.txt) may have
changed under `mkdocs serve`.
"""
from __future__ import annotations

import jieba

_original_cut = getattr(jieba.cut, "uncached", jieba.cut)
_cache: dict[tuple, tuple[str, ...]] = {}


def cached_cut(sentence, cut_all=False, HMM=True, use_paddle=False):
    """jieba.cut with the same arguments and tokens, remembered for the rest of the build."""
    if isinstance(sentence, bytes):
        sentence = sentence.decode("utf-8")
    key = (sentence, cut_all, HMM, use_paddle)
    tokens = _cache.get(key)
    if tokens is None:
        tokens = _cache[key] = tuple(_original_cut(sentence, cut_all=cut_all, HMM=HMM, use_paddle=use_paddle))
    return iter(tokens)


cached_cut.uncached = _original_cut


def install() -> None:
    _cache.clear()
    jieba.cut = cached_cut


def on_config(config):
    install()
    return config
