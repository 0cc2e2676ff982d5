"""What the build gives the page (site/assets/messagecheck/signals.json) and the shared test vectors."""
from __future__ import annotations

import posixpath

from messagecheck.analysis import Analysis, analyse
from messagecheck.signals import Signals
from messagecheck.text import MAX_CHARS, REMOVED, WHITESPACE, normalise

FORMAT = 1


def page_url(link: str) -> str:
    """docs link `collection/rules.md#x` -> site URL `collection/rules/#x` (use_directory_urls)."""
    page, _, anchor = link.partition("#")
    path = page[:-3]
    if posixpath.basename(path) == "index":
        path = posixpath.dirname(path)
    return (f"{path}/" if path else "") + (f"#{anchor}" if anchor else "")


def page_data(signals: Signals) -> dict:
    return {
        "format": FORMAT,
        "max_chars": MAX_CHARS,
        "normalise": {"removed": REMOVED, "whitespace": WHITESPACE},
        "verdicts": [{"id": v.id, "kind": v.kind, "title": v.title, "sentence": v.sentence}
                     for v in signals.verdicts],
        "signals": [{
            "id": s.id, "label": s.label, "kind": s.kind, "patterns": list(s.patterns),
            "except": list(s.excepts),
            "escalate": {"to": s.escalate_to, "when": list(s.escalate_when)} if s.escalate_to else None,
            "rule": s.rule, "todo": s.todo, "link": s.link, "url": page_url(s.link),
            "link_title": s.link_title,
            "sources": [{"id": sid, "title": signals.sources[sid].title, "url": signals.sources[sid].url}
                        for sid in s.sources],
        } for s in signals.signals],
    }


def expected(analysis: Analysis) -> dict:
    """One analysis as the JavaScript must reproduce it: texts, not offsets (JS counts UTF-16 units)."""
    return {"normalised": analysis.text, "verdict": analysis.verdict,
            "signals": [{"id": f.signal.id, "kind": f.kind, "evidence": analysis.evidence(f),
                         "matches": f.texts(analysis.text)} for f in analysis.found]}


# Edge cases for the normalisation and the engine, beyond the corpus of realistic messages.
EDGE_CASES = [
    ("full-width", "【Ｘ银行】您已逾期，请于２４小时内处理，否则后果自负！"),
    ("zero-width", "请转账到安\u200b全\u200d账\ufeff户"),
    ("whitespace", "  已\u3000立案，\n\n点击\t链接  查看传票 \u2028 "),
    ("upper-ascii", "请下载APP并访问 WWW.EXAMPLE.TOP/PAY 缴纳保证金"),
    ("emoji", "😀😀 还款提醒 🙏 请登录 App 还款 👍"),
    ("html", "<script>alert(1)</script><b>老赖</b>&amp; <img src=x onerror=alert(1)>"),
    ("astral", "𠀀𠀁 转到我的支付宝 𝟏𝟐𝟑"),
    ("empty-after", "\u200b\u200b \t"),
    ("gov-link", "【××法院】你有案件已立案，请登录 https://sfpt.court.gov.cn 查看文书"),
    ("spoof-gov-link", "【××法院】你有案件已立案，请登录 https://sfpt.court.gov.cn.xz-pay.top 查看传票"),
]


def vectors(signals: Signals, corpus: list[dict]) -> dict:
    cases = [{"id": case["id"], "text": case["text"], "expect": expected(analyse(case["text"], signals))}
             for case in corpus]
    cases += [{"id": f"edge-{name}", "text": text, "expect": expected(analyse(text, signals))}
              for name, text in EDGE_CASES]
    return {"data": page_data(signals), "cases": cases,
            "normalise": [{"text": text, "normalised": normalise(text)} for _, text in EDGE_CASES]}
