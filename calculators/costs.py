"""Overdue cost arithmetic. Pure functions: rules and numbers in, a Breakdown out, no I/O.

Rounding (specified in calculators/SPEC.md, which the in-page calculator implements):
- daily-fee and penalty-multiplier: the exact charge (base × rate × days) is rounded half-up to
  the fen once, at the end.
- credit-card: interest accrues daily, exactly. On each statement date the interest accrued in
  that cycle is rounded half-up to the fen, component by component, and the sum is added to the
  interest-bearing balance (复利). What has accrued since the last statement is rounded the same
  way on the last day. Each 违约金 is rounded half-up to the fen and then held within the bank's
  minimum and maximum.
- the equivalent simple annual rate is rounded half-up to 0.01 percentage points.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .money import InputError, parse_decimal, percent_of, round_half_up_fen, round_rate, yuan_to_fen
from .rules import MAX_AMOUNT_YUAN, MAX_DAYS, Product, Rules, default_rules

DAYS_PER_YEAR = Decimal(365)


@dataclass(frozen=True)
class Charge:
    label: str
    fen: int


@dataclass(frozen=True)
class Breakdown:
    product: Product
    principal_fen: int  # the amount the reader entered
    outstanding_fen: int  # principal still unpaid (credit card: amount minus what was paid)
    days: int
    charges: tuple[Charge, ...]
    options: dict  # the options in force, defaults included

    @property
    def extra_fen(self) -> int:
        return sum(charge.fen for charge in self.charges)

    @property
    def total_due_fen(self) -> int:
        return self.outstanding_fen + self.extra_fen

    @property
    def annual_rate(self) -> Decimal:
        """Equivalent simple annual rate, in percent: extra ÷ unpaid principal ÷ days × 365."""
        exact = Decimal(self.extra_fen) * 100 * DAYS_PER_YEAR / (Decimal(self.outstanding_fen) * self.days)
        return round_rate(exact)


# Input checks shared by the CLI, the build hooks and the tests ---------------------------------

def parse_amount(raw: object, what: str = "amount") -> int:
    """A debt in yuan, as whole fen: positive, at most 1,000 万元, at most two decimals."""
    amount = parse_decimal(raw, what)
    if amount <= 0 or amount > MAX_AMOUNT_YUAN:
        raise InputError("range", what, kind="amount", max=f"{MAX_AMOUNT_YUAN:,}", raw=raw)
    fen = yuan_to_fen(amount, what)
    if fen == 0:  # e.g. 1e-1000100: positive, but it underflows to nothing once turned into fen
        raise InputError("too_small", what, raw=raw)
    return fen


def parse_days(raw: object, what: str = "days") -> int:
    """Days overdue: a whole number from 1 to 3650."""
    days = parse_decimal(raw, what)
    if days != days.to_integral_value() or not 1 <= days <= MAX_DAYS:
        raise InputError("range", what, kind="days_overdue", max=MAX_DAYS, raw=raw)
    return int(days)


def resolve_options(product: Product, given: dict) -> dict:
    """Product defaults overlaid with the reader's options, each validated; unknown names refused."""
    by_name = {option.name: option for option in product.options}
    unknown = set(given) - set(by_name)
    if unknown:
        raise InputError("unknown_option", sorted(unknown)[0], product=product.id, allowed=", ".join(by_name) or "none")
    resolved = dict(product.parameters)
    for name, raw in given.items():
        resolved[name] = by_name[name].parse(raw)
    for option in product.options:
        if option.required and option.name not in resolved:
            raise InputError("required", option.name, product=product.id, help=option.help)
    return resolved


# Models -----------------------------------------------------------------------------------------

# Each model takes the days overdue wanted (one or many, e.g. a chart's days) and returns, for each of them,
# (outstanding principal in fen, charges). Computing many days in one call lets the credit card accrue its
# interest once, day by day, instead of once per day asked for; the result for each day is the same.

Outcome = tuple[int, tuple[Charge, ...]]


def _daily_fee(product: Product, principal: int, days: tuple[int, ...], options: dict) -> dict[int, Outcome]:
    daily = percent_of(principal, options["daily_rate"])
    return {day: (principal, (Charge(product.charge_label, round_half_up_fen(daily * day)),)) for day in days}


def _penalty_multiplier(product: Product, principal: int, days: tuple[int, ...], options: dict) -> dict[int, Outcome]:
    penalty_rate = options["daily_rate"] * options["multiplier"]
    daily = percent_of(principal, penalty_rate)
    return {day: (principal, (Charge(product.charge_label, round_half_up_fen(daily * day)),)) for day in days}


