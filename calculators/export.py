"""What the page calculator needs, as plain JSON-ready data: the rules, the error messages, test vectors.

``calculator_data(rules)`` is the content of ``rules.json`` (written by hooks/calculator_data.py);
``vectors(rules)`` is what ``python -m calculators vectors`` prints: cases computed by ``overdue_cost``
that the JavaScript must reproduce to the fen (calculators/SPEC.md, section 9). Pure: no I/O.
"""
from __future__ import annotations

import decimal
import unicodedata
from decimal import Decimal

from .costs import overdue_cost, parse_amount, parse_days
from .money import InputError, parse_decimal
from .number_text import normalise
from .rules import CONFIDENCE_LABELS, MAX_AMOUNT_YUAN, MAX_DAYS, Option, Product, Rules

FORMAT = 1

# Chinese messages for refused input, keyed "<code>.<kind>" or "<code>" (SPEC.md, section 2.2).
# The page fills {label}, {min}, {max}, {unit}, {cycle} from the field specs in rules.json.
MESSAGES = {
    "empty": "请填写{label}。",
    "not_a_number": "{label}只能填数字，不要带单位或文字。",
    "grouping": "{label}里的逗号要每三位数字一个，例如 10,000；也可以不写逗号。",
    "range.amount": "{label}要大于 0，最多 {max} 元。",
    "range.days_overdue": "{label}要填 {min} 到 {max} 之间的整数。",
    "range.percent": "{label}要在 {min}{unit} 到 {max}{unit} 之间。",
    "range.yuan": "{label}要在 {min} 到 {max} 元之间。",
    "range.days": "{label}要在 {min} 到 {max} 天之间。",
    "whole": "{label}要填整数。",
    "decimals.amount": "{label}最多填到分，也就是小数点后两位。",
    "decimals.yuan": "{label}最多填到分，也就是小数点后两位。",
    "decimals.percent": "{label}最多填 4 位小数。",
    "choice": "请从列表里选择{label}。",
    "required": "这个产品要填{label}，借款合同或借款详情里一般能找到。",
    "paid_not_less": "{label}的钱要少于账单金额；如果整笔都已还清，就没有逾期费用。",
    "due_not_less": "{label}的天数要少于账单周期（{cycle} 天）。",
    "too_small": "{label}太小，算不出结果，请至少填 0.01 元。",
}

class UnknownMessage(ValueError):
    """calculators refused an input with a code the page has no message for: SPEC.md and the page need updating."""


# rules.json ---------------------------------------------------------------------------------------

def _plain(number: Decimal) -> str:
    """A Decimal as people write it: 10000000, 0.0001 (never 1E+7)."""
    return f"{number:f}"


def _short_label(label: str) -> str:
    return label.split("（")[0]


def _unit(label: str) -> str:
    """The unit written in a label's brackets: 日利率（%） -> %, 到期日前已还（元） -> 元; none -> ''."""
    if "（" not in label:
        return ""
    return label.split("（", 1)[1].rstrip("）")


def option_spec(option: Option, product: Product) -> dict:
    default = product.parameters.get(option.name)
    return {
        "name": option.name,
        "label": option.label,
        "short_label": _short_label(option.label),
        "unit": _unit(option.label),
        "kind": option.kind,
        "min": None if option.minimum is None else _plain(option.minimum),
        "max": None if option.maximum is None else _plain(option.maximum),
        # money limits read better grouped: 10,000,000
        "max_display": f"{option.maximum:,}" if option.kind == "yuan" and option.maximum is not None else None,
        "choices": list(option.choices),
        "choice_labels": list(option.choice_labels),
        "required": option.required,
        "default": None if default is None else str(default),
    }


def field_specs() -> dict:
    """The two fields every product has. The amount's label is the product's base_label (e.g. 账单金额)."""
    return {
        "amount": {"kind": "amount", "unit": "元", "min": "0", "max": _plain(MAX_AMOUNT_YUAN),
                   "max_display": f"{MAX_AMOUNT_YUAN:,}"},
        "days": {"kind": "days_overdue", "label": "逾期天数", "short_label": "逾期天数", "unit": "天",
                 "min": "1", "max": str(MAX_DAYS)},
    }


def product_data(product: Product, rules: Rules) -> dict:
    return {
        "id": product.id,
        "name": product.name,
        "model": product.model,
        "charge_label": product.charge_label,
        "base_label": product.base_label,
        "parameters": {name: str(value) for name, value in product.parameters.items()},
        "effective": product.effective.isoformat(),
        "effective_note": product.effective_note,
        "confidence": product.confidence,
        "confidence_label": CONFIDENCE_LABELS[product.confidence],
        "is_certain": product.is_certain,
        "confidence_note": product.confidence_note,
        "assumptions": list(product.assumptions),
        "sources": [source_data(rules, source_id) for source_id in product.sources],
        "options": [option_spec(option, product) for option in product.options],
    }


def source_data(rules: Rules, source_id: str) -> dict:
    source = rules.sources[source_id]
    return {"id": source.id, "title": source.title, "url": source.url, "issuer": source.issuer,
            "date": source.date.isoformat()}


def calculator_data(rules: Rules) -> dict:
    """Everything the page calculator reads: rules.json (SPEC.md, section 8)."""
    return {
        "format": FORMAT,
        "limits": {"max_amount_yuan": _plain(MAX_AMOUNT_YUAN), "max_days": MAX_DAYS},
        "fields": field_specs(),
        "products": [product_data(product, rules) for product in rules.products.values()],
        "reference_lines": [{
            "id": line.id, "label": line.label, "rate": str(line.rate), "rate_display": f"{line.rate:.2f}",
            "scope": line.scope, "basis": line.basis,
            "sources": [source_data(rules, source_id) for source_id in line.sources],
        } for line in rules.reference_lines],
        "messages": dict(MESSAGES),
    }


# Error codes and messages -------------------------------------------------------------------------

def _field_spec(product: Product, field: str) -> dict:
    if field == "amount":
        return {**field_specs()["amount"], "short_label": product.base_label}
    if field == "days":
        return field_specs()["days"]
    return next(option_spec(option, product) for option in product.options if option.name == field)


def chinese_message(product: Product, field: str, code: str, cycle: int | None = None) -> str:
    """The message the page shows under ``field`` for ``code``, from the templates in MESSAGES."""
    spec = _field_spec(product, field)
    template = MESSAGES.get(f"{code}.{spec['kind']}", MESSAGES.get(code))
    if template is None:
        raise UnknownMessage(f"no message for code {code!r} on a {spec['kind']} field")
    return template.format(label=spec["short_label"], min=spec.get("min") or "0",
                           max=spec.get("max_display") or spec.get("max") or "", unit=spec.get("unit", ""),
                           cycle=cycle if cycle is not None else "")


def _error(product: Product, error: InputError, cycle: int | None = None) -> dict:
    return {"field": error.field, "code": error.code,
            "message": chinese_message(product, error.field, error.code, cycle)}


def field_errors(rules: Rules, product_id: str, amount: str, days: str, options: dict) -> list[dict]:
    """Every field's first problem, in the order overdue_cost checks them (SPEC.md, section 2.1).

    ``options`` holds only the options the reader gave (non-empty), as text. The model checks of the
    credit card (paid, due_days) are reported only when every field passes on its own.
    """
    product = rules.product(product_id)
    errors = []
    try:
        parse_amount(amount)
    except InputError as error:
        errors.append(_error(product, error))
    try:
        parse_days(days)
    except InputError as error:
        errors.append(_error(product, error))
    by_name = {option.name: option for option in product.options}
    for name, raw in options.items():
        try:
            by_name[name].parse(raw)
        except InputError as error:
            errors.append(_error(product, error))
    for option in product.options:
        if option.required and option.name not in options and option.name not in product.parameters:
            errors.append({"field": option.name, "code": "required",
                           "message": chinese_message(product, option.name, "required")})
    if errors:
        return errors
    try:
        overdue_cost(product_id, amount, days, options, rules)
    except InputError as error:  # the credit card's model checks: paid_not_less, due_not_less
        return [_error(product, error, cycle=error.context.get("cycle"))]
    return []


