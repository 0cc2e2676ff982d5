// 我的还款计划 (docs/javascripts/plan.js) against figures calculators/ computes (tests/plan_vectors.py).
//
// Run by tests/test_js_plan.py, which writes fresh vectors and passes their path in PLAN_VECTORS. Run alone
// (`node --test tests/js/`), it asks the project's Python for them.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { Calculator } from "../../docs/javascripts/calculator.js";
import {
  BUDGET_FIELDS, MAX_DEBTS, MONTH_DAYS, assessDebt, fenToPlain, planTotals, rankDebts, readBudget, reasonText,
} from "../../docs/javascripts/plan.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function loadVectors() {
  if (process.env.PLAN_VECTORS) return JSON.parse(readFileSync(process.env.PLAN_VECTORS, "utf8"));
  const venvPython = join(ROOT, ".venv", "bin", "python");
  const python = process.env.PYTHON || (existsSync(venvPython) ? venvPython : "python3");
  return JSON.parse(execFileSync(python, [join(ROOT, "tests", "plan_vectors.py")], { cwd: ROOT, encoding: "utf8" }));
}

const vectors = loadVectors();
const calculator = new Calculator(vectors.rules);
const debtsById = new Map(vectors.debts.map((debt) => [debt.id, debt]));
const orNull = (value) => (value === null ? null : value.toString());
const hundredths = (rate) => { // "25.55" -> 2555n, independently of plan.js
  const [whole, part = ""] = rate.split(".");
  return BigInt(whole) * 100n + BigInt(part.padEnd(2, "0").slice(0, 2));
};

test("plan.js waits the month the vectors wait, and takes up to 10 debts", () => {
  assert.equal(MONTH_DAYS, vectors.month_days);
  assert.equal(MAX_DEBTS, 10);
});

for (const vector of vectors.debts) {
  test(`debt ${vector.id}`, () => {
    const assessed = assessDebt(calculator, vector);
    const expect = vector.expect;
    assert.deepEqual(assessed.problems, []);
    assert.equal(fenToPlain(assessed.result.extraFen), expect.extra_cost, "extra cost, as the CLI prints it");
    assert.equal(assessed.result.extraFen.toString(), expect.extra_fen);
    assert.equal(assessed.result.outstandingFen.toString(), expect.outstanding_fen);
    assert.equal(assessed.result.totalDueFen.toString(), expect.total_due_fen);
    assert.equal(orNull(assessed.dayFen), expect.day_fen, "one more day");
    assert.equal(orNull(assessed.monthFen), expect.month_fen, "one more month");
    assert.deepEqual(assessed.growth, expect.growth, "growth");
  });
}

/** A plan's debts as rankDebts takes them, with Python's figures beside them for the checks. */
function planItems(plan) {
  return plan.debts.map(({ debt, court }, index) => {
    const vector = debtsById.get(debt);
    const assessed = assessDebt(calculator, vector);
    return { ...assessed, index, court, growth: assessed.growth, totalDueFen: assessed.result.totalDueFen, expect: vector.expect };
  });
}

/** The guide's order (docs/coping/debts.md, 第四步) between two neighbours, on Python's figures. */
function checkNeighbours(a, b, available) {
  const settles = (item) => available !== null && available > 0n && BigInt(item.expect.total_due_fen) <= available;
  if (a.court !== b.court) return assert.ok(a.court, "court papers come first");
  const growthA = hundredths(a.expect.growth.rate);
  const growthB = hundredths(b.expect.growth.rate);
  assert.ok(growthA >= growthB, "the faster-growing comes first");
  if (growthA !== growthB) return undefined;
  assert.ok(settles(a) || !settles(b), "growing equally fast: what the budget can settle first");
  if (settles(a) !== settles(b)) return undefined;
  assert.ok(BigInt(a.expect.total_due_fen) <= BigInt(b.expect.total_due_fen), "then the smaller");
  if (a.expect.total_due_fen !== b.expect.total_due_fen) return undefined;
  return assert.ok(a.index < b.index, "then the order typed");
}

for (const plan of vectors.plans) {
  test(`plan ${plan.id}`, () => {
    const items = planItems(plan);
    const available = plan.available_fen === null ? null : BigInt(plan.available_fen);
    const totals = planTotals(items);
    assert.deepEqual({
      extra_fen: orNull(totals.extraFen), day_fen: orNull(totals.dayFen), month_fen: orNull(totals.monthFen),
      total_due_fen: orNull(totals.totalDueFen),
    }, plan.expect, "totals");

    const ranked = rankDebts(items, available);
    assert.deepEqual(ranked.map((item) => item.rank), items.map((_, index) => index + 1));
    assert.deepEqual(ranked.map((item) => item.index).sort((x, y) => x - y), items.map((item) => item.index));
    for (let position = 0; position + 1 < ranked.length; position += 1) {
      checkNeighbours(ranked[position], ranked[position + 1], available);
    }
    for (const [position, item] of ranked.entries()) {
      const text = reasonText(item);
      assert.ok(text.length > 10 && text.endsWith("。"), text);
      if (item.court) assert.equal(item.reason, "court");
      else if (ranked.length === 1) assert.equal(item.reason, "only");
      else if (position === ranked.length - 1) {
        const previous = ranked[position - 1];
        const slower = hundredths(previous.expect.growth.rate) > hundredths(item.expect.growth.rate);
        assert.equal(item.reason, previous.court ? "after-court" : slower ? "slower" : "tied");
      }
      else assert.ok(["faster", "settle", "smaller", "same"].includes(item.reason), item.reason);
      if (item.reason !== "court") assert.ok(text.includes(`${item.expect.growth.rate}%`), text);
    }
  });
}

