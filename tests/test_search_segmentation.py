"""The segmentation cache gives jieba's own tokens, and cuts each run of text only once per build."""
import sys

import jieba
from material.plugins.search.plugin import SearchIndex

from support import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import search_segmentation  # noqa: E402

TEXT = "逾期多久上征信？花呗逾期了怎么办。个人信用报告里的逾期记录，逾期多久上征信 LPR 3.0% 人民法院"


def test_cached_segmentation_matches_material_and_cuts_each_run_once(monkeypatch):
    jieba.load_userdict(str(ROOT / "data" / "jieba_user_dict.txt"))
    index = SearchIndex(separator=r"[\s\u200b\-]", lang="zh", pipeline=[], fields={})
    monkeypatch.setattr(jieba, "cut", search_segmentation.cached_cut.uncached)
    expected = index._segment_chinese(TEXT)

    calls = []
    original = search_segmentation._original_cut
    monkeypatch.setattr(search_segmentation, "_original_cut",
                        lambda sentence, **kwargs: calls.append(sentence) or original(sentence, **kwargs))
    search_segmentation.install()
    assert jieba.cut is search_segmentation.cached_cut
    assert index._segment_chinese(TEXT) == expected
    assert index._segment_chinese(TEXT) == expected
    assert calls.count("逾期多久上征信") == 1 and len(calls) == len(set(calls))
    assert "\u200b".join(jieba.cut("花呗逾期".encode())) == "\u200b".join(original("花呗逾期"))

    search_segmentation.install()  # a new build forgets what the last one cut
    assert not search_segmentation._cache
