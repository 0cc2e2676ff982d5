"""The benchmark scripts' pure helpers and their gzip server work (no timing is asserted here)."""
import datetime as dt
import gzip
import random
import urllib.request

import pytest

from benchmarks import build_timing, first_view, generated_site, gzip_server, lighthouse_audit, report, summary
from benchmarks.gzip_server import Sent
from support import ROOT


# gzip server ------------------------------------------------------------------------------------

def test_gzip_only_for_text_types_the_client_accepts():
    assert gzip_server.should_gzip("text/html", "gzip, deflate, br")
    assert gzip_server.should_gzip("application/json", "br;q=1.0, gzip;q=0.8")
    assert not gzip_server.should_gzip("application/json", "gzip;q=0")
    assert not gzip_server.should_gzip("image/png", "gzip")
    assert not gzip_server.should_gzip("text/css", None)
    assert gzip_server.content_type("bundle.min.js") == "application/javascript"
    assert gzip_server.content_type("search_index.json") == "application/json"


def test_gzip_size_is_deterministic_and_counts_compressed_bytes():
    text = ("逾期应对指南 " * 500).encode()
    assert gzip_server.gzip_size(text) == gzip_server.gzip_size(text) < len(text) // 10
    assert gzip.decompress(gzip_server.gzip_bytes(text)) == text