// The rule's named cases, with the reason the page shows for each position.
const orderOf = (planId) => {
  const plan = vectors.plans.find((item) => item.id === planId);
  const ranked = rankDebts(planItems(plan), plan.available_fen === null ? null : BigInt(plan.available_fen));
  return ranked.map((item) => [plan.debts[item.index].debt, item.reason]);
};

test("court papers come before a faster-growing debt", () => {
  assert.deepEqual(orderOf("court-before-faster"),
    [["huabei-800-90", "court"], ["baitiao-5000-30", "faster"], ["card-8000-65", "slower"]]);
});

test("several court papers: the faster-growing of them first, then the rest", () => {
  assert.deepEqual(orderOf("two-courts"),
    [["baitiao-300-10", "court"], ["huabei-1000-7", "court"], ["card-5000-30", "after-court"]]);
});

test("growing equally fast: what the budget settles at once, then the smaller, then the order typed", () => {
  assert.deepEqual(orderOf("same-rate-settle-first"), [["baitiao-300-10", "settle"], ["baitiao-5000-30", "tied"]]);
  assert.deepEqual(orderOf("same-rate-smaller-first"), [["huabei-800-90", "smaller"], ["huabei-1000-7", "tied"]]);
  const same = vectors.plans.find((plan) => plan.id === "same-everything");
  assert.deepEqual(rankDebts(planItems(same), BigInt(same.available_fen)).map((item) => [item.index, item.reason]),
    [[0, "same"], [1, "tied"]]);
});

test("with no budget or no money left, nothing counts as settled", () => {
  for (const planId of ["fastest-first", "no-money-left"]) {
    const plan = vectors.plans.find((item) => item.id === planId);
    const available = plan.available_fen === null ? null : BigInt(plan.available_fen);
    assert.ok(rankDebts(planItems(plan), available).every((item) => !item.settles && item.reason !== "settle"));
  }
});

test("near the calculator's limit the growth is measured over what is left", () => {
  const ranked = rankDebts(planItems(vectors.plans.find((plan) => plan.id === "limits")), 10000000n);
  const near = ranked.find((item) => item.expect.month_fen === null && item.expect.day_fen !== null);
  const at = ranked.find((item) => item.expect.day_fen === null);
  assert.equal(near.growth.window, 1);
  assert.equal(at.growth.window, 0);
  assert.match(reasonText(near), /再等 1 天折合年化/);
  assert.match(reasonText(at), /到今天折合年化/);
});

test("an unknown reason is a programming error, not a blank line", () => {
  assert.throws(() => reasonText({ reason: "cheapest", growth: { rate: "1.00", window: 30 } }), /unknown reason/);
});

test("a debt the calculator refuses brings the calculator's own messages", () => {
  const vector = { product: "consumer-loan", amount: "五千", days: "0", options: {} };
  assert.deepEqual(assessDebt(calculator, vector).problems, calculator.check("consumer-loan", "五千", "0", {}).problems);
  assert.equal(assessDebt(calculator, vector).problems.length, 3);
});

test("the budget: what is left each month, read and refused as the calculator reads and refuses", () => {
  assert.deepEqual(readBudget(calculator, { income: "6,000", essentials: "4000.5", reserve: "" }),
    { problems: [], amounts: { income: 600000n, essentials: 400050n, reserve: null }, availableFen: 199950n });
  assert.equal(readBudget(calculator, { income: "1000", essentials: "1500", reserve: "100" }).availableFen, -60000n);
  assert.equal(readBudget(calculator, { income: "1000", essentials: "", reserve: "" }).availableFen, null);
  assert.equal(readBudget(calculator, { income: "0", essentials: "0", reserve: "" }).availableFen, 0n);
  const label = (name) => BUDGET_FIELDS.find((field) => field.name === name).short_label;
  const messages = vectors.rules.messages;
  const refused = readBudget(calculator, { income: "六千", essentials: "-1", reserve: "1.005" });
  assert.equal(refused.availableFen, null);
  assert.deepEqual(refused.problems.map((problem) => [problem.field, problem.code]),
    [["income", "not_a_number"], ["essentials", "range"], ["reserve", "decimals"]]);
  assert.equal(refused.problems[0].message, messages.not_a_number.replace("{label}", label("income")));
  assert.equal(refused.problems[1].message, messages["range.yuan"].replace("{label}", label("essentials"))
    .replace("{min}", "0").replace("{max}", vectors.rules.fields.amount.max_display));
  assert.equal(refused.problems[2].message, messages["decimals.yuan"].replace("{label}", label("reserve")));
});
