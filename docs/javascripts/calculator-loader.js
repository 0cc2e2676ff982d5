// Loads the calculator (calculator.js, ~12 KB gzip) only when a page has one, so other pages stay light.
// calculator.js then follows Material's instant navigation itself.
function loadCalculatorIfPresent() {
  if (document.querySelector("[data-calculator]")) import("./calculator.js");
}

if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(loadCalculatorIfPresent);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", loadCalculatorIfPresent);
} else {
  loadCalculatorIfPresent();
}
