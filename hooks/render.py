"""HTML for computed tables and source lists. Numbers come from calculators/; this module only formats."""
from __future__ import annotations

import re
from decimal import Decimal
from hooks.escaping import escape

from calculators import Breakdown, InstallmentCost, Rules, fen_to_display
from calculators.figures import chinese_date, option_value, percent  # one formatting for tables and prose (percent: re-exported)
from calculators.rules import CONFIDENCE_LABELS, Product, Source

KIND_LABELS = {
    "law": "法律",
    "judicial-interpretation": "司法解释",
    "administrative-regulation": "行政法规",
    "regulatory-document": "部门规章或规范性文件",
    "national-standard": "推荐性国家标准",
    "industry-guideline": "行业自律规范",
    "official-notice": "官方公告",
    "news": "新闻报道",
    "secondary": "二手资料（网页、问答、律所文章）",
}


def time_tag(date) -> str:
    return f'<time datetime="{date.isoformat()}">{chinese_date(date)}</time>'


def yuan(amount: Decimal | int | float) -> str:
    """An amount a reader typed, for headings: 5,000 or 1,234.5."""
    number = Decimal(repr(amount)) if isinstance(amount, float) else Decimal(amount)
    text = f"{number:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def source_link(source: Source) -> str:
    return (f'<a href="{escape(source.url)}">{escape(source.title)}</a>'
            f'<span class="source-meta">（{escape(source.issuer)}，{time_tag(source.date)}，'
            f'{KIND_LABELS[source.kind]}）</span>')


def option_notes(product: Product, options: dict) -> list[str]:
    """Sentences for the options a page set that differ from the product's defaults."""
    labels = {option.name: option for option in product.options}
    notes = []
    for name, value in options.items():
        if product.parameters.get(name) == value:
            continue
        option = labels[name]
        notes.append(f"{option.label.split('（')[0]}：{option_value(option, value)}")
    return notes


def _note(product: Product, rules: Rules, options: dict, extra: list[str]) -> str:
    """Under a table: confidence and sources stay visible; how it was computed folds away on a phone."""
    caution = "" if product.is_certain else "<strong>以合同为准。</strong>"
    lines = [f"<p>把握程度：{CONFIDENCE_LABELS[product.confidence]}。{caution}{escape(product.confidence_note)}</p>"]
    details = [f"<li>{escape(assumption)}</li>" for assumption in product.assumptions]
    set_here = option_notes(product, options)
    if set_here:
        details.append(f"<li>本表设定：{escape('；'.join(set_here))}。</li>")
    details.extend(f"<li>{item}</li>" for item in extra)
    details.append(f"<li>规则日期：{time_tag(product.effective)}。{escape(product.effective_note)}</li>")
    lines.append(f"<details><summary>这张表怎么算的</summary><ul>{''.join(details)}</ul></details>")
    links = "；".join(source_link(rules.sources[sid]) for sid in product.sources)
    lines.append(f"<p>来源：{links}</p>")
    return "".join(lines)


def reference_note(rules: Rules) -> str:
    lines = []
    for line in rules.reference_lines:
        basis = f"，即 {escape(line.basis)}" if line.basis else ""
        lines.append(f"{escape(line.label)} = 年化 {line.rate:.2f}%{basis}：{escape(line.scope.rstrip('。'))}")
    return "对照线：" + "；".join(lines) + "。"


# Computed tables and their notes stay out of the search index. Material's search parser ends an excluded
# element at the first closing tag of the same name inside it, so the attribute goes on elements with no
# descendant of their own tag: the scroll region (a table inside) and the note (paragraphs, a list), not
# their shared wrapper <div>. tests/test_site_build.py checks every page of the built site for this.
SEARCH_EXCLUDE = "data-search-exclude"


def _scroll_region(label: str) -> str:
    """Opening tag of a wrapper that scrolls sideways on a phone and can be reached by keyboard."""
    return f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}（可左右滑动）" {SEARCH_EXCLUDE}>'


def _note_block(inner: str) -> str:
    return f'<div class="penalty-note" {SEARCH_EXCLUDE}>{inner}</div>'