# Test vectors -------------------------------------------------------------------------------------

def breakdown_expectation(result) -> dict:
    return {
        "principal_fen": str(result.principal_fen),
        "outstanding_fen": str(result.outstanding_fen),
        "charges": [{"label": charge.label, "fen": str(charge.fen)} for charge in result.charges],
        "extra_fen": str(result.extra_fen),
        "total_due_fen": str(result.total_due_fen),
        "annual_rate": str(result.annual_rate),
    }


def _loan(**options) -> dict:
    return {"daily_rate": "0.04", **options}


# (id, product, amount, days, options): what a reader could type, text as the page sends it.
GOOD_CASES = (
    ("baitiao-fact-sheet", "jd-baitiao", "5000", "30", {}),
    ("baitiao-one-day", "jd-baitiao", "1000", "1", {}),
    ("baitiao-own-rate", "jd-baitiao", "2345.67", "45", {"daily_rate": "0.03"}),
    ("baitiao-max-amount-max-days", "jd-baitiao", "10000000", "3650", {}),
    ("baitiao-grouped-text", "jd-baitiao", " 1,234.5 ", "30", {}),
    ("baitiao-full-width-digits", "jd-baitiao", "５０００", "３０", {}),
    ("baitiao-full-width-comma-and-point", "jd-baitiao", "５，０００．５", "３０", {}),
    ("baitiao-ideographic-full-stop", "jd-baitiao", "1234。56", "30。", {}),
    ("baitiao-ideographic-spaces", "jd-baitiao", "\u30005,000\u3000", "\u00a030", {}),
    ("baitiao-grouped-millions", "jd-baitiao", "9,999,999.99", "1", {}),
    ("baitiao-signs-and-bare-points", "jd-baitiao", "+100.", "+7.", {}),
    ("baitiao-leading-point", "jd-baitiao", ".5", "007", {}),
    ("huabei-week", "huabei", "1000", "7", {}),
    ("huabei-half-fen-rounds-up", "huabei", "10", "1", {}),
    ("huabei-under-half-fen-rounds-down", "huabei", "1", "1", {}),
    ("huabei-0.49-fen", "huabei", "0.98", "1", {}),
    ("huabei-1.5-fen", "huabei", "30", "1", {}),
    ("huabei-2.5-fen-half-up-not-even", "huabei", "50", "1", {}),
    ("huabei-rounded-once-at-the-end", "huabei", "10", "30", {}),
    ("huabei-one-fen", "huabei", "0.01", "3650", {}),
    ("huabei-amount-with-trailing-zeros", "huabei", "100.000", "10", {}),
    ("huabei-amount-28-digits", "huabei", "1.000000000000000000000000000001", "5", {}),
    ("huabei-smallest-rate", "huabei", "9999999.99", "3650", {"daily_rate": "0.0001"}),
    ("huabei-largest-rate", "huabei", "123.45", "17", {"daily_rate": "1"}),
    ("loan-fact-sheet", "consumer-loan", "10000", "30", _loan()),
    ("loan-multiplier-1.3", "consumer-loan", "10000", "30", _loan(multiplier="1.3")),
    ("loan-multiplier-3-max-rate", "consumer-loan", "10000000", "3650", {"daily_rate": "1", "multiplier": "3"}),
    ("loan-half-fen", "consumer-loan", "0.25", "2", {"daily_rate": "0.0001", "multiplier": "1"}),
    ("loan-odd-rate", "consumer-loan", "8888.88", "77", {"daily_rate": "0.0333", "multiplier": "1.5555"}),
    ("loan-full-width-rate", "consumer-loan", "5000", "100", {"daily_rate": "０．０５"}),
    ("card-one-day", "credit-card", "1000", "1", {}),
    ("card-thirty-days", "credit-card", "5000", "30", {}),
    ("card-three-statements", "credit-card", "1000", "65", {}),
    ("card-paid-part", "credit-card", "2000", "1", {"paid": "100"}),
    ("card-partial-mode", "credit-card", "2000", "1", {"mode": "partial", "paid": "100"}),
    ("card-partial-long", "credit-card", "5000", "365", {"mode": "partial", "paid": "1000"}),
    ("card-paid-the-minimum", "credit-card", "5000", "10", {"paid": "500"}),
    ("card-paid-the-minimum-two-cycles", "credit-card", "5000", "45", {"paid": "500"}),
    ("card-penalty-minimum", "credit-card", "100", "1", {"penalty_min": "10"}),
    ("card-penalty-maximum", "credit-card", "20000", "1", {"penalty_max": "50"}),
    ("card-penalty-min-above-max", "credit-card", "20000", "61", {"penalty_min": "80", "penalty_max": "50"}),
    ("card-penalty-zero-rate", "credit-card", "3000", "90", {"penalty_rate": "0"}),
    ("card-statement-day-exactly", "credit-card", "5000", "10", {}),
    ("card-one-day-after-statement", "credit-card", "5000", "11", {}),
    ("card-one-day-before-due", "credit-card", "5000", "30", {"cycle_days": "31", "due_days": "27"}),
    ("card-short-cycle", "credit-card", "7777.77", "200", {"cycle_days": "28", "due_days": "1"}),
    ("card-half-fen-interest", "credit-card", "1", "1", {"daily_rate": "0.05", "due_days": "1"}),
    ("card-odd-everything", "credit-card", "12345.67", "123",
     {"mode": "partial", "paid": "2345.6", "daily_rate": "0.0499", "min_payment_ratio": "7.5", "penalty_rate": "4.99",
      "penalty_min": "5.5", "penalty_max": "300", "cycle_days": "29", "due_days": "25"}),
    ("card-one-year", "credit-card", "10000", "365", {}),
    ("card-ten-years", "credit-card", "10000", "3650", {}),
    ("card-ten-years-max-rate", "credit-card", "10000000", "3650",
     {"daily_rate": "1", "penalty_rate": "100", "cycle_days": "31", "due_days": "27"}),
    ("card-ten-years-max-rate-short-cycle", "credit-card", "9999999.99", "3650",
     {"daily_rate": "1", "min_payment_ratio": "100", "cycle_days": "28", "due_days": "27", "paid": "0.01"}),
    ("card-one-fen-left", "credit-card", "10000000", "3650", {"daily_rate": "1", "paid": "9999999.99"}),
    ("card-longest-due-shortest-cycle", "credit-card", "1000", "5", {"due_days": "27", "cycle_days": "28"}),
    ("card-whole-ratio", "credit-card", "999.99", "59", {"min_payment_ratio": "100", "penalty_rate": "100"}),
    ("card-option-text-forms", "credit-card", "5000", "30",
     {"mode": " partial ", "cycle_days": "30.0", "due_days": "20.", "paid": "1,000.5"}),
)

