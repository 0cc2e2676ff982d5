"""Command line: python -m calculators {products,cost,table,installment,vectors} …

Exit status 0 on success, 2 on bad input with one line on stderr (never a traceback), including a broken
data file (``data/products.yml:LINE: message``). ``YUQI_DATA_DIR`` points at another copy of data/.
"""
from __future__ import annotations

import argparse
import json
import re
import sys

from .costs import Breakdown, overdue_cost
from .export import vectors
from .installments import installment_cost
from .money import InputError, fen_to_str
from .rules import MODEL_OPTIONS, DataError, Rules, default_rules

# Every option of every model gets a flag; resolve_options refuses the ones a product does not use.
ALL_OPTIONS = {option.name: option for options in MODEL_OPTIONS.values() for option in options}


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print usage over several lines; we want one line
        raise UsageError(message)


class Once(argparse.Action):
    """A value option given twice is a mistake (which one did the reader mean?), not "the last one wins"."""

    def __call__(self, parser, namespace, values, option_string=None):
        if getattr(namespace, self.dest, None) is not None:
            raise UsageError(f"{option_string} is given more than once; give it once")
        setattr(namespace, self.dest, values)


# Most digits a value may have: more than a reader could mean, and beyond them Decimal's 28-digit arithmetic
# would round the value silently instead of refusing it.
MAX_DIGITS = 24


def _value_flags(parser: argparse.ArgumentParser) -> set[str]:
    flags = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                flags |= _value_flags(sub)
        elif action.nargs is None and action.option_strings:
            flags.update(action.option_strings)
    return flags


def _join_values(argv: list[str], flags: set[str]) -> list[str]:
    """``--amount -inf`` as ``--amount=-inf``: argparse would read a value that starts with '-' as an option."""
    joined, index = [], 0
    while index < len(argv):
        item = argv[index]
        if item in flags and index + 1 < len(argv) and argv[index + 1].startswith("-") \
                and argv[index + 1] not in flags and not argv[index + 1].startswith("--"):
            joined.append(f"{item}={argv[index + 1]}")
            index += 2
            continue
        joined.append(item)
        index += 1
    return joined


def _check_digits(raw: str, what: str) -> None:
    """Refuse a number with more digits than MAX_DIGITS, or with fractions of a fen hidden past the 28th digit."""
    digits = len(re.sub(r"[^0-9]", "", raw))
    if digits > MAX_DIGITS:
        raise UsageError(f"{what} has {digits} digits (at most {MAX_DIGITS}), got {raw[:20]!r}…"
                         if len(raw) > 20 else f"{what} has {digits} digits (at most {MAX_DIGITS}), got {raw!r}")


def _split_list(text: str, what: str) -> list[str]:
    items = [item.strip() for item in text.split(",")]
    if not text.strip() or any(not item for item in items):
        raise UsageError(f"{what} must be a comma-separated list of numbers, got {text[:40]!r}")
    for index, item in enumerate(items[1:], start=1):
        if re.fullmatch(r"0[0-9]{2}(?:\.[0-9]*)?", item) and re.fullmatch(r"[0-9]{1,3}", items[index - 1]):
            raise UsageError(f"{what} {text[:40]!r}: commas separate the numbers here, so "
                             f"'{items[index - 1]},{item}' reads as two numbers; write {items[index - 1]}{item} "
                             f"without a thousands separator")
    for item in items:
        _check_digits(item, what)
    return items


def _options_from(args) -> dict:
    options = {name: getattr(args, name) for name in ALL_OPTIONS if getattr(args, name) is not None}
    for name, value in options.items():
        _check_digits(value, ALL_OPTIONS[name].flag)
    return options


def breakdown_json(result: Breakdown, rules: Rules) -> dict:
    return {
        "product": result.product.id,
        "product_name": result.product.name,
        "principal": fen_to_str(result.principal_fen),
        "outstanding": fen_to_str(result.outstanding_fen),
        "days": result.days,
        "breakdown": [{"label": charge.label, "amount": fen_to_str(charge.fen)} for charge in result.charges],
        "extra_cost": fen_to_str(result.extra_fen),
        "total_due": fen_to_str(result.total_due_fen),
        "annual_rate": str(result.annual_rate),
        "options": {name: str(value) for name, value in result.options.items()},
        "confidence": result.product.confidence,
        "effective": result.product.effective.isoformat(),
        "sources": [{"id": sid, "title": rules.sources[sid].title, "url": rules.sources[sid].url}
                    for sid in result.product.sources],
        "reference_lines": [{"id": line.id, "label": line.label, "rate": str(line.rate),
                             "exceeded": result.annual_rate > line.rate} for line in rules.reference_lines],
    }


