"""The cost chart on a 375 px phone, in the light and the dark scheme: it fits, its text is legible, its
lines stand out from the background, its legend wraps, and it fetches nothing and runs nothing.

Screenshots go to test-artifacts/chart-phone-{light,dark}.png (chart) and …-table.png (data table open).
"""
import pytest

PAGE = "costs/fees/"
PHONE_WIDTH = 375  # the phone_page fixture's viewport


def parse_colour(text: str) -> tuple[float, float, float, float]:
    """A computed colour, 'rgb(r, g, b)' or 'rgba(r, g, b, a)', as (r, g, b, alpha)."""
    parts = [float(p) for p in text[text.index("(") + 1:text.index(")")].split(",")]
    return (*parts[:3], parts[3] if len(parts) == 4 else 1.0)


def over(colour: str, background: str) -> tuple[float, float, float]:
    """What a possibly translucent colour looks like painted on an opaque background."""
    *rgb, alpha = parse_colour(colour)
    base = parse_colour(background)[:3]
    return tuple(alpha * c + (1 - alpha) * b for c, b in zip(rgb, base))


def luminance(rgb) -> float:
    linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour: str, background: str) -> float:
    """WCAG contrast ratio of ``colour`` drawn on ``background``."""
    high, low = sorted((luminance(over(colour, background)), luminance(parse_colour(background)[:3])), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper_accounts_for_transparency():
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgba(0, 0, 0, 0.07)", "rgb(255, 255, 255)") < 1.3  # a faint grid line is not "black"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_on_a_phone(phone_page, site_url, artifacts, scheme):
    page = phone_page.page
    assert page.viewport_size["width"] == PHONE_WIDTH
    page.emulate_media(color_scheme=scheme)  # Material picks its palette from prefers-color-scheme
    page.goto(site_url + PAGE, wait_until="networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
        ("slate" if scheme == "dark" else "default")
    figure = page.locator("figure.penalty-chart").first
    svg = figure.locator("svg.pc-svg")

    # The sticky header would sit on top of element screenshots; hide it without moving anything.
    page.add_style_tag(content=".md-header, .md-top { visibility: hidden !important; }")
    figure.scroll_into_view_if_needed()
    figure.screenshot(path=str(artifacts / f"chart-phone-{scheme}.png"))

    box = svg.bounding_box()
    assert 300 <= box["width"] <= PHONE_WIDTH - 16, box  # uses the column, never wider than the screen
    assert box["height"] < box["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH

    # Text renders at 10 CSS px or more (font size in viewBox units times the SVG's scale).
    font_px = svg.locator("text").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize) * e.ownerSVGElement.getScreenCTM().a)")
    assert font_px and min(font_px) >= 10, font_px

    # Lines and labels stand out from the page background (WCAG 1.4.11: 3:1 for graphics).
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    strokes = svg.locator("path.pc-line").evaluate_all("els => els.map(e => getComputedStyle(e).stroke)")
    # fees.md draws one reference line (年化 24%; 4×LPR does not bind these licensed lenders), then three products
    assert len(strokes) == 4
    for stroke in strokes:
        assert contrast(stroke, background) >= 3, (stroke, background)
    assert len(set(strokes[1:])) == 3, strokes  # one colour per product
    fills = svg.locator("text").evaluate_all("els => els.map(e => getComputedStyle(e).fill)")
    for fill in fills:
        assert contrast(fill, background) >= 4.5, (fill, background)
    grid = svg.locator("line.pc-grid").first.evaluate("e => getComputedStyle(e).stroke")
    assert contrast(grid, background) < 1.5  # grid lines stay in the background in both schemes

    # The legend wraps inside the column instead of overflowing it.
    items = figure.locator(".pc-legend li").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top]; })")
    assert len(items) == 4  # one reference line and three products
    assert all(left >= 0 and right <= PHONE_WIDTH for left, right, _ in items), items
    rows = sorted({round(top) for _, _, top in items})
    assert 2 <= len(rows) < len(items), rows  # wraps, but several entries share a line

    # The same numbers as a table, one click away.
    table = figure.locator("table.pt-grid")
    assert not table.is_visible()
    figure.locator("details.pc-data summary").click()
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 7  # 1, 7, 30, 60, 90, 180, 365 days
    figure.locator("details.pc-data").screenshot(path=str(artifacts / f"chart-phone-{scheme}-table.png"))

    assert page.locator("svg.pc-svg script").count() == 0
    assert phone_page.external_requests == []
    assert phone_page.console_errors == []


def test_chart_text_stays_body_sized_on_a_desktop(guarded_page, site_url):
    """The chart is capped in width, so its text does not grow to a headline on a wide screen."""
    page = guarded_page.page
    page.goto(site_url + PAGE, wait_until="networkidle")
    svg = page.locator("figure.penalty-chart svg.pc-svg").first
    font_px = svg.locator("text").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize) * e.ownerSVGElement.getScreenCTM().a)")
    assert 12 <= max(font_px) <= 18, font_px
    assert guarded_page.external_requests == [] and guarded_page.console_errors == []