# (id, product, amount, days, options): refused input, one or several problems.
BAD_CASES = (
    ("amount-empty", "huabei", "", "30", {}),
    ("amount-blank", "huabei", "   ", "30", {}),
    ("amount-ideographic-space", "huabei", "\u3000", "30", {}),
    ("amount-text", "huabei", "五千", "30", {}),
    ("amount-with-unit", "huabei", "5000元", "30", {}),
    ("amount-inner-space", "huabei", "5 000", "30", {}),
    ("amount-grouping-too-long", "huabei", "1,000,5000", "30", {}),
    ("amount-decimal-comma", "huabei", "1,5", "30", {}),
    ("amount-leading-zero-group", "huabei", "0,500", "30", {}),
    ("amount-full-width-decimal-comma", "huabei", "１，５", "30", {}),
    ("amount-ideographic-comma", "huabei", "5、000", "30", {}),
    ("amount-exponent", "huabei", "5e3", "30", {}),
    ("amount-underscore", "huabei", "1_000", "30", {}),
    ("amount-superscript", "huabei", "10²", "30", {}),
    ("amount-circled-digit", "huabei", "①", "30", {}),
    ("amount-arabic-indic-digits", "huabei", "١٢٣", "30", {}),
    ("amount-digit-newer-than-python", "huabei", "\U0001ccf5", "30", {}),
    ("amount-yuan-sign", "huabei", "￥5000", "30", {}),
    ("amount-negative", "jd-baitiao", "-5", "30", {}),
    ("amount-zero", "jd-baitiao", "0", "30", {}),
    ("amount-negative-zero", "jd-baitiao", "-0.00", "30", {}),
    ("amount-too-large", "jd-baitiao", "10000000.01", "30", {}),
    ("amount-forty-digits", "jd-baitiao", "1" * 40, "30", {}),
    ("amount-infinity", "jd-baitiao", "inf", "30", {}),
    ("amount-nan", "jd-baitiao", "NaN", "30", {}),
    ("amount-fraction-of-fen", "jd-baitiao", "1.005", "30", {}),
    ("amount-tiny", "jd-baitiao", "0.00000000000000000001", "30", {}),
    # 1E-1000101 written out: positive, but × 100 it underflows the context to zero fen (SPEC.md, section 10)
    ("amount-underflows-to-zero-fen", "huabei", "0." + "0" * 1000100 + "1", "30", {}),
    ("days-empty", "huabei", "5000", "", {}),
    ("days-zero", "huabei", "5000", "0", {}),
    ("days-negative", "huabei", "5000", "-3", {}),
    ("days-fraction", "huabei", "5000", "2.5", {}),
    ("days-too-many", "huabei", "5000", "3651", {}),
    ("days-text", "huabei", "5000", "thirty", {}),
    ("days-infinite", "huabei", "5000", "-Infinity", {}),
    ("days-exponent", "huabei", "5000", "3e1", {}),
    ("days-full-width-fraction", "huabei", "5000", "２．５", {}),
    ("days-grouping", "huabei", "5000", "3,0", {}),
    ("both-empty", "jd-baitiao", "", "", {}),
    ("loan-without-rate", "consumer-loan", "5000", "30", {}),
    ("loan-without-rate-bad-amount", "consumer-loan", "abc", "30", {}),
    ("loan-rate-too-high", "consumer-loan", "5000", "30", {"daily_rate": "1.0001"}),
    ("loan-rate-too-low", "consumer-loan", "5000", "30", {"daily_rate": "0.00001"}),
    ("loan-rate-five-decimals", "consumer-loan", "5000", "30", {"daily_rate": "0.04000"}),
    ("loan-rate-negative", "consumer-loan", "5000", "30", {"daily_rate": "-0.04"}),
    ("loan-rate-decimal-comma", "consumer-loan", "5000", "30", {"daily_rate": "0,04"}),
    ("loan-rate-with-percent-sign", "consumer-loan", "5000", "30", {"daily_rate": "0.04%"}),
    ("loan-multiplier-bad-rate-missing", "consumer-loan", "5000", "30", {"multiplier": "abc"}),
    ("loan-multiplier-too-high", "consumer-loan", "5000", "30", _loan(multiplier="3.5")),
    ("card-mode-unknown", "credit-card", "5000", "30", {"mode": "daily"}),
    ("card-paid-everything", "credit-card", "1000", "5", {"paid": "1000"}),
    ("card-paid-more", "credit-card", "1000", "5", {"paid": "1500"}),
    ("card-paid-three-decimals", "credit-card", "1000", "5", {"paid": "100.000"}),
    ("card-paid-negative", "credit-card", "1000", "5", {"paid": "-1"}),
    ("card-due-equals-default-cycle", "credit-card", "1000", "5", {"due_days": "30", "cycle_days": "30"}),
    ("card-cycle-fraction", "credit-card", "1000", "5", {"cycle_days": "30.5"}),
    ("card-cycle-too-long", "credit-card", "1000", "5", {"cycle_days": "32"}),
    ("card-due-zero", "credit-card", "1000", "5", {"due_days": "0"}),
    ("card-ratio-too-low", "credit-card", "1000", "5", {"min_payment_ratio": "0.5"}),
    ("card-penalty-max-too-high", "credit-card", "1000", "5", {"penalty_max": "10000.01"}),
    ("card-penalty-rate-text", "credit-card", "1000", "5", {"penalty_rate": "5%"}),
    ("card-many-problems", "credit-card", "-1", "0",
     {"mode": "sometimes", "paid": "x", "daily_rate": "2", "cycle_days": "40"}),
    ("card-model-check-waits-for-fields", "credit-card", "1000", "abc", {"paid": "1000"}),
)

# Texts read as numbers, with Python's verdict (SPEC.md, section 1.1).
NUMBER_TEXTS = (
    # plain, grouped, misgrouped
    "5000", " 5000 ", "\t5000\n", "5,000", "10,000.5", "1,000,000", "12,345,678.90", "1,000.", "1,000,5000", "1,00",
    "1000,000", ",000", "0,500", "5,,000", ",", "1,5", "1,000.5,0", "1,000.000,5", "5,000,", "-1,000",
    # signs and points
    "+5", "-5", "-0", "-0.00", "+-5", "--5", "- 5", "5-", "5.", ".5", ".", "-.5", "0.050", "00012", "1.2.3", "1..2",
    # forms the rule refuses
    "1e3", "1E+3", "5E-2", "e3", "1e", "0x10", "1_000", "_1", "inf", "-Infinity", "nan", "sNaN", "1 000", "5\n000",
    "五千", "5000元", "￥5000", "¥5000", "5%", "5、000",
    # full-width forms, Chinese punctuation and spaces
    "５０００", "５，０００", "１．５", "５０００。", "1。5", "。5", "1，000．50", "＋５", "－５", "−5", "１_０", "５ｅ３",
    "\u00a05", "5\u3000", "\u3000\u3000", "\ufeff5", "5\u200b", "\u20025", "\x1c5", "5\x85", "\u30021",
    # characters NFKC would turn into digits the reader did not type
    "5²", "①", "⑤", "Ⅴ", "١٢٣", "\U0001d7d3", "\U0001ccf0", "１\U0001ccf1",
    # size
    "1" * 40, "0." + "0" * 60 + "1", "1.000000000000000000000000000001", "", "   ",
)

