// 消息自查 in the page: the same analysis as messagecheck/ (Python), from the JSON the build writes
// (site/assets/messagecheck/signals.json). messagecheck/SPEC.md is the contract; tests/js-messagecheck/messagecheck.test.mjs
// holds this file to vectors the Python generates. The message never leaves the page: no request carries it,
// nothing stores it, and it reaches the page only as text nodes (never as HTML).

// ---------------------------------------------------------------------------------------------------
// The engine (no DOM)

/** SPEC.md section 2: zero-width marks removed, NFKC, ASCII A-Z lowered, whitespace runs made one space. */
export function normalise(text, spec) {
  const removed = new Set(spec.removed);
  const whitespace = new Set(spec.whitespace);
  let kept = "";
  for (const char of text) if (!removed.has(char)) kept += char;
  kept = kept.normalize("NFKC").replace(/[A-Z]/g, (char) => char.toLowerCase());
  let out = "";
  let space = false;
  for (const char of kept) {
    if (whitespace.has(char)) {
      space = true;
      continue;
    }
    if (space && out) out += " ";
    space = false;
    out += char;
  }
  return out;
}

function spans(regexps, text) {
  const found = [];
  for (const regexp of regexps) {
    regexp.lastIndex = 0;
    for (const match of text.matchAll(regexp)) {
      if (match[0].length) found.push([match.index, match.index + match[0].length]);
    }
  }
  return found;
}

export class MessageChecker {
  constructor(data) {
    this.data = data;
    this.kinds = data.verdicts.map((verdict) => verdict.kind); // priority order, strongest first
    this.verdictOfKind = Object.fromEntries(data.verdicts.map((verdict) => [verdict.kind, verdict]));
    // "u": code points, as Python reads them; "g" for every match. A pattern this engine cannot read is an
    // error at load, never a silent difference.
    const compile = (source) => new RegExp(source, "gu");
    this.signals = data.signals.map((signal) => ({
      signal,
      patterns: signal.patterns.map(compile),
      excepts: signal.except.map(compile),
      escalate: signal.escalate ? signal.escalate.when.map((source) => new RegExp(source, "u")) : [],
    }));
  }

  verdict(id) {
    return this.data.verdicts.find((verdict) => verdict.id === id);
  }

  /** {text, verdict, found: [{signal, kind, matches: [[start, end], ...]}]}; offsets in UTF-16 units. */
  analyse(message) {
    const text = normalise(message, this.data.normalise);
    const found = [];
    for (const compiled of this.signals) {
      const excluded = spans(compiled.excepts, text);
      const candidates = spans(compiled.patterns, text)
        .filter(([start, end]) => !excluded.some(([xStart, xEnd]) => start < xEnd && xStart < end))
        .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
      const matches = [];
      let lastEnd = 0;
      for (const [start, end] of candidates) {
        if (start >= lastEnd) {
          matches.push([start, end]);
          lastEnd = end;
        }
      }
      if (!matches.length) continue;
      let kind = compiled.signal.kind;
      if (compiled.escalate.some((regexp) => regexp.test(text))) kind = compiled.signal.escalate.to;
      found.push({ signal: compiled.signal, kind, matches });
    }
    const strongest = Math.min(...found.map((item) => this.kinds.indexOf(item.kind)), this.kinds.indexOf("info"));
    return { text, verdict: this.verdictOfKind[this.kinds[strongest]].id, found };
  }
}

// ---------------------------------------------------------------------------------------------------
// The page

const DATA_URL = new URL("../assets/messagecheck/signals.json", import.meta.url);
const SITE_ROOT = new URL("../", import.meta.url);
let dataPromise = null;

function loadData() {
  if (dataPromise) return dataPromise;
  dataPromise = fetch(DATA_URL, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`signals.json: HTTP ${response.status}`);
    return response.json();
  });
  return dataPromise;
}

