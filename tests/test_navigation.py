"""The sidebar grows with one section, not the whole site: other sections are one link each (pruned)."""
import re

PRIMARY_NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', re.DOTALL)


def primary_nav(site, path):
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return PRIMARY_NAV.search(html).group(0)


def test_page_nav_opens_its_own_section_and_links_the_others(built_site):
    nav = primary_nav(built_site, "costs/fees")
    assert 'href="../penalties/"' in nav and 'href="../criminal/"' in nav  # its own section, open
    assert 'href="../../collection/"' in nav  # another section: a link to its index page …
    assert "../../collection/rules/" not in nav and "../../products/huabei/" not in nav  # … not its pages
    assert nav.count("md-nav__item--section") == 1


def test_home_nav_lists_every_section_once(built_site):
    nav = primary_nav(built_site, ".")
    for section in ("coping/", "products/", "costs/", "collection/", "templates/", "about/"):
        assert nav.count(f'href="{section}"') == 1, section
    assert "costs/fees/" not in nav and "md-nav__item--section" not in nav
