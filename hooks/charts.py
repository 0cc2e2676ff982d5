"""The penalty-chart directive: read its block, and draw what calculators/ computed as inline SVG.

Written by hand rather than with a charting library: pygal, the candidate, always embeds a
<script> (its config block, even with js=[]), gives every chart a random id and a <title> on every
grid line, and lays its legend out at fixed positions. What a reader needs here is small: one line
per product, dashed reference lines, two labelled axes.

The SVG carries no colours of its own: strokes and fills are currentColor, and classes in
docs/stylesheets/charts.css give each line a colour that works in Material's light and dark schemes.
Text sizes are in viewBox units (12), chosen to stay legible when the 360-unit-wide chart is drawn 343 px
wide on a 375 px phone. No script, no external file, no ids (two charts on a page cannot clash).
"""
from __future__ import annotations

from dataclasses import dataclass
from hooks.escaping import escape

from calculators import CostChart, InputError, Rules, Series, fen_to_display
from calculators.rules import CONFIDENCE_LABELS, MAX_DAYS
from calculators.safe_yaml import YamlMap, excerpt
from hooks.directives import Directive, check_digits, is_number, parse_block
from hooks.problems import PageProblem
from hooks.render import option_notes, source_link, yuan

NAME = "penalty-chart"
MAX_PRODUCTS = 4  # one colour and one end-marker shape each; more lines than this stop being readable

# Geometry, in viewBox units.
WIDTH, HEIGHT = 360, 232
TOP, RIGHT, BOTTOM = 24, 16, 38  # room for the y-axis title, the last x label, x labels and title
TICK_FONT = 12
DIGIT_WIDTH = 7.0  # a digit or comma at TICK_FONT, generously: y labels must never touch the plot
MIN_X_TICK_GAP = 36
# Days a reader counts in, roundest first: a year, half a year, a quarter, a month, a week, then
# whole years and the in-betweens. Ticks are taken in this order while they keep MIN_X_TICK_GAP apart.
X_TICK_PRIORITY = (365, 180, 90, 30, 7, 730, 1095, 1825, 3650, 1460, 2190, 2555, 2920, 3285, 60, 14, 45, 120, 270)
MARKER_SHAPES = ("circle", "square", "triangle", "diamond")  # so lines differ by more than colour
MARKER_SIZE = 3.6
REFERENCE_DASHES = ("7 4", "2 3")


# Reading the block -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChartRequest:
    products: list[str]
    amount: object
    days: int
    reference_lines: bool | list[str]
    options: dict  # product id -> {option name: value}


def _problem(line: int, message: str) -> PageProblem:
    return PageProblem(line, f"{NAME}: {message}")


def read_block(directive: Directive, rules: Rules) -> ChartRequest:
    """The block's keys, each checked; raises PageProblem with the line of the offending key or item."""
    data = parse_block(directive, ("products", "amount", "days"), ("reference_lines", "options"))
    known = ", ".join(rules.products)
    products = data["products"]
    products_line = directive.key_line("products", data)
    if not isinstance(products, list) or not products:
        raise _problem(products_line, f"products must be a non-empty list of product ids, e.g. [huabei, credit-card] "
                                      f"(known: {known})")
    for index, product_id in enumerate(products):
        if not isinstance(product_id, str) or product_id not in rules.products:
            raise _problem(directive.item_line(data, "products", index),
                           f"unknown product {excerpt(product_id)} (known: {known})")
    if len(set(products)) != len(products):
        index = next(i for i, item in enumerate(products) if products.index(item) != i)
        raise _problem(directive.item_line(data, "products", index), f"products lists {excerpt(products[index])} twice")
    if len(products) > MAX_PRODUCTS:
        raise _problem(products_line, f"products has {len(products)} entries (at most {MAX_PRODUCTS})")

    amount = data["amount"]
    if not is_number(amount) or not amount > 0:
        raise _problem(directive.key_line("amount", data),
                       f"amount must be a positive number of yuan, got {excerpt(amount)}")
    check_digits(directive, data, "amount", amount)
    days = data["days"]
    if not is_number(days) or days != int(days) or not 1 <= days <= MAX_DAYS:
        raise _problem(directive.key_line("days", data),
                       f"days must be a whole number from 1 to {MAX_DAYS}, got {excerpt(days)}")
    days = int(days)
    reference_lines = data.get("reference_lines", True)
    known_lines = [line.id for line in rules.reference_lines]
    if not isinstance(reference_lines, bool) and not (
            isinstance(reference_lines, list) and all(isinstance(item, str) and item in known_lines
                                                      for item in reference_lines)):
        raise _problem(directive.key_line("reference_lines", data),
                       f"reference_lines must be true, false or a list of ({', '.join(known_lines)}), "
                       f"got {excerpt(reference_lines)}")

    options = data.get("options") or {}
    if not isinstance(options, dict):
        raise _problem(directive.key_line("options", data), "options must map a product id to its options, "
                                                           "e.g. {consumer-loan: {daily_rate: 0.04}}")
    for product_id, given in options.items():
        line = directive.line + options.line_of(product_id)
        if product_id not in products:
            raise _problem(line, f"options for {excerpt(str(product_id))}, which is not in products "
                                 f"({', '.join(products)})")
        if not isinstance(given, dict):
            raise _problem(line, f"options for {product_id} must be 'name: value' pairs, e.g. {{daily_rate: 0.04}}")
        by_name = {option.name: option for option in rules.products[product_id].options}
        for name, value in given.items():
            name_line = directive.line + given.line_of(name)
            if name not in by_name:
                raise _problem(name_line, f"{excerpt(str(name))} does not apply to {product_id} "
                                          f"(allowed: {', '.join(by_name)})")
            try:
                by_name[name].parse(value)
            except InputError as error:
                raise _problem(name_line, f"{product_id}: {error}") from None
    return ChartRequest(products=list(products), amount=amount, days=days, reference_lines=reference_lines,
                        options=options)


