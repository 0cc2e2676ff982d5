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

from calculators import (DataError, InputError, cost_chart, default_rules, installment_cost, overdue_cost,
                         overdue_costs)
from calculators.costs import parse_amount, parse_days
from hooks import charts, render
from calculators.safe_yaml import excerpt
from hooks.directives import Directive, fence_problems, find_directives, parse_block, positive_list
from hooks.problems import (PageProblem, body_line_offset, error_box, fail_if_any, page_path, report, report_text,
                            reset, serving, set_serving)

_cache: dict[tuple[str, str], str] = {}


# Hooks ------------------------------------------------------------------------------------------

def on_startup(command, dirty):
    set_serving(command == "serve")  # serve shows problems in the page instead of failing (hooks/problems.py)


def on_pre_build(config):
    reset()
    _cache.clear()
    default_rules.cache_clear()  # `mkdocs serve` rebuilds when data/ changes: read it again


def on_page_markdown(markdown, *, page, config, files):
    path = page_path(page, config)
    offset = body_line_offset(page)
    try:
        rules = default_rules()
    except DataError as error:  # one problem, attributed to the data file, however many pages use it
        rules = None
        report_text(str(error))
    text, problems = render_directives(markdown, rules, boxes=serving(), path=path, line_offset=offset)
    for problem in problems:
        report(path, problem.line, problem.message)
    return text


def render_directives(markdown: str, rules, *, boxes: bool = False, path: str = "page.md", line_offset: int = 0
                      ) -> tuple[str, list[PageProblem]]:
    """Markdown with each directive replaced by its HTML, and the problems found, at lines of the file
    (``line_offset``: the lines before ``markdown``, i.e. the front matter).

    Callable without MkDocs. ``rules`` None means the data files are broken (reported elsewhere): directives
    are left out. With ``boxes`` each failing directive becomes an error box with ``path:LINE: message``,
    as `mkdocs serve` shows it."""
    problems = fence_problems(markdown, line_offset)
    # Only ours: the message-check directives belong to hooks/message_check.py (left in place if its data broke).
    directives = [d for d in find_directives(markdown, line_offset) if d.name in RENDERERS]
    pieces, cursor = [], 0
    for directive in directives:
        pieces.append(markdown[cursor:directive.start])
        cursor = directive.end
        html = ""
        if rules is not None:
            try:
                html = _render(directive, rules)
            except PageProblem as problem:
                problems.append(problem)
                if boxes:
                    html = error_box(f"{path}:{problem.line}: {problem.message}")
        pieces.append(directive.indent + html)
    pieces.append(markdown[cursor:])
    return "".join(pieces), problems


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
    if not isinstance(product_id, str) or product_id not in rules.products:
        raise PageProblem(directive.key_line("product", data), f"penalty-table: unknown product "
                                                               f"{excerpt(product_id)} (known: {', '.join(rules.products)})")
    product = rules.products[product_id]
    amounts = positive_list(directive, data, "amounts", limit=6)
    days = positive_list(directive, data, "days", whole=True, limit=12)
    # Each amount and day on its own first, so a bad one is reported at its own line.
    for key, values, check in (("amounts", amounts, parse_amount), ("days", days, parse_days)):
        for index, value in enumerate(values):
            try:
                check(value, key.rstrip("s"))
            except InputError as error:
                raise PageProblem(directive.item_line(data, key, index), f"penalty-table: {error}") from None
    options = {key: value for key, value in data.items() if key not in ("product", "amounts", "days")}
    by_name = {option.name: option for option in product.options}
    for key, value in options.items():
        if key not in by_name:
            raise PageProblem(directive.key_line(key, data), f"penalty-table: {key!r} does not apply to "
                                                             f"{product_id} (allowed: {', '.join(by_name)})")
        try:
            by_name[key].parse(value)
        except InputError as error:
            raise PageProblem(directive.key_line(key, data), f"penalty-table: {error}") from None
    grid = {}
    for amount in amounts:
        try:
            costs = overdue_costs(product_id, amount, days, options, rules)  # all of an amount's days at once
        except InputError as error:  # options that clash (paid >= amount) or one the product needs
            raise PageProblem(_error_line(directive, data, error, "product"), f"penalty-table: {error}") from None
        grid.update({(day, amount): cost for day, cost in zip(days, costs)})
    resolved = grid[(days[0], amounts[0])].options
    return render.penalty_table(product, amounts, days, grid, rules, resolved)


def _penalty_chart(directive: Directive, rules) -> str:
    request = charts.read_block(directive, rules)
    try:
        chart = cost_chart(request.products, request.amount, request.days, request.options, rules,
                           reference_lines=request.reference_lines)
    except InputError as error:  # e.g. an amount with fractions of a fen, or consumer-loan without daily_rate
        raise PageProblem(_error_line(directive, directive_data(directive), error, "products"),
                          f"penalty-chart: {error}") from None
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
            raise PageProblem(_error_line(directive, directive_data(directive), error, "products"),
                              f"penalty-summary: {error}") from None
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
                field = error.field
                key, index = ("fee_rates", fee_rates.index(fee)) if field == "fee rate" else ("periods",
                                                                                             periods.index(count))
                raise PageProblem(directive.item_line(data, key, index), f"installment-table: {error}") from None
    return render.installment_table(fee_rates, periods, grid)


def _bibliography(directive: Directive, rules) -> str:
    if directive.body.strip():
        raise PageProblem(directive.line + 1, "bibliography: takes no keys; leave the block empty")
    return render.bibliography(rules)


def directive_data(directive: Directive):
    return parse_block(directive, (), ("products", "amount", "days", "reference_lines", "options"))


# Engine fields (InputError.field) and the directive keys that hold them.
FIELD_KEYS = {"amount": "amount", "days": "days", "days overdue": "days"}


def _error_line(directive: Directive, data, error: InputError, fallback: str) -> int:
    """The line of the key an engine error concerns: its field when the error names one (amount, days, an
    option such as paid), else ``fallback`` (the product, whose rules the inputs broke)."""
    key = FIELD_KEYS.get(error.field, error.field)
    if key in data:
        return directive.key_line(key, data)
    if isinstance(data.get("options"), dict):  # a chart's options: products -> {name: value}
        for product_id, given in data["options"].items():
            if isinstance(given, dict) and key in given:
                return directive.line + given.line_of(key)
    return directive.key_line(fallback, data)


RENDERERS = {
    "penalty-table": _penalty_table,
    "penalty-chart": _penalty_chart,
    "penalty-summary": _penalty_summary,
    "installment-table": _installment_table,
    "bibliography": _bibliography,
}