function element(tag, attributes = {}, children = []) {
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

/** The normalised message with every matched span in <mark>; built from text nodes only. */
function highlighted(text, found) {
  const all = found.flatMap((item) => item.matches).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  for (const [start, end] of all) {
    const last = merged[merged.length - 1];
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const nodes = [];
  let cursor = 0;
  for (const [start, end] of merged) {
    if (start > cursor) nodes.push(document.createTextNode(text.slice(cursor, start)));
    nodes.push(element("mark", { text: text.slice(start, end) }));
    cursor = end;
  }
  if (cursor < text.length) nodes.push(document.createTextNode(text.slice(cursor)));
  return nodes;
}

class MessageCheckView {
  constructor(root, checker) {
    this.root = root;
    this.checker = checker;
    const limit = checker.data.max_chars;
    root.replaceChildren();
    this.input = element("textarea", {
      id: "mc-input", class: "mc-input", rows: 6, maxlength: limit, autocomplete: "off", spellcheck: "false",
      "aria-describedby": "mc-input-hint",
      placeholder: "例如：你已被立案，点击链接查看传票……",
    });
    this.clear = element("button", { type: "button", class: "md-button mc-clear", text: "清空" });
    this.result = element("div", { class: "mc-result", "aria-live": "polite" });
    root.append(
      element("label", { for: "mc-input", class: "mc-label", text: "把收到的短信、微信或信件文字粘贴到这里" }),
      this.input,
      element("p", { id: "mc-input-hint", class: "mc-hint",
        text: `最多 ${limit} 字。可以粘贴、输入或用语音输入，结果会马上出现。内容只在你的浏览器里检查，不会发送或保存。` }),
      this.clear,
      this.result,
    );
    // "input" fires for typing, paste, dictation and autofill alike: no key press is needed.
    this.input.addEventListener("input", () => this.update());
    this.clear.addEventListener("click", () => {
      this.input.value = "";
      this.update();
      this.input.focus();
    });
    this.update();
    root.classList.add("mc-ready"); // drawn: release the space extra.css held for it
  }

  update() {
    const message = this.input.value;
    const analysis = this.checker.analyse(message);
    if (!analysis.text) {
      this.result.removeAttribute("data-verdict");
      this.result.replaceChildren(element("p", { class: "mc-empty", text: "粘贴消息后，这里会显示结论和发现的迹象。" }));
      return;
    }
    const verdict = this.checker.verdict(analysis.verdict);
    this.result.setAttribute("data-verdict", verdict.id);
    const children = [
      element("p", { class: `mc-verdict mc-kind-${verdict.kind}` }, [
        element("strong", { text: `${verdict.title}。` }), verdict.sentence,
      ]),
    ];
    if (analysis.found.length) {
      children.push(element("p", { class: "mc-read", text: "检查的文字（全角、空格已统一），标出的是命中的词：" }));
      children.push(element("blockquote", { class: "mc-text" }, highlighted(analysis.text, analysis.found)));
      children.push(element("ol", { class: "mc-signals" }, analysis.found.map((item) => this.signalItem(item, analysis.text))));
    } else {
      children.push(element("p", { text: "没有找到下面列出的任何一种迹象。" }));
    }
    this.result.replaceChildren(...children);
  }

  signalItem(item, text) {
    const { signal } = item;
    const sources = [];
    signal.sources.forEach((source, index) => {
      if (index) sources.push("；");
      sources.push(element("a", { href: source.url, rel: "noopener", text: source.title }));
    });
    const words = [...new Set(item.matches.map(([start, end]) => text.slice(start, end)))]
      .map((word) => `“${word}”`).join("、");
    return element("li", { class: `mc-signal mc-kind-${item.kind}`, "data-signal": signal.id }, [
      element("p", { class: "mc-signal-label" }, [element("strong", { text: signal.label })]),
      element("p", {}, [element("span", { class: "mc-field", text: "命中：" }), words]),
      element("p", {}, [element("span", { class: "mc-field", text: "规则：" }), signal.rule]),
      element("p", {}, [element("span", { class: "mc-field", text: "来源：" }), ...sources]),
      element("p", {}, [element("span", { class: "mc-field", text: "怎么做：" }), signal.todo]),
      element("p", {}, [element("a", { href: new URL(signal.url, SITE_ROOT).href, text: `详见：${signal.link_title}` })]),
    ]);
  }
}

async function mount(root) {
  if (root.dataset.messageCheckMounted) return;
  root.dataset.messageCheckMounted = "true";
  try {
    new MessageCheckView(root, new MessageChecker(await loadData()));
  } catch (error) {
    delete root.dataset.messageCheckMounted;
    dataPromise = null; // let the next visit try again
    const message = root.querySelector(".mc-needs-js");
    if (message) message.textContent = "消息自查没能加载，请刷新页面再试；下面的迹象清单不受影响。";
    throw error;
  }
}

function start() {
  const root = document.querySelector("[data-message-check]");
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
