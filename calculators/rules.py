"""Product rules: load ``data/products.yml`` once, validate it, and describe each model's options.

Loading is the only I/O in the package. A bad data file fails with one message that names the
file, the product and the field.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

# libyaml's loader when PyYAML was built with it: same results, several times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from .money import InputError, parse_decimal
from .number_text import normalise

REPO_ROOT = Path(__file__).resolve().parent.parent
PRODUCTS_FILE = REPO_ROOT / "data" / "products.yml"
SOURCES_FILE = REPO_ROOT / "data" / "sources.yml"

CONFIDENCE_LEVELS = ("high", "medium", "low")
CONFIDENCE_LABELS = {"high": "高", "medium": "中", "low": "低"}

# Bounds on what a reader may ask for; beyond them the question is a typo, not a debt.
MAX_AMOUNT_YUAN = Decimal("10000000")  # 1,000 万元
MAX_DAYS = 3650  # 10 年


class DataError(ValueError):
    """The data file itself is wrong; the message names file, entry and field."""


@dataclass(frozen=True)
class Option:
    """A parameter a reader may set for one calculation (CLI flag, directive key, calculator field)."""

    name: str
    label: str
    kind: str  # "percent", "yuan", "days", "choice"
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: tuple[str, ...] = ()
    choice_labels: tuple[str, ...] = ()
    required: bool = False
    help: str = ""
    unit: str | None = None  # overrides the unit the kind implies, e.g. a multiplier held like a percent

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def describe_allowed(self) -> str:
        if self.kind == "choice":
            return " or ".join(self.choices)
        unit = self.unit if self.unit is not None else {"percent": "%", "yuan": " yuan", "days": " days"}[self.kind]
        low = "0" if self.minimum is None else str(self.minimum)
        if self.maximum is None:
            return f"a number >= {low}{unit}"
        return f"a number from {low} to {self.maximum}{unit}"

    def parse(self, raw: object) -> Decimal | str:
        """Validate one value; raises InputError with a one-line reason."""
        what = self.name
        if self.kind == "choice":
            value = normalise(str(raw))  # the number syntax's normalisation: NFKC, surrounding whitespace dropped
            if value not in self.choices:
                raise InputError("choice", what, allowed=self.describe_allowed(), raw=raw)
            return value
        number = parse_decimal(raw, what)
        if self.kind == "days" and number != number.to_integral_value():
            raise InputError("whole", what, raw=raw)
        too_small = number < self.minimum if self.minimum is not None else number < 0
        if too_small or (self.maximum is not None and number > self.maximum):
            raise InputError("range", what, allowed=self.describe_allowed(), raw=raw)
        if self.kind == "percent" and -number.as_tuple().exponent > 4:
            raise InputError("decimals", what, kind="percent", places=4, raw=raw)
        if self.kind == "yuan" and -number.as_tuple().exponent > 2:
            raise InputError("decimals", what, kind="yuan", raw=raw)
        return int(number) if self.kind == "days" else number


DAILY_RATE = Option("daily_rate", "日利率（%）", "percent", Decimal("0.0001"), Decimal("1"),
                    help="percent per day, e.g. 0.05")

MODEL_OPTIONS: dict[str, tuple[Option, ...]] = {
    "daily-fee": (DAILY_RATE,),
    "penalty-multiplier": (
        Option("daily_rate", "合同日利率（%）", "percent", Decimal("0.0001"), Decimal("1"), required=True,
               help="contract daily rate in percent per day, e.g. 0.04"),
        Option("multiplier", "罚息倍数", "percent", Decimal("1"), Decimal("3"), unit=" (times the contract rate)",
               help="penalty rate as a multiple of the contract rate, e.g. 1.5"),
    ),
    "credit-card": (
        Option("mode", "计息方式", "choice", choices=("full", "partial"), choice_labels=("全额计息", "部分计息"),
               help="full: interest on the whole statement; partial: only on the unpaid part"),
        Option("paid", "到期日前已还（元）", "yuan", Decimal("0"), MAX_AMOUNT_YUAN,
               help="yuan repaid by the due date (must be less than the amount)"),
        DAILY_RATE,
        Option("min_payment_ratio", "最低还款比例（%）", "percent", Decimal("1"), Decimal("100")),
        Option("penalty_rate", "违约金比例（%）", "percent", Decimal("0"), Decimal("100")),
        Option("penalty_min", "违约金最低（元）", "yuan", Decimal("0"), Decimal("10000")),
        Option("penalty_max", "违约金最高（元）", "yuan", Decimal("0"), Decimal("10000")),
        Option("cycle_days", "账单周期（天）", "days", Decimal("28"), Decimal("31")),
        Option("due_days", "账单日到还款日（天）", "days", Decimal("1"), Decimal("27")),
    ),
}


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    issuer: str
    date: dt.date
    url: str
    kind: str
    note: str = ""


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    model: str
    charge_label: str
    base_label: str
    parameters: dict
    effective: dt.date
    effective_note: str
    confidence: str
    confidence_note: str
    assumptions: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def options(self) -> tuple[Option, ...]:
        return MODEL_OPTIONS[self.model]

    @property
    def is_certain(self) -> bool:
        return self.confidence == "high"


@dataclass(frozen=True)
class LprFixing:
    date: dt.date
    one_year: Decimal
    five_year: Decimal
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ReferenceLine:
    id: str
    label: str
    rate: Decimal  # percent per year
    scope: str
    sources: tuple[str, ...]
    basis: str = ""  # how the rate was derived, e.g. "4 × 3.0%（2026-01-20 的 1 年期 LPR）"


@dataclass(frozen=True)
class Rules:
    products: dict[str, Product]
    lpr: tuple[LprFixing, ...]
    reference_lines: tuple[ReferenceLine, ...]
    sources: dict[str, Source] = field(default_factory=dict)

    def product(self, product_id: str) -> Product:
        try:
            return self.products[product_id]
        except KeyError:
            raise InputError("unknown_product", "product", raw=product_id, known=", ".join(self.products)) from None

    @property
    def latest_lpr(self) -> LprFixing:
        return max(self.lpr, key=lambda fixing: fixing.date)


# Loading and validation -------------------------------------------------------------------------

PRODUCT_FIELDS = {"name", "model", "charge_label", "base_label", "parameters", "effective", "effective_note",
                  "confidence", "confidence_note", "assumptions", "sources"}
SOURCE_FIELDS = {"title", "issuer", "date", "url", "kind"}
SOURCE_KINDS = ("law", "judicial-interpretation", "administrative-regulation", "regulatory-document",
                "national-standard", "industry-guideline", "official-notice", "news", "secondary")


def _fail(path: Path, where: str, message: str):
    raise DataError(f"{path.name}: {where}: {message}")


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark else ""
        raise DataError(f"{path.name}: {line}YAML syntax error: {getattr(error, 'problem', error)}") from None
    if not isinstance(data, dict):
        raise DataError(f"{path.name}: top level must be a mapping")
    return data


def _date(path, where, value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    _fail(path, where, f"must be a date YYYY-MM-DD, got {value!r}")


def load_sources(path: Path = SOURCES_FILE) -> dict[str, Source]:
    sources = {}
    for source_id, entry in _read_yaml(path).items():
        where = f"source {source_id!r}"
        if not isinstance(entry, dict):
            _fail(path, where, "must be a mapping with title, issuer, date, url, kind")
        missing = SOURCE_FIELDS - entry.keys()
        if missing:
            _fail(path, where, f"missing field(s): {', '.join(sorted(missing))}")
        if entry["kind"] not in SOURCE_KINDS:
            _fail(path, f"{where} field 'kind'", f"must be one of {', '.join(SOURCE_KINDS)}, got {entry['kind']!r}")
        if not str(entry["url"]).startswith(("https://", "http://")):
            _fail(path, f"{where} field 'url'", f"must be a web address (https://…), got {entry['url']!r}")
        sources[source_id] = Source(
            id=source_id, title=str(entry["title"]), issuer=str(entry["issuer"]),
            date=_date(path, f"{where} field 'date'", entry["date"]), url=str(entry["url"]),
            kind=entry["kind"], note=str(entry.get("note", "")),
        )
    return sources


def _source_ids(path, where, value, sources) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        _fail(path, f"{where} field 'sources'", "must be a non-empty list of source ids")
    for source_id in value:
        if source_id not in sources:
            _fail(path, f"{where} field 'sources'", f"unknown source id {source_id!r} (add it to {SOURCES_FILE.name})")
    return tuple(value)


def _product(path, product_id, entry, sources) -> Product:
    where = f"product {product_id!r}"
    if not isinstance(entry, dict):
        _fail(path, where, "must be a mapping")
    missing = PRODUCT_FIELDS - entry.keys()
    if missing:
        _fail(path, where, f"missing field(s): {', '.join(sorted(missing))}")
    unknown = entry.keys() - PRODUCT_FIELDS
    if unknown:
        _fail(path, where, f"unknown field(s): {', '.join(sorted(unknown))}")
    if entry["model"] not in MODEL_OPTIONS:
        _fail(path, f"{where} field 'model'", f"must be one of {', '.join(MODEL_OPTIONS)}, got {entry['model']!r}")
    if entry["confidence"] not in CONFIDENCE_LEVELS:
        _fail(path, f"{where} field 'confidence'", f"must be one of {', '.join(CONFIDENCE_LEVELS)}")
    options = {option.name: option for option in MODEL_OPTIONS[entry["model"]]}
    parameters = {}
    for name, raw in (entry["parameters"] or {}).items():
        if name not in options:
            _fail(path, f"{where} parameter {name!r}", f"not used by model {entry['model']} (known: {', '.join(options)})")
        try:
            parameters[name] = options[name].parse(raw)
        except InputError as error:
            _fail(path, f"{where} parameter {name!r}", str(error))
    for option in options.values():
        if option.name not in parameters and not option.required and option.kind not in ("yuan",):
            _fail(path, where, f"parameter {option.name!r} needs a default value in the data file")
    if not isinstance(entry["assumptions"], list) or not all(isinstance(a, str) for a in entry["assumptions"]):
        _fail(path, f"{where} field 'assumptions'", "must be a list of sentences")
    return Product(
        id=product_id, name=str(entry["name"]), model=entry["model"], charge_label=str(entry["charge_label"]),
        base_label=str(entry["base_label"]), parameters=parameters,
        effective=_date(path, f"{where} field 'effective'", entry["effective"]),
        effective_note=str(entry["effective_note"]), confidence=entry["confidence"],
        confidence_note=str(entry["confidence_note"]), assumptions=tuple(entry["assumptions"]),
        sources=_source_ids(path, where, entry["sources"], sources),
    )


def load_rules(products_path: Path = PRODUCTS_FILE, sources_path: Path = SOURCES_FILE) -> Rules:
    """Read and validate both data files. Raises DataError naming file, entry and field."""
    sources = load_sources(sources_path)
    data = _read_yaml(products_path)
    for section in ("products", "reference_lpr", "reference_lines"):
        if section not in data:
            _fail(products_path, "top level", f"missing section {section!r}")
    products = {pid: _product(products_path, pid, entry, sources) for pid, entry in data["products"].items()}

    lpr = []
    for index, entry in enumerate(data["reference_lpr"]):
        where = f"reference_lpr[{index}]"
        lpr.append(LprFixing(
            date=_date(products_path, f"{where} field 'date'", entry.get("date")),
            one_year=parse_decimal(entry.get("one_year"), f"{where} one_year"),
            five_year=parse_decimal(entry.get("five_year"), f"{where} five_year"),
            sources=_source_ids(products_path, where, entry.get("sources"), sources),
        ))
    if not lpr:
        _fail(products_path, "reference_lpr", "needs at least one LPR fixing")
    latest = max(lpr, key=lambda fixing: fixing.date)

    lines = []
    for line_id, entry in data["reference_lines"].items():
        where = f"reference line {line_id!r}"
        if "multiple_of_lpr" in entry:
            multiple = parse_decimal(entry["multiple_of_lpr"], f"{where} multiple_of_lpr")
            rate = multiple * latest.one_year
            basis = f"{multiple} × {latest.one_year}%（{latest.date.isoformat()} 公布的 1 年期 LPR）"
        else:
            rate = parse_decimal(entry.get("rate"), f"{where} rate")
            basis = ""
        lines.append(ReferenceLine(id=line_id, label=str(entry["label"]), rate=rate, scope=str(entry["scope"]),
                                   sources=_source_ids(products_path, where, entry.get("sources"), sources),
                                   basis=basis))
    return Rules(products=products, lpr=tuple(lpr), reference_lines=tuple(lines), sources=sources)


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    """The site's rules, loaded once per process."""
    return load_rules()
