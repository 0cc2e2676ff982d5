"""Properties that must hold for every product, amount and number of days."""
from decimal import Decimal

from hypothesis import given, settings, strategies as st

from calculators import overdue_cost, overdue_costs

PRODUCTS = [("jd-baitiao", {}), ("huabei", {}), ("consumer-loan", {"daily_rate": "0.05"}),
            ("credit-card", {}), ("credit-card", {"mode": "partial", "penalty_min": 10, "penalty_max": 500})]

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)
days = st.integers(min_value=1, max_value=730)
products = st.sampled_from(PRODUCTS)


@settings(max_examples=150, deadline=None)
@given(products, amounts, days)
def test_cost_is_whole_fen_never_negative_and_adds_up(product, amount, day):
    product_id, options = product
    result = overdue_cost(product_id, amount, day, options)
    assert all(isinstance(charge.fen, int) and charge.fen >= 0 for charge in result.charges)
    assert result.extra_fen == sum(charge.fen for charge in result.charges)
    assert result.total_due_fen == result.outstanding_fen + result.extra_fen
    assert result.principal_fen == int(amount * 100)


@settings(max_examples=150, deadline=None)
@given(products, amounts, days, st.integers(min_value=1, max_value=400))
def test_cost_never_decreases_with_more_days(product, amount, day, more):
    product_id, options = product
    shorter = overdue_cost(product_id, amount, day, options)
    longer = overdue_cost(product_id, amount, day + more, options)
    assert longer.extra_fen >= shorter.extra_fen


@settings(max_examples=150, deadline=None)
@given(products, amounts, amounts, days)
def test_cost_never_decreases_with_a_larger_amount(product, first, second, day):
    product_id, options = product
    low, high = sorted((first, second))
    assert overdue_cost(product_id, high, day, options).extra_fen >= overdue_cost(product_id, low, day, options).extra_fen


@settings(max_examples=100, deadline=None)
@given(amounts, days)
def test_simple_daily_fee_is_exact_to_the_fen(amount, day):
    # base × 0.07% × days, computed here with integers: fen × 7 × days / 10000, half-up
    fen = int(amount * 100)
    numerator = fen * 7 * day
    expected = (2 * numerator + 10000) // 20000
    assert overdue_cost("jd-baitiao", amount, day).extra_fen == expected


@settings(max_examples=60, deadline=None)
@given(products, amounts, st.lists(st.integers(min_value=1, max_value=800), min_size=1, max_size=12))
def test_many_days_at_once_equal_each_day_alone(product, amount, many):
    # overdue_costs accrues the credit card's interest once for all the days; each day must come out as alone.
    product_id, options = product
    together = overdue_costs(product_id, amount, many, options)
    assert [(cost.days, cost.charges, cost.outstanding_fen) for cost in together] == [
        (alone.days, alone.charges, alone.outstanding_fen)
        for alone in (overdue_cost(product_id, amount, day, options) for day in many)]
