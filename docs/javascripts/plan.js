// 我的还款计划 (docs/tools/plan.md): several debts, one order to deal with them, a budget, a printable plan.
//
// Every figure comes from the calculator's own engine (calculator.js: Calculator.check / calculate, the same
// rules.json, the same messages); nothing here computes a fee. What is new here is the order, and it lives
// in one pure function, rankDebts, held to the guide's priorities by tests/js/plan.test.mjs. Nothing the
// reader types is sent anywhere, and nothing is stored unless they press 保存在本机.
//
// Loaded by calculator-loader.js only on a page with [data-plan]; follows Material's instant navigation.

import {
  Calculator, Refusal, chineseDate, element, equivalentAnnualRate, formatFen, loadRules, yuanToFen,
} from "./calculator.js";

export const MAX_DEBTS = 10;
/** "One more month" of waiting, in days: the credit card's usual statement cycle, and what the page says. */
export const MONTH_DAYS = 30;
export const STORAGE_KEY = "yuqi-plan";

/** 123456n -> "1234.56": the CLI's --json form (calculators.money.fen_to_str). */
export const fenToPlain = (fen) => formatFen(fen).replace(/,/g, "");

/** "36.68" (two decimals, as equivalentAnnualRate gives) -> 3668n, for exact comparison. */
const hundredths = (rate) => BigInt(rate.replace(".", ""));

// ---------------------------------------------------------------------------------------------------
// Figures: one debt through the calculator's engine

/**
 * One debt as typed: {product, amount, days, options: {name: text}}. Returns {problems} (the calculator's
 * own field problems, in its order) or {problems: [], result, dayFen, monthFen, growth}: the cost so far
 * (result, as Calculator.calculate gives it), what one more day and MONTH_DAYS more days add (null beyond
 * the calculator's longest period), and how fast it grows from here (see growthOf).
 */
export function assessDebt(calculator, debt) {
  const options = debt.options ?? {};
  const { problems } = calculator.check(debt.product, debt.amount, debt.days, options);
  if (problems.length) return { problems };
  const result = calculator.calculate(debt.product, debt.amount, debt.days, options);
  const added = (more) => {
    const days = result.days + more;
    if (BigInt(days) > calculator.maxDays) return null;
    return calculator.calculate(debt.product, debt.amount, String(days), options).extraFen - result.extraFen;
  };
  const dayFen = added(1);
  const monthFen = added(MONTH_DAYS);
  return { problems: [], result, dayFen, monthFen, growth: growthOf(result, dayFen, monthFen) };
}

/**
 * How fast a debt grows from here, as the calculator's 折合单利年化 of what waiting adds: over the next
 * MONTH_DAYS days (smooths a credit card's once-a-cycle 违约金), or the next day near the calculator's
 * limit, or the cost so far at the limit itself. {rate: "36.68", window: days or 0 for "so far"}.
 */
export function growthOf(result, dayFen, monthFen) {
  if (monthFen !== null) return { rate: equivalentAnnualRate(monthFen, result.outstandingFen, MONTH_DAYS), window: MONTH_DAYS };
  if (dayFen !== null) return { rate: equivalentAnnualRate(dayFen, result.outstandingFen, 1), window: 1 };
  return { rate: result.annualRate, window: 0 };
}

/** Sums over the debts that could be computed; a sum is null if one of its parts is. */
export function planTotals(assessed) {
  const sum = (pick) => assessed.reduce((total, item) => (total === null || pick(item) === null ? null : total + pick(item)), 0n);
  return {
    extraFen: sum((item) => item.result.extraFen),
    dayFen: sum((item) => item.dayFen),
    monthFen: sum((item) => item.monthFen),
    totalDueFen: sum((item) => item.result.totalDueFen),
  };
}

// ---------------------------------------------------------------------------------------------------
// The order (docs/coping/debts.md, 第四步). The one place this rule is written in code.

/**
 * Which debt to deal with first. Each item: {index, court, growth: {rate, window} (growthOf), totalDueFen};
 * availableFen is what the budget leaves each month for repayment (null when not filled in). The rule:
 *   1. debts with court papers (支付令、起诉状、传票、执行通知书) first;
 *   2. then what grows fastest (the higher 折合年化 of waiting, to the hundredth of a percent);
 *   3. growing equally fast: what this month's repayment money can settle at once first, then the smaller;
 *   4. otherwise the order the reader typed them in.
 * Returns the items in order, each with rank (1, 2, …), settles (the budget clears it at once) and reason:
 * why it stands before the next one ("court", "faster", "settle", "smaller", "same"); for the last, why it
 * comes after the one before ("after-court", "slower", "tied"); "only" for a single debt.
 */
