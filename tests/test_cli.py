"""The command line, run as a reader or CI would run it."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "calculators", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def test_products_lists_every_product_as_json():
    result = cli("products", "--json")
    assert result.returncode == 0
    ids = [item["id"] for item in json.loads(result.stdout)]
    assert ids == ["jd-baitiao", "huabei", "consumer-loan", "credit-card"]


def test_cost_json_has_money_as_two_decimal_strings():
    result = cli("cost", "jd-baitiao", "--amount", "5000", "--days", "30", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["product"] == "jd-baitiao"
    assert data["principal"] == "5000.00"
    assert data["days"] == 30
    assert data["breakdown"] == [{"label": "逾期违约金", "amount": "105.00"}]
    assert data["extra_cost"] == "105.00"
    assert data["total_due"] == "5105.00"
    assert data["annual_rate"] == "25.55"


def test_cost_text_output_is_readable_chinese():
    result = cli("cost", "credit-card", "--amount", "5000", "--days", "30", "--mode", "partial", "--paid", "1000")
    assert result.returncode == 0, result.stderr
    assert "应还合计" in result.stdout and "违约金" in result.stdout


def test_table_covers_every_day_and_amount():
    result = cli("table", "huabei", "--amounts", "1000,5000", "--days", "1,30,90", "--json")
    rows = json.loads(result.stdout)
    assert [(row["days"], row["principal"]) for row in rows] == [
        (1, "1000.00"), (1, "5000.00"), (30, "1000.00"), (30, "5000.00"), (90, "1000.00"), (90, "5000.00")]


GOLDEN_COMMANDS = {
    "jd-baitiao.json": ["table", "jd-baitiao", "--amounts", "1000,5000,10000", "--days", "1,7,30,90,180,365", "--json"],
    "huabei.json": ["table", "huabei", "--amounts", "1000,5000,10000", "--days", "1,7,30,90,180,365", "--json"],
    "credit-card.json": ["table", "credit-card", "--amounts", "1000,5000,10000", "--days", "1,7,30,90,180,365",
                         "--json"],
    "consumer-loan.json": ["table", "consumer-loan", "--daily-rate", "0.04", "--amounts", "1000,5000,10000",
                           "--days", "1,7,30,90,180,365", "--json"],
    "installments.json": ["installment", "--fee-rates", "0.5,0.75,1", "--periods", "3,6,12,24", "--json"],
}


# The figures, not the bibliography: a corrected source URL must not look like a changed penalty.
FIGURES = ("product", "principal", "outstanding", "days", "breakdown", "extra_cost", "total_due", "annual_rate",
           "fee_rate", "periods", "nominal_annual", "effective_annual", "simple_annual")


def figures(rows):
    return [{key: row[key] for key in FIGURES if key in row} for row in rows]


@pytest.mark.parametrize("name", sorted(GOLDEN_COMMANDS))
def test_golden_tables(name):
    result = cli(*GOLDEN_COMMANDS[name])
    assert result.returncode == 0, result.stderr
    expected = figures(json.loads((GOLDEN / name).read_text(encoding="utf-8")))
    assert expected and figures(json.loads(result.stdout)) == expected


@pytest.mark.parametrize("args, message", [
    (["cost", "baitiao", "--amount", "1", "--days", "1"], "unknown product 'baitiao' (known products: jd-baitiao, huabei"),
    (["cost", "huabei", "--amount", "-100", "--days", "1"], "amount must be more than 0"),
    (["cost", "huabei", "--amount", "100", "--days", "0"], "days must be a whole number from 1 to 3650"),
    (["cost", "huabei", "--amount", "100", "--days", "-3"], "days must be a whole number"),
    (["cost", "huabei", "--amount", "nan", "--days", "1"], "amount must be a number, got 'nan'"),
    (["cost", "huabei", "--amount", "inf", "--days", "1"], "amount must be a number, got 'inf'"),
    (["cost", "huabei", "--amount", "1,000,5000", "--days", "1"], "commas only between groups of three digits"),
    (["cost", "huabei", "--amount", "五千", "--days", "1"], "must be a number"),
    (["cost", "huabei", "--amount", "100", "--days", "thirty"], "must be a number"),
    (["cost", "huabei", "--amount", "99999999999", "--days", "1"], "at most 10,000,000 yuan"),
    (["cost", "huabei", "--amount", "100", "--days", "100000"], "from 1 to 3650"),
    (["cost", "huabei", "--amount", "100"], "required: --days"),
    (["cost", "consumer-loan", "--amount", "100", "--days", "5"], "consumer-loan needs daily_rate"),
    (["cost", "huabei", "--amount", "100", "--days", "5", "--mode", "full"], "does not apply to huabei"),
    (["table", "huabei", "--amounts", "100,,200", "--days", "1"], "comma-separated list"),
    (["installment", "--fee-rates", "0.5", "--periods", "1"], "periods must be a whole number from 2 to 60"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_line(args, message):
    result = cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr
