"""Product rules: load ``data/products.yml`` once, validate it, and describe each model's options.

Loading is the only I/O in the package. A bad data file fails with one message,
``data/products.yml:LINE: message``, at the line of the offending key or item (calculators.safe_yaml keeps them).
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import os

from .money import InputError, parse_decimal
from .safe_yaml import YamlList, YamlMap, YamlProblem, excerpt, load_yaml
from .number_text import normalise

REPO_ROOT = Path(__file__).resolve().parent.parent
# YUQI_DATA_DIR points the build and the CLI at another copy of data/ (tests use a broken copy, or change a
# rate in a copy and rebuild).
DATA_DIR_VARIABLE = "YUQI_DATA_DIR"
PRODUCTS_FILE = REPO_ROOT / "data" / "products.yml"
SOURCES_FILE = REPO_ROOT / "data" / "sources.yml"

CONFIDENCE_LEVELS = ("high", "medium", "low")
CONFIDENCE_LABELS = {"high": "高", "medium": "中", "low": "低"}

# Bounds on what a reader may ask for; beyond them the question is a typo, not a debt.
MAX_AMOUNT_YUAN = Decimal("10000000")  # 1,000 万元
MAX_DAYS = 3650  # 10 年


class DataError(ValueError):
    """The data file itself is wrong: ``str()`` is ``data/file.yml:LINE: message``; ``code`` says what kind."""

    def __init__(self, path: Path, line: int | None, message: str, code: str = "data"):
        self.path = display_path(path)
        self.line = line
        self.message = message
        self.code = code
        super().__init__(f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}")


def display_path(path: Path) -> str:
    """data/products.yml for the project's own files, the full path for any other copy."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        try:
            return str(path.resolve().relative_to(REPO_ROOT))
        except ValueError:
            return str(path)


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
SOURCE_FIELDS = ("title", "issuer", "date", "url", "kind")
SOURCE_OPTIONAL = ("note", "accessed")
REFERENCE_LINE_FIELDS = ("label", "scope", "sources")
SOURCE_KINDS = ("law", "judicial-interpretation", "administrative-regulation", "regulatory-document",
                "national-standard", "industry-guideline", "official-notice", "news", "secondary")
MAX_RATE_PERCENT = Decimal("1000")  # an annual reference line or LPR above 1,000 % is a typo


class _File:
    """One data file being checked: its path (for messages) and helpers that fail at a line."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def fail(self, line: int | None, message: str, code: str = "data"):
        raise DataError(self.path, line, message, code)

    def read(self) -> YamlMap:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.fail(None, "file not found", "missing-file")
        except (OSError, UnicodeDecodeError) as error:
            self.fail(None, f"cannot be read as UTF-8 text ({type(error).__name__})", "unreadable")
        try:
            data = load_yaml(text)
        except YamlProblem as problem:
            self.fail(problem.line, problem.message, problem.code)
        if not isinstance(data, YamlMap):
            self.fail(getattr(data, "line", 1), f"the top level must be 'key: value' lines, got {_kind(data)}", "shape")
        return data

    def mapping(self, parent: YamlMap, key, what: str) -> YamlMap:
        value = parent[key]
        if not isinstance(value, YamlMap):
            self.fail(parent.line_of(key), f"{what} must be 'key: value' lines (a mapping), got {_kind(value)}", "shape")
        return value

    def listing(self, parent: YamlMap, key, what: str, *, empty: bool = False) -> YamlList:
        value = parent[key]
        if not isinstance(value, YamlList) or (not value and not empty):
            self.fail(parent.line_of(key), f"{what} must be a non-empty list, got {_kind(value)}", "shape")
        return value

    def text(self, entry: YamlMap, key, where: str) -> str:
        value = entry[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(entry.line_of(key), f"{where} field {key!r} must be text, got {_kind(value)}", "shape")
        return value

    def date(self, entry: YamlMap, key, where: str) -> dt.date:
        value = entry.get(key)
        if not isinstance(value, dt.date):
            self.fail(entry.line_of(key), f"{where} field {key!r} must be a date YYYY-MM-DD, got {_kind(value)}",
                      "bad-date")
        return value

    def rate(self, entry: YamlMap, key, where: str, *, positive: bool = True) -> Decimal:
        """A percentage: a plain number (written "3.0" or 3.0), more than 0 and at most MAX_RATE_PERCENT."""
        value = entry.get(key)
        try:
            number = parse_decimal(value, key) if isinstance(value, (str, int, Decimal)) else None
        except InputError:
            number = None
        if number is None:
            self.fail(entry.line_of(key), f"{where} field {key!r} must be a number, got {_kind(value)}", "not-a-number")
        if (number <= 0 if positive else number < 0) or number > MAX_RATE_PERCENT:
            low = "more than 0" if positive else "at least 0"
            self.fail(entry.line_of(key), f"{where} field {key!r} must be {low} and at most {MAX_RATE_PERCENT}, "
                                          f"got {number}", "range")
        return number

    def source_ids(self, entry: YamlMap, where: str, sources: dict) -> tuple[str, ...]:
        if "sources" not in entry:
            self.fail(entry.line, f"{where}: missing field 'sources'", "missing-field")
        ids = self.listing(entry, "sources", f"{where} field 'sources'")
        for index, source_id in enumerate(ids):
            if not isinstance(source_id, str) or source_id not in sources:
                self.fail(ids.line_of(index), f"{where}: unknown source id {excerpt(source_id)} "
                                              f"(add it to {SOURCES_FILE.name})", "unknown-source")
        return tuple(ids)

    def fields(self, entry: YamlMap, where: str, required, optional=()) -> None:
        missing = [name for name in required if name not in entry]
        if missing:
            self.fail(entry.line, f"{where}: missing field(s): {', '.join(missing)}", "missing-field")
        for name in entry:
            if name not in required and name not in optional:
                self.fail(entry.line_of(name), f"{where}: unknown field {excerpt(str(name))} "
                                               f"(known: {', '.join((*required, *optional))})", "unknown-field")


def _kind(value) -> str:
    """A value for a message: what it is, or a short excerpt of it."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return excerpt(value)


