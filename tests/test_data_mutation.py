"""Change a rate, a multiplier and the LPR in a copy of data/, rebuild the whole site: the old figures are gone, the new ones are there.

Every figure the data owns reaches the site through the build (tables, charts, `{{ fig:KEY }}` in prose,
the calculator's JSON). What may keep an old figure is only what is deliberately text: a
`<span data-figure="quote|history|example">`, the title of a cited document, and a product's confidence note,
which says what reports say.
"""
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from support import ROOT

# (old, new) as the site prints them; each pair follows from the two changes made in _mutated_data.
BAITIAO = [("0.07%", "0.09%"), ("25.55%", "32.85%")]  # daily rate 0.07 -> 0.09; × 365
# The consumer-loan penalty multiplier 1.5 -> 1.8, in prose and in the data's own assumption (罚息 = … × 1.5 × …).
MULTIPLIER = [("1.5 倍", "1.8 倍"), ("× 1.5 ×", "× 1.8 ×")]
# One-year LPR 3.0 -> 3.2; the 4 × LPR line in prose (12.0%) and in table notes (12.00%, which alone would also
# match an unrelated 1.0% × 12 in the installment table).
LPR = [("3.0%", "3.2%"), ("12.0%", "12.8%"), ("LPR = 年化 12.00%", "LPR = 年化 12.80%")]


class SiteText(HTMLParser):
    """The text a reader (or a screen reader) gets from a page, without what is deliberately text."""

    SKIP_TAGS = {"script", "style"}
    SPOKEN_ATTRIBUTES = {"aria-label", "title", "content", "alt"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.stack = [], []  # stack of (tag, skipping)
        self.text_figures = []  # what <span data-figure> holds: deliberately text

    def _skipping(self):
        return any(skipping for _, skipping in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipping = tag in self.SKIP_TAGS or (tag == "span" and "data-figure" in attrs)
        if not self._skipping() and not skipping:
            self.parts.extend(value for name, value in attrs.items() if name in self.SPOKEN_ATTRIBUTES and value)
        if tag not in ("br", "img", "meta", "link", "input", "hr", "wbr", "source", "col", "area", "base"):
            self.stack.append((tag, skipping))

    def handle_startendtag(self, tag, attrs):
        if not self._skipping():
            self.parts.extend(value for name, value in attrs if name in self.SPOKEN_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._skipping():
            self.parts.append(data)
        elif self.stack and self.stack[-1][0] == "span" and self.stack[-1][1]:
            self.text_figures.append(data)


def _quoted_texts(data_dir):
    """What the data quotes rather than owns: the titles of cited documents and the notes on what each says, and
    the confidence notes, which say what reports say (多数公开报道为每天 0.07%…)."""
    from calculators import load_rules

    rules = load_rules(data_dir / "products.yml", data_dir / "sources.yml")
    return ([text for source in rules.sources.values() for text in (source.title, source.note) if text]
            + [product.confidence_note for product in rules.products.values()])


def site_texts(site, data_dir):
    """({page: text}, {page: text figures}) for every page and the calculator's data, quoted texts removed; and
    the search index's text per page (it keeps the words of a text figure but not its <span>)."""
    quoted = _quoted_texts(data_dir)

    def unquoted(text):
        for note in quoted:
            text = text.replace(note, " ")
        return text

    texts, text_figures = {}, {}
    for path in sorted(site.rglob("*.html")):
        parser = SiteText()
        parser.feed(path.read_text(encoding="utf-8"))
        name = str(path.relative_to(site))
        texts[name] = unquoted(" ".join(parser.parts))
        text_figures[name] = " | ".join(parser.text_figures)
    texts["assets/calculator/rules.json"] = unquoted(
        (site / "assets" / "calculator" / "rules.json").read_text(encoding="utf-8"))
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    search = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0] + "index.html"
        parser = SiteText()
        parser.feed(doc["title"] + " " + doc["text"].replace("\u200b", ""))
        search[page] = search.get(page, "") + " " + unquoted(" ".join(parser.parts))
    return texts, text_figures, search


def count(figure, text):
    return len(re.findall(rf"(?<![\d.]){re.escape(figure)}", text))


def _replace_once(text, old, new):
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.fixture(scope="module")
def mutated_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("mutation")
    data = root / "data"
    shutil.copytree(ROOT / "data", data)
    products = (data / "products.yml").read_text(encoding="utf-8")
    baitiao = products.index("  jd-baitiao:")
    head, tail = products[:baitiao], products[baitiao:]
    tail = tail.replace('daily_rate: "0.07"', 'daily_rate: "0.09"', 1)  # the first rate after jd-baitiao: its own
    assert tail != products[baitiao:]
    products = _replace_once(head + tail, 'one_year: "3.0"', 'one_year: "3.2"')
    products = _replace_once(products, 'multiplier: "1.5"', 'multiplier: "1.8"')
    (data / "products.yml").write_text(products, encoding="utf-8")
    site = root / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", YUQI_DATA_DIR=str(data))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, data


@pytest.fixture(scope="module")
def texts(built_site, mutated_site):
    site, data = mutated_site
    return site_texts(built_site, ROOT / "data"), site_texts(site, data)


@pytest.mark.parametrize("old, new", BAITIAO + MULTIPLIER + LPR, ids=lambda figure: figure)
def test_old_figure_is_gone_and_the_new_one_is_where_it_was(texts, old, new):
    (before, _, _), (after, text_figures, search) = texts
    assert before.keys() == after.keys()
    left = {name: count(old, text) for name, text in after.items() if count(old, text)}
    assert not left, f"{old} is still on the site after the data changed: {left}"
    for name in before:
        assert count(new, after[name]) == count(new, before[name]) + count(old, before[name]), name
    # The search index holds no old figure beyond the words of the page's own text figures.
    left = {page: count(old, text) for page, text in search.items()
            if count(old, text) > count(old, text_figures.get(page, ""))}
    assert not left, f"{old} is still in the search index after the data changed: {left}"


def test_the_pages_that_state_the_figures_in_prose_are_among_those_checked(texts):
    (before, _, _), _ = texts
    # The sentences the issue found stale: 每天 0.07% on the fees and 白条 pages; the LPR on the penalties page.
    for page, figure in [("costs/fees/index.html", "0.07%"), ("products/baitiao/index.html", "0.07%"),
                         ("costs/penalties/index.html", "3.0%"), ("costs/penalties/index.html", "12.0%"),
                         ("glossary/index.html", "3.0%"), ("costs/fees/index.html", "LPR = 年化 12.00%"),
                         ("products/loans/index.html", "1.5 倍"), ("products/loans/index.html", "× 1.5 ×"),
                         ("assets/calculator/rules.json", "× 1.5 ×")]:
        assert count(figure, before[page]) >= 1, (page, figure)


def test_text_figures_keep_their_words(mutated_site):
    """A quotation stays what the report said, whatever the data says now."""
    site, _ = mutated_site
    html = (site / "products" / "baitiao" / "index.html").read_text(encoding="utf-8")
    assert '<span data-figure="quote">0.03% 或 0.05%</span>' in html
    history = (site / "about" / "changelog" / "index.html").read_text(encoding="utf-8")
    assert '一年期降到 <span data-figure="history">3.0%</span>' in history
