// Overdue cost calculator, computed in the reader's browser: nothing is sent anywhere.
//
// A second implementation of calculators/ (Python, the reference), written from calculators/SPEC.md and
// held to it by test vectors that the Python generates (tests/js/calculator.test.mjs). Money is integer
// fen in BigInt; every other number is an exact decimal that reproduces Python's Decimal default context,
// so even extreme inputs round exactly as the Python does. Product data comes from rules.json, which the
// build writes from data/products.yml (hooks/calculator_data.py); nothing here is typed by hand except
// the credit-card charge labels, which the vectors check.
//
// In the page: loaded on every page (extra_javascript), it does nothing unless the page has an element
// with [data-calculator]. It runs on Material's document$ (first load and every instant navigation).

// ---------------------------------------------------------------------------------------------------
// Decimal arithmetic in Python's default context (SPEC.md, section 1)

const PRECISION = 28n;
const EMIN = -999999n;
const EMAX = 999999n;
const ETINY = EMIN - PRECISION + 1n;

/** A signal Python's decimal module traps: InvalidOperation, DivisionByZero or Overflow. */
export class DecimalSignal extends Error {
  constructor(signal) {
    super(signal);
    this.signal = signal;
  }
}

const dec = (negative, coefficient, exponent) => ({ negative, coefficient, exponent });
const fromInteger = (n) => dec(n < 0n, n < 0n ? -n : n, 0n);
const digitCount = (coefficient) => BigInt(coefficient.toString().length);
const pow10 = (n) => 10n ** n;
const isZero = (x) => x.coefficient === 0n;

/** coefficient / 10^shift rounded to an integer; `inexact` says the true value is a little above coefficient. */
function shiftRound(coefficient, shift, mode, inexact = false) {
  if (shift > digitCount(coefficient)) return 0n; // below a tenth of the last place: rounds to zero
  const divisor = pow10(shift);
  let quotient = coefficient / divisor;
  const remainder = coefficient % divisor;
  const half = divisor / 2n;
  const tie = remainder === half && !inexact;
  if (remainder > half || (remainder === half && inexact)
      || (tie && (mode === "half-up" || quotient % 2n === 1n))) {
    quotient += 1n;
  }
  return quotient;
}

/** Round an exact result to the context: 28 significant digits, half-even, subnormals at ETINY. */
function finish(negative, coefficient, exponent, inexact = false) {
  if (coefficient === 0n && !inexact) return dec(negative, 0n, exponent);
  const adjusted = exponent + digitCount(coefficient) - 1n;
  const lowest = adjusted - (PRECISION - 1n) > ETINY ? adjusted - (PRECISION - 1n) : ETINY;
  if (exponent < lowest) {
    coefficient = shiftRound(coefficient, lowest - exponent, "half-even", inexact);
    exponent = lowest;
  } else if (inexact) {
    throw new Error("inexact result with room to spare: division did not keep enough digits");
  }
  if (coefficient !== 0n && exponent + digitCount(coefficient) - 1n > EMAX) throw new DecimalSignal("Overflow");
  return dec(negative, coefficient, exponent);
}

function add(a, b) {
  const exponent = a.exponent < b.exponent ? a.exponent : b.exponent;
  const value = (x) => (x.negative ? -1n : 1n) * x.coefficient * pow10(x.exponent - exponent);
  const sum = value(a) + value(b);
  return finish(sum < 0n, sum < 0n ? -sum : sum, exponent);
}

function multiply(a, b) {
  return finish(a.negative !== b.negative, a.coefficient * b.coefficient, a.exponent + b.exponent);
}

function divide(a, b) {
  if (isZero(b)) throw new DecimalSignal(isZero(a) ? "InvalidOperation" : "DivisionByZero");
  const negative = a.negative !== b.negative;
  if (isZero(a)) return dec(negative, 0n, 0n);
  const divisorDigits = b.coefficient.toString();
  if (/^10*$/.test(divisorDigits)) { // dividing by a power of ten (percent_of's / 100) only moves the point
    return finish(negative, a.coefficient, a.exponent - b.exponent - BigInt(divisorDigits.length - 1));
  }
  // Enough digits that at least one is dropped when rounding to 28: the remainder then only breaks ties.
  let scale = PRECISION + digitCount(b.coefficient) - digitCount(a.coefficient) + 1n;
  if (scale < 0n) scale = 0n;
  const numerator = a.coefficient * pow10(scale);
  const quotient = numerator / b.coefficient;
  const inexact = numerator % b.coefficient !== 0n;
  return finish(negative, quotient, a.exponent - b.exponent - scale, inexact);
}

