// A 复制 and a 打印 button above every block marked `copyable` in Markdown (a template's letter or table, a
// ready-to-say script). Copy puts the block's text on the clipboard as the reader sees it (a filled letter
// with their values, empty blanks as ＿＿＿＿) and says 已复制 in a live region; print prints that block alone
// (stylesheets/letters.css). The buttons are added here, so without JavaScript there are none.

const STATUS_CLEAR_MS = 4000;

// The block's text, without an admonition's title ("通话话术（可以照着说）" is not part of what one says).
export function blockText(block) {
  const title = block.querySelector(":scope > .admonition-title");
  let text = block.innerText;
  if (title && text.startsWith(title.innerText)) text = text.slice(title.innerText.length);
  return text.replace(/\n{3,}/g, "\n\n").trim();
}

function copyBySelection(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  const focused = document.activeElement;
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } finally {
    area.remove();
    if (focused && typeof focused.focus === "function") focused.focus();
  }
  return copied;
}

async function copy(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // permission refused or no user activation: fall back to a selection
  }
  return copyBySelection(text);
}

function printOnly(block) {
  document.body.classList.add("printing-block");
  block.classList.add("print-target");
  const done = () => {
    document.body.classList.remove("printing-block");
    block.classList.remove("print-target");
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}

function button(label, name) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "md-button copy-print__button";
  element.textContent = label;
  element.setAttribute("aria-label", name);
  return element;
}

function mount(block) {
  if (block.dataset.copyMounted) return;
  block.dataset.copyMounted = "true";
  const what = block.classList.contains("admonition") || block.querySelector("blockquote") ? "这段话" : "全文";
  const bar = document.createElement("div");
  bar.className = "copy-print";
  const copyButton = button("复制", `复制${what}`);
  const printButton = button("打印", `打印${what}`);
  const status = document.createElement("span");
  status.className = "copy-print__status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  let timer;
  copyButton.addEventListener("click", async () => {
    const copied = await copy(blockText(block));
    status.textContent = copied ? "已复制" : "没能复制，请长按文字手动复制";
    clearTimeout(timer);
    timer = setTimeout(() => { status.textContent = ""; }, STATUS_CLEAR_MS);
  });
  printButton.addEventListener("click", () => printOnly(block));
  bar.append(copyButton, printButton, status);
  block.before(bar);
}

function start() {
  document.querySelectorAll(".md-content .copyable").forEach(mount);
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
