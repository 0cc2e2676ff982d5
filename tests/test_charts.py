"""penalty-chart: the cost series in calculators/series.py, the SVG in hooks/charts.py, and the directive's
`docs/page.md:LINE: message` errors in a real MkDocs build."""
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from fractions import Fraction
from html import unescape

import pytest
from hypothesis import given, settings, strategies as st

from calculators import (InputError, cost_chart, default_rules, fen_to_display, overdue_cost, reference_cost_fen,
                         sample_days, table_days)
from hooks import charts

from support import FRONT, make_site, run_mkdocs

SVG = "{http://www.w3.org/2000/svg}"
PRODUCTS = ["jd-baitiao", "huabei", "credit-card"]


# calculators/series.py ---------------------------------------------------------------------------

def test_reference_cost_is_simple_interest_in_whole_fen():
    assert reference_cost_fen(500000, Decimal("24"), 365) == 120000  # 5,000 元 × 24% × 1 year
    assert reference_cost_fen(500000, Decimal("12"), 365) == 60000
    assert reference_cost_fen(500000, Decimal("24"), 1) == 329  # 328.767… fen
    assert reference_cost_fen(500000, Decimal("24"), 30) == 9863  # 9,863.01… fen, not 30 × 329


def test_reference_cost_rounds_half_up_once_at_the_end():
    assert reference_cost_fen(18250, Decimal("1"), 1) == 1  # exactly 0.5 fen rounds up
    assert reference_cost_fen(18249, Decimal("1"), 1) == 0  # 0.49997 fen rounds down
    assert reference_cost_fen(54750, Decimal("1"), 1) == 2  # exactly 1.5 fen


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.decimals(min_value=0, max_value=100, places=4),
       st.integers(min_value=1, max_value=3650))
def test_reference_cost_matches_exact_fractions(principal_fen, rate, days):
    exact = Fraction(principal_fen) * Fraction(rate) / 100 * days / 365
    assert reference_cost_fen(principal_fen, rate, days) == _half_up(exact)


def _half_up(value: Fraction) -> int:
    whole, remainder = divmod(value, 1)
    return int(whole) + (1 if remainder >= Fraction(1, 2) else 0)


def test_reference_cost_refuses_nonsense():
    for args in ((0, Decimal(24), 1), (100, Decimal(24), 0), (100, Decimal(-1), 1)):
        with pytest.raises(InputError):
            reference_cost_fen(*args)


def test_sample_days_every_day_to_60_then_every_5_with_milestones():
    days = sample_days(365)
    assert days[:60] == tuple(range(1, 61))
    assert days[60:63] == (65, 70, 75)
    assert days[-1] == 365 and list(days) == sorted(set(days))
    assert set(table_days(365)) <= set(days)
    assert sample_days(1) == (1,)
    assert sample_days(45) == tuple(range(1, 46))
    assert sample_days(62) == tuple(range(1, 61)) + (62,)


def test_sample_days_stay_few_for_ten_years():
    days = sample_days(3650)
    assert len(days) <= 220
    assert days[-1] == 3650 and {365, 730, 1095, 1825} <= set(days)
    with pytest.raises(InputError):
        sample_days(3651)


def test_table_days_are_the_milestones_and_the_last_day():
    assert table_days(365) == (1, 7, 30, 60, 90, 180, 365)
    assert table_days(45) == (1, 7, 30, 45)
    assert table_days(1) == (1,)
    assert table_days(400) == (1, 7, 30, 60, 90, 180, 365, 400)