def load_sources(path: Path = SOURCES_FILE) -> dict[str, Source]:
    file = _File(path)
    data = file.read()
    sources = {}
    for source_id in data:
        where = f"source {excerpt(str(source_id))}"
        entry = file.mapping(data, source_id, where)
        file.fields(entry, where, SOURCE_FIELDS, SOURCE_OPTIONAL)
        if entry["kind"] not in SOURCE_KINDS:
            file.fail(entry.line_of("kind"), f"{where} field 'kind' must be one of {', '.join(SOURCE_KINDS)}, "
                                             f"got {_kind(entry['kind'])}", "choice")
        url = file.text(entry, "url", where)
        if not url.startswith(("https://", "http://")) or any(c.isspace() or c in '"<>' for c in url):
            file.fail(entry.line_of("url"), f"{where} field 'url' must be a web address (https://…), "
                                            f"got {_kind(url)}", "url")
        note = entry.get("note", "")
        if note is not None and not isinstance(note, str):
            file.fail(entry.line_of("note"), f"{where} field 'note' must be text, got {_kind(note)}", "shape")
        if "accessed" in entry:
            file.date(entry, "accessed", where)
        sources[str(source_id)] = Source(
            id=str(source_id), title=file.text(entry, "title", where), issuer=file.text(entry, "issuer", where),
            date=file.date(entry, "date", where), url=url, kind=entry["kind"], note=note or "",
        )
    if not sources:
        file.fail(data.line, "needs at least one source", "shape")
    return sources


def _product(file: _File, products: YamlMap, product_id, sources) -> Product:
    where = f"product {excerpt(str(product_id))}"
    entry = file.mapping(products, product_id, where)
    file.fields(entry, where, tuple(sorted(PRODUCT_FIELDS)))
    model = entry["model"]
    if model not in MODEL_OPTIONS:
        file.fail(entry.line_of("model"), f"{where} field 'model' must be one of {', '.join(MODEL_OPTIONS)}, "
                                          f"got {_kind(model)}", "choice")
    if entry["confidence"] not in CONFIDENCE_LEVELS:
        file.fail(entry.line_of("confidence"), f"{where} field 'confidence' must be one of "
                                               f"{', '.join(CONFIDENCE_LEVELS)}, got {_kind(entry['confidence'])}",
                  "choice")
    options = {option.name: option for option in MODEL_OPTIONS[model]}
    given = entry["parameters"] if entry["parameters"] is not None else YamlMap()
    if not isinstance(given, YamlMap):
        file.fail(entry.line_of("parameters"), f"{where} field 'parameters' must be 'name: value' lines, "
                                               f"got {_kind(given)}", "shape")
    parameters = {}
    for name, raw in given.items():
        if name not in options:
            file.fail(given.line_of(name), f"{where} parameter {excerpt(str(name))} is not used by model {model} "
                                           f"(known: {', '.join(options)})", "unknown-field")
        if isinstance(raw, (dict, list)) or raw is None:
            file.fail(given.line_of(name), f"{where} parameter {name!r} must be a value, got {_kind(raw)}", "shape")
        try:
            parameters[name] = options[name].parse(raw)
        except InputError as error:
            file.fail(given.line_of(name), f"{where} parameter {name!r}: {error}", getattr(error, "code", "input"))
    for option in options.values():
        if option.name not in parameters and not option.required and option.kind not in ("yuan",):
            file.fail(entry.line_of("parameters"), f"{where}: parameter {option.name!r} needs a default value in "
                                                   f"the data file", "missing-field")
    assumptions = file.listing(entry, "assumptions", f"{where} field 'assumptions'")
    for index, assumption in enumerate(assumptions):
        if not isinstance(assumption, str) or not assumption.strip():
            file.fail(assumptions.line_of(index), f"{where} field 'assumptions' must be a list of sentences, "
                                                  f"got {_kind(assumption)}", "shape")
    return Product(
        id=str(product_id), name=file.text(entry, "name", where), model=model,
        charge_label=file.text(entry, "charge_label", where), base_label=file.text(entry, "base_label", where),
        parameters=parameters, effective=file.date(entry, "effective", where),
        effective_note=file.text(entry, "effective_note", where), confidence=entry["confidence"],
        confidence_note=file.text(entry, "confidence_note", where), assumptions=tuple(assumptions),
        sources=file.source_ids(entry, where, sources),
    )