def test_server_sends_gzip_with_pages_headers_and_logs_bytes_on_the_wire(tmp_path):
    (tmp_path / "index.html").write_text("<p>" + "白条花呗" * 2000 + "</p>", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.html").write_text("docs", encoding="utf-8")
    (tmp_path / "404.html").write_text("missing", encoding="utf-8")
    with gzip_server.serving(tmp_path) as server:
        request = urllib.request.Request(server.url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Cache-Control"] == "max-age=600"
            assert gzip.decompress(body).decode() == "<p>" + "白条花呗" * 2000 + "</p>"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(server.url + "nope")
        assert missing.value.code == 404 and missing.value.read() == b"missing"
        log = server.take_log()
    first = log[0]
    assert (first.path, first.status, first.encoding, first.body_bytes) == ("/", 200, "gzip", len(body))
    assert first.bytes > first.body_bytes  # status line and headers are counted too
    assert [entry.status for entry in log] == [200, 404]


# summaries and the report ---------------------------------------------------------------------

def test_distribution_and_histogram():
    spread = summary.distribution([5, 1, 3, 2, 4, 10, 9, 8, 7, 6])
    assert (spread.count, spread.minimum, spread.median, spread.p90, spread.maximum) == (10, 1, 5.5, 9, 10)
    assert summary.histogram([10_000, 60_000, 120_000], [0, 50_000, 100_000]) == [
        ("0–50 KB", 1), ("50–100 KB", 1), ("≥ 100 KB", 1)]
    assert summary.kb(123_456) == "123.5 KB"
    with pytest.raises(ValueError):
        summary.distribution([])


def test_markdown_table_escapes_pipes():
    assert summary.markdown_table(["a", "b"], [["x|y", 1]]).splitlines() == ["| a | b |", "| --- | --- |",
                                                                             "| x\\|y | 1 |"]


def _lighthouse_run(performance, accessibility=100):
    return {"scores": {"performance": performance, "accessibility": accessibility, "best-practices": 100, "seo": 100},
            "metrics": {"first-contentful-paint": 900.0}, "total_byte_weight": 90_000, "search_index_loaded": False,
            "search_index_transfer": 0, "failing": [], "lcp_element": ""}


def _run(wall):
    return {"wall": wall, "cpu": wall * 0.9}


def _scale(wall):
    return {"runs": [_run(wall)] * 2, "median_wall": wall * 2, "median_cpu": wall, "median_page_html": 70_000,
            "search_index_bytes": 20_000_000}


def _hook_runs():
    run = {"load_config": _run(0.3), "build": {"wall": 4.0, "cpu": 4.0}, "pages": 34,
           "events": {"hooks/page_metadata.py": {"page_markdown": {"wall": 0.06, "cpu": 0.06}}},
           "stages": {"_populate_page": _run(2.0)}, "glossary_treeprocessor": {"wall": 0.0, "cpu": 0.0}}
    return {"runs": [run], "shares": [{"hook_seconds": 0.06, "build_seconds": 4.0, "share": 0.015,
                                       "share_wall": 0.015}], "median_run": 0, "median_share": 0.015}


def test_report_verdicts_follow_the_targets():
    views = [first_view.view_summary("a/", [Sent("/a/", 200, 60_000, 59_700, "gzip")], []),
             first_view.view_summary("b/", [Sent("/b/", 200, 30_000, 29_700, "gzip"),
                                            Sent("/search/search_index.json", 200, 80_000, 79_700, "gzip")], [])]
    results = {
        "lighthouse_pages": {"home": "/", "calculator": None},
        "lighthouse": {"/": [_lighthouse_run(99), _lighthouse_run(97), _lighthouse_run(98)]},
        "first_view": views,
        "lighthouse_variants": {"home without search": [_lighthouse_run(100)]},
        "build": {"hooks": _hook_runs(), "overhead": {"with_hooks": [_run(1.2)], "without_hooks": [_run(1.0)],
                                                      "ratio_wall": 1.05, "ratio_cpu": 1.2},
                  "scale": {"1000": _scale(20.0), "2000": _scale(50.0)}},
    }
    rows = {row[0].split(":")[0].split(" ≤")[0]: row for row in report.target_rows(results)}
    assert rows["Lighthouse home `/`"][2] == "met"  # median performance 98
    assert rows["Lighthouse calculator (absent)"][1] == "not measured"
    assert "110.0 KB" in rows["First view of every page"][1] and rows["First view of every page"][2] == "**not met**"
    assert rows["Hook work"][2] == "met"
    assert rows["Build"][2] == "**not met**"  # judged on CPU time: wall time is stretched by other work
    assert rows["Generated 1000 pages"][2] == "met"  # 20 s CPU, though 40 s wall
    assert rows["Generated 2000 pages"][2] == "**not met**"  # 2.5×
    text = report.render_report(results, notes="Our notes.")
    assert text.startswith("# Speed and weight") and "## First view of every page" in text
    assert "search index loads on first view on 1 of 2 pages" in text and text.rstrip().endswith("Our notes.")
    assert "| `hooks/page_metadata.py` | on_page_markdown | 60 ms | 1.50% |" in text
    assert "| *home without search* | 100 [100–100] |" in text


def test_lighthouse_summary_lists_what_costs_points():
    lhr = {"categories": {"accessibility": {"score": 0.93, "auditRefs": [{"id": "color-contrast", "weight": 7},
                                                                          {"id": "bypass", "weight": 0}]},
                          "performance": {"score": 0.99, "auditRefs": []}},
           "audits": {"color-contrast": {"score": 0, "title": "Contrast", "scoreDisplayMode": "binary",
                                         "details": {"items": [{"node": {"snippet": "<a class=x>"}}]}},
                      "bypass": {"score": 0, "title": "Skip link", "scoreDisplayMode": "binary"},
                      "network-requests": {"details": {"items": [
                          {"url": "http://127.0.0.1:1/search/search_index.json", "transferSize": 1234}]}},
                      "total-byte-weight": {"numericValue": 5000}}}
    summary_ = lighthouse_audit.summarize_lhr(lhr)
    assert summary_["scores"] == {"accessibility": 93, "performance": 99}
    assert [a["id"] for a in summary_["failing"]] == ["color-contrast"]  # weight-0 audits do not cost points
    assert summary_["failing"][0]["items"] == ["<a class=x>"]
    assert summary_["search_index_loaded"] and summary_["search_index_transfer"] == 1234


# build timing and the generated site ----------------------------------------------------------

def test_hook_share_counts_only_hook_files_and_the_glossary_tree_processor():
    timings = {"build": {"wall": 10.0, "cpu": 8.0},
               "events": {"material/search": {"page_context": {"wall": 3.0, "cpu": 2.0}},
                          "hooks/page_metadata.py": {"page_markdown": {"wall": 0.2, "cpu": 0.1}}},
               "glossary_treeprocessor": {"wall": 0.1, "cpu": 0.06}}
    assert build_timing.hook_share(timings)["share"] == pytest.approx(0.16 / 8.0)
    assert build_timing.hook_share(timings, "wall")["hook_seconds"] == pytest.approx(0.3)
    assert build_timing.ratio([2.0, 3.0, 100.0], [1.0, 2.0, 2.0]) == 1.5


def test_generated_pages_pass_our_front_matter_check_and_hold_directives():
    from hooks.directives import find_directives
    from hooks.page_metadata import check_front_matter

    blocks = generated_site.content_blocks((ROOT / "docs" / "coping" / "debts.md").read_text(encoding="utf-8"))
    assert blocks and not any(b.startswith(("---", "```", "# ")) or "](" in b for b in blocks)
    page = generated_site.page_markdown(random.Random(1), "第 1 部分第 2 篇", blocks, 3000, ["minfadian"],
                                        dt.date(2026, 1, 1), [("相邻页面 1", "p001.md")])
    assert check_front_matter(page, today=dt.date(2026, 1, 2)) == []
    assert {d.name for d in find_directives(page)} == {"penalty-table"}
    assert page.rstrip().endswith("- [相邻页面 1](p001.md)")
    layout = generated_site.section_layout(120, section_size=50)
    assert [len(s) for s in layout] == [50, 50, 20] and layout[2][0] == "s03/index.md"


def test_first_view_page_paths(tmp_path):
    for folder in ("", "costs/fees", "assets/x", "search"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "index.html").write_text("x")
    assert first_view.page_paths(tmp_path) == ["", "costs/fees/"]


def test_lighthouse_audits_home_longest_calculator_and_every_tool_page(tmp_path):
    from benchmarks import run_all

    for folder, size in (("", 10), ("costs/fees", 500), ("calculator", 50), ("tools/plan", 20),
                         ("tools/message-check", 30), ("assets/x", 9000)):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "index.html").write_text("x" * size)
    assert run_all.pages_to_audit(tmp_path) == {
        "home": "/", "longest page": "/costs/fees/", "calculator": "/calculator/",
        "tool message-check": "/tools/message-check/", "tool plan": "/tools/plan/"}


def test_generated_prose_is_rewritten_per_page_keeping_markdown_and_numbers():
    vocabulary = generated_site.Vocabulary([["逾期", "费用", "怎么", "算"], ["信用卡", "最低", "还款"], ["征信", "记录"]])
    block = "## 逾期费用\n\n| 产品 | 天数 |\n|---|---|\n| 信用卡 | 30 |\n\n- **最低还款**：每天 0.05%，LPR 3.0%。"
    first = vocabulary.rewrite(random.Random(1), block)
    second = vocabulary.rewrite(random.Random(2), block)
    assert first != second and first == vocabulary.rewrite(random.Random(1), block)  # varied, deterministic
    strip = generated_site.HAN_RUN_RE.sub("", block)
    assert generated_site.HAN_RUN_RE.sub("", first) == strip  # Markdown, digits and Latin untouched
    assert [len(run) for run in generated_site.HAN_RUN_RE.findall(first)] == \
        [len(run) for run in generated_site.HAN_RUN_RE.findall(block)]
