// The page calculator against the vectors calculators/ generates (calculators/SPEC.md, section 9).
//
// Run by tests/test_js_calculator.py, which writes fresh vectors and passes their path in
// CALCULATOR_VECTORS. Run alone (`node --test tests/js/`), it asks the project's Python for them.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import {
  Calculator, DecimalSignal, InputProblem, TextReader, compare, decimalContext, equivalentAnnualRate, formatFen,
} from "../../docs/javascripts/calculator.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function loadVectors() {
  if (process.env.CALCULATOR_VECTORS) return JSON.parse(readFileSync(process.env.CALCULATOR_VECTORS, "utf8"));
  const venvPython = join(ROOT, ".venv", "bin", "python");
  const python = process.env.PYTHON || (existsSync(venvPython) ? venvPython : "python3");
  return JSON.parse(execFileSync(python, ["-m", "calculators", "vectors"], { cwd: ROOT, encoding: "utf8" }));
}

const vectors = loadVectors();
const calculator = new Calculator(vectors.rules);
const reader = new TextReader();

/** A Decimal as Python's str() writes it (1E+28, 3.3E-1000021): the arithmetic vectors' operands and results. */
function decimalLiteral(text) {
  const match = /^(-)?([0-9]+)(?:\.([0-9]+))?(?:E([+-][0-9]+))?$/.exec(text);
  assert.ok(match, `not a Decimal literal: ${text}`);
  const [, minus, whole, fraction = "", exponent = "0"] = match;
  return { negative: minus === "-", coefficient: BigInt(whole + fraction), exponent: BigInt(exponent) - BigInt(fraction.length) };
}

for (const vector of vectors.cases) {
  test(`case ${vector.id}`, () => {
    const result = calculator.calculate(vector.product, vector.amount, vector.days, vector.options);
    const expect = vector.expect;
    assert.equal(result.principalFen.toString(), expect.principal_fen, "principal");
    assert.equal(result.outstandingFen.toString(), expect.outstanding_fen, "outstanding");
    assert.deepEqual(result.charges.map((charge) => ({ label: charge.label, fen: charge.fen.toString() })),
      expect.charges, "charges");
    assert.equal(result.extraFen.toString(), expect.extra_fen, "extra");
    assert.equal(result.totalDueFen.toString(), expect.total_due_fen, "total due");
    assert.equal(result.annualRate, expect.annual_rate, "annual rate");
    // The form must accept what calculators accepts: no problem reported for any field.
    assert.deepEqual(calculator.check(vector.product, vector.amount, vector.days, vector.options).problems, []);
  });
}

for (const vector of vectors.errors) {
  test(`error ${vector.id}`, () => {
    const { problems } = calculator.check(vector.product, vector.amount, vector.days, vector.options);
    const expected = vector.field_errors;
    const first = expected[0];
    assert.deepEqual(problems, expected);
    assert.throws(() => calculator.calculate(vector.product, vector.amount, vector.days, vector.options),
      (error) => error instanceof InputProblem && error.field === first.field && error.code === first.code
        && error.message === first.message);
  });
}

for (const [index, reading] of vectors.numbers.entries()) {
  test(`number ${index} ${JSON.stringify(reading.text).slice(0, 40)}`, () => {
    const read = reader.read(reading.text);
    if (reading.result === "number") {
      assert.equal(read.kind, "number");
      assert.equal(read.negative, reading.negative);
      assert.equal(read.coefficient.toString(), reading.coefficient);
      assert.equal(read.exponent.toString(), reading.exponent);
    } else {
      assert.equal(read.kind, reading.result);
    }
  });
}

for (const [index, operation] of vectors.arithmetic.entries()) {
  test(`arithmetic ${index} ${operation.operation} ${operation.left} ${operation.right}`, () => {
    const left = decimalLiteral(operation.left);
    const run = () => (operation.operation === "quantize"
      ? decimalContext.quantizeHalfUp(left, BigInt(operation.right))
      : decimalContext[operation.operation](left, decimalLiteral(operation.right)));
    if (operation.signal) {
      assert.throws(run, (error) => error instanceof DecimalSignal && error.signal === operation.signal);
    } else {
      const result = run();
      assert.equal(compare(result, decimalLiteral(operation.value)), 0, `got ${result.coefficient}E${result.exponent}`);
    }
  });
}

test("every product and every error code is covered by the vectors", () => {
  const products = new Set(vectors.cases.map((vector) => vector.product));
  assert.deepEqual([...products].sort(), vectors.rules.products.map((product) => product.id).sort());
  const codes = new Set(vectors.errors.flatMap((vector) => vector.field_errors.map((problem) => problem.code)));
  for (const code of ["empty", "not_a_number", "grouping", "range", "whole", "decimals", "choice", "required",
    "paid_not_less", "too_small"]) {
    assert.ok(codes.has(code), code);
  }
});

test("this JavaScript normalises every character of the number alphabet as Python does", () => {
  // The syntax lets only these characters reach NFKC (SPEC.md, section 1.1), so Unicode versions cannot differ.
  assert.ok(vectors.normalisation.length > 200);
  for (const { text, nfkc, read_as: readAs } of vectors.normalisation) {
    const code = text.codePointAt(0).toString(16);
    assert.equal(text.normalize("NFKC"), nfkc, `NFKC of U+${code}`);
    assert.equal(reader.normalise(text), readAs, `normalise U+${code}`);
  }
});

test("a character outside the alphabet is refused even where this runtime's NFKC makes a digit of it", () => {
  // U+1CCF0 OUTLINED DIGIT ZERO is Unicode 16: newer runtimes normalise it to "0", Python 3.11 does not.
  for (const text of ["\u{1CCF0}", "5\u{1CCF5}", "\u{1D7D3}", "5\u00b2", "\u2460", "\u0661"]) {
    assert.equal(reader.read(text).kind, "not_a_number", JSON.stringify(text));
  }
});

test("money is shown like fen_to_display and rates keep two decimals", () => {
  assert.equal(formatFen(123456789n), "1,234,567.89");
  assert.equal(formatFen(5n), "0.05");
  assert.equal(formatFen(100000n), "1,000.00");
  assert.equal(equivalentAnnualRate(0n, 100n, 1), "0.00");
  // 1 fen on 3 fen for 7 days: 1 × 100 × 365 / 21 = 1738.0952… → 1738.10
  assert.equal(equivalentAnnualRate(1n, 3n, 7), "1738.10");
});

test("the due-date check the data cannot reach still refuses", () => {
  // due_days ≤ 27 < 28 ≤ cycle_days in today's data; a product file with wider limits must still be refused.
  const rules = structuredClone(vectors.rules);
  const card = rules.products.find((product) => product.model === "credit-card");
  card.options.find((option) => option.name === "due_days").max = "40";
  const wide = new Calculator(rules);
  const { problems } = wide.check(card.id, "1000", "5", { due_days: "30", cycle_days: "30" });
  assert.deepEqual(problems.map((problem) => [problem.field, problem.code]), [["due_days", "due_not_less"]]);
  assert.match(problems[0].message, /30 天/);
});
