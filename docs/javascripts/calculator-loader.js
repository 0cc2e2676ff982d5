// Loads the calculator (calculator.js, ~12 KB gzip) and the message checker (message-check.js) only on a page
// that has one, so other pages stay light.
// Each then follows Material's instant navigation itself.
function loadCalculatorIfPresent() {
  if (document.querySelector("[data-calculator]")) import("./calculator.js");
  if (document.querySelector("[data-message-check]")) import("./message-check.js");
}

if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(loadCalculatorIfPresent);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", loadCalculatorIfPresent);
} else {
  loadCalculatorIfPresent();
}
