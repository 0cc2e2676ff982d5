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
const reader = new TextReader(vectors.rules.syntax);

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
      assert.equal(read.kind === "invalid" ? "not_a_number" : "not_finite", reading.result);
    }
  });
}

for (const [index, operation] of vectors.arithmetic.entries()) {
  test(`arithmetic ${index} ${operation.operation} ${operation.left} ${operation.right}`, () => {
    const left = reader.read(operation.left);
    const run = () => (operation.operation === "quantize"
      ? decimalContext.quantizeHalfUp(left, BigInt(operation.right))
      : decimalContext[operation.operation](left, reader.read(operation.right)));
    if (operation.signal) {
      assert.throws(run, (error) => error instanceof DecimalSignal && error.signal === operation.signal);
    } else {
      const result = run();
      assert.equal(compare(result, reader.read(operation.value)), 0, `got ${result.coefficient}E${result.exponent}`);
    }
  });
}

test("every product and every error code is covered by the vectors", () => {
  const products = new Set(vectors.cases.map((vector) => vector.product));
  assert.deepEqual([...products].sort(), vectors.rules.products.map((product) => product.id).sort());
  const codes = new Set(vectors.errors.flatMap((vector) => vector.field_errors.map((problem) => problem.code)));
  for (const code of ["empty", "not_a_number", "not_finite", "range", "whole", "decimals", "choice", "required",
    "paid_not_less", "too_small"]) {
    assert.ok(codes.has(code), code);
  }
});

test("digits in every script Python knows read as Python reads them", () => {
  for (const [first, last] of vectors.rules.syntax.digit_ranges) {
    for (let code = first; code <= last; code += 1) {
      const read = reader.read(`${String.fromCodePoint(code)}5`);
      assert.equal(read.kind, "number");
      assert.equal(read.coefficient, BigInt((code - first) % 10) * 10n + 5n);
    }
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
