"""Cost over time: the extra cost of each product, and of each legal reference line, day by day.

Pure functions, no I/O. A chart of "extra cost against days overdue" is a handful of these series
sampled on the same days; the numbers are exactly the ones ``overdue_cost`` gives for each day.

Reference lines are drawn as a cost, not a rate: what the debt would have cost at that annual rate,
simple interest, amount × rate × days / 365, rounded half-up to the fen once, at the end (the same
rounding as the daily-fee products in costs.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .costs import DAYS_PER_YEAR, overdue_costs, parse_amount, parse_days
from .money import InputError, percent_of, round_half_up_fen
from .rules import Product, ReferenceLine, Rules, default_rules

# Every day is drawn up to here: the first two months are when most readers are, and when a credit
# card's costs jump (lost interest-free period, first 违约金). After it, one point every few days.
EVERY_DAY_UNTIL = 60
LATER_STEP = 5
LATER_POINTS = 140  # past this many later points the step grows (in fives) to keep the chart small
# Days a reader thinks in (a week, a month, a quarter, half a year, years): always sampled, and the
# rows of the data table printed with a chart.
MILESTONE_DAYS = (1, 7, 30, 60, 90, 180, 365, 730, 1095, 1825, 3650)


@dataclass(frozen=True)
class Series:
    """One line of a chart: (day, extra cost in fen) for each sampled day."""

    key: str  # product id or reference line id
    label: str
    points: tuple[tuple[int, int], ...]
    product: Product | None = None  # set for a product's line
    options: dict | None = None  # the product's options in force, defaults included
    reference: ReferenceLine | None = None  # set for a reference line

    def fen_at(self, day: int) -> int:
        for point_day, fen in self.points:
            if point_day == day:
                return fen
        raise KeyError(f"day {day} is not sampled in series {self.key!r}")

    @property
    def last_fen(self) -> int:
        return self.points[-1][1]


@dataclass(frozen=True)
class CostChart:
    principal_fen: int
    last_day: int
    days: tuple[int, ...]  # sampled days, ascending, 1 .. last_day
    table_days: tuple[int, ...]  # the milestone days up to last_day, and last_day itself
    products: tuple[Series, ...]
    references: tuple[Series, ...]

    @property
    def series(self) -> tuple[Series, ...]:
        return self.products + self.references

    @property
    def max_fen(self) -> int:
        return max(fen for series in self.series for _, fen in series.points)


def sample_days(last_day: int) -> tuple[int, ...]:
    """Days to compute for a chart running 1 .. last_day: every day to 60, then every 5 (or more), milestones."""
    last_day = parse_days(last_day)
    later = max(0, last_day - EVERY_DAY_UNTIL)
    step = LATER_STEP * max(1, -(-later // (LATER_STEP * LATER_POINTS)))  # ceiling division
    days = set(range(1, min(last_day, EVERY_DAY_UNTIL) + 1))
    days.update(range(EVERY_DAY_UNTIL + step, last_day, step))
    days.update(table_days(last_day))
    return tuple(sorted(days))


def table_days(last_day: int) -> tuple[int, ...]:
    """The milestone days up to ``last_day``, and ``last_day`` itself."""
    return tuple(sorted({day for day in MILESTONE_DAYS if day <= last_day} | {last_day}))


def reference_cost_fen(principal_fen: int, annual_rate: Decimal, days: int) -> int:
    """Simple interest at ``annual_rate`` percent a year: principal × rate × days / 365, half-up to the fen."""
    if principal_fen <= 0 or days < 1 or annual_rate < 0:
        raise InputError("reference_inputs", principal_fen=principal_fen, days=days, rate=annual_rate)
    return round_half_up_fen(percent_of(principal_fen, annual_rate) * days / DAYS_PER_YEAR)


def product_series(product_id: str, amount: object, days: tuple[int, ...], options: dict | None = None,
                   rules: Rules | None = None) -> Series:
    """A product's extra cost on each of ``days``, as ``overdue_cost`` gives it for each day. Raises InputError."""
    rules = rules or default_rules()
    results = overdue_costs(product_id, amount, days, options, rules)
    product = results[0].product
    return Series(key=product.id, label=product.name, product=product, options=results[0].options,
                  points=tuple((result.days, result.extra_fen) for result in results))


def reference_series(line: ReferenceLine, principal_fen: int, days: tuple[int, ...]) -> Series:
    return Series(key=line.id, label=line.label, reference=line,
                  points=tuple((day, reference_cost_fen(principal_fen, line.rate, day)) for day in days))


def chosen_reference_lines(rules: Rules, wanted: bool | list[str]) -> tuple[ReferenceLine, ...]:
    """All reference lines, none, or the ones named (in the data file's order)."""
    if wanted is True or wanted is False:
        return rules.reference_lines if wanted else ()
    known = {line.id for line in rules.reference_lines}
    for line_id in wanted:
        if line_id not in known:
            raise InputError("unknown_reference_line", "reference_lines", raw=line_id, known=", ".join(sorted(known)))
    return tuple(line for line in rules.reference_lines if line.id in wanted)


def cost_chart(product_ids: list[str], amount: object, last_day: object, options: dict | None = None,
               rules: Rules | None = None, reference_lines: bool | list[str] = True) -> CostChart:
    """Everything a cost chart shows. ``options`` maps a product id to that product's options;
    ``reference_lines`` is True (all of them), False (none) or a list of reference line ids.

    Raises InputError on an unknown product or reference line, a bad amount or number of days, or a bad option.
    """
    rules = rules or default_rules()
    if not product_ids:
        raise InputError("no_products", "products")
    principal = parse_amount(amount)
    days = sample_days(last_day)
    options = options or {}
    products = tuple(product_series(pid, amount, days, options.get(pid), rules) for pid in product_ids)
    references = tuple(reference_series(line, principal, days) for line in chosen_reference_lines(rules, reference_lines))
    return CostChart(principal_fen=principal, last_day=days[-1], days=days, table_days=table_days(days[-1]),
                     products=products, references=references)