/** x.quantize(10^exponent, ROUND_HALF_UP): halves away from zero; more than 28 digits is InvalidOperation. */
function quantizeHalfUp(x, exponent) {
  const coefficient = x.exponent >= exponent
    ? x.coefficient * pow10(x.exponent - exponent)
    : shiftRound(x.coefficient, exponent - x.exponent, "half-up");
  if (digitCount(coefficient) > PRECISION) throw new DecimalSignal("InvalidOperation");
  return dec(x.negative, coefficient, exponent);
}

function sign(x) {
  if (isZero(x)) return 0;
  return x.negative ? -1 : 1;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b, by value (-0 equals 0). */
export function compare(a, b) {
  const signA = sign(a);
  const signB = sign(b);
  if (signA !== signB) return signA < signB ? -1 : 1;
  if (signA === 0) return 0;
  const adjustedA = a.exponent + digitCount(a.coefficient);
  const adjustedB = b.exponent + digitCount(b.coefficient);
  let magnitude;
  if (adjustedA !== adjustedB) {
    magnitude = adjustedA < adjustedB ? -1 : 1;
  } else { // same order of magnitude: the exponents differ by less than the digits, so aligning is cheap
    const low = a.exponent < b.exponent ? a.exponent : b.exponent;
    const left = a.coefficient * pow10(a.exponent - low);
    const right = b.coefficient * pow10(b.exponent - low);
    magnitude = left === right ? 0 : left < right ? -1 : 1;
  }
  return magnitude === 0 ? 0 : signA * magnitude;
}

function isWhole(x) {
  if (isZero(x) || x.exponent >= 0n) return true;
  if (-x.exponent > digitCount(x.coefficient)) return false;
  return x.coefficient % pow10(-x.exponent) === 0n;
}

/** The integer value of a whole decimal (callers check isWhole and bounds first). */
function toInteger(x) {
  const magnitude = x.exponent >= 0n ? x.coefficient * pow10(x.exponent) : x.coefficient / pow10(-x.exponent);
  return x.negative ? -magnitude : magnitude;
}

/** Plain notation, as written with the exponent folded in: 0.050, 1000 (never 1E+3). */
export function plainDecimal(x) {
  let text = x.coefficient.toString();
  if (x.exponent >= 0n) {
    text += "0".repeat(Number(x.exponent));
  } else {
    const places = Number(-x.exponent);
    text = text.padStart(places + 1, "0");
    text = `${text.slice(0, -places)}.${text.slice(-places)}`;
  }
  return (x.negative && !isZero(x) ? "-" : "") + text;
}

/** The context operations, for the tests. */
export const decimalContext = { add, multiply, divide, quantizeHalfUp };

// ---------------------------------------------------------------------------------------------------
// Reading the reader's number (SPEC.md, section 1.1; calculators/number_text.py)

// The characters a number may contain before NFKC: ASCII, no-break space, ideographic space and full stop,
// full-width forms. All were assigned in Unicode 1.1, so String.prototype.normalize gives what Python's
// unicodedata gives whatever Unicode version the browser has; anything else (², ①, other scripts' digits,
// characters newer Unicode maps to digits) is refused before NFKC could make a digit of it.
const ALPHABET = /^[\u0000-\u007f\u00a0\u3000\u3002\uff01-\uff5e]*$/;
const SURROUNDING_WHITESPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g; // Python's str.strip(" \t\n\r\f\v")
const NUMBER = /^([+-]?)(?:([0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.([0-9]*))?|\.([0-9]+))$/;
const MISGROUPED = /^[+-]?[0-9,]*[0-9][0-9,]*(?:\.[0-9]*)?$/; // a number but for where its commas are

/** Reads text with the number syntax both implementations follow. */
export class TextReader {
  /** NFKC, 。 as a decimal point, surrounding whitespace dropped; null when a character is outside the alphabet. */
  normalise(text) {
    const raw = String(text);
    if (!ALPHABET.test(raw)) return null;
    return raw.normalize("NFKC").replace(/\u3002/g, ".").replace(SURROUNDING_WHITESPACE, "");
  }

  /**
   * {kind: "number", negative, coefficient, exponent}, or {kind: "empty" | "not_a_number" | "grouping"},
   * the codes calculators.number_text.read_number raises.
   */
  read(text) {
    const normalised = this.normalise(text);
    if (normalised === "") return { kind: "empty" };
    const match = normalised === null ? null : NUMBER.exec(normalised);
    if (!match) {
      const misgrouped = normalised !== null && normalised.includes(",") && MISGROUPED.test(normalised);
      return { kind: misgrouped ? "grouping" : "not_a_number" };
    }
    const [, signText, whole, fraction = "", fractionOnly] = match;
    const digits = whole !== undefined ? whole.replace(/,/g, "") + fraction : fractionOnly;
    const places = whole !== undefined ? fraction.length : fractionOnly.length;
    const coefficient = BigInt(digits);
    return { kind: "number", ...dec(signText === "-" && coefficient !== 0n, coefficient, -BigInt(places)) };
  }
}

// ---------------------------------------------------------------------------------------------------
// Checking the reader's input (SPEC.md, section 2)

/** A refused input: field, code and the Chinese message shown under the field. */
export class InputProblem extends Error {
  constructor(field, code, message) {
    super(message);
    this.field = field;
    this.code = code;
  }
}

export class Refusal extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}

const HUNDRED = fromInteger(100n);
const DAYS_PER_YEAR = fromInteger(365n);

function readNumber(reader, text) {
  const read = reader.read(text);
  if (read.kind !== "number") throw new Refusal(read.kind);
  return dec(read.negative, read.coefficient, read.exponent);
}

export class Calculator {
  /** @param data the content of rules.json (calculators.export.calculator_data) */
  constructor(data) {
    this.data = data;
    this.reader = new TextReader();
    this.maxAmount = readNumber(this.reader, data.fields.amount.max);
    this.maxDays = BigInt(data.fields.days.max);
    this.products = new Map(data.products.map((product) => [product.id, product]));
  }

  product(productId) {
    const product = this.products.get(productId);
    if (!product) throw new Error(`unknown product ${productId}`);
    return product;
  }

  /** Nothing typed but whitespace (an option left like this is not given). */
  isBlank(text) {
    return this.reader.normalise(String(text ?? "")) === "";
  }

  /** parse_amount: whole fen, 0 < amount ≤ the maximum. */
  parseAmount(text) {
    if (this.isBlank(text)) throw new Refusal("empty");
    const amount = readNumber(this.reader, text);
    if (compare(amount, fromInteger(0n)) <= 0 || compare(amount, this.maxAmount) > 0) throw new Refusal("range");
    const fen = multiply(amount, HUNDRED); // a context multiplication, as in money.yuan_to_fen
    if (!isWhole(fen)) throw new Refusal("decimals");
    const whole = toInteger(fen);
    if (whole === 0n) throw new Refusal("too_small"); // e.g. 1e-1000100: positive, but no fen at all
    return whole;
  }

  /** parse_days: a whole number from 1 to the maximum. */
  parseDays(text) {
    if (this.isBlank(text)) throw new Refusal("empty");
    const days = readNumber(this.reader, text);
    if (!isWhole(days) || compare(days, fromInteger(1n)) < 0 || compare(days, fromInteger(this.maxDays)) > 0) {
      throw new Refusal("range");
    }
    return Number(toInteger(days));
  }

  /** Option.parse: a Decimal, an integer number of days, or a choice. */
  parseOption(option, text) {
    if (option.kind === "choice") {
      const value = this.reader.normalise(String(text));
      if (!option.choices.includes(value)) throw new Refusal("choice");
      return value;
    }
    const number = readNumber(this.reader, text);
    if (option.kind === "days" && !isWhole(number)) throw new Refusal("whole");
    const minimum = readNumber(this.reader, option.min ?? "0");
    const tooLarge = option.max !== null && option.max !== undefined
      && compare(number, readNumber(this.reader, option.max)) > 0;
    if (compare(number, minimum) < 0 || tooLarge) throw new Refusal("range");
    if (option.kind === "percent" && -number.exponent > 4n) throw new Refusal("decimals");
    if (option.kind === "yuan" && -number.exponent > 2n) throw new Refusal("decimals");
    return option.kind === "days" ? Number(toInteger(number)) : number;
  }

  fieldSpec(product, field) {
    if (field === "amount") return { ...this.data.fields.amount, short_label: product.base_label };
    if (field === "days") return this.data.fields.days;
    return product.options.find((option) => option.name === field);
  }

  /** The Chinese message for a refused field, from the templates in rules.json. */
  message(product, field, code, cycle = null) {
    const spec = this.fieldSpec(product, field);
    const messages = this.data.messages;
    const template = messages[`${code}.${spec.kind}`] ?? messages[code];
    const values = {
      label: spec.short_label,
      min: spec.min || "0",
      max: spec.max_display || spec.max || "",
      unit: spec.unit ?? "",
      cycle: cycle ?? "",
    };
    return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  }

  problem(product, field, code, cycle = null) {
    return { field, code, message: this.message(product, field, code, cycle) };
  }

  /** The product's defaults, parsed as Option.parse parsed them when the data was loaded. */
  defaults(product) {
    const resolved = {};
    for (const option of product.options) {
      const text = product.parameters[option.name];
      if (text !== undefined) resolved[option.name] = this.parseOption(option, text);
    }
    return resolved;
  }

  /**
   * Check everything the reader typed (SPEC.md, section 2.1). `options` maps option names to text; blank
   * ones are not given. Returns {problems, values}: problems in overdue_cost's order (the first is what
   * it would raise), values when there are none.
   */
  check(productId, amountText, daysText, optionTexts = {}) {
    const product = this.product(productId);
    const problems = [];
    const attempt = (field, read) => {
      try {
        return read();
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        problems.push(this.problem(product, field, error.code));
        return null;
      }
    };
    const principal = attempt("amount", () => this.parseAmount(amountText));
    const days = attempt("days", () => this.parseDays(daysText));
    const resolved = this.defaults(product);
    const given = {};
    for (const option of product.options) {
      const text = optionTexts[option.name];
      if (text === undefined || text === null || this.isBlank(text)) continue;
      const value = attempt(option.name, () => this.parseOption(option, text));
      if (value !== null) resolved[option.name] = value;
      given[option.name] = true;
    }
    for (const option of product.options) {
      if (option.required && !(option.name in resolved) && !given[option.name]) {
        problems.push(this.problem(product, option.name, "required"));
      }
    }
    if (problems.length) return { problems, values: null };
    if (product.model === "credit-card") {
      const paid = resolved.paid === undefined ? 0n : yuanToFen(resolved.paid);
      if (paid >= principal) return { problems: [this.problem(product, "paid", "paid_not_less")], values: null };
      if (resolved.due_days >= resolved.cycle_days) {
        return { problems: [this.problem(product, "due_days", "due_not_less", resolved.cycle_days)], values: null };
      }
    }
    return { problems: [], values: { product, principal, days, options: resolved } };
  }

  /** The breakdown, or throws InputProblem with the first problem (as overdue_cost raises InputError). */
  calculate(productId, amountText, daysText, optionTexts = {}) {
    const { problems, values } = this.check(productId, amountText, daysText, optionTexts);
    if (problems.length) throw new InputProblem(problems[0].field, problems[0].code, problems[0].message);
    const { product, principal, days, options } = values;
    const [outstanding, charges] = MODELS[product.model](product, principal, days, options);
    const extra = charges.reduce((sum, charge) => sum + charge.fen, 0n);
    const annualRate = equivalentAnnualRate(extra, outstanding, days);
    const rate = readNumber(this.reader, annualRate);
    return {
      product,
      principalFen: principal,
      outstandingFen: outstanding,
      days,
      charges,
      extraFen: extra,
      totalDueFen: outstanding + extra,
      annualRate,
      options,
      referenceLines: this.data.reference_lines.map((line) => ({
        ...line, exceeded: compare(rate, readNumber(this.reader, line.rate)) > 0,
      })),
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// The models (SPEC.md, sections 4–7)

function percentOf(baseFen, percent) {
  return divide(multiply(fromInteger(baseFen), percent), HUNDRED);
}

function roundHalfUpFen(exact) {
  return toInteger(quantizeHalfUp(exact, 0n));
}

function dailyFee(product, principal, days, options) {
  const exact = multiply(percentOf(principal, options.daily_rate), fromInteger(BigInt(days)));
  return [principal, [{ label: product.charge_label, fen: roundHalfUpFen(exact) }]];
}

function penaltyMultiplier(product, principal, days, options) {
  const penaltyRate = multiply(options.daily_rate, options.multiplier);
  const exact = multiply(percentOf(principal, penaltyRate), fromInteger(BigInt(days)));
  return [principal, [{ label: product.charge_label, fen: roundHalfUpFen(exact) }]];
}

export const yuanToFen = (amount) => toInteger(multiply(amount, HUNDRED)); // options: at most two decimals, exact

function creditCard(product, principal, days, options) {
  const paid = options.paid === undefined ? 0n : yuanToFen(options.paid);
  const unpaid = principal - paid;
  const rate = options.daily_rate;
  const cycle = options.cycle_days;
  const due = options.due_days;
  const full = options.mode === "full";
  const beforeDueBase = full ? principal : unpaid;

  const keys = ["before_due", "after_due", "compound"];
  const totals = { before_due: 0n, after_due: 0n, compound: 0n };
  const zero = fromInteger(0n);
  const accrued = { before_due: zero, after_due: zero, compound: zero };
  let capitalised = 0n; // unpaid interest already added to the interest-bearing balance

  const post = () => {
    for (const key of keys) {
      const fen = roundHalfUpFen(accrued[key]);
      totals[key] += fen;
      capitalised += fen;
      accrued[key] = zero;
    }
  };
  // Day d counts from the statement date; days 0 … due-1 are the lost interest-free period.
  for (let day = 0; day < due + days; day += 1) {
    if (day < due) accrued.before_due = add(accrued.before_due, percentOf(beforeDueBase, rate));
    else accrued.after_due = add(accrued.after_due, percentOf(unpaid, rate));
    accrued.compound = add(accrued.compound, percentOf(capitalised, rate));
    if ((day + 1) % cycle === 0) post();
  }
  post();

  const minimumFirst = roundHalfUpFen(percentOf(principal, options.min_payment_ratio));
  const minimumLater = roundHalfUpFen(percentOf(unpaid, options.min_payment_ratio));
  let penalties = 0n;
  let penaltyCount = 0;
  const dueDatesPassed = Math.floor((days - 1) / cycle) + 1;
  for (let index = 0; index < dueDatesPassed; index += 1) {
    let unpaidMinimum = minimumLater;
    if (index === 0) unpaidMinimum = minimumFirst - paid > 0n ? minimumFirst - paid : 0n;
    if (unpaidMinimum === 0n) continue;
    let fee = roundHalfUpFen(percentOf(unpaidMinimum, options.penalty_rate));
    if (options.penalty_min !== undefined) {
      const least = yuanToFen(options.penalty_min);
      if (fee < least) fee = least;
    }
    if (options.penalty_max !== undefined) {
      const most = yuanToFen(options.penalty_max);
      if (fee > most) fee = most;
    }
    penalties += fee;
    penaltyCount += 1;
  }

  return [unpaid, [
    { label: full ? "免息期内的利息（未全额还款，免息期取消）" : "记账日到还款日的利息（未还部分）", fen: totals.before_due },
    { label: "到期后的透支利息", fen: totals.after_due },
    { label: "复利（未还利息计入本金后产生的利息）", fen: totals.compound },
    { label: `违约金（${penaltyCount} 次）`, fen: penalties },
  ]];
}

const MODELS = { "daily-fee": dailyFee, "penalty-multiplier": penaltyMultiplier, "credit-card": creditCard };

/** Extra ÷ unpaid principal ÷ days × 365, in percent, half-up to 0.01: "36.68". */
export function equivalentAnnualRate(extraFen, outstandingFen, days) {
  const numerator = multiply(multiply(fromInteger(extraFen), HUNDRED), DAYS_PER_YEAR);
  const denominator = multiply(fromInteger(outstandingFen), fromInteger(BigInt(days)));
  return plainDecimal(quantizeHalfUp(divide(numerator, denominator), -2n));
}

/** 123456 fen -> "1,234.56" (fen_to_display). */
export function formatFen(fen) {
  const negative = fen < 0n;
  const magnitude = negative ? -fen : fen;
  const whole = (magnitude / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const part = (magnitude % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${part}`;
}

// ---------------------------------------------------------------------------------------------------
// The page

const RULES_URL = new URL("../assets/calculator/rules.json", import.meta.url);
let rulesPromise = null;

export function loadRules() {
  if (rulesPromise) return rulesPromise;
  rulesPromise = fetch(RULES_URL, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`rules.json: HTTP ${response.status}`);
    return response.json();
  });
  return rulesPromise;
}

export function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of [].concat(children)) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

export function chineseDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${year} 年 ${month} 月 ${day} 日`;
}

function optionValueText(option, value) {
  if (option.kind === "choice") return option.choice_labels[option.choices.indexOf(value)] ?? value;
  const text = typeof value === "number" ? String(value) : plainDecimal(value);
  if (option.kind === "yuan") return `${text} 元`;
  if (option.kind === "days") return `${text} 天`;
  return `${text}${option.unit}`;
}

/** 5 元, 0.05%, 1.5: a value with its unit, spaced as 中文文案排版指北 asks. */
function withUnit(value, unit) {
  if (!unit) return value;
  return unit === "%" ? `${value}%` : `${value} ${unit}`;
}

/** A space before the next Chinese word only after a digit or Latin text: "0.05% 到", "5 元到". */
function spaced(text) {
  return /[\u4e00-\u9fff]$/.test(text) ? text : `${text} `;
}

class CalculatorView {
  constructor(root, calculator) {
    this.root = root;
    this.calculator = calculator;
    this.touched = new Set();
    this.build();
  }

  id(name) {
    return `calc-${name}`; // one calculator per page
  }

  field(name, label, hint, control) {
    const error = element("p", { class: "calc-error", id: this.id(`${name}-error`), "aria-live": "polite" });
    const hintNode = hint ? element("p", { class: "calc-hint", id: this.id(`${name}-hint`), text: hint }) : null;
    control.id = this.id(name);
    control.setAttribute("aria-describedby", [hintNode && hintNode.id, error.id].filter(Boolean).join(" "));
    control.dataset.field = name;
    return element("div", { class: "calc-field", "data-field": name }, [
      element("label", { for: control.id, text: label }), control, hintNode, error,
    ]);
  }

  textInput(placeholder) {
    return element("input", {
      type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false", placeholder,
    });
  }

  build() {
    const products = this.calculator.data.products;
    this.productSelect = element("select", {}, products.map((product) => element("option", {
      value: product.id, text: product.name,
    })));
    this.amountInput = this.textInput("例如 5000");
    this.daysInput = this.textInput("例如 30");
    this.optionsBox = element("div", { class: "calc-options" });
    this.form = element("form", { class: "calc-form", novalidate: true, "aria-label": "逾期费用计算器" }, [
      this.field("product", "产品", null, this.productSelect),
      this.field("amount", "", "到期没还上的那部分，单位元，可以有两位小数。", this.amountInput),
      this.field("days", "逾期天数", "从到期还款日的第二天算起，填整数。", this.daysInput),
      this.optionsBox,
      element("p", { class: "calc-actions" }, [element("button", { type: "submit", class: "md-button md-button--primary", text: "计算" })]),
    ]);
    this.live = element("div", { class: "calc-live", "aria-live": "polite", id: this.id("result") });
    this.details = element("div", { class: "calc-details" });
    this.notes = element("div", { class: "calc-notes penalty-note" });
    this.result = element("section", { class: "calc-result", "aria-labelledby": this.id("result-title") }, [
      element("h2", { id: this.id("result-title"), text: "计算结果" }), this.live, this.details, this.notes,
    ]);
    this.root.replaceChildren(this.form, this.result);
    this.root.classList.add("calc-ready");

    this.productSelect.addEventListener("change", () => this.showProduct());
    this.form.addEventListener("input", (event) => {
      if (event.target.dataset.field) this.touched.add(event.target.dataset.field);
      this.update();
    });
    this.form.addEventListener("change", (event) => {
      if (event.target.dataset.field) this.touched.add(event.target.dataset.field);
      this.update();
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault(); // nothing is sent anywhere
      for (const control of this.form.querySelectorAll("[data-field]")) {
        if (control.dataset.field) this.touched.add(control.dataset.field);
      }
      const first = this.update();
      if (first) this.form.querySelector(`input[data-field="${first}"], select[data-field="${first}"]`)?.focus();
      else this.bringResultIntoView();
    });
    this.showProduct();
  }

  /** On a phone the result is below the fold after 计算: scroll to it, without animation if the reader asks. */
  bringResultIntoView() {
    const still = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    this.result.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "start" });
  }

  get product() {
    return this.calculator.product(this.productSelect.value);
  }

  showProduct() {
    const product = this.product;
    const amountLabel = this.form.querySelector(`label[for="${this.amountInput.id}"]`);
    amountLabel.textContent = `${product.base_label}（元）`;
    for (const name of [...this.touched]) {
      if (!["product", "amount", "days"].includes(name)) this.touched.delete(name);
    }
    const required = [];
    const optional = [];
    for (const option of product.options) {
      (option.required ? required : optional).push(this.optionField(option));
    }
    const children = [...required];
    if (optional.length) {
      const names = product.options.filter((option) => !option.required).map((option) => option.short_label);
      children.push(element("details", { class: "calc-more" }, [
        element("summary", { text: "按你的合同或账单调整（可选）" }),
        element("p", { class: "calc-hint", text: `可以改：${names.join("、")}。不填的按结果下面“假设”里写的常见条款计算。` }),
        ...optional,
      ]));
    }
    this.optionsBox.replaceChildren(...children);
    this.update();
  }

  optionField(option) {
    let control;
    let hint;
    if (option.kind === "choice") {
      control = element("select", {}, option.choices.map((choice, index) => element("option", {
        value: choice, text: option.choice_labels[index] ?? choice,
      })));
      if (option.default !== null) control.value = option.default;
      hint = null;
    } else {
      control = this.textInput(option.default !== null ? `不填按 ${option.default}` : option.required ? "必填" : "选填");
      const range = `可填 ${spaced(withUnit(option.min ?? "0", option.unit))}到 ${withUnit(option.max_display ?? option.max, option.unit)}`;
      if (option.required) hint = `合同只写了年化利率的，用年化利率 ÷ 365。${range}。`;
      else if (option.default !== null) hint = `不填就按 ${withUnit(option.default, option.unit)} 算，${range}。`;
      else hint = `选填，${range}。`;
    }
    control.dataset.option = option.name;
    return this.field(option.name, option.label, hint, control);
  }

  optionTexts() {
    const texts = {};
    for (const control of this.optionsBox.querySelectorAll("[data-option]")) texts[control.dataset.option] = control.value;
    return texts;
  }

  /** Recompute; returns the first field with a visible problem, if any. */
  update() {
    const product = this.product;
    const { problems } = this.calculator.check(product.id, this.amountInput.value, this.daysInput.value, this.optionTexts());
    // Show a field's problem once the reader has typed in it; once amount and days are both filled, show all.
    const filled = !this.calculator.isBlank(this.amountInput.value) && !this.calculator.isBlank(this.daysInput.value);
    const visible = problems.filter((problem) => filled || this.touched.has(problem.field));
    for (const control of this.form.querySelectorAll("input[data-field], select[data-field]")) {
      const problem = visible.find((item) => item.field === control.dataset.field);
      const error = document.getElementById(this.id(`${control.dataset.field}-error`));
      if (error) error.textContent = problem ? problem.message : "";
      if (problem) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
    const details = this.optionsBox.querySelector("details.calc-more");
    if (details && visible.some((problem) => details.querySelector(`[data-field="${problem.field}"]`))) {
      details.open = true; // a problem in a folded field must not stay hidden
    }
    if (problems.length) {
      this.showWaiting(visible.length > 0);
      return visible.length ? visible[0].field : null;
    }
    let result;
    try {
      result = this.calculator.calculate(product.id, this.amountInput.value, this.daysInput.value, this.optionTexts());
    } catch (error) {
      if (!(error instanceof InputProblem)) throw error;
      const node = document.getElementById(this.id(`${error.field}-error`));
      if (node) node.textContent = error.message;
      this.showWaiting(true);
      return error.field;
    }
    this.showResult(result);
    return null;
  }

  showWaiting(hasProblems) {
    this.result.classList.remove("calc-has-result");
    this.live.replaceChildren(element("p", {
      class: "calc-waiting",
      text: hasProblems ? "请先按上面的提示改一下，改好后这里会马上显示结果。" : "填好金额和逾期天数，这里会马上显示结果。",
    }));
    this.details.replaceChildren();
    this.notes.replaceChildren();
  }

  showResult(result) {
    const { product } = result;
    const money = (fen) => element("td", { "data-fen": fen.toString(), text: `${formatFen(fen)} 元` });
    const unpaid = result.outstandingFen === result.principalFen ? "" : `（未还 ${formatFen(result.outstandingFen)} 元）`;
    const caption = `${product.name}：${product.base_label} ${formatFen(result.principalFen)} 元${unpaid}，逾期 ${result.days} 天`;
    const rows = result.charges.map((charge) => element("tr", { class: "calc-charge" }, [
      element("th", { scope: "row", text: charge.label }), money(charge.fen),
    ]));
    const table = element("table", { class: "calc-breakdown" }, [
      element("caption", { text: caption }),
      element("tbody", {}, [
        ...rows,
        element("tr", { class: "calc-extra" }, [element("th", { scope: "row", text: "多付合计" }), money(result.extraFen)]),
        element("tr", { class: "calc-total" }, [element("th", { scope: "row", text: "应还合计（未还本金 + 多付）" }), money(result.totalDueFen)]),
        element("tr", { class: "calc-rate" }, [
          element("th", { scope: "row", text: "折合单利年化" }),
          element("td", { "data-rate": result.annualRate }, [
            `${result.annualRate}%`, this.rateReason(result),
          ]),
        ]),
      ]),
    ]);
    const lines = element("ul", { class: "calc-lines" }, result.referenceLines.map((line) => element("li", {}, [
      "你的折合年化", element("strong", { text: line.exceeded ? "高于" : "不高于" }),
      // "4 倍 LPR" needs its rate spelled out; "年化 24%" already says it
      `“${line.label}”这条线${line.label.includes(line.rate) ? "" : `（年化 ${line.rate_display}%）`}。`,
      // What the line means, in one line: its scope from the data, without the bracketed detail.
      element("span", { class: "calc-line-why", text: line.scope.replace(/（[^）]*）/g, "") }),
    ])));
    const strong = (text) => element("strong", { text });
    this.live.replaceChildren(element("p", { class: "calc-headline" }, [
      `逾期 ${result.days} 天，多付 `, strong(`${formatFen(result.extraFen)} 元`),
      "，应还合计 ", strong(`${formatFen(result.totalDueFen)} 元`),
      "，折合单利年化 ", strong(`${result.annualRate}%`), "。",
    ]));
    this.details.replaceChildren(table, lines);
    this.result.classList.add("calc-has-result");
    this.notes.replaceChildren(...this.notesFor(result));
  }

  /** Why a credit card's rate is so high before its next statement: one-off charges over a few days. */
  rateReason(result) {
    const cycle = Number(result.options.cycle_days);
    if (result.product.model !== "credit-card" || !(result.days < cycle)) return null;
    return element("span", {
      class: "calc-rate-why",
      text: `免息期内的利息和违约金是一次收的，只摊在 ${result.days} 天上，所以折成年化显得很高。`,
    });
  }

  notesFor(result) {
    const { product } = result;
    const items = product.assumptions.map((text) => element("li", { text }));
    const changed = [];
    for (const option of product.options) {
      const value = result.options[option.name];
      if (value === undefined) continue;
      const text = optionValueText(option, value);
      const defaultText = product.parameters[option.name];
      const usual = defaultText === undefined
        ? null : optionValueText(option, this.calculator.parseOption(option, defaultText));
      if (text !== usual) changed.push(`${option.short_label}：${text}`);
    }
    if (changed.length) items.push(element("li", { text: `本次按你填的条款计算：${changed.join("；")}。与上面假设不同的，以你填的为准。` }));
    items.push(element("li", {}, [
      "规则日期：", element("time", { datetime: product.effective, text: chineseDate(product.effective) }),
      `。${product.effective_note}`,
    ]));
    items.push(element("li", {}, [
      `把握程度：${product.confidence_label}。`,
      product.is_certain ? null : element("strong", { text: "以合同为准。" }),
      product.confidence_note,
    ]));
    const sources = [];
    product.sources.forEach((source, index) => {
      if (index) sources.push("；");
      sources.push(element("a", { href: source.url, rel: "noopener", text: source.title }));
      sources.push(element("span", { class: "source-meta", text: `（${source.issuer}，${chineseDate(source.date)}）` }));
    });
    items.push(element("li", {}, ["来源：", ...sources]));
    const reference = this.calculator.data.reference_lines.map((line) =>
      `${line.label} = 年化 ${line.rate_display}%${line.basis ? `，即 ${line.basis}` : ""}：${line.scope}`).join("；");
    return [
      element("p", { class: "calc-notes-title", text: "这些数字基于下面的假设" }),
      element("ul", {}, items),
      element("p", { text: `对照线：${reference}。` }),
      element("p", { text: "计算只在你的浏览器里进行，你填的数字不会发送到任何地方。" }),
    ];
  }
}

async function mount(root) {
  if (root.dataset.calculatorMounted) return;
  root.dataset.calculatorMounted = "true";
  try {
    const data = await loadRules();
    new CalculatorView(root, new Calculator(data));
  } catch (error) {
    delete root.dataset.calculatorMounted;
    rulesPromise = null; // let the next visit try again
    const message = root.querySelector(".calc-needs-js");
    if (message) message.textContent = "计算器没能加载，请刷新页面再试；下面的费用表不受影响。";
    throw error;
  }
}

function start() {
  const root = document.querySelector("[data-calculator]");
  if (root) mount(root);
}

if (typeof document !== "undefined") {
  if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); // Material: first load and every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}