# Every character the syntax lets through to NFKC (SPEC.md, section 1.1): the page must normalise each alike.
ALPHABET_CHARACTERS = tuple(chr(code) for code in [*range(0x80), 0xA0, 0x3000, 0x3002, *range(0xFF01, 0xFF5F)])


# Decimal operations in the default context (SPEC.md, section 1.2), where rounding and signals show.
ARITHMETIC = (
    ("divide", "1", "3"), ("divide", "-2", "3"), ("divide", "1", "7"), ("divide", "5", "100"),
    ("divide", "819520551035319103242850", "36500"), ("divide", "1", "0"), ("divide", "0", "0"),
    ("divide", "2", "3E-1000020"), ("divide", "0", "5"),
    ("multiply", "1.000000000000000000000000000001", "100"), ("multiply", "9999999999999999999999999999", "9"),
    ("multiply", "1E-999990", "1E-20"), ("multiply", "123456789E-1000030", "1"), ("multiply", "5E-1000027", "1"),
    ("multiply", "15E-1000027", "1"), ("multiply", "1E-1000100", "100"), ("multiply", "1E+999999", "10"),
    ("add", "1E+28", "5"), ("add", "1E+28", "15"), ("add", "1E+28", "-1"), ("add", "0.000001", "12345678901234567890123"),
    ("add", "-5", "5"),
    ("quantize", "2.5", "0"), ("quantize", "-2.5", "0"), ("quantize", "2.4999", "0"), ("quantize", "36.6825", "-2"),
    ("quantize", "0.005", "-2"), ("quantize", "1E+28", "0"), ("quantize", "9999999999999999999999999999.5", "0"),
    ("quantize", "999999999999999999999999999.5", "0"), ("quantize", "12345678901234567890123456.785", "-2"),
)


