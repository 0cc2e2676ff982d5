"""Arithmetic against worked examples, each with its working shown."""
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from calculators import InputError, installment_cost, overdue_cost
from calculators.money import fen_to_display, fen_to_str, round_half_up_fen


def charges(result):
    return {charge.label: charge.fen for charge in result.charges}


def test_jd_baitiao_fact_sheet_rate():
    # 5000 元 × 0.07% = 3.50 元/天; × 30 天 = 105.00 元
    result = overdue_cost("jd-baitiao", 5000, 30)
    assert result.extra_fen == 10500
    assert result.total_due_fen == 510500
    # 105 / 5000 / 30 × 365 = 25.55%（0.07 × 365 = 25.55）
    assert result.annual_rate == Decimal("25.55")


def test_huabei_week():
    # 1000 元 × 0.05% = 0.50 元/天; × 7 = 3.50 元; annual 0.05 × 365 = 18.25%
    result = overdue_cost("huabei", 1000, 7)
    assert result.extra_fen == 350
    assert result.annual_rate == Decimal("18.25")


def test_rounding_is_half_up_to_the_fen():
    # 10 元 × 0.05% × 1 天 = 0.5 分 → 四舍五入 1 分 (banker's rounding would give 0)
    assert overdue_cost("huabei", 10, 1).extra_fen == 1
    # 1 元 × 0.05% × 1 天 = 0.05 分 → 0 分
    assert overdue_cost("huabei", 1, 1).extra_fen == 0
    assert round_half_up_fen(Decimal("2.5")) == 3
    assert round_half_up_fen(Decimal("2.4999")) == 2


def test_consumer_loan_penalty_is_one_and_a_half_times_the_contract_rate():
    # 10000 元 × 0.04% × 1.5 = 6.00 元/天; × 30 = 180.00 元
    result = overdue_cost("consumer-loan", 10000, 30, {"daily_rate": "0.04"})
    assert result.extra_fen == 18000
    # multiplier can be set per contract: × 1.3 → 5.20 元/天 × 30 = 156.00
    assert overdue_cost("consumer-loan", 10000, 30, {"daily_rate": "0.04", "multiplier": "1.3"}).extra_fen == 15600


def test_consumer_loan_requires_the_contract_rate():
    with pytest.raises(InputError, match="daily_rate"):
        overdue_cost("consumer-loan", 1000, 1)


def test_credit_card_thirty_days_full_balance():
    # 5000 元, 0.05%/天 = 2.50 元/天.
    # 免息期 20 天: 20 × 2.50 = 50.00. 逾期 30 天: 30 × 2.50 = 75.00.
    # 第 30 天出账单: 50.00 + 10 × 2.50 = 75.00 元利息计入本金; 之后 20 天 75.00 × 0.05% × 20 = 0.75 复利.
    # 违约金: 最低还款 500.00 × 5% = 25.00, 一次. 合计 150.75.
    result = overdue_cost("credit-card", 5000, 30)
    assert list(charges(result).values()) == [5000, 7500, 75, 2500]
    assert result.extra_fen == 15075
    assert result.annual_rate == Decimal("36.68")  # 150.75 / 5000 / 30 × 365 = 0.366825


def test_credit_card_three_statements_compound_and_three_fees():
    # 1000 元, 逾期 65 天, 0.50 元/天.
    # day 0–19 before due: 10.00. Statement t=30: 10.00 + 10 days × 0.50 = 15.00 capitalised.
    # t=60: after-due 30 × 0.50 = 15.00; compound 15.00 × 0.05% × 30 = 22.5 分 → 23 分. capitalised 30.23.
    # days 60–84: after-due 25 × 0.50 = 12.50; compound 30.23 × 0.05% × 25 = 37.7875 分 → 38 分.
    # fees at overdue days 0, 30, 60: 3 × (100.00 × 5%) = 15.00. Total 10 + 32.50 + 0.61 + 15 = 58.11.
    result = overdue_cost("credit-card", 1000, 65)
    assert list(charges(result).values()) == [1000, 3250, 61, 1500]
    assert result.extra_fen == 5811


def test_credit_card_fact_sheet_penalty_example():
    # 最低还款 200 (10% of 2000), paid 100 → 违约金 (200 − 100) × 5% = 5.00 (fact sheet §3e).
    result = overdue_cost("credit-card", 2000, 1, {"paid": "100"})
    assert charges(result)["违约金（1 次）"] == 500
    # full-balance interest: 2000 × 0.05% × 20 = 20.00; then 1900 × 0.05% × 1 = 0.95
    assert result.extra_fen == 2000 + 95 + 500
    assert result.outstanding_fen == 190000


def test_credit_card_partial_mode_charges_only_the_unpaid_part():
    # partial: 1900 × 0.05% × 21 days = 19.95 interest, + 5.00 fee
    result = overdue_cost("credit-card", 2000, 1, {"paid": "100", "mode": "partial"})
    assert result.extra_fen == 1995 + 500