def penalty_table(product: Product, amounts: list, days: list, grid: dict, rules: Rules, options: dict) -> str:
    """grid[(day, amount)] -> Breakdown. Rows are days overdue, columns are amounts."""
    rates = {result.annual_rate for result in grid.values()}
    per_cell_rate = len(rates) > 1  # simple daily charges have one rate; a credit card's varies cell by cell
    head = "".join(f'<th scope="col">欠 {yuan(amount)} 元</th>' for amount in amounts)
    rows = []
    for day in days:
        cells = []
        for amount in amounts:
            result: Breakdown = grid[(day, amount)]
            rate = f'<span class="pt-rate">年化 {result.annual_rate}%</span>' if per_cell_rate else ""
            cells.append(f'<td><span class="pt-amount">{fen_to_display(result.extra_fen)}</span>{rate}</td>')
        # Before the next statement a card's one-off charges (grace-period interest, a fee) fall on a few days.
        one_off = per_cell_rate and "cycle_days" in options and day < int(options["cycle_days"])
        reason = f'<span class="pt-rate">一次性收费只摊在 {day} 天上</span>' if one_off else ""
        rows.append(f'<tr><th scope="row">{day} 天{reason}</th>{"".join(cells)}</tr>')
    sample = grid[(days[0], amounts[0])]
    labels = "、".join(re.sub(r"（\d+ 次）", "", escape(charge.label)) for charge in sample.charges)
    rate_note = ("格子里的小字是折合的单利年化" if per_cell_rate else f"折合单利年化都是 {rates.pop()}%")
    extra = [f"表中数字是逾期多付的钱（元），包括：{labels}。{rate_note}（多付的钱 ÷ 未还本金 ÷ 逾期天数 × 365）。"
             + ("逾期只有几天时，一次性的费用（如违约金、取消免息期后补计的利息）折成年化会显得很高。" if per_cell_rate else ""),
             reference_note(rules)]
    caption = f"{escape(product.name)}：逾期多付的钱（元）"
    # Each scroll region is a landmark, and landmarks on a page need distinct names: say what differs.
    settings = option_notes(product, options)
    region_label = escape(f"{product.name}：逾期多付的钱" + (f"（{'，'.join(settings)}）" if settings else "")
                          + f"，欠 {'、'.join(yuan(a) for a in amounts)} 元")
    if not per_cell_rate:
        caption += f'<span class="pt-rate">折合单利年化 {sample.annual_rate}%</span>'
    return (f'<div class="penalty-table" data-product="{escape(product.id)}">'
            f'{_scroll_region(region_label)}<table class="pt-grid"><caption>{caption}</caption>'
            f'<thead><tr><th scope="col">逾期天数</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>'
            f'{_note_block(_note(product, rules, options, extra))}</div>')


def penalty_summary(amount, days: int, results: list) -> str:
    """The answer first: one typical case, each product's extra cost and rate, a jump link to its table."""
    rows = []
    for result in results:
        product = result.product
        settings = option_notes(product, result.options)
        note = f'<span class="pt-rate">{escape("，".join(settings))}</span>' if settings else ""
        rows.append(f'<tr><th scope="row"><a href="#{escape(product.id)}">{escape(product.name)}</a>{note}</th>'
                    f'<td><span class="pt-amount">{fen_to_display(result.extra_fen)} 元</span></td>'
                    f'<td>{result.annual_rate}%</td></tr>')
    caption = f"欠 {yuan(amount)} 元、逾期 {days} 天，各产品多付多少"
    return (f'<div class="penalty-table penalty-summary">{_scroll_region(escape(caption))}'
            f'<table class="pt-grid"><caption>{caption}</caption><thead><tr><th scope="col">产品（点击看详表）</th>'
            f'<th scope="col">多付</th><th scope="col">折合单利年化</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></div>')


def installment_table(fee_rates: list, periods: list, grid: dict) -> str:
    """grid[(fee_rate, periods)] -> InstallmentCost. Rows are fee rates, columns are numbers of periods."""
    head = "".join(f'<th scope="col">{count} 期</th>' for count in periods)
    rows = []
    for fee in fee_rates:
        cells = []
        for count in periods:
            cost: InstallmentCost = grid[(fee, count)]
            cells.append(f'<td><span class="pt-amount">{cost.nominal_annual}%</span>'
                         f'<span class="pt-rate">按月复利 {cost.effective_annual}%</span></td>')
        first = grid[(fee, periods[0])]
        rows.append(f'<tr><th scope="row">每期 {first.fee_rate}%<span class="pt-rate">看上去像年化 '
                    f'{first.simple_annual}%</span></th>{"".join(cells)}</tr>')
    note = ("<ul><li>假设：每期手续费按<strong>最初的</strong>分期本金计算，本金每期等额归还，手续费随每期还款一起付。</li>"
            "<li>表中大字是真实年化利率：按内部收益率（IRR）算出每月的实际利率，再乘以 12；小字是按月复利的年化。</li>"
            "<li>因为你一直按全部本金付手续费，而本金在逐月减少，真实年化明显高于“每期费率 × 12”：期数越多，越接近它的两倍。</li>"
            "<li>由本站计算模块算出（calculators/installments.py），不是某家机构的报价；你的实际费率以 App 或账单为准。</li></ul>")
    caption = "分期手续费的真实年化利率"
    return (f'<div class="penalty-table installment-table">{_scroll_region(caption)}<table class="pt-grid"><caption>{caption}</caption>'
            f'<thead><tr><th scope="col">每期手续费</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
            f'{_note_block(note)}</div>')


def bibliography(rules: Rules) -> str:
    groups = []
    for kind, label in KIND_LABELS.items():
        entries = sorted((s for s in rules.sources.values() if s.kind == kind), key=lambda s: (s.date, s.id))
        if not entries:
            continue
        items = "".join(
            f'<li id="src-{escape(s.id)}">{source_link(s)}'
            + (f'<br><small>{escape(s.note)}</small>' if s.note else "") + "</li>" for s in entries)
        groups.append(f"<h2>{label}</h2><ol class=\"bibliography\">{items}</ol>")
    return "".join(groups)


def sources_section(source_ids: list[str], reviewed, rules: Rules, bibliography_url: str) -> str:
    items = "".join(f"<li>{source_link(rules.sources[sid])} "
                    f'<a class="source-entry" href="{bibliography_url}#src-{escape(sid)}" '
                    f'aria-label="书目中的这条来源">书目</a></li>' for sid in source_ids)
    return ("\n\n## 来源与核对日期 {#sources}\n\n"
            f'<div class="page-sources"><p>本页事实核对于 {time_tag(reviewed)}。法律、规则和机构条款会变；'
            f'如果你发现与最新规定不符，以原文和你的合同为准。</p><ol>{items}</ol></div>\n')