def _print_breakdown(result: Breakdown) -> None:
    unpaid = "" if result.outstanding_fen == result.principal_fen else f"，未还 {fen_to_str(result.outstanding_fen)} 元"
    print(f"{result.product.name}：{result.product.base_label} {fen_to_str(result.principal_fen)} 元{unpaid}，"
          f"逾期 {result.days} 天")
    for charge in result.charges:
        print(f"  {charge.label}：{fen_to_str(charge.fen)} 元")
    print(f"  多付合计：{fen_to_str(result.extra_fen)} 元")
    print(f"  应还合计：{fen_to_str(result.total_due_fen)} 元")
    print(f"  折合单利年化：{result.annual_rate}%")
    if not result.product.is_certain:
        print(f"  注意：{result.product.confidence_note}")


def build_parser() -> Parser:
    parser = Parser(prog="python -m calculators", description="逾期费用计算 (overdue cost calculator)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    products = commands.add_parser("products", help="list products and their options")
    products.add_argument("--json", action="store_true")

    for name, help_text in (("cost", "cost of one amount and one number of days"),
                            ("table", "costs for several amounts and days")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("product")
        if name == "cost":
            command.add_argument("--amount", required=True, action=Once, help="yuan, e.g. 5000")
            command.add_argument("--days", required=True, action=Once, help="days overdue, 1-3650")
        else:
            command.add_argument("--amounts", required=True, action=Once, help="yuan, comma-separated, e.g. 1000,5000")
            command.add_argument("--days", required=True, action=Once,
                                 help="days overdue, comma-separated, e.g. 1,30,90")
        command.add_argument("--json", action="store_true")
        for option in ALL_OPTIONS.values():
            command.add_argument(option.flag, dest=option.name, metavar=option.kind.upper(), action=Once,
                                 help=option.help or option.label)

    installment = commands.add_parser("installment", help="true annual rate of flat per-period fees")
    installment.add_argument("--fee-rates", required=True, action=Once,
                             help="percent per period, comma-separated, e.g. 0.5,0.75")
    installment.add_argument("--periods", required=True, action=Once, help="comma-separated, e.g. 3,6,12,24")
    installment.add_argument("--json", action="store_true")

    commands.add_parser("vectors", help="JSON test vectors for the page calculator (calculators/SPEC.md)")
    return parser


def run(argv: list[str] | None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(_join_values(argv, _value_flags(parser)))
    rules = default_rules()
    if args.command == "products":
        listing = [{
            "id": product.id, "name": product.name, "model": product.model, "confidence": product.confidence,
            "effective": product.effective.isoformat(),
            "parameters": {name: str(value) for name, value in product.parameters.items()},
            "options": [option.name for option in product.options],
        } for product in rules.products.values()]
        if args.json:
            print(json.dumps(listing, ensure_ascii=False, indent=2))
        else:
            for item in listing:
                print(f"{item['id']:<14} {item['name']}（把握：{item['confidence']}，options: {', '.join(item['options'])}）")
        return 0

    if args.command == "vectors":
        print(json.dumps(vectors(rules), ensure_ascii=False, indent=1))
        return 0

    if args.command == "installment":
        results = [installment_cost(fee, periods)
                   for fee in _split_list(args.fee_rates, "--fee-rates")
                   for periods in _split_list(args.periods, "--periods")]
        if args.json:
            print(json.dumps([{"fee_rate": str(r.fee_rate), "periods": r.periods,
                               "nominal_annual": str(r.nominal_annual), "effective_annual": str(r.effective_annual),
                               "simple_annual": str(r.simple_annual)} for r in results], ensure_ascii=False, indent=2))
        else:
            for r in results:
                print(f"每期 {r.fee_rate}% × {r.periods} 期：名义年化 {r.nominal_annual}%（复利 {r.effective_annual}%）")
        return 0

    options = _options_from(args)
    if args.command == "cost":
        _check_digits(args.amount, "--amount")
        _check_digits(args.days, "--days")
        result = overdue_cost(args.product, args.amount, args.days, options, rules)
        if args.json:
            print(json.dumps(breakdown_json(result, rules), ensure_ascii=False, indent=2))
        else:
            _print_breakdown(result)
        return 0

    results = [overdue_cost(args.product, amount, days, options, rules)
               for days in _split_list(args.days, "--days") for amount in _split_list(args.amounts, "--amounts")]
    if args.json:
        print(json.dumps([breakdown_json(result, rules) for result in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            print(f"{fen_to_str(result.outstanding_fen):>12} 元 × {result.days:>4} 天：多付 {fen_to_str(result.extra_fen)} 元，"
                  f"年化 {result.annual_rate}%")
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except (InputError, UsageError, DataError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