def load_rules(products_path: Path = PRODUCTS_FILE, sources_path: Path = SOURCES_FILE) -> Rules:
    """Read and validate both data files. Raises DataError at the line of the first problem."""
    sources = load_sources(sources_path)
    file = _File(products_path)
    data = file.read()
    file.fields(data, "top level", ("products", "reference_lpr", "reference_lines"))
    products_map = file.mapping(data, "products", "products")
    if not products_map:
        file.fail(data.line_of("products"), "products: needs at least one product", "shape")
    products = {str(pid): _product(file, products_map, pid, sources) for pid in products_map}

    lpr = []
    fixings = file.listing(data, "reference_lpr", "reference_lpr")
    for index, entry in enumerate(fixings):
        where = f"reference_lpr item {index + 1}"
        if not isinstance(entry, YamlMap):
            file.fail(fixings.line_of(index), f"{where} must be 'key: value' lines (date, one_year, five_year, "
                                              f"sources), got {_kind(entry)}", "shape")
        file.fields(entry, where, ("date", "one_year", "five_year", "sources"))
        lpr.append(LprFixing(date=file.date(entry, "date", where), one_year=file.rate(entry, "one_year", where),
                             five_year=file.rate(entry, "five_year", where),
                             sources=file.source_ids(entry, where, sources)))
    dates = [fixing.date for fixing in lpr]
    if len(set(dates)) != len(dates):
        twice = next(index for index, date in enumerate(dates) if dates.index(date) != index)
        file.fail(fixings.line_of(twice), f"reference_lpr: {dates[twice]} is given twice "
                                          f"(first as item {dates.index(dates[twice]) + 1})", "duplicate-key")
    latest = max(lpr, key=lambda fixing: fixing.date)

    lines = []
    lines_map = file.mapping(data, "reference_lines", "reference_lines")
    for line_id in lines_map:
        where = f"reference line {excerpt(str(line_id))}"
        entry = file.mapping(lines_map, line_id, where)
        file.fields(entry, where, REFERENCE_LINE_FIELDS, ("rate", "multiple_of_lpr"))
        if ("rate" in entry) == ("multiple_of_lpr" in entry):
            file.fail(entry.line, f"{where}: give exactly one of 'rate' (percent per year) or 'multiple_of_lpr'",
                      "shape")
        if "multiple_of_lpr" in entry:
            multiple = file.rate(entry, "multiple_of_lpr", where)
            rate = multiple * latest.one_year
            basis = f"{multiple} × {latest.one_year}%（{latest.date.isoformat()} 公布的 1 年期 LPR）"
        else:
            rate = file.rate(entry, "rate", where)
            basis = ""
        lines.append(ReferenceLine(id=str(line_id), label=file.text(entry, "label", where), rate=rate,
                                   scope=file.text(entry, "scope", where),
                                   sources=file.source_ids(entry, where, sources), basis=basis))
    return Rules(products=products, lpr=tuple(lpr), reference_lines=tuple(lines), sources=sources)


def data_paths() -> tuple[Path, Path]:
    """The data files in use: data/ in the project, or $YUQI_DATA_DIR when set."""
    folder = os.environ.get(DATA_DIR_VARIABLE)
    if folder:
        return Path(folder) / PRODUCTS_FILE.name, Path(folder) / SOURCES_FILE.name
    return PRODUCTS_FILE, SOURCES_FILE


_loaded: dict = {}


def default_rules() -> Rules:
    """The site's rules, loaded once per process, with the data's own `{{ fig:KEY }}` sentences resolved.
    A broken data file raises the same DataError on every call without being read again, so a build reports
    it once (hooks deduplicate) instead of once per page."""
    from .figures import with_data_figures  # figures.py formats from these rules: import it once they exist

    paths = data_paths()
    if paths not in _loaded:
        try:
            _loaded[paths] = with_data_figures(load_rules(*paths), paths[0])
        except DataError as error:
            _loaded[paths] = error
    result = _loaded[paths]
    if isinstance(result, DataError):
        raise result
    return result


default_rules.cache_clear = _loaded.clear  # `mkdocs serve` rebuilds when data/ changes: read it again
