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