export function rankDebts(items, availableFen = null) {
  const settles = (item) => availableFen !== null && availableFen > 0n && item.totalDueFen <= availableFen;
  const before = (a, b) => {
    if (a.court !== b.court) return a.court ? -1 : 1;
    const growth = hundredths(b.growth.rate) - hundredths(a.growth.rate);
    if (growth !== 0n) return growth < 0n ? -1 : 1;
    if (settles(a) !== settles(b)) return settles(a) ? -1 : 1;
    if (a.totalDueFen !== b.totalDueFen) return a.totalDueFen < b.totalDueFen ? -1 : 1;
    return a.index - b.index;
  };
  const ordered = [...items].sort(before);
  return ordered.map((item, position) => {
    const next = ordered[position + 1];
    const previous = ordered[position - 1];
    let reason;
    if (item.court) reason = "court";
    else if (!previous && !next) reason = "only";
    else if (!next && previous.court) reason = "after-court";
    else if (!next) reason = hundredths(previous.growth.rate) > hundredths(item.growth.rate) ? "slower" : "tied";
    else if (hundredths(item.growth.rate) > hundredths(next.growth.rate)) reason = "faster";
    else if (settles(item) && !settles(next)) reason = "settle";
    else if (item.totalDueFen < next.totalDueFen) reason = "smaller";
    else reason = "same";
    return { ...item, rank: position + 1, reason, settles: settles(item) };
  });
}

function windowText(window) {
  if (window === 0) return "到今天";
  return window === 1 ? "再等 1 天" : `再等 ${window} 天`;
}