def arithmetic_result(operation: str, left: str, right: str) -> dict:
    a, b = Decimal(left), Decimal(right)
    try:
        with decimal.localcontext(decimal.Context()):  # the default context, whatever the caller set
            if operation == "add":
                result = a + b
            elif operation == "multiply":
                result = a * b
            elif operation == "divide":
                result = a / b
            else:
                result = a.quantize(Decimal(1).scaleb(int(b)), rounding=decimal.ROUND_HALF_UP)
    except decimal.DivisionByZero:
        return {"operation": operation, "left": left, "right": right, "signal": "DivisionByZero"}
    except decimal.Overflow:
        return {"operation": operation, "left": left, "right": right, "signal": "Overflow"}
    except decimal.InvalidOperation:
        return {"operation": operation, "left": left, "right": right, "signal": "InvalidOperation"}
    return {"operation": operation, "left": left, "right": right, "value": str(result)}


def number_reading(text: str) -> dict:
    """How the reader syntax reads ``text``: the number's sign, coefficient and exponent, or the refusal's code."""
    try:
        number = parse_decimal(text, "x")
    except InputError as error:
        return {"text": text, "result": error.code}
    sign, digits, exponent = number.as_tuple()
    coefficient = int("".join(map(str, digits)) or "0")
    return {"text": text, "result": "number", "negative": bool(sign), "coefficient": str(coefficient),
            "exponent": str(exponent)}


def vectors(rules: Rules) -> dict:
    """Cases the page calculator must reproduce, computed here by calculators (SPEC.md, section 9)."""
    def in_page_order(product_id: str, options: dict) -> dict:  # the page gives options in the product's order
        order = [option.name for option in rules.product(product_id).options]
        return dict(sorted(options.items(), key=lambda item: order.index(item[0])))

    cases = []
    for case_id, product_id, amount, days, options in GOOD_CASES:
        options = in_page_order(product_id, options)
        problems = field_errors(rules, product_id, amount, days, options)
        if problems:
            raise ValueError(f"vector {case_id} was meant to be computed but is refused: {problems}")
        result = overdue_cost(product_id, amount, days, options, rules)
        cases.append({"id": case_id, "product": product_id, "amount": amount, "days": days, "options": options,
                      "expect": breakdown_expectation(result)})
    errors = []
    for case_id, product_id, amount, days, options in BAD_CASES:
        options = in_page_order(product_id, options)
        problems = field_errors(rules, product_id, amount, days, options)
        try:
            overdue_cost(product_id, amount, days, options, rules)
        except InputError as error:
            raised, python_error = (error.field, error.code), f"{type(error).__name__}: {error}"
        else:
            raise ValueError(f"vector {case_id} was meant to be refused but is computed")
        if not problems or raised != (problems[0]["field"], problems[0]["code"]):
            raise ValueError(f"vector {case_id}: first field error {problems[:1]} is not what overdue_cost raised: "
                             f"{python_error}")
        errors.append({"id": case_id, "product": product_id, "amount": amount, "days": days, "options": options,
                       "python_error": python_error, "field_errors": problems})
    return {
        "generated_by": "python -m calculators vectors",
        "spec": "calculators/SPEC.md",
        "rules": calculator_data(rules),
        "cases": cases,
        "errors": errors,
        "numbers": [number_reading(text) for text in NUMBER_TEXTS],
        "normalisation": [{"text": char, "nfkc": unicodedata.normalize("NFKC", char), "read_as": normalise(char)}
                          for char in ALPHABET_CHARACTERS],
        "arithmetic": [arithmetic_result(*operation) for operation in ARITHMETIC],
    }