def test_chart_series_are_the_calculators_figures():
    chart = cost_chart(PRODUCTS + ["consumer-loan"], 5000, 365, {"consumer-loan": {"daily_rate": 0.04}})
    assert [s.key for s in chart.products] == PRODUCTS + ["consumer-loan"]
    assert [s.key for s in chart.references] == ["lpr-4x", "annual-24"]
    for series in chart.products:
        options = {"daily_rate": 0.04} if series.key == "consumer-loan" else None
        assert [day for day, _ in series.points] == list(chart.days)
        for day in (1, 7, 30, 31, 64, 65, 180, 365):
            if day in chart.days:
                assert series.fen_at(day) == overdue_cost(series.key, 5000, day, options).extra_fen
    rates = {line.id: line.rate for line in default_rules().reference_lines}
    for series in chart.references:
        assert series.fen_at(365) == reference_cost_fen(500000, rates[series.key], 365)
    assert chart.max_fen == max(s.last_fen for s in chart.series)  # costs only grow with days


def test_chart_with_all_some_or_no_reference_lines_and_bad_input():
    assert cost_chart(["huabei"], 100, 30, reference_lines=False).references == ()
    assert [s.key for s in cost_chart(["huabei"], 100, 30, reference_lines=["annual-24"]).references] == ["annual-24"]
    assert [s.key for s in cost_chart(["huabei"], 100, 30, reference_lines=["annual-24", "lpr-4x"]).references] \
        == ["lpr-4x", "annual-24"]
    with pytest.raises(InputError, match="unknown reference line 'usury'"):
        cost_chart(["huabei"], 100, 30, reference_lines=["usury"])
    for products, amount, days in (([], 100, 30), (["jd"], 100, 30), (["huabei"], 0, 30), (["huabei"], 1.001, 30),
                                   (["huabei"], 100, 0), (["huabei"], 100, 3651), (["consumer-loan"], 100, 30)):
        with pytest.raises(InputError):
            cost_chart(products, amount, days)


# hooks/charts.py: scales --------------------------------------------------------------------------

@pytest.mark.parametrize("max_fen, ticks", [
    (137784, [0, 50000, 100000, 150000]),
    (2895247, [0, 1000000, 2000000, 3000000]),
    (329, [0, 100, 200, 300, 400]),
    (0, [0, 25]),
    (1, [0, 1]),
])
def test_y_ticks_are_round_and_cover_the_data(max_fen, ticks):
    assert charts.y_ticks(max_fen) == ticks


def test_x_ticks_prefer_round_days_and_never_crowd():
    assert charts.x_ticks(365, 302) == [30, 90, 180, 270, 365]
    for last in (1, 2, 7, 45, 60, 61, 100, 365, 400, 730, 1000, 3650):
        ticks = charts.x_ticks(last, 280)
        assert ticks[-1] == last and ticks == sorted(set(ticks))
        gaps = [(b - a) * 280 / last for a, b in zip(ticks, ticks[1:])]
        assert all(gap >= charts.MIN_X_TICK_GAP for gap in gaps), (last, ticks)


# hooks/charts.py: the SVG --------------------------------------------------------------------------

def render(products=PRODUCTS, amount=5000, days=365, options=None, reference_lines=True):
    chart = cost_chart(products, amount, days, options, reference_lines=reference_lines)
    return chart, charts.penalty_chart(chart, default_rules())


def svg_of(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg class=\"pc-svg\".*?</svg>", html).group(0))  # must be well-formed XML


def polyline(path: ET.Element) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML]([\d.]+) ([\d.]+)", path.get("d"))]


def test_svg_is_well_formed_accessible_and_self_contained():
    chart, html = render()
    svg = svg_of(html)
    assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
    assert svg.get("viewBox") == f"0 0 {charts.WIDTH} {charts.HEIGHT}" and svg.get("width") == "100%"
    title, desc = list(svg)[:2]
    assert title.tag == f"{SVG}title" and title.text == "欠 5,000 元，逾期 1 到 365 天多付的钱"
    assert desc.tag == f"{SVG}desc"
    for series in chart.series:  # the description reads out every line's last value
        assert f"{fen_to_display(series.last_fen)} 元" in desc.text and series.label in desc.text
    assert "<script" not in html and "javascript:" not in html.lower()
    for element in svg.iter():
        for name, value in element.attrib.items():
            assert "href" not in name and "url(" not in value, (element.tag, name, value)
        assert element.get("style") is None  # colours come from charts.css classes, not inline
    assert not re.search(r'(fill|stroke)="#', html)  # no hard-coded colours: currentColor and classes only
    assert " id=" not in html  # two charts on one page cannot clash


def test_one_path_per_product_plus_reference_lines():
    _, html = render()
    paths = svg_of(html).findall(f".//{SVG}path")
    assert [p.get("data-series") for p in paths] == ["lpr-4x", "annual-24", *PRODUCTS]
    assert [p.get("stroke-dasharray") is not None for p in paths] == [True, True, False, False, False]
    assert len(svg_of(html).findall(f".//{SVG}circle") + svg_of(html).findall(f".//{SVG}rect")
               + svg_of(html).findall(f".//{SVG}polygon")) == 3  # an end marker per product

    _, only_24 = render(reference_lines=["annual-24"])
    assert [p.get("data-series") for p in svg_of(only_24).findall(f".//{SVG}path")] == ["annual-24", *PRODUCTS]
    assert "4 倍 LPR" not in only_24 and "年化 24% = 年化 24.00%" in only_24

    _, without = render(reference_lines=False)
    assert [p.get("data-series") for p in svg_of(without).findall(f".//{SVG}path")] == PRODUCTS
    assert "对照" not in without.split("</svg>")[1].split('<div class="penalty-note">')[0]


@pytest.mark.parametrize("days", [45, 365, 3650])
def test_plotted_points_are_the_calculators_figures(days):
    chart, html = render(days=days)
    svg = svg_of(html)
    frame, ticks = charts.frame_for(chart)
    plot_height = frame.bottom - charts.TOP
    fen_per_unit = frame.top_fen / plot_height
    by_key = {s.key: s for s in chart.series}
    for path in svg.findall(f".//{SVG}path"):
        series = by_key[path.get("data-series")]
        points = polyline(path)
        assert len(points) == len(chart.days)
        for (x, y), (day, fen) in zip(points, series.points):
            assert abs(x - frame.x(day)) <= 0.051
            # back from the picture to money: within the 0.1-unit rounding of the coordinates
            plotted_fen = (frame.bottom - y) * fen_per_unit
            assert abs(plotted_fen - fen) <= 0.051 * fen_per_unit, (series.key, day, plotted_fen, fen)
        for day in chart.table_days:  # and at the days a reader looks up, against overdue_cost itself
            if series.product:
                assert series.fen_at(day) == overdue_cost(series.key, 5000, day).extra_fen
    assert ticks[-1] >= chart.max_fen and all(y >= charts.TOP - 0.05 for p in svg.findall(f".//{SVG}path")
                                              for _, y in polyline(p))


def test_data_table_lists_the_same_numbers():
    chart, html = render()
    table = html[html.index("<table"):html.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">(\d+) 天</th>(.*?)</tr>", table)
    assert [int(day) for day, _ in rows] == [1, 7, 30, 60, 90, 180, 365]
    for day, cells in rows:
        values = re.findall(r"<td>([\d,.]+)</td>", cells)
        assert values == [fen_to_display(s.fen_at(int(day))) for s in chart.series]
    assert values[2] == fen_to_display(overdue_cost("credit-card", 5000, 365).extra_fen)


def test_notes_say_confidence_options_and_sources():
    _, html = render(["huabei", "consumer-loan"], 1000, 90, {"consumer-loan": {"daily_rate": 0.04}})
    text = unescape(html)
    assert "把握程度：花呗：中；消费贷（借呗、金条、微粒贷一类）：低。" in text and "以合同为准" in text
    assert "本图设定：合同日利率：0.04%" in text
    assert "4 倍 LPR = 年化 12.00%" in text  # reference_note, from the data file
    for source_id in ("huabei-fee-reports", "minfadian", "fafa-2017-22"):
        assert default_rules().sources[source_id].title in text


# The directive in a real build ---------------------------------------------------------------------

def block(body):
    return f"# 标题\n\n正文。\n\n```penalty-chart\n{body}```\n"


