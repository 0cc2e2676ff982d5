"""我的还款计划 (docs/javascripts/plan.js) gives the fen calculators/ gives, totals them, and orders the debts
as docs/coping/debts.md says.

Vectors come from tests/plan_vectors.py at test time (calculators.overdue_cost at the days typed, one day and
one month later), never committed; then `node --test tests/js/plan.test.mjs` runs against them.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plan_vectors import DEBTS, PLANS, plan_vectors
from support import skip_or_fail_without

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "js" / "plan.test.mjs"


@pytest.fixture(scope="module")
def node():
    path = shutil.which("node")
    if path:
        return path
    skip_or_fail_without("JavaScript", "Node.js not found (the plan's tests need node >= 20)")


@pytest.fixture(scope="module")
def vectors():
    return plan_vectors()


def run_suite(node, vectors: dict, tmp_path: Path):
    path = tmp_path / "plan-vectors.json"
    path.write_text(json.dumps(vectors, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, PLAN_VECTORS=str(path), PYTHON=sys.executable)
    return subprocess.run([node, "--test", "--test-reporter=tap", str(SUITE)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def tap_counts(output: str) -> dict[str, int]:
    return {key: int(value) for key, value in re.findall(r"^# (tests|pass|fail) (\d+)$", output, re.MULTILINE)}


def test_plan_reproduces_every_vector(node, vectors, tmp_path):
    result = run_suite(node, vectors, tmp_path)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    counts = tap_counts(result.stdout)
    assert counts["fail"] == 0 and counts["tests"] == counts["pass"] >= len(DEBTS) + len(PLANS)
    passed = set(re.findall(r"^ok \d+ - (.+)$", result.stdout, re.MULTILINE))
    assert {f"debt {debt[0]}" for debt in DEBTS} <= passed
    assert {f"plan {plan[0]}" for plan in PLANS} <= passed


def test_extra_cost_is_the_string_the_cli_prints(vectors):
    # data-extra-cost on the page must be what `python -m calculators cost … --json` prints as extra_cost
    for debt in vectors["debts"][:3] + [vectors["debts"][-4]]:
        flags = [item for name, value in debt["options"].items() for item in (f"--{name.replace('_', '-')}", value)]
        printed = subprocess.run([sys.executable, "-m", "calculators", "cost", debt["product"], "--amount",
                                  debt["amount"], "--days", debt["days"], *flags, "--json"], cwd=ROOT,
                                 capture_output=True, text=True, timeout=60, check=True)
        assert json.loads(printed.stdout)["extra_cost"] == debt["expect"]["extra_cost"], debt["id"]


def test_a_wrong_figure_or_order_fails_the_suite(node, vectors, tmp_path):
    # One fen more in one debt's month, and a plan whose court flag moved: both are caught and named.
    broken = json.loads(json.dumps(vectors))
    debt = next(debt for debt in broken["debts"] if debt["id"] == "card-8000-65")
    debt["expect"]["month_fen"] = str(int(debt["expect"]["month_fen"]) + 1)
    plan = next(plan for plan in broken["plans"] if plan["id"] == "court-before-faster")
    plan["debts"][1]["court"], plan["debts"][0]["court"] = False, True
    result = run_suite(node, broken, tmp_path)
    assert result.returncode != 0
    failed = set(re.findall(r"^not ok \d+ - (.+)$", result.stdout, re.MULTILINE))
    assert "debt card-8000-65" in failed
    assert "court papers come before a faster-growing debt" in failed
