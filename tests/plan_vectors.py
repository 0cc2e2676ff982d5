"""Test vectors for 我的还款计划 (docs/javascripts/plan.js), computed by calculators/ at test time.

For each debt: what calculators.overdue_cost charges so far, and what one more day and one more month
(MONTH_DAYS days) of waiting add, with the extra cost as the CLI's `cost --json` prints it (fen_to_str).
For each plan (several debts, some with court papers, a monthly repayment budget): the totals. The order
is checked in tests/js/plan.test.mjs against these figures, as the guide states the rule
(docs/coping/debts.md, 第四步); the rule itself is written once, in plan.js.

Run as a script it prints the JSON (what the Node suite asks for when run on its own).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculators import default_rules, overdue_cost  # noqa: E402
from calculators.costs import Breakdown, Charge  # noqa: E402
from calculators.export import calculator_data  # noqa: E402
from calculators.money import fen_to_str  # noqa: E402
from calculators.rules import MAX_DAYS  # noqa: E402

MONTH_DAYS = 30  # the page's "one more month"; the Node suite checks plan.js uses the same

# (id, product, amount, days, options as typed)
DEBTS = (
    ("baitiao-5000-30", "jd-baitiao", "5000", "30", {}),
    ("baitiao-300-10", "jd-baitiao", "300", "10", {}),
    ("baitiao-own-rate", "jd-baitiao", "2345.67", "45", {"daily_rate": "0.03"}),
    ("huabei-1000-7", "huabei", "1000", "7", {}),
    ("huabei-800-90", "huabei", "800", "90", {}),
    ("huabei-800-5", "huabei", "800", "5", {}),
    ("huabei-tiny", "huabei", "1.23", "3", {}),
    ("loan-10000-30", "consumer-loan", "10000", "30", {"daily_rate": "0.04"}),
    ("loan-odd", "consumer-loan", "8888.88", "77", {"daily_rate": "0.0333", "multiplier": "1.5555"}),
    ("card-5000-30", "credit-card", "5000", "30", {}),
    ("card-8000-65", "credit-card", "8000", "65", {}),
    ("card-partial", "credit-card", "5000", "365", {"mode": "partial", "paid": "1000", "penalty_min": "10"}),
    ("card-day-19", "credit-card", "2000", "19", {}),  # the next 30 days pass a due date: one more 违约金
    ("huabei-near-limit", "huabei", "5000", str(MAX_DAYS - 10), {}),  # no month left: growth by one day
    ("baitiao-at-limit", "jd-baitiao", "5000", str(MAX_DAYS), {}),  # neither: growth is the cost so far
)

# (id, [(debt id, court papers?)], monthly repayment money in yuan or None)
PLANS = (
    ("one-debt", [("huabei-1000-7", False)], None),
    ("fastest-first", [("huabei-1000-7", False), ("baitiao-5000-30", False), ("loan-10000-30", False)], None),
    ("court-before-faster", [("baitiao-5000-30", False), ("huabei-800-90", True), ("card-8000-65", False)], "2000"),
    ("two-courts", [("huabei-1000-7", True), ("baitiao-300-10", True), ("card-5000-30", False)], None),
    ("same-rate-settle-first", [("baitiao-5000-30", False), ("baitiao-300-10", False)], "1000"),
    ("same-rate-smaller-first", [("huabei-800-90", False), ("huabei-1000-7", False)], None),
    ("same-everything", [("huabei-800-5", False), ("huabei-800-5", False)], "100"),
    ("no-money-left", [("card-partial", False), ("loan-odd", False), ("huabei-tiny", False)], "0"),
    ("limits", [("huabei-near-limit", False), ("baitiao-at-limit", False), ("card-day-19", False),
                ("baitiao-own-rate", False)], "100000"),
    ("ten-debts", [(debt_id, index % 3 == 0) for index, (debt_id, *_rest) in enumerate(DEBTS[:10])], "3000"),
)


def _added(product, amount, days, options, rules, now_fen: int, more: int) -> int | None:
    later = int(days) + more
    if later > MAX_DAYS:
        return None
    return overdue_cost(product, amount, str(later), options, rules).extra_fen - now_fen


def _rate(result, fen: int, days: int) -> str:
    """The reference 折合单利年化 (Breakdown.annual_rate) of `fen` over `days` days on the debt's outstanding."""
    window = Breakdown(product=result.product, principal_fen=result.principal_fen,
                       outstanding_fen=result.outstanding_fen, days=days, charges=(Charge("", fen),),
                       options=result.options)
    return str(window.annual_rate)


def debt_vector(debt_id, product, amount, days, options, rules) -> dict:
    result = overdue_cost(product, amount, days, options, rules)
    day = _added(product, amount, days, options, rules, result.extra_fen, 1)
    month = _added(product, amount, days, options, rules, result.extra_fen, MONTH_DAYS)
    if month is not None:
        growth = {"rate": _rate(result, month, MONTH_DAYS), "window": MONTH_DAYS}
    elif day is not None:
        growth = {"rate": _rate(result, day, 1), "window": 1}
    else:
        growth = {"rate": str(result.annual_rate), "window": 0}
    return {
        "id": debt_id, "product": product, "amount": amount, "days": days, "options": options,
        "expect": {
            "extra_cost": fen_to_str(result.extra_fen),  # as `python -m calculators cost … --json` prints it
            "extra_fen": str(result.extra_fen),
            "outstanding_fen": str(result.outstanding_fen),
            "total_due_fen": str(result.total_due_fen),
            "day_fen": None if day is None else str(day),
            "month_fen": None if month is None else str(month),
            "growth": growth,
        },
    }


def plan_vectors(rules=None) -> dict:
    rules = rules or default_rules()
    debts = [debt_vector(*debt, rules) for debt in DEBTS]
    by_id = {debt["id"]: debt for debt in debts}
    plans = []
    for plan_id, entries, available in PLANS:
        parts = [by_id[debt_id]["expect"] for debt_id, _court in entries]

        def total(key):
            values = [part[key] for part in parts]
            return None if None in values else str(sum(int(value) for value in values))

        plans.append({
            "id": plan_id,
            "debts": [{"debt": debt_id, "court": court} for debt_id, court in entries],
            "available_fen": None if available is None else str(int(available) * 100),
            "expect": {key: total(key) for key in ("extra_fen", "day_fen", "month_fen", "total_due_fen")},
        })
    return {"generated_by": "tests/plan_vectors.py", "month_days": MONTH_DAYS, "max_days": MAX_DAYS,
            "rules": calculator_data(rules), "debts": debts, "plans": plans}


if __name__ == "__main__":
    print(json.dumps(plan_vectors(), ensure_ascii=False, indent=1))