GOOD = "products: [huabei]\namount: 100\ndays: 30\n"
# front matter is lines 1–6, "# 标题" 7, blank 8, "正文。" 9, blank 10, fence 11, body from 12
BAD_PAGES = {
    "unknown-product.md": (block("products: [huabei, jd]\namount: 100\ndays: 30\n"), 12,
                           "penalty-chart: unknown product 'jd' (known: jd-baitiao, huabei, consumer-loan, credit-card)"),
    "products-not-list.md": (block("products: huabei\namount: 100\ndays: 30\n"), 12,
                             "penalty-chart: products must be a non-empty list of product ids"),
    "products-empty.md": (block("products: []\namount: 100\ndays: 30\n"), 12, "products must be a non-empty list"),
    "products-twice.md": (block("products: [huabei, huabei]\namount: 100\ndays: 30\n"), 12,
                          "penalty-chart: products lists 'huabei' twice"),
    "unknown-key.md": (block(GOOD + "colour: red\n"), 15,
                       "penalty-chart: unknown key 'colour' (allowed: products, amount, days, reference_lines, options)"),
    "yaml-error.md": (block("products: [huabei\namount: 100\ndays: 30\n"), 13, "penalty-chart: YAML syntax error"),
    "empty.md": (block(""), 11, "penalty-chart: empty block (needs products, amount, days)"),
    "not-a-mapping.md": (block("- huabei\n"), 12, "penalty-chart: expected 'key: value' lines"),
    "missing-days.md": (block("products: [huabei]\namount: 100\n"), 11, "penalty-chart: missing key 'days'"),
    "amount-zero.md": (block("products: [huabei]\namount: 0\ndays: 30\n"), 13,
                       "penalty-chart: amount must be a positive number of yuan, got 0"),
    "amount-negative.md": (block("products: [huabei]\namount: -5\ndays: 30\n"), 13,
                           "amount must be a positive number of yuan, got -5"),
    "amount-text.md": (block("products: [huabei]\namount: lots\ndays: 30\n"), 13,
                       "amount must be a positive number of yuan, got 'lots'"),
    "amount-list.md": (block("products: [huabei]\namount: [100, 200]\ndays: 30\n"), 13,
                       "amount must be a positive number of yuan, got [100, 200]"),
    "amount-fraction-of-fen.md": (block("products: [huabei]\namount: 10.005\ndays: 30\n"), 13,
                                  "penalty-chart: amount must have at most two decimals"),
    "amount-too-large.md": (block("products: [huabei]\namount: 20000000\ndays: 30\n"), 13,
                            "penalty-chart: amount must be more than 0 and at most 10,000,000 yuan"),
    "days-zero.md": (block("products: [huabei]\namount: 100\ndays: 0\n"), 14,
                     "penalty-chart: days must be a whole number from 1 to 3650, got 0"),
    "days-too-many.md": (block("products: [huabei]\namount: 100\ndays: 3651\n"), 14,
                         "days must be a whole number from 1 to 3650, got 3651"),
    "days-fraction.md": (block("products: [huabei]\namount: 100\ndays: 1.5\n"), 14,
                         "days must be a whole number from 1 to 3650, got 1.5"),
    "days-text.md": (block("products: [huabei]\namount: 100\ndays: thirty\n"), 14,
                     "days must be a whole number from 1 to 3650, got 'thirty'"),
    "days-list.md": (block("products: [huabei]\namount: 100\ndays: [1, 30]\n"), 14,
                     "days must be a whole number from 1 to 3650, got [1, 30]"),
    "reference-lines-bad.md": (block(GOOD + "reference_lines: maybe\n"), 15,
                               "penalty-chart: reference_lines must be true, false or a list of (lpr-4x, annual-24), "
                               "got 'maybe'"),
    "reference-line-unknown.md": (block(GOOD + "reference_lines: [annual-24, usury]\n"), 15,
                                  "penalty-chart: reference_lines must be true, false or a list of"),
    "options-not-mapping.md": (block(GOOD + "options: [daily_rate]\n"), 15,
                               "penalty-chart: options must map a product id to its options"),
    "options-not-in-products.md": (block(GOOD + "options:\n  credit-card: {mode: full}\n"), 16,
                                   "penalty-chart: options for 'credit-card', which is not in products (huabei)"),
    "option-wrong-product.md": (block(GOOD + "options:\n  huabei: {mode: full}\n"), 16,
                                "penalty-chart: 'mode' does not apply to huabei (allowed: daily_rate)"),
    "option-bad-value.md": (block("products: [huabei, credit-card]\namount: 100\ndays: 30\noptions:\n"
                                  "  huabei: {daily_rate: 0.05}\n  credit-card:\n    mode: sometimes\n"), 18,
                            "penalty-chart: credit-card: mode must be full or partial, got 'sometimes'"),
    "option-not-pairs.md": (block(GOOD + "options:\n  huabei: 0.05\n"), 16,
                            "penalty-chart: options for huabei must be 'name: value' pairs"),
    "loan-needs-rate.md": (block("products: [consumer-loan]\namount: 100\ndays: 30\n"), 12,
                           "penalty-chart: consumer-loan needs daily_rate"),
}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    pages = {name: FRONT + text for name, (text, _, _) in BAD_PAGES.items()}
    root = make_site(tmp_path_factory.mktemp("bad-charts"), pages)
    return run_mkdocs("build", "-d", str(root / "site"), cwd=root)  # not --strict: must fail anyway


