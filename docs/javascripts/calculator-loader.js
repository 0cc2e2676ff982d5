// Loads the calculator (calculator.js, ~12 KB gzip) only when a page has one, so other pages stay light;
// likewise the debt plan (plan.js, which imports calculator.js) and the message checker (message-check.js).
// Each then follows Material's instant navigation itself.
function loadCalculatorIfPresent() {
  if (document.querySelector("[data-calculator]")) import("./calculator.js");
  if (document.querySelector("[data-plan]")) import("./plan.js");
  if (document.querySelector("[data-letter-form]")) import("./letter-form.js");
  if (document.querySelector(".md-content .copyable")) import("./copy-print.js");
  if (document.querySelector("[data-message-check]")) import("./message-check.js");
}

if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(loadCalculatorIfPresent);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", loadCalculatorIfPresent);
} else {
  loadCalculatorIfPresent();
}
