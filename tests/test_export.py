"""calculators.export: the page's rules.json and the test vectors come from calculators, complete and consistent."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from calculators import default_rules, overdue_cost
from calculators.errors import ENGLISH
from calculators.export import MESSAGES, UnknownMessage, calculator_data, chinese_message, field_errors, vectors
from calculators.money import InputError
from calculators.rules import MODEL_OPTIONS
from copy_checks import copy_style_problems, traditional_problems

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rules():
    return default_rules()


@pytest.fixture(scope="module")
def generated(rules):
    return vectors(rules)


def test_rules_json_carries_every_product_with_decimal_strings(rules):
    data = json.loads(json.dumps(calculator_data(rules)))  # plain JSON, nothing lost on the way
    assert [product["id"] for product in data["products"]] == list(rules.products)
    for exported in data["products"]:
        product = rules.products[exported["id"]]
        assert exported["parameters"] == {name: str(value) for name, value in product.parameters.items()}
        assert all(isinstance(value, str) for value in exported["parameters"].values())
        assert [option["name"] for option in exported["options"]] == [o.name for o in MODEL_OPTIONS[product.model]]
        assert exported["assumptions"] == list(product.assumptions)
        assert exported["confidence_note"] == product.confidence_note
        assert exported["effective"] == product.effective.isoformat()
        assert [(s["title"], s["url"]) for s in exported["sources"]] == \
            [(rules.sources[sid].title, rules.sources[sid].url) for sid in product.sources]
    loan = next(product for product in data["products"] if product["id"] == "consumer-loan")
    daily_rate = next(option for option in loan["options"] if option["name"] == "daily_rate")
    assert daily_rate == {**daily_rate, "required": True, "default": None, "min": "0.0001", "max": "1", "unit": "%",
                          "short_label": "合同日利率"}
    card = next(product for product in data["products"] if product["id"] == "credit-card")
    mode = next(option for option in card["options"] if option["name"] == "mode")
    assert mode["choices"] == ["full", "partial"] and mode["choice_labels"] == ["全额计息", "部分计息"]
    assert [line["id"] for line in data["reference_lines"]] == [line.id for line in rules.reference_lines]
    assert data["limits"] == {"max_amount_yuan": "10000000", "max_days": 3650}


def test_rules_json_carries_no_character_tables(rules):
    # The number syntax is a rule both sides implement (SPEC.md, section 1.1), not tables of Unicode exported
    # on every build: rules.json holds data and messages only.
    assert set(calculator_data(rules)) == {"format", "limits", "fields", "products", "reference_lines", "messages"}


def test_messages_follow_the_copy_rules_for_every_field(rules):
    # Each template rendered for every field it can appear on reads as a correct Chinese sentence.
    messages = []
    for product in rules.products.values():
        fields = ["amount", "days"] + [option.name for option in product.options]
        for field in fields:
            for code in ("empty", "not_a_number", "grouping", "range", "whole", "decimals", "choice", "required",
                         "paid_not_less", "due_not_less", "too_small"):
                try:
                    messages.append(chinese_message(product, field, code, cycle=30))
                except UnknownMessage:
                    pass
    assert len(messages) > 100
    text = "\n".join(sorted(set(messages))) + "\n"
    assert copy_style_problems(text) == [] and traditional_problems(text) == []
    assert "{" not in text
    assert chinese_message(rules.product("credit-card"), "cycle_days", "range") == "账单周期要在 28 到 31 天之间。"
    assert chinese_message(rules.product("huabei"), "amount", "empty") == "请填写当期未还金额。"
    assert set(MESSAGES) >= {"empty", "range.amount", "required"}


def test_a_code_without_words_is_refused_on_both_sides(rules):
    # A new refusal needs its English line (calculators/errors.py) and its Chinese message (export.MESSAGES):
    # neither side can go its own way silently.
    with pytest.raises(KeyError, match="prime"):
        InputError("prime", "amount", raw="4")
    with pytest.raises(UnknownMessage):
        chinese_message(rules.product("huabei"), "amount", "prime")


def test_errors_carry_their_code_and_field_and_render_the_cli_line_from_them():
    with pytest.raises(InputError) as caught:
        overdue_cost("credit-card", "1,000", "30", {"paid": "１,０００"})
    assert (caught.value.code, caught.value.field) == ("paid_not_less", "paid")
    assert str(caught.value) == ("paid must be less than amount (if you paid the whole statement there is nothing "
                                 "overdue)")
    with pytest.raises(InputError) as caught:
        overdue_cost("huabei", "5000", "3,0")
    assert (caught.value.code, caught.value.field, caught.value.context["raw"]) == ("grouping", "days", "3,0")
    assert str(caught.value).startswith("days must be a number with commas only between groups of three digits")
    # a long value is cut in the message, not echoed whole
    with pytest.raises(InputError) as caught:
        overdue_cost("huabei", "0." + "0" * 5000 + "1", "30")
    assert caught.value.code == "decimals" and len(str(caught.value)) < 120
    # every English line the package can say has a Chinese message where it can reach the page
    page_codes = {code.split(".")[0] for code in ENGLISH} - {
        "unknown_product", "unknown_option", "unknown_reference_line", "no_products", "reference_inputs"}
    assert page_codes <= {code.split(".")[0] for code in MESSAGES}


def test_field_errors_put_what_overdue_cost_raises_first(rules):
    problems = field_errors(rules, "consumer-loan", "abc", "0", {"multiplier": "9"})
    assert [(p["field"], p["code"]) for p in problems] == [
        ("amount", "not_a_number"), ("days", "range"), ("multiplier", "range"), ("daily_rate", "required")]
    with pytest.raises(InputError, match="^amount must be a number"):
        overdue_cost("consumer-loan", "abc", "0", {"multiplier": "9"}, rules)
    assert field_errors(rules, "huabei", "5000", "30", {}) == []


def test_vectors_cover_every_product_and_every_edge_the_page_must_match(rules, generated):
    cases = {case["id"]: case for case in generated["cases"]}
    assert {case["product"] for case in cases.values()} == set(rules.products)
    for case in cases.values():  # each expectation is overdue_cost's own answer
        result = overdue_cost(case["product"], case["amount"], case["days"], case["options"], rules)
        assert case["expect"]["extra_fen"] == str(result.extra_fen)
        assert case["expect"]["annual_rate"] == str(result.annual_rate)

    def fen(case_id, index=0):
        return int(cases[case_id]["expect"]["charges"][index]["fen"])

    # half-up at exactly half a fen: 10 元 × 0.05% × 1 天 = 0.5 分 → 1 分; 50 元 → 2.5 分 → 3 分 (not 2)
    assert fen("huabei-half-fen-rounds-up") == 1 and fen("huabei-2.5-fen-half-up-not-even") == 3
    # rounded once at the end: 30 days of 0.5 fen is 15 fen, not 30
    assert fen("huabei-rounded-once-at-the-end") == 15
    # credit card: several statements, compounding, a fee per due date
    three = cases["card-three-statements"]["expect"]["charges"]
    assert int(three[2]["fen"]) > 0 and three[3]["label"] == "违约金（3 次）"
    assert cases["card-partial-mode"]["expect"]["charges"][0]["label"] == "记账日到还款日的利息（未还部分）"
    assert fen("card-penalty-minimum", 3) == 1000 and fen("card-penalty-maximum", 3) == 5000
    assert cases["card-paid-part"]["expect"]["outstanding_fen"] == "190000"
    assert cases["card-paid-the-minimum"]["expect"]["charges"][3]["label"] == "违约金（0 次）"
    assert {case["days"] for case in cases.values()} >= {"1", "365", "3650"}
    assert max(int(case["expect"]["extra_fen"]) for case in cases.values()) > 2 ** 53  # BigInt, not Number
    codes = {problem["code"] for case in generated["errors"] for problem in case["field_errors"]}
    assert codes >= {"empty", "not_a_number", "grouping", "range", "whole", "decimals", "choice", "required",
                     "paid_not_less", "too_small"}
    assert {reading["result"] for reading in generated["numbers"]} == {"number", "empty", "not_a_number", "grouping"}
    # each refused vector's Python error is the one its first field error was rendered from
    for case in generated["errors"]:
        assert case["python_error"].startswith(f"InputError: {case['field_errors'][0]['field']}") or \
            case["field_errors"][0]["code"] == "required"
    assert any("signal" in operation for operation in generated["arithmetic"])


def test_vectors_command_prints_the_same_json(generated):
    result = subprocess.run([sys.executable, "-m", "calculators", "vectors"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(json.dumps(generated))


def test_the_build_writes_rules_json(built_site, rules):
    written = json.loads((built_site / "assets" / "calculator" / "rules.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(calculator_data(rules)))
    html = (built_site / "calculator" / "index.html").read_text(encoding="utf-8")
    # The page loads the small loader module, which imports calculator.js because the page has a calculator.
    assert 'src="../javascripts/calculator-loader.js" type="module"' in html and "data-calculator" in html
    loader = (built_site / "javascripts" / "calculator-loader.js").read_text(encoding="utf-8")
    assert 'import("./calculator.js")' in loader and "[data-calculator]" in loader
    assert (built_site / "javascripts" / "calculator.js").exists()


def test_calculator_page_cites_every_source_it_shows(rules):
    text = (ROOT / "docs" / "calculator.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    shown = {sid for product in rules.products.values() for sid in product.sources}
    shown |= {sid for line in rules.reference_lines for sid in line.sources}
    shown |= {sid for fixing in rules.lpr for sid in fixing.sources if fixing == rules.latest_lpr}
    assert shown <= set(front["sources"])
