"""Templates and tables print cleanly from Chromium (print-to-PDF, print media).

The paper keeps the page's own content and shows the address after every external (source) link, and
leaves out the site's header, navigation, sidebars, search and footer. The PDF's text is read back with
pypdf; each PDF is saved to the artifacts directory for people to look at. Tables fit the paper width and
break between rows; a reader in dark mode still prints dark text on white.
"""
from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

A4_CONTENT_WIDTH = 680  # CSS px: 210 mm paper minus two 15 mm margins, at 96 px per inch
MARGINS = {side: "15mm" for side in ("top", "right", "bottom", "left")}
TABLE_PAGES = ["templates/contact-log/", "costs/fees/"]

# What must reach the paper, and what must not, read from the page as it shows on screen.
READ_PAGE = r"""() => {
  const article = document.querySelector(".md-content article");
  const squeeze = text => text.replace(/\s+/g, "");
  const articleText = squeeze(article.textContent);  // closed <details> included: they open on paper
  const headings = [...article.querySelectorAll("h1, h2, h3")].map(h => h.innerText.replace("¶", "").trim());
  const paragraphs = [...article.querySelectorAll(":scope > p")].map(p => p.innerText.trim())
    .filter(text => text.length >= 8).slice(0, 3);
  const external = [...article.querySelectorAll("a[href]")]
    .filter(a => a.protocol.startsWith("http") && a.host !== location.host).map(a => a.getAttribute("href"));
  const chrome = [...document.querySelectorAll(".md-header, .md-tabs, .md-sidebar, .md-search, .md-footer")]
    .flatMap(box => [...box.querySelectorAll("a, label, .md-ellipsis, input[placeholder]")])
    .map(el => (el.placeholder || el.textContent).trim())
    .filter(label => label.length >= 2 && !articleText.includes(squeeze(label)));
  return {headings, paragraphs, external, chrome: [...new Set(chrome)]};
}"""


# The PDF's fonts map some characters back to look-alikes that share their glyph: radicals (⽇ for 日, ⻔ for
# 门), ∕ for ／, ﬁ for fi. NFKC folds many of them; for the rest an ideograph may also match a radical and a
# symbol any one character.
RADICAL = "[\u2e80-\u2fdf]"


def squeeze(text: str) -> str:
    """Text without white space (line breaks fall anywhere on paper), NFKC-folded except radicals (NFKC
    would turn ⼾ into the traditional 戶, not the 户 on the page)."""
    folded = "".join(char if re.match(RADICAL, char) else unicodedata.normalize("NFKC", char) for char in text)
    return re.sub(r"\s+", "", folded)


def pattern_char(char: str) -> str:
    if "\u4e00" <= char <= "\u9fff":
        return f"(?:{re.escape(char)}|{RADICAL})"
    return re.escape(char) if char.isalnum() else "."


def on_paper(text: str, paper: str) -> bool:
    return re.search("".join(pattern_char(char) for char in squeeze(text)), paper) is not None


def strict_pattern_char(char: str) -> str:
    """Like pattern_char, but a Kangxi radical stands only for the ideograph NFKC folds it to; the
    supplement's radicals (⻔, ⺠), which NFKC leaves alone, may still stand for any ideograph."""
    if "\u4e00" <= char <= "\u9fff":
        kangxi = "".join(chr(code) for code in range(0x2F00, 0x2FE0)
                         if unicodedata.normalize("NFKC", chr(code)) == char)
        return f"(?:{re.escape(char)}|[{kangxi}\u2e80-\u2eff])"
    return pattern_char(char)


def leaked_onto(label: str, paper: str) -> bool:
    """A short label could match any two or three radicals in a row, so it must appear exactly. A longer one
    may be printed with radicals, but only with radicals of its own characters: 第⼆⼗⼋条 is not 京东白条."""
    if squeeze(label) in paper:
        return True
    pattern = "".join(strict_pattern_char(char) for char in squeeze(label))
    return len(squeeze(label)) >= 4 and re.search(pattern, paper) is not None


def printed_text(page, save_to) -> str:
    pdf = page.pdf(format="A4", margin=MARGINS)
    save_to.write_bytes(pdf)
    return "".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages)


def printable_pages(site_pages) -> list[str]:
    templates = [path for path in site_pages if path.startswith("templates/") and path != "templates/"]
    assert templates, "no templates/ pages found"
    return templates + [path for path in TABLE_PAGES if path not in templates]


def test_pages_print_content_and_sources_without_site_chrome(guarded_page, site_url, site_pages, artifacts):
    page = guarded_page.page
    for path in printable_pages(site_pages):
        page.goto(site_url + path, wait_until="load")
        expected = page.evaluate(READ_PAGE)
        assert len(expected["chrome"]) >= 10, f"{path}: found too few navigation labels to test with"
        name = path.strip("/").replace("/", "-")
        paper = squeeze(printed_text(page, artifacts / f"print-{name}.pdf"))

        for text in expected["headings"] + expected["paragraphs"]:
            assert on_paper(text, paper), f"{path}: {text[:40]!r} is missing on paper"
        for url in expected["external"]:
            assert on_paper(url, paper), f"{path}: the address of source link {url} is not printed"
        leaked = [label for label in expected["chrome"] if leaked_onto(label, paper)]
        assert not leaked, f"{path}: site navigation printed: {leaked[:10]}"
        assert "127.0.0.1" not in paper, f"{path}: an internal link printed its address"
    assert guarded_page.external_requests == [] and guarded_page.console_errors == []


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_tables_fit_the_paper_and_break_between_rows(guarded_page, site_url, path):
    page = guarded_page.page
    page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
    page.goto(site_url + path, wait_until="load")
    page.emulate_media(media="print")
    layout = page.evaluate("""() => {
      const article = document.querySelector('.md-content article');
      const tables = [...article.querySelectorAll('table')];
      return {
        tables: tables.length,
        overflowing: tables.filter(t => t.getBoundingClientRect().right > article.getBoundingClientRect().right + 1)
          .map(t => (t.caption || t.rows[0]).textContent.trim().slice(0, 40)),
        rowBreaks: [...new Set([...article.querySelectorAll('tr')].map(tr => getComputedStyle(tr).breakInside))],
        headers: [...new Set([...article.querySelectorAll('thead')].map(h => getComputedStyle(h).display))],
        scrolling: [...article.querySelectorAll('.md-typeset__scrollwrap, .table-scroll')]
          .filter(box => getComputedStyle(box).overflowX !== 'visible').length,
        pageWidth: [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth],
      };
    }""")
    assert layout["tables"] > 0
    assert layout["overflowing"] == [], f"tables wider than the paper: {layout['overflowing']}"
    assert layout["rowBreaks"] == ["avoid"]
    assert layout["headers"] == ["table-header-group"], "table headers do not repeat on each sheet"
    assert layout["scrolling"] == 0, "a table still sits in a scroll box on paper"
    assert layout["pageWidth"][0] <= layout["pageWidth"][1]


def test_dark_mode_reader_prints_dark_text_on_white(dark_desktop_page, site_url):
    """Material scopes its slate scheme to screens; our own colours must not bring dark boxes to paper."""
    page = dark_desktop_page.page
    page.goto(site_url + "templates/door-card/", wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.emulate_media(media="print")
    colours = page.evaluate(r"""() => {
      const lum = css => {
        const [r, g, b, a = 1] = css.match(/[\d.]+/g).map(Number);
        const lin = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return {l: 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b), a};
      };
      const article = document.querySelector('.md-content article');
      const text = [...article.querySelectorAll('p, li, td, th, h1, h2')].map(el => lum(getComputedStyle(el).color).l);
      const boxes = [...article.querySelectorAll('.admonition, details, pre, code, table')]
        .map(el => lum(getComputedStyle(el).backgroundColor)).filter(c => c.a > 0).map(c => c.l);
      return {text: Math.max(...text), boxes: boxes.length ? Math.min(...boxes) : 1};
    }""")
    assert colours["text"] < 0.2, f"printed text is pale (luminance {colours['text']:.2f})"
    assert colours["boxes"] > 0.8, f"a dark box would print (luminance {colours['boxes']:.2f})"


def test_a_filled_letter_prints_the_readers_values_and_blanks_without_form_or_buttons(phone_page, site_url, artifacts):
    """Fields typed into the form reach the paper; fields left empty print as ＿＿＿＿ to fill by hand; the form
    and the 复制 / 打印 buttons stay on screen."""
    page = phone_page.page
    page.goto(site_url + "templates/negotiation/", wait_until="networkidle")
    page.locator(".letter-form").wait_for(state="visible")
    page.locator(".copy-print").first.wait_for(state="visible")
    page.get_by_label("你的姓名").fill("张小明")
    page.get_by_label("银行或机构名称").fill("某某银行")
    page.get_by_label("欠款总额（元）").fill("5000")
    page.get_by_label("欠款截至日期").fill("2026-11-30")
    paper = squeeze(printed_text(page, artifacts / "print-templates-negotiation-filled.pdf"))
    for text in ("致：某某银行（银行 / 机构名称）", "申请人：张小明", "截至 2026 年 11 月 30 日，欠款总额 5000 元"):
        assert on_paper(text, paper), f"{text!r} is missing on paper"
    blank = "".join(map(pattern_char, "证件号码后四位")) + ":_{4}" + "".join(map(pattern_char, "联系电话"))
    assert re.search(blank, paper), "an empty field does not print as a blank ＿＿＿＿"
    for label in ("在这里填", "不会发送", "复制", "打印"):
        assert not leaked_onto(label, paper), f"{label!r} printed"
    assert phone_page.external_requests == [] and phone_page.console_errors == []
