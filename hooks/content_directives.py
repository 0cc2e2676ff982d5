"""Hook: fenced directives become tables computed by calculators/ at build time.

One `on_page_markdown`, one pattern (hooks.directives), one small renderer per directive. Bad input
is reported as `docs/page.md:LINE: message` and fails the build after all pages are read. Identical
blocks are computed once per build.
"""
from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads hooks by file path; make the repository (calculators/, hooks/) importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calculators import DataError, InputError, cost_chart, default_rules, installment_cost, overdue_cost
from hooks import charts, render
from hooks.directives import Directive, find_directives, parse_block, positive_list
from hooks.problems import PageProblem, body_line_offset, page_path, report, reset, fail_if_any

_cache: dict[tuple[str, str], str] = {}


# Hooks ------------------------------------------------------------------------------------------

def on_pre_build(config):
    reset()
    _cache.clear()
    default_rules.cache_clear()  # `mkdocs serve` rebuilds when data/ changes: read it again


def on_page_markdown(markdown, *, page, config, files):
    directives = find_directives(markdown)
    if not directives:
        return markdown
    offset = body_line_offset(page)
    try:
        rules = default_rules()
    except DataError as error:
        report(page_path(page, config), directives[0].line + offset, f"product data: {error}")
        return markdown
    pieces, cursor = [], 0
    for directive in directives:
        pieces.append(markdown[cursor:directive.start])
        cursor = directive.end
        try:
            html = _render(directive, rules)
        except PageProblem as problem:
            report(page_path(page, config), problem.line + offset, problem.message)
            html = ""
        pieces.append(directive.indent + html)
    pieces.append(markdown[cursor:])
    return "".join(pieces)


def on_env(env, *, config, files):
    fail_if_any()  # every page has been read by now; stop before any page is written
    return env


# Renderers --------------------------------------------------------------------------------------

def _render(directive: Directive, rules) -> str:
    key = (directive.name, directive.body)
    if key not in _cache:
        _cache[key] = RENDERERS[directive.name](directive, rules)
    return _cache[key]


def _penalty_table(directive: Directive, rules) -> str:
    options_allowed = tuple(sorted({o.name for p in rules.products.values() for o in p.options}))
    data = parse_block(directive, ("product", "amounts", "days"), options_allowed)
    product_id = data["product"]
    if product_id not in rules.products:
        raise PageProblem(directive.key_line("product"),
                          f"penalty-table: unknown product {product_id!r} (known: {', '.join(rules.products)})")
    product = rules.products[product_id]
    amounts = positive_list(directive, data, "amounts", limit=6)
    days = positive_list(directive, data, "days", whole=True, limit=12)
    options = {key: value for key, value in data.items() if key not in ("product", "amounts", "days")}
    by_name = {option.name: option for option in product.options}
    for key, value in options.items():
        if key not in by_name:
            raise PageProblem(directive.key_line(key), f"penalty-table: {key!r} does not apply to {product_id} "
                                                       f"(allowed: {', '.join(by_name)})")
        try:
            by_name[key].parse(value)
        except InputError as error:
            raise PageProblem(directive.key_line(key), f"penalty-table: {error}") from None
    grid = {}
    for day in days:
        for amount in amounts:
            try:
                grid[(day, amount)] = overdue_cost(product_id, amount, day, options, rules)
            except InputError as error:
                raise PageProblem(directive.line, f"penalty-table: {error}") from None
    resolved = grid[(days[0], amounts[0])].options
    return render.penalty_table(product, amounts, days, grid, rules, resolved)


def _penalty_chart(directive: Directive, rules) -> str:
    request = charts.read_block(directive, rules)
    try:
        chart = cost_chart(request.products, request.amount, request.days, request.options, rules,
                           reference_lines=request.reference_lines)
    except InputError as error:  # e.g. an amount with fractions of a fen, or consumer-loan without daily_rate
        key = "amount" if str(error).startswith("amount") else "products"
        raise PageProblem(directive.key_line(key), f"penalty-chart: {error}") from None
    return charts.penalty_chart(chart, rules)


def _penalty_summary(directive: Directive, rules) -> str:
    """One typical case for several products, one row each, linking to the product's section (#product-id)."""
    try:
        request = charts.read_block(directive, rules)  # the same keys as penalty-chart
    except PageProblem as problem:
        raise PageProblem(problem.line, problem.message.replace(f"{charts.NAME}:", "penalty-summary:", 1)) from None
    results = []
    for product_id in request.products:
        try:
            results.append(overdue_cost(product_id, request.amount, request.days,
                                        request.options.get(product_id, {}), rules))
        except InputError as error:
            key = "amount" if str(error).startswith("amount") else "products"
            raise PageProblem(directive.key_line(key), f"penalty-summary: {error}") from None
    return render.penalty_summary(request.amount, request.days, results)


def _installment_table(directive: Directive, rules) -> str:
    data = parse_block(directive, ("fee_rates", "periods"), ())
    fee_rates = positive_list(directive, data, "fee_rates", limit=6)
    periods = positive_list(directive, data, "periods", whole=True, limit=8)
    grid = {}
    for fee in fee_rates:
        for count in periods:
            try:
                grid[(fee, count)] = installment_cost(fee, count)
            except InputError as error:
                key = "fee_rates" if "fee rate" in str(error) else "periods"
                raise PageProblem(directive.key_line(key), f"installment-table: {error}") from None
    return render.installment_table(fee_rates, periods, grid)


def _bibliography(directive: Directive, rules) -> str:
    if directive.body.strip():
        raise PageProblem(directive.line + 1, "bibliography: takes no keys; leave the block empty")
    return render.bibliography(rules)


RENDERERS = {
    "penalty-table": _penalty_table,
    "penalty-chart": _penalty_chart,
    "penalty-summary": _penalty_summary,
    "installment-table": _installment_table,
    "bibliography": _bibliography,
}
