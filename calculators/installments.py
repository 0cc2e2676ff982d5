"""What a flat per-period installment fee really costs, as an annual rate.

A fee of f % of the ORIGINAL principal is charged every period while the principal is repaid in
equal parts, so the borrower pays interest on money already repaid. The true cost is the internal
rate of return r per period of the cash flows: receive 1, then pay 1/n + f/100 at the end of each
of n periods. We report 12 × r (the nominal annual rate, the convention of the IRR-based 年化利率
lenders show) and (1 + r)^12 − 1 (compounded), both half-up to 0.01 percentage points.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from decimal import Context, Decimal, localcontext

from .money import InputError, parse_decimal, round_rate

PERIODS_PER_YEAR = 12
MAX_PERIODS = 60  # installments may not exceed 5 years (2022 credit-card notice)
DEFAULT_CONTEXT = Context()  # the rates are rounded in the default context, as everywhere else


@dataclass(frozen=True)
class InstallmentCost:
    fee_rate: Decimal  # percent of the original principal, per period
    periods: int
    nominal_annual: Decimal  # percent, 12 × periodic IRR
    effective_annual: Decimal  # percent, compounded
    simple_annual: Decimal  # percent, fee × 12: what the fee looks like at first sight


def parse_fee_rate(raw: object) -> Decimal:
    rate = parse_decimal(raw, "fee rate")
    if not Decimal(0) < rate <= Decimal(10):
        raise InputError("range", "fee rate", kind="fee_rate", max=10, raw=raw)
    return rate


def parse_periods(raw: object) -> int:
    periods = parse_decimal(raw, "periods")
    if periods != periods.to_integral_value() or not 2 <= periods <= MAX_PERIODS:
        raise InputError("range", "periods", kind="periods", max=MAX_PERIODS, raw=raw)
    return int(periods)


def _present_value(rate: Decimal, payment: Decimal, periods: int) -> Decimal:
    factor = 1 / (1 + rate)
    return payment * factor * (1 - factor ** periods) / (1 - factor) if rate else payment * periods


def installment_cost(fee_rate: object, periods: object) -> InstallmentCost:
    fee = parse_fee_rate(fee_rate)
    count = parse_periods(periods)
    nominal, effective = _annual_rates(fee, count)
    return InstallmentCost(fee_rate=fee, periods=count, nominal_annual=nominal, effective_annual=effective,
                           simple_annual=round_rate(fee * PERIODS_PER_YEAR))


@lru_cache(maxsize=256)
def _annual_rates(fee: Decimal, count: int) -> tuple[Decimal, Decimal]:
    """Nominal and effective annual rate, rounded; cached because several pages show the same fee and periods."""
    with localcontext() as context:
        context.prec = 40
        payment = Decimal(1) / count + fee / 100
        low, high = Decimal(0), Decimal(1)

        def rounded(periodic: Decimal) -> tuple[Decimal, Decimal]:
            nominal = periodic * PERIODS_PER_YEAR * 100
            effective = ((1 + periodic) ** PERIODS_PER_YEAR - 1) * 100
            with localcontext(DEFAULT_CONTEXT):
                return round_rate(nominal), round_rate(effective)

        # Bisection: present value falls as the rate rises; 120 halvings pin r far below 0.0001 %.
        for halving in range(120):
            middle = (low + high) / 2
            if _present_value(middle, payment, count) > 1:
                low = middle
            else:
                high = middle
            # The answer is the midpoint after 120 halvings, which stays inside [low, high]. Both rates rise
            # with r and rounding keeps order, so once low and high round alike, so does that midpoint: stop.
            if halving >= 32 and halving % 4 == 0 and rounded(low) == rounded(high):
                return rounded(low)
        return rounded((low + high) / 2)