def test_bad_charts_fail_the_build_without_a_traceback(bad_build):
    assert bad_build.returncode != 0
    assert "Traceback" not in bad_build.stderr + bad_build.stdout
    assert f"{len(BAD_PAGES)} problems in the pages above; the site was not built." in bad_build.stderr


@pytest.mark.parametrize("name", sorted(BAD_PAGES))
def test_each_chart_problem_is_reported_at_its_line(bad_build, name):
    _, line, message = BAD_PAGES[name]
    reported = [text for text in bad_build.stderr.splitlines() if f"docs/{name}:" in text]
    assert reported, bad_build.stderr
    assert any(f"docs/{name}:{line}: " in text and message in text for text in reported), reported


def test_good_chart_builds_strict_with_svg_table_and_notes(tmp_path):
    page = FRONT + block("products: [jd-baitiao, huabei, credit-card]   # one or more product ids\n"
                         "amount: 5000\ndays: 365\nreference_lines: true\n"
                         "options:\n  credit-card: {mode: partial, paid: 1000}\n")
    root = make_site(tmp_path, {"index.md": page})
    result = run_mkdocs("build", "--strict", "-d", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "```" not in html and "penalty-chart\n" not in html
    figure = html[html.index('<figure class="penalty-chart"'):html.index("</figure>")]
    svg = svg_of(figure)
    assert len(svg.findall(f".//{SVG}path")) == 5
    partial = overdue_cost("credit-card", 5000, 365, {"mode": "partial", "paid": 1000}).extra_fen
    assert f"<td>{fen_to_display(partial)}</td>" in figure
    assert "本图设定：计息方式：部分计息；到期日前已还：1000" in unescape(figure)
    assert "<script" not in figure


def test_identical_chart_blocks_are_computed_once(monkeypatch):
    import content_directives  # the hook module as MkDocs loads it

    calls = []
    real = content_directives.cost_chart
    monkeypatch.setattr(content_directives, "cost_chart", lambda *a, **k: calls.append(a) or real(*a, **k))
    content_directives.on_pre_build(None)
    from hooks.directives import find_directives

    text = "```penalty-chart\nproducts: [huabei]\namount: 100\ndays: 30\n```\n"
    first = content_directives._render(find_directives(text)[0], default_rules())
    second = content_directives._render(find_directives("intro\n\n" + text)[0], default_rules())
    assert first == second and "<svg" in first
    assert len(calls) == 1
