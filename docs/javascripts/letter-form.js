// Letters that fill themselves in. The build (hooks/letters.py) renders each named blank of a template as
// <span class="letter-blank" data-field="KEY">＿＿＿＿</span> and a hidden form with one input per field;
// this shows the form and copies what the reader types into every blank of that field. An empty field
// puts its blank back, so the letter prints with ＿＿＿＿ to fill by hand. Nothing is sent or stored.

// A date input's value (2026-11-30) as the letter writes a date: 2026 年 11 月 30 日; a month likewise.
export function letterText(input) {
  const value = input.value.trim();
  if (!value) return "";
  const parts = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if ((input.type === "date" || input.type === "month") && parts) {
    const [, year, month, day] = parts;
    return `${Number(year)} 年 ${Number(month)} 月` + (day ? ` ${Number(day)} 日` : "");
  }
  return value;
}

function fill(form, input) {
  const text = letterText(input);
  for (const blank of document.querySelectorAll(`.letter-blank[data-field="${CSS.escape(input.dataset.field)}"]`)) {
    if (blank.dataset.blank === undefined) blank.dataset.blank = blank.textContent;
    blank.textContent = text || blank.dataset.blank;
    blank.classList.toggle("is-filled", Boolean(text));
  }
}

function mount(form) {
  if (form.dataset.letterMounted) return;
  form.dataset.letterMounted = "true";
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const input of form.querySelectorAll("[data-field]")) {
    input.addEventListener("input", () => fill(form, input));
    if (input.value) fill(form, input); // a value the browser restored on "back"
  }
  form.hidden = false;
}

function start() {
  document.querySelectorAll("[data-letter-form]").forEach(mount);
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