def test_credit_card_penalty_minimum_and_maximum():
    # 5% of 10.00 unpaid minimum = 0.50, raised to the bank's minimum of 10.00
    assert charges(overdue_cost("credit-card", 100, 1, {"penalty_min": 10}))["违约金（1 次）"] == 1000
    # 5% of 2000.00 = 100.00, capped at 50.00
    assert charges(overdue_cost("credit-card", 20000, 1, {"penalty_max": 50}))["违约金（1 次）"] == 5000


def test_credit_card_paying_the_minimum_means_no_fee_that_cycle():
    result = overdue_cost("credit-card", 5000, 10, {"paid": 500})
    assert charges(result)["违约金（0 次）"] == 0


def test_credit_card_refuses_a_paid_amount_that_clears_the_debt():
    with pytest.raises(InputError, match="paid must be less than amount"):
        overdue_cost("credit-card", 1000, 5, {"paid": 1000})


def test_installment_true_rates_match_fact_sheet():
    # fact sheet: 0.5%/period ≈ 9.0% (3), 10.2% (6), 10.9% (12), 11.1% (24); 0.75% ≈ 13.5, 15.3, 16.2, 16.4
    expected = {(Decimal("0.5"), 3): "8.98", (Decimal("0.5"), 6): "10.21", (Decimal("0.5"), 12): "10.90",
                (Decimal("0.5"), 24): "11.13", (Decimal("0.75"), 3): "13.45", (Decimal("0.75"), 24): "16.43"}
    for (fee, periods), rate in expected.items():
        cost = installment_cost(fee, periods)
        assert cost.nominal_annual == Decimal(rate)
        assert cost.simple_annual == fee * 12
        assert cost.effective_annual > cost.nominal_annual


def test_installment_irr_repays_the_loan_exactly():
    # Discounting the payments at the computed monthly rate gives back the principal.
    cost = installment_cost("0.6", 12)
    monthly = cost.nominal_annual / 1200
    payment = Decimal(1) / 12 + Decimal("0.006")
    present = sum(payment / (1 + monthly) ** k for k in range(1, 13))
    assert abs(present - 1) < Decimal("0.0001")


@pytest.mark.parametrize("product, amount, days, options, message", [
    ("nope", 1, 1, {}, "unknown product 'nope' (known products: jd-baitiao"),
    ("huabei", "-5", 1, {}, "amount must be more than 0"),
    ("huabei", "0", 1, {}, "amount must be more than 0"),
    ("huabei", "NaN", 1, {}, "amount must be a number, got 'NaN'"),
    ("huabei", "abc", 1, {}, "must be a number"),
    ("huabei", "1000000000", 1, {}, "at most 10,000,000"),
    ("huabei", "1e9", 1, {}, "amount must be a number, got '1e9'"),
    ("huabei", "1.005", 1, {}, "two decimals"),
    ("huabei", 1, 0, {}, "days must be a whole number from 1 to 3650"),
    ("huabei", 1, -3, {}, "days must be"),
    ("huabei", 1, 3651, {}, "days must be"),
    ("huabei", 1, "2.5", {}, "days must be"),
    ("huabei", 1, 1, {"mode": "full"}, "does not apply to huabei"),
    ("credit-card", 1, 1, {"mode": "daily"}, "mode must be full or partial"),
    ("credit-card", 1, 1, {"daily_rate": "5"}, "daily_rate must be a number from 0.0001 to 1"),
])
def test_bad_input_is_refused_with_a_reason(product, amount, days, options, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        overdue_cost(product, amount, days, options)


def test_money_formatting():
    assert fen_to_str(123456789) == "1234567.89"
    assert fen_to_str(5) == "0.05"
    assert fen_to_display(123456789) == "1,234,567.89"


def _installment_rates_by_full_bisection(fee: Decimal, count: int) -> tuple[Decimal, Decimal]:
    """The rates as installments.py computed them before it stopped early: all 120 halvings."""
    from decimal import localcontext

    from calculators.installments import _present_value
    from calculators.money import round_rate
    with localcontext() as context:
        context.prec = 40
        payment = Decimal(1) / count + fee / 100
        low, high = Decimal(0), Decimal(1)
        for _ in range(120):
            middle = (low + high) / 2
            if _present_value(middle, payment, count) > 1:
                low = middle
            else:
                high = middle
        periodic = (low + high) / 2
        nominal = periodic * 12 * 100
        effective = ((1 + periodic) ** 12 - 1) * 100
    return round_rate(nominal), round_rate(effective)


@settings(max_examples=80, deadline=None)
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10"), places=2), st.integers(min_value=2, max_value=60))
def test_installment_bisection_stopping_early_gives_the_full_answer(fee, count):
    cost = installment_cost(fee, count)
    assert (cost.nominal_annual, cost.effective_annual) == _installment_rates_by_full_bisection(fee, count)