def _credit_card(product: Product, principal: int, days: tuple[int, ...], options: dict) -> dict[int, Outcome]:
    paid = yuan_to_fen(options.get("paid", Decimal(0)), "paid")
    if paid >= principal:
        raise InputError("paid_not_less", "paid")
    unpaid = principal - paid
    rate = options["daily_rate"]
    cycle, due = options["cycle_days"], options["due_days"]
    if due >= cycle:
        raise InputError("due_not_less", "due_days", cycle=cycle, raw=due)
    before_due_base = principal if options["mode"] == "full" else unpaid

    # Day d (0-based) is the d-th day of interest counted from the posting (= statement) date.
    # Days 0 .. due-1 are the interest-free period that was lost; day due is the first day overdue.
    totals = {"before_due": 0, "after_due": 0, "compound": 0}
    accrued = {key: Decimal(0) for key in totals}
    capitalised = 0  # unpaid interest already added to the interest-bearing balance
    interest = {}  # days overdue -> totals once what has accrued since the last statement is posted too
    wanted = sorted(set(days))
    next_wanted = 0

    # A day's interest on each base; the same every day until a statement capitalises more interest.
    before_due_daily, after_due_daily = percent_of(before_due_base, rate), percent_of(unpaid, rate)
    compound_daily = percent_of(capitalised, rate)
    for day in range(due + wanted[-1]):
        if day < due:
            accrued["before_due"] += before_due_daily
        else:
            accrued["after_due"] += after_due_daily
        accrued["compound"] += compound_daily
        if (day + 1) % cycle == 0:  # a statement date closes this day's cycle: post each accrued part
            for key, exact in accrued.items():
                fen = round_half_up_fen(exact)
                totals[key] += fen
                capitalised += fen
                accrued[key] = Decimal(0)
            compound_daily = percent_of(capitalised, rate)
        if day + 1 == due + wanted[next_wanted]:  # the last day of this many days overdue: post what is left
            interest[wanted[next_wanted]] = {key: totals[key] + round_half_up_fen(accrued[key]) for key in totals}
            next_wanted = min(next_wanted + 1, len(wanted) - 1)

    minimum_first = round_half_up_fen(percent_of(principal, options["min_payment_ratio"]))
    minimum_later = round_half_up_fen(percent_of(unpaid, options["min_payment_ratio"]))
    full = options["mode"] == "full"

    def penalties(days_overdue: int) -> tuple[int, int]:
        total, count = 0, 0
        # A due date falls at overdue day 0, cycle, 2×cycle, …; a fee is owed for each one passed unpaid.
        for index in range((days_overdue - 1) // cycle + 1):
            unpaid_minimum = max(0, minimum_first - paid) if index == 0 else minimum_later
            if unpaid_minimum == 0:
                continue
            fee = round_half_up_fen(percent_of(unpaid_minimum, options["penalty_rate"]))
            if "penalty_min" in options:
                fee = max(fee, yuan_to_fen(options["penalty_min"], "penalty_min"))
            if "penalty_max" in options:
                fee = min(fee, yuan_to_fen(options["penalty_max"], "penalty_max"))
            total += fee
            count += 1
        return total, count

    def charges(days_overdue: int) -> tuple[Charge, ...]:
        posted = interest[days_overdue]
        fees, count = penalties(days_overdue)
        return (
            Charge("免息期内的利息（未全额还款，免息期取消）" if full else "记账日到还款日的利息（未还部分）",
                   posted["before_due"]),
            Charge("到期后的透支利息", posted["after_due"]),
            Charge("复利（未还利息计入本金后产生的利息）", posted["compound"]),
            Charge(f"违约金（{count} 次）", fees),
        )

    return {day: (unpaid, charges(day)) for day in wanted}


MODELS = {"daily-fee": _daily_fee, "penalty-multiplier": _penalty_multiplier, "credit-card": _credit_card}


def overdue_costs(product_id: str, amount: object, days: Iterable[object], options: dict | None = None,
                  rules: Rules | None = None) -> tuple[Breakdown, ...]:
    """``overdue_cost`` for each of several numbers of days overdue (same product, amount and options), computed
    together: a chart's or a table's days cost about as much as the longest of them. Raises InputError."""
    rules = rules or default_rules()
    product = rules.product(product_id)
    principal = parse_amount(amount)
    days = tuple(parse_days(day) for day in days)
    resolved = resolve_options(product, options or {})
    outcomes = MODELS[product.model](product, principal, days, resolved)
    return tuple(Breakdown(product=product, principal_fen=principal, outstanding_fen=outcomes[day][0], days=day,
                           charges=outcomes[day][1], options=resolved) for day in days)


def overdue_cost(product_id: str, amount: object, days: object, options: dict | None = None,
                 rules: Rules | None = None) -> Breakdown:
    """Cost of being ``days`` overdue on ``amount`` yuan of ``product_id``. Raises InputError on bad input."""
    return overdue_costs(product_id, amount, (days,), options, rules)[0]