/** The one-line explanation of a position, in the guide's words (docs/coping/debts.md). */
export function reasonText(ranked) {
  const rate = `${windowText(ranked.growth.window)}折合年化 ${ranked.growth.rate}%`;
  switch (ranked.reason) {
    case "court":
      return "你勾选了已收到法院文书。支付令、起诉状、传票都有期限，先处理。";
    case "faster":
      return `涨得比排在后面的快（${rate}）：同样一元钱，欠在它那里多付得更多。`;
    case "settle":
      return `和下一笔涨得一样快（${rate}），每月能拿来还款的钱够一次还清它。`;
    case "smaller":
      return `和下一笔涨得一样快（${rate}），金额更小：先清掉它，要应付的机构少一家。`;
    case "same":
      return `和下一笔涨得一样快（${rate}），金额也一样，按你填写的顺序排。`;
    case "after-court":
      return `前面几笔有法院文书，先处理；然后是这一笔（${rate}）。在那之前尽量还上最低要求，别让它再扩大。`;
    case "slower":
      return `比前面一笔涨得慢（${rate}），排在后面。在还清它之前，尽量还上最低要求，别让它再扩大。`;
    case "tied":
      return `和上一笔涨得一样快（${rate}），金额不比它小，排在后面。在还清它之前，尽量还上最低要求，别让它再扩大。`;
    case "only":
      return `只有这一笔（${rate}）。尽量还上最低要求，别让它再扩大；一次还不清，就尽早协商。`;
    default:
      throw new Error(`unknown reason ${ranked.reason}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// The budget: yuan amounts read by the calculator's own parser and messages

export const BUDGET_FIELDS = [
  { name: "income", label: "每月收入（元）", short_label: "每月收入", hint: "工资、兼职、其他，加在一起。" },
  { name: "essentials", label: "每月必需支出（元）", short_label: "必需支出", hint: "房租或房贷、吃饭、交通、水电通讯、医疗、孩子。" },
  { name: "reserve", label: "留一点应急钱（元，可不填）", short_label: "应急钱", hint: "不填按 0 元算。" },
];

/** A budget field as the calculator's option spec: yuan, 0 up to the calculator's largest amount. */
function budgetSpec(calculator, field) {
  const amount = calculator.data.fields.amount;
  return { ...field, kind: "yuan", unit: "元", min: "0", max: amount.max, max_display: amount.max_display };
}

/**
 * {income, essentials, reserve} as typed -> {problems, amounts, availableFen}: each amount in fen (null when
 * blank or refused) and what is left each month for repayment (income − essentials − reserve; null until
 * income and essentials are filled in). Messages are the calculator's, from rules.json.
 */
export function readBudget(calculator, texts) {
  const problems = [];
  const fen = {};
  for (const field of BUDGET_FIELDS) {
    const text = texts[field.name] ?? "";
    if (calculator.isBlank(text)) { fen[field.name] = null; continue; }
    const spec = budgetSpec(calculator, field);
    try {
      const yuan = calculator.parseOption(spec, text);
      fen[field.name] = yuanToFen(yuan);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      // The calculator's message table and its formatter, with this field as the only "option".
      problems.push({ field: field.name, code: error.code, message: calculator.message({ options: [spec] }, field.name, error.code) });
      fen[field.name] = null;
    }
  }
  const ready = !problems.length && fen.income !== null && fen.essentials !== null;
  return { problems, amounts: fen, availableFen: ready ? fen.income - fen.essentials - (fen.reserve ?? 0n) : null };
}

// ---------------------------------------------------------------------------------------------------
// The page

const COURT_LABEL = "已收到法院文书（支付令、起诉状副本、传票或执行通知书）";

function todayIso() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function readStorage() {
  try {
    const text = window.localStorage.getItem(STORAGE_KEY);
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // storage switched off or a damaged entry: start empty
  }
}

class PlanView {
  constructor(root, calculator) {
    this.root = root;
    this.calculator = calculator;
    this.rows = [];
    this.nextKey = 1;
    this.build();
    const saved = readStorage();
    if (saved?.version === 1 && Array.isArray(saved.debts) && saved.debts.length) {
      for (const debt of saved.debts.slice(0, MAX_DEBTS)) this.addRow(debt);
      for (const field of BUDGET_FIELDS) this.budgetInputs[field.name].value = saved.budget?.[field.name] ?? "";
      this.touchAll();
      this.status.textContent = `这份计划保存在本机（${saved.savedAt ? chineseDate(saved.savedAt) : "之前"}）。不想留着，按“全部清除”。`;
    } else {
      this.addRow();
    }
    this.update();
  }

  // -- building

  textInput(id, placeholder) {
    return element("input", {
      id, type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false", placeholder,
    });
  }

  field(id, label, hint, control, name) {
    const error = element("p", { class: "calc-error", id: `${id}-error`, "aria-live": "polite" });
    const hintNode = hint ? element("p", { class: "calc-hint", id: `${id}-hint`, text: hint }) : null;
    control.setAttribute("aria-describedby", [hintNode && hintNode.id, error.id].filter(Boolean).join(" "));
    control.dataset.field = name;
    return element("div", { class: "calc-field", "data-field": name }, [
      element("label", { for: id, text: label }), control, hintNode, error,
    ]);
  }

  build() {
    this.list = element("div", { class: "plan-debts" });
    this.addButton = element("button", { type: "button", class: "md-button plan-add", text: "添加一笔" });
    this.addNote = element("p", { class: "calc-hint plan-add-note", "aria-live": "polite" });
    this.form = element("form", { class: "calc-form plan-form", novalidate: true, "aria-label": "我的欠款" }, [
      this.list, element("p", { class: "plan-add-line" }, [this.addButton]), this.addNote,
    ]);

    this.budgetInputs = {};
    this.budgetTouched = new Set();
    const budgetFields = BUDGET_FIELDS.map((field) => {
      const input = this.textInput(`plan-budget-${field.name}`, field.name === "reserve" ? "不填按 0" : "例如 6000");
      this.budgetInputs[field.name] = input;
      return this.field(input.id, field.label, field.hint, input, field.name);
    });
    this.budgetLine = element("p", { class: "plan-budget-line", "aria-live": "polite" });
    this.budgetForm = element("form", { class: "calc-form plan-budget-form", novalidate: true, "aria-label": "每月预算" }, budgetFields);
    const budget = element("section", { class: "plan-budget", "aria-labelledby": "plan-budget-title" }, [
      element("h2", { id: "plan-budget-title", text: "每月预算" }),
      element("p", { text: "先保住基本生活，再算每月能拿来还款的钱 = 收入 − 必需支出 − 应急钱。" }),
      this.budgetForm, this.budgetLine,
    ]);

    this.date = element("time", { datetime: todayIso(), text: chineseDate(todayIso()) });
    this.order = element("ol", { class: "plan-order" });
    this.waiting = element("div", { class: "plan-waiting", "aria-live": "polite" });
    this.totals = element("div", { class: "plan-totals" });
    this.budgetSummary = element("p", { class: "plan-budget-summary" });
    this.steps = element("ol", { class: "plan-steps" });
    const sheet = element("section", { class: "plan-sheet", "aria-labelledby": "plan-sheet-title" }, [
      element("h2", { id: "plan-sheet-title", text: "你的还款计划" }),
      element("p", { class: "plan-dated" }, ["制订日期：", this.date,
        "。按本站计算器的常见条款算出，以你的合同和账单为准。"]),
      element("h3", { text: "先后顺序和多付的钱" }),
      this.waiting, this.order, this.totals,
      element("h3", { text: "每月预算" }), this.budgetSummary,
      element("h3", { text: "接下来" }), this.steps,
    ]);

    this.printButton = element("button", { type: "button", class: "md-button md-button--primary", text: "打印计划" });
    this.saveButton = element("button", { type: "button", class: "md-button", text: "保存在本机" });
    this.clearButton = element("button", { type: "button", class: "md-button", text: "全部清除" });
    this.status = element("p", { class: "plan-status", role: "status" });
    const actions = element("div", { class: "plan-actions" }, [
      element("p", { class: "plan-buttons" }, [this.printButton, " ", this.saveButton, " ", this.clearButton]),
      this.status,
      element("p", { class: "calc-hint", text: "计算只在你的浏览器里进行。不按“保存在本机”，关掉页面就什么都不留；按了，只存在这台设备的浏览器里，按“全部清除”就删掉。" }),
    ]);

    this.root.replaceChildren(this.form, budget, sheet, actions);
    this.root.classList.add("plan-ready");

    this.addButton.addEventListener("click", () => {
      const row = this.addRow();
      this.update();
      row?.productSelect.focus();
    });
    for (const form of [this.form, this.budgetForm]) {
      form.addEventListener("submit", (event) => event.preventDefault()); // nothing is sent anywhere
      for (const type of ["input", "change"]) {
        form.addEventListener(type, (event) => {
          const row = this.rows.find((item) => item.node.contains(event.target));
          if (row && event.target.dataset.field) row.touched.add(event.target.dataset.field);
          if (form === this.budgetForm && event.target.dataset.field) this.budgetTouched.add(event.target.dataset.field);
          this.update();
        });
      }
    }
    this.printButton.addEventListener("click", () => window.print());
    this.saveButton.addEventListener("click", () => this.save());
    this.clearButton.addEventListener("click", () => this.clear());
  }

  addRow(saved = null) {
    if (this.rows.length >= MAX_DEBTS) return null;
    const key = this.nextKey;
    this.nextKey += 1;
    const id = (name) => `plan-${key}-${name}`;
    const productSelect = element("select", { id: id("product") }, this.calculator.data.products.map((product) => element("option", {
      value: product.id, text: product.name,
    })));
    const amount = this.textInput(id("amount"), "例如 5000");
    const days = this.textInput(id("days"), "例如 30");
    const court = element("input", { type: "checkbox", id: id("court") });
    const options = element("div", { class: "calc-options" });
    const legend = element("legend");
    const remove = element("button", { type: "button", class: "md-button plan-remove" });
    const node = element("fieldset", { class: "plan-debt" }, [
      legend,
      this.field(id("product"), "产品", null, productSelect, "product"),
      this.field(id("amount"), "金额（元）", "到期没还上的那部分。", amount, "amount"),
      this.field(id("days"), "逾期天数", "从到期还款日的第二天算起，填整数。", days, "days"),
      options,
      element("p", { class: "plan-court" }, [court, " ", element("label", { for: court.id, text: COURT_LABEL })]),
      element("p", { class: "plan-remove-line" }, [remove]),
    ]);
    const row = { key, id, node, legend, productSelect, amount, days, court, options, remove, touched: new Set() };
    // the hint names what this product's amount is, in the calculator's words (base_label)
    row.amountHint = node.querySelector(`#${id("amount")}-hint`);
    remove.addEventListener("click", () => this.removeRow(row));
    productSelect.addEventListener("change", () => this.showOptions(row));
    this.rows.push(row);
    this.list.append(node);
    if (saved) {
      if (this.calculator.products.has(saved.product)) productSelect.value = saved.product;
      amount.value = saved.amount ?? "";
      days.value = saved.days ?? "";
      court.checked = Boolean(saved.court);
    }
    this.showOptions(row, saved?.options ?? {});
    this.renumber();
    return row;
  }

  removeRow(row) {
    const index = this.rows.indexOf(row);
    if (index < 0 || this.rows.length === 1) return;
    this.rows.splice(index, 1);
    row.node.remove();
    this.renumber();
    this.update();
    (this.rows[index] ?? this.rows[index - 1]).productSelect.focus();
  }

  renumber() {
    this.rows.forEach((row, index) => {
      row.legend.textContent = `第 ${index + 1} 笔`;
      row.remove.textContent = `删除第 ${index + 1} 笔`;
      row.remove.hidden = this.rows.length === 1;
    });
    const full = this.rows.length >= MAX_DEBTS;
    this.addButton.disabled = full;
    this.addNote.textContent = full ? `最多填 ${MAX_DEBTS} 笔。` : "";
  }

  showOptions(row, savedOptions = null) {
    const product = this.calculator.product(row.productSelect.value);
    row.amountHint.textContent = `填${product.base_label}：到期没还上的那部分，可以有两位小数。`;
    for (const name of [...row.touched]) if (!["product", "amount", "days"].includes(name)) row.touched.delete(name);
    const required = [];
    const optional = [];
    for (const option of product.options) {
      const control = this.optionControl(row, option);
      if (savedOptions && savedOptions[option.name] !== undefined) control.value = savedOptions[option.name];
      const hint = option.required ? "合同只写了年化利率的，用年化利率 ÷ 365。" : null;
      (option.required ? required : optional).push(this.field(control.id, option.label, hint, control, option.name));
    }
    const children = [...required];
    if (optional.length) {
      children.push(element("details", { class: "calc-more" }, [
        element("summary", { text: "按你的合同或账单调整（可选）" }), ...optional,
      ]));
    }
    row.options.replaceChildren(...children);
  }

  optionControl(row, option) {
    let control;
    if (option.kind === "choice") {
      control = element("select", { id: row.id(option.name) }, option.choices.map((choice, index) => element("option", {
        value: choice, text: option.choice_labels[index] ?? choice,
      })));
      if (option.default !== null) control.value = option.default;
    } else {
      control = this.textInput(row.id(option.name), option.default !== null ? `不填按 ${option.default}` : option.required ? "必填" : "选填");
    }
    control.dataset.option = option.name;
    return control;
  }

  touchAll() {
    for (const row of this.rows) for (const control of row.node.querySelectorAll("[data-field]")) row.touched.add(control.dataset.field);
    for (const field of BUDGET_FIELDS) this.budgetTouched.add(field.name);
  }

  // -- reading

  debtTexts(row) {
    const options = {};
    for (const control of row.options.querySelectorAll("[data-option]")) options[control.dataset.option] = control.value;
    return { product: row.productSelect.value, amount: row.amount.value, days: row.days.value, options, court: row.court.checked };
  }

  budgetTexts() {
    const texts = {};
    for (const field of BUDGET_FIELDS) texts[field.name] = this.budgetInputs[field.name].value;
    return texts;
  }

  showProblems(container, problems, touched, everything) {
    const visible = problems.filter((problem) => everything || touched.has(problem.field));
    for (const control of container.querySelectorAll("input[data-field], select[data-field]")) {
      const problem = visible.find((item) => item.field === control.dataset.field);
      const error = document.getElementById(`${control.id}-error`);
      if (error) error.textContent = problem ? problem.message : "";
      if (problem) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
    const details = container.querySelector("details.calc-more");
    if (details && visible.some((problem) => details.querySelector(`[data-field="${problem.field}"]`))) details.open = true;
    return visible;
  }

  // -- computing and showing

  update() {
    const budget = readBudget(this.calculator, this.budgetTexts());
    this.showProblems(this.budgetForm, budget.problems, this.budgetTouched, false);
    const assessed = [];
    const unfinished = [];
    this.rows.forEach((row, index) => {
      const texts = this.debtTexts(row);
      // a long credit-card debt takes a few thousand daily steps: recompute only the row that changed
      const key = JSON.stringify([texts.product, texts.amount, texts.days, texts.options]);
      if (row.assessed?.key !== key) row.assessed = { key, item: assessDebt(this.calculator, texts) };
      const { item } = row.assessed;
      const filled = !this.calculator.isBlank(texts.amount) && !this.calculator.isBlank(texts.days);
      this.showProblems(row.node, item.problems, row.touched, filled);
      if (item.problems.length) unfinished.push(index + 1);
      else assessed.push({ ...item, index, court: texts.court, totalDueFen: item.result.totalDueFen });
    });
    const ranked = rankDebts(assessed, budget.availableFen);
    this.showOrder(ranked, unfinished);
    this.showBudget(budget, ranked);
    this.showSteps(ranked, budget);
  }

  showOrder(ranked, unfinished) {
    const fen = (value) => (value === null ? "算不出（超过计算器的最长天数）" : `${formatFen(value)} 元`);
    this.order.replaceChildren(...ranked.map((item) => {
      const { result } = item;
      const product = result.product;
      const row = this.rows[item.index];
      const unpaid = result.outstandingFen === result.principalFen ? "" : `（未还 ${formatFen(result.outstandingFen)} 元）`;
      return element("li", {
        class: "plan-row", "data-product": product.id, "data-extra-cost": fenToPlain(result.extraFen), "data-rank": item.rank,
        "data-debt": row.key,
      }, [
        element("p", { class: "plan-row-title" }, [element("strong", { text: `第 ${item.rank} 位：${product.name}` })]),
        element("p", {
          class: "plan-row-what",
          text: `你填的第 ${item.index + 1} 笔：${product.base_label} ${formatFen(result.principalFen)} 元${unpaid}，`
            + `逾期 ${result.days} 天${item.court ? "，已收到法院文书" : ""}。`,
        }),
        element("ul", { class: "plan-figures" }, [
          element("li", {}, ["到今天多付 ", element("strong", { text: `${formatFen(result.extraFen)} 元` }),
            `，应还合计 ${formatFen(result.totalDueFen)} 元`]),
          element("li", { text: `再等 1 天多付：${fen(item.dayFen)}` }),
          element("li", { text: `再等 ${MONTH_DAYS} 天多付：${fen(item.monthFen)}` }),
        ]),
        element("p", { class: "plan-reason", text: reasonText(item) }),
      ]);
    }));
    const lines = [];
    if (!ranked.length) lines.push("填好金额和逾期天数，这里会马上排出顺序，算出每一笔多付的钱。");
    if (unfinished.length && ranked.length) lines.push(`第 ${unfinished.join("、")} 笔还没填好，先按上面的提示改一下，改好后会排进来。`);
    this.waiting.replaceChildren(...lines.map((text) => element("p", { class: "calc-waiting", text })));
    if (!ranked.length) { this.totals.replaceChildren(); return; }
    const totals = planTotals(ranked);
    const money = (value) => element("td", { text: value === null ? "—" : `${formatFen(value)} 元`, "data-fen": value === null ? null : value.toString() });
    this.totals.replaceChildren(element("table", { class: "calc-breakdown plan-total-table" }, [
      element("caption", { text: `合计（${ranked.length} 笔）` }),
      element("tbody", {}, [
        element("tr", { class: "plan-total-extra" }, [element("th", { scope: "row", text: "到今天多付" }), money(totals.extraFen)]),
        element("tr", { class: "plan-total-day" }, [element("th", { scope: "row", text: "再等 1 天，多付" }), money(totals.dayFen)]),
        element("tr", { class: "plan-total-month" }, [element("th", { scope: "row", text: `再等 ${MONTH_DAYS} 天，多付` }), money(totals.monthFen)]),
        element("tr", { class: "plan-total-due" }, [element("th", { scope: "row", text: "应还合计（未还本金 + 多付）" }), money(totals.totalDueFen)]),
      ]),
    ]));
  }

  budgetMessage(budget, ranked) {
    if (budget.problems.length) return "预算里有一项要改一下，见上面的提示。";
    if (budget.availableFen === null) return "填上收入和必需支出，这里会算出每月能拿来还款的钱。";
    const available = budget.availableFen;
    const head = `每月能拿来还款的钱：${formatFen(available)} 元。`;
    if (available <= 0n) {
      return `${head}收入扣掉必需支出和应急钱，已经没有能拿来还款的钱。这说明该去协商，而不是去借新的钱。`;
    }
    if (!ranked.length) return head;
    const due = planTotals(ranked).totalDueFen;
    if (available >= due) return `${head}够一次还清上面这些逾期的钱（应还合计 ${formatFen(due)} 元）。还之前先在官方 App 或账单里核对金额。`;
    let left = available;
    let count = 0;
    for (const item of ranked) {
      if (item.totalDueFen > left) break;
      left -= item.totalDueFen;
      count += 1;
    }
    const first = count ? `按上面的顺序，这个月能一次还清前 ${count} 笔。` : "";
    return `${head}不够一次还清上面这些逾期的钱（应还合计 ${formatFen(due)} 元）。${first}拿着这份预算去协商，比空口说“我很困难”更有说服力。`;
  }

  showBudget(budget, ranked) {
    const text = this.budgetMessage(budget, ranked);
    this.budgetLine.textContent = text;
    this.budgetSummary.replaceChildren();
    const figures = BUDGET_FIELDS.filter((field) => budget.amounts[field.name] !== null)
      .map((field) => `${field.short_label} ${formatFen(budget.amounts[field.name])} 元`);
    if (figures.length) this.budgetSummary.append(`你填的：${figures.join("，")}。`);
    this.budgetSummary.append(text);
  }

  showSteps(ranked, budget) {
    // the site's root is one folder above this script's; a path, not an address, so print shows none
    const link = (path, text) => element("a", { href: new URL(`../${path}`, import.meta.url).pathname, text });
    const base = "";
    const steps = [];
    const court = ranked.filter((item) => item.court);
    if (court.length) {
      steps.push([`先处理有法院文书的 ${court.length} 笔：看清文书上的期限，拿不准真假，自己查到这家法院的官方电话去核实。见 `,
        link(`${base}costs/litigation/`, "起诉、支付令和执行"), "。"]);
    }
    steps.push(["每一笔的数字，只在官方 App、账单和合同里核对，不要用催收短信里的数字。"]);
    steps.push(["先保住基本生活；所有欠款先别再扩大，尽量让每一笔都还上最低要求，或者谈成可以承受的月供。"]);
    if (ranked.length > 1) steps.push([`多出来的钱，按上面的顺序还：先第 1 位，再第 2 位。`]);
    const short = budget.availableFen !== null && ranked.length && budget.availableFen < planTotals(ranked).totalDueFen;
    if (short) steps.push(["钱不够一次还清，就尽早协商，并保留书面记录：", link(`${base}coping/negotiate/`, "协商还款"), "，",
      link(`${base}templates/negotiation/`, "协商还款申请"), "。"]);
    steps.push(["不要以贷养贷：借新还旧只是把一笔贵的债换成两笔。"]);
    this.steps.replaceChildren(...steps.map((parts) => element("li", {}, parts)));
  }

  // -- saving

  state() {
    return {
      version: 1,
      savedAt: todayIso(),
      debts: this.rows.map((row) => this.debtTexts(row)),
      budget: this.budgetTexts(),
    };
  }

  save() {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(this.state()));
      this.status.textContent = "已保存在本机。之后改了，要再按一次“保存在本机”；不想留着，按“全部清除”。";
    } catch {
      this.status.textContent = "这个浏览器不让网页在本机保存（可能开着无痕模式）。可以打印计划留着。";
    }
  }

  clear() {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing was stored
    }
    for (const row of this.rows) row.node.remove();
    this.rows = [];
    for (const field of BUDGET_FIELDS) this.budgetInputs[field.name].value = "";
    this.budgetTouched.clear();
    const row = this.addRow();
    this.update();
    this.status.textContent = "已全部清除：本机没有保存这份计划，表格也清空了。";
    row.productSelect.focus();
  }
}

async function mount(root) {
  if (root.dataset.planMounted) return;
  root.dataset.planMounted = "true";
  try {
    new PlanView(root, new Calculator(await loadRules()));
  } catch (error) {
    delete root.dataset.planMounted;
    const message = root.querySelector(".plan-needs-js");
    if (message) message.textContent = "还款计划没能加载，请刷新页面再试。";
    throw error;
  }
}

function start() {
  const root = document.querySelector("[data-plan]");
  if (root) mount(root);
}

if (typeof document !== "undefined") {
  if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}