# Scales ------------------------------------------------------------------------------------------

def y_step_fen(max_fen: int, intervals: int = 4) -> int:
    """A round step (1, 2, 2.5 or 5 × 10^k fen) so that ``intervals`` steps reach ``max_fen``."""
    target = max(max_fen, 1) / intervals
    magnitude = 1
    while True:
        for multiple in (1, 2, 2.5, 5):
            step = multiple * magnitude
            if step == int(step) and step >= target:
                return int(step)
        magnitude *= 10


def y_ticks(max_fen: int) -> list[int]:
    step = y_step_fen(max_fen if max_fen > 0 else 100)
    top = max(step, -(-max_fen // step) * step)
    return list(range(0, top + 1, step))


def y_label(fen: int, step: int) -> str:
    return f"{fen // 100:,}" if step % 100 == 0 else fen_to_display(fen)


def x_ticks(last_day: int, plot_width: float) -> list[int]:
    """The last day, then the roundest days that fit without crowding each other."""
    per_day = plot_width / last_day
    chosen = [last_day]
    for day in X_TICK_PRIORITY:
        if day < last_day and all(abs(day - other) * per_day >= MIN_X_TICK_GAP for other in chosen):
            chosen.append(day)
    return sorted(chosen)


@dataclass(frozen=True)
class Frame:
    """Where the plot sits in the viewBox and how values map onto it."""

    left: float
    last_day: int
    top_fen: int

    @property
    def plot_width(self) -> float:
        return WIDTH - RIGHT - self.left

    @property
    def bottom(self) -> float:
        return HEIGHT - BOTTOM

    def x(self, day: float) -> float:
        return self.left + self.plot_width * day / self.last_day

    def y(self, fen: float) -> float:
        return self.bottom - (self.bottom - TOP) * fen / self.top_fen


def frame_for(chart: CostChart) -> tuple[Frame, list[int]]:
    ticks = y_ticks(chart.max_fen)
    step = ticks[1] - ticks[0]
    widest = max(len(y_label(tick, step)) for tick in ticks)
    return Frame(left=round(widest * DIGIT_WIDTH + 10, 1), last_day=chart.last_day, top_fen=ticks[-1]), ticks


# Drawing -----------------------------------------------------------------------------------------

def _n(value: float) -> str:
    """A coordinate, to 0.1 unit, without a trailing .0."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def path_data(series: Series, frame: Frame) -> str:
    return "M" + "L".join(f"{_n(frame.x(day))} {_n(frame.y(fen))}" for day, fen in series.points)


def marker(shape: str, x: float, y: float, css: str) -> str:
    s = MARKER_SIZE
    common = f'class="pc-marker {css}" fill="currentColor"'
    if shape == "circle":
        return f'<circle {common} cx="{_n(x)}" cy="{_n(y)}" r="{_n(s)}"/>'
    if shape == "square":
        return f'<rect {common} x="{_n(x - s)}" y="{_n(y - s)}" width="{_n(2 * s)}" height="{_n(2 * s)}"/>'
    corners = {"triangle": ((0, -1.25), (1.15, 0.9), (-1.15, 0.9)),
               "diamond": ((0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0))}[shape]
    points = " ".join(f"{_n(x + dx * s)},{_n(y + dy * s)}" for dx, dy in corners)
    return f'<polygon {common} points="{points}"/>'


def _text(x: float, y: float, text: str, css: str, anchor: str = "middle") -> str:
    return (f'<text class="{css}" x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{TICK_FONT}" '
            f'fill="currentColor">{escape(text)}</text>')


def chart_title(chart: CostChart) -> str:
    return f"欠 {yuan(chart.principal_fen / 100)} 元，逾期 1 到 {chart.last_day} 天多付的钱"


def _label_and_amount(series: Series) -> str:
    space = "" if series.label.endswith("）") else " "  # no space after full-width punctuation
    return f"{series.label}{space}{fen_to_display(series.last_fen)} 元"


def chart_description(chart: CostChart) -> str:
    last = chart.last_day
    products = "；".join(_label_and_amount(s) for s in chart.products)
    text = (f"折线图。横轴是逾期天数，从第 1 天到第 {last} 天；纵轴是欠 {yuan(chart.principal_fen / 100)} 元时"
            f"比按时还款多付的钱（元）。第 {last} 天：{products}。")
    if chart.references:
        lines = "；".join(_label_and_amount(s) for s in chart.references)
        text += f"虚线是按单利算的对照线，第 {last} 天：{lines}。"
    return text + "图下的表格列出了各个时间点的数字。"


def svg(chart: CostChart) -> str:
    frame, ticks = frame_for(chart)
    step = ticks[1] - ticks[0]
    parts = [f'<svg class="pc-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
             f'role="img"><title>{escape(chart_title(chart))}</title><desc>{escape(chart_description(chart))}</desc>']
    # Grid and axes first, so the lines sit on top.
    parts.append('<g class="pc-axes">')
    for tick in ticks:
        y = frame.y(tick)
        css = "pc-baseline" if tick == 0 else "pc-grid"
        parts.append(f'<line class="{css}" x1="{_n(frame.left)}" x2="{_n(WIDTH - RIGHT)}" y1="{_n(y)}" y2="{_n(y)}" '
                     f'stroke="currentColor"/>')
        parts.append(_text(frame.left - 5, y + 4, y_label(tick, step), "pc-tick", "end"))
    for day in x_ticks(chart.last_day, frame.plot_width):
        x = frame.x(day)
        parts.append(f'<line class="pc-tick-mark" x1="{_n(x)}" x2="{_n(x)}" y1="{_n(frame.bottom)}" '
                     f'y2="{_n(frame.bottom + 4)}" stroke="currentColor"/>')
        parts.append(_text(x, frame.bottom + 16, str(day), "pc-tick"))
    parts.append(_text(WIDTH - RIGHT, HEIGHT - 4, "逾期天数", "pc-axis-title", "end"))
    parts.append(_text(4, 12, "多付（元）", "pc-axis-title", "start"))
    parts.append("</g>")
    for index, series in enumerate(chart.references):
        parts.append(f'<path class="pc-line pc-ref pc-r{index}" data-series="{escape(series.key)}" fill="none" '
                     f'stroke="currentColor" stroke-width="1.6" stroke-dasharray="{REFERENCE_DASHES[index % 2]}" '
                     f'd="{path_data(series, frame)}"/>')
    for index, series in enumerate(chart.products):
        css = f"pc-s{index}"
        parts.append(f'<path class="pc-line {css}" data-series="{escape(series.key)}" fill="none" '
                     f'stroke="currentColor" stroke-width="2.2" stroke-linejoin="round" '
                     f'd="{path_data(series, frame)}"/>')
        day, fen = series.points[-1]
        parts.append(marker(MARKER_SHAPES[index], frame.x(day), frame.y(fen), css))
    parts.append("</svg>")
    return "".join(parts)


def swatch(series: Series, index: int, reference: bool) -> str:
    """The legend's picture of a line: same class, dash and end marker as in the chart."""
    if reference:
        body = (f'<line class="pc-ref pc-r{index}" x1="1" x2="27" y1="6" y2="6" stroke="currentColor" '
                f'stroke-width="1.6" stroke-dasharray="{REFERENCE_DASHES[index % 2]}"/>')
    else:
        css = f"pc-s{index}"
        body = (f'<line class="{css}" x1="1" x2="20" y1="6" y2="6" stroke="currentColor" stroke-width="2.2"/>'
                + marker(MARKER_SHAPES[index], 22, 6, css))
    return f'<svg class="pc-swatch" viewBox="0 0 28 12" width="28" height="12" aria-hidden="true">{body}</svg>'


def legend(chart: CostChart) -> str:
    items = [f'<li>{swatch(s, i, False)}<span>{escape(s.label)}</span></li>' for i, s in enumerate(chart.products)]
    items += [f'<li>{swatch(s, i, True)}<span>对照：{escape(s.label)}</span></li>'
              for i, s in enumerate(chart.references)]
    return f'<ul class="pc-legend">{"".join(items)}</ul>'


def _column_heading(label: str, note: str = "") -> str:
    """A name on one line and its qualifier, e.g. （常见条款）, on the next: narrow columns on a phone."""
    name, bracket, rest = label.partition("（")
    note = note or (bracket + rest)
    small = f'<span class="pc-th-note">{escape(note)}</span>' if note else ""
    return f'<th scope="col"><span class="pc-th-name">{escape(name)}</span>{small}</th>'


def data_table(chart: CostChart) -> str:
    head = "".join(_column_heading(s.label) for s in chart.products)
    head += "".join(_column_heading(s.label, "对照线") for s in chart.references)
    rows = []
    for day in chart.table_days:
        cells = "".join(f"<td>{fen_to_display(s.fen_at(day))}</td>" for s in chart.series)
        rows.append(f'<tr><th scope="row">{day} 天</th>{cells}</tr>')
    caption = f"欠 {yuan(chart.principal_fen / 100)} 元：逾期多付的钱（元）"
    # Scroll regions are landmarks and need unique names: two charts on a page differ in lines or amount.
    region = f"{caption}，{escape('、'.join(s.label for s in chart.series))}（可左右滑动）"
    return (f'<details class="pc-data"><summary>图中的数字（表格）</summary>'
            f'<div class="penalty-table"><div class="table-scroll" tabindex="0" role="region" '
            f'aria-label="{region}"><table class="pt-grid"><caption>{caption}</caption>'
            f'<thead><tr><th scope="col">逾期天数</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
            f'</table></div></div></details>')


def notes(chart: CostChart, rules: Rules) -> str:
    confidence = "；".join(f"{escape(s.label)}：{CONFIDENCE_LABELS[s.product.confidence]}" for s in chart.products)
    caution = "" if all(s.product.is_certain for s in chart.products) else "不是“高”的，<strong>以合同为准</strong>。"
    lines = [f"<p>把握程度：{confidence}。{caution}</p>"]
    details = []
    for series in chart.products:
        product = series.product
        set_here = option_notes(product, series.options)
        assumptions = "".join(escape(a) for a in product.assumptions)
        setting = f"本图设定：{escape('；'.join(set_here))}。" if set_here else ""
        details.append(f"<li>{escape(product.name)}：{assumptions}{setting}规则日期：{product.effective.isoformat()}。</li>")
    if chart.references:
        drawn = []
        for series in chart.references:  # only the lines drawn; the wording of render.reference_note
            line = series.reference
            basis = f"，即 {escape(line.basis)}" if line.basis else ""
            drawn.append(f"{escape(line.label)} = 年化 {line.rate:.2f}%{basis}：{escape(line.scope.rstrip('。'))}")
        details.append("<li>虚线是对照线，按单利算：欠款 × 年化利率 × 天数 ÷ 365，四舍五入到分。"
                       f"对照线：{'；'.join(drawn)}。</li>")
    source_ids = []
    for series in chart.series:
        for source_id in (series.product or series.reference).sources:
            if source_id not in source_ids:
                source_ids.append(source_id)
    details.append(f"<li>来源：{'；'.join(source_link(rules.sources[sid]) for sid in source_ids)}</li>")
    lines.append(f"<details><summary>这张图怎么算的、来源</summary><ul>{''.join(details)}</ul></details>")
    return f'<div class="penalty-note">{"".join(lines)}</div>'


def penalty_chart(chart: CostChart, rules: Rules) -> str:
    """The whole figure: caption, SVG, legend, data table and notes, as one line of HTML."""
    keys = " ".join(s.key for s in chart.products)
    return (f'<figure class="penalty-chart" data-products="{escape(keys)}" data-search-exclude>'
            f'<figcaption>{escape(chart_title(chart))}（元）</figcaption>'
            f'{svg(chart)}{legend(chart)}{data_table(chart)}{notes(chart, rules)}</figure>')
