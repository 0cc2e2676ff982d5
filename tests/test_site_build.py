"""A real `mkdocs build --strict` of the whole site, and what every built page must carry."""
import re

from support import ROOT

PAGES = sorted(p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*.md"))


def built_html(site, page):
    name = page.with_suffix("")
    path = site / (name.parent if name.name == "index" else name) / "index.html"
    return path.read_text(encoding="utf-8")


def test_every_page_is_built_with_sources_and_review_date(built_site):
    assert len(PAGES) >= 30
    for page in PAGES:
        html = built_html(built_site, page)
        assert 'id="sources"' in html, page
        assert re.search(r'本页事实核对于 <time datetime="\d{4}-\d{2}-\d{2}">', html), page


def test_fees_page_has_a_computed_table_for_every_product(built_site):
    html = built_html(built_site, ROOT.joinpath("docs/costs/fees.md").relative_to(ROOT / "docs"))
    for product in ("jd-baitiao", "huabei", "consumer-loan", "credit-card"):
        assert f'data-product="{product}"' in html
    assert "```" not in html


def test_no_directive_is_left_unrendered(built_site):
    for page in PAGES:
        html = built_html(built_site, page)
        assert "penalty-table\n" not in html and "installment-table\n" not in html, page


def test_site_loads_nothing_from_other_hosts(built_site):
    # Readers are in mainland China: no Google Fonts, no CDN, nothing that leaves the site.
    # Tags that make the browser fetch something; rel=canonical/alternate links fetch nothing.
    fetching = re.compile(r'<(?:script|img|iframe|source|link(?![^>]*rel="(?:canonical|alternate)"))'
                          r'[^>]+(?:src|href)="(?:https?:)?//', re.IGNORECASE)
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not fetching.search(text), path
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


def _search_docs(site):
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # jieba's segmentation puts zero-width spaces between words; read the text as a reader would.
    return [(doc["location"], doc["text"].replace("\u200b", "")) for doc in index["docs"]]


def test_table_and_chart_notes_stay_out_of_the_search_index(built_site):
    docs = _search_docs(built_site)
    note_phrases = ("把握程度：低", "把握程度：中", "把握程度：高", "这张表怎么算的", "这张图怎么算的", "对照线：", "规则日期", "表中数字是逾期多付的钱",
                    "表中大字是真实年化利率")
    leaks = [(location, phrase) for location, text in docs for phrase in note_phrases if phrase in text]
    assert not leaks, leaks[:10]
    # The prose around the tables is still found.
    fees = " ".join(text for location, text in docs if location.startswith("costs/fees/"))
    assert "收违约金" in fees and "计逾期利息" in fees


def test_search_exclusions_contain_no_element_of_their_own_tag(built_site):
    """Material's search parser ends an excluded element at the first nested closing tag with its name."""
    from html.parser import HTMLParser

    void = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    class Check(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.problems, self.excluded = [], [], 0

        def handle_starttag(self, tag, attrs):
            if tag in void:
                return
            for index, (open_tag, excluded) in enumerate(self.stack):
                if excluded and open_tag == tag:
                    self.problems.append(tag)
            excluded = any(name == "data-search-exclude" for name, _ in attrs)
            self.excluded += excluded
            self.stack.append((tag, excluded))

        def handle_startendtag(self, tag, attrs):
            pass  # <path … /> opens nothing

        def handle_endtag(self, tag):
            while self.stack:
                if self.stack.pop()[0] == tag:
                    break

    total = 0
    for page in PAGES:
        checker = Check()
        checker.feed(built_html(built_site, page))
        assert not checker.problems, (page, checker.problems)
        total += checker.excluded
    assert total >= 20  # the tables' regions and notes and the charts are there to check


def test_every_figure_marker_is_rendered(built_site):
    for page in PAGES:
        html = built_html(built_site, page)
        assert "{{" not in html and "fig:" not in html, page
    calculator = (built_site / "assets" / "calculator" / "rules.json").read_text(encoding="utf-8")
    assert "{{" not in calculator and "fig:" not in calculator  # the data's own sentences, resolved
