"""逾期费用计算：overdue costs in exact fen for the products in data/products.yml.

Public API:
    overdue_cost(product_id, amount, days, options) -> Breakdown
    overdue_costs(product_id, amount, days_list, options) -> tuple of Breakdown, one per day, computed together
    installment_cost(fee_rate, periods) -> InstallmentCost
    cost_chart(product_ids, amount, last_day, options) -> CostChart (series.py: cost against days overdue)
    default_rules() / load_rules(...) -> Rules
The arithmetic is pure; only rules.load_rules reads files.
"""
from .costs import Breakdown, Charge, overdue_cost, overdue_costs, parse_amount, parse_days
from .installments import InstallmentCost, installment_cost
from .money import InputError, fen_to_display, fen_to_str
from .rules import DataError, Rules, default_rules, load_rules
from .series import CostChart, Series, cost_chart, reference_cost_fen, sample_days, table_days

__all__ = [
    "Breakdown", "Charge", "CostChart", "DataError", "InputError", "InstallmentCost", "Rules", "Series", "cost_chart",
    "default_rules", "fen_to_display", "fen_to_str", "installment_cost", "load_rules", "overdue_cost", "overdue_costs",
    "parse_amount", "parse_days", "reference_cost_fen", "sample_days", "table_days",
]
