// The page's message checker against the vectors messagecheck/ generates (messagecheck/SPEC.md, section 5).
//
// Run by tests/test_js_messagecheck.py, which writes fresh vectors and passes their path in
// MESSAGECHECK_VECTORS. Run alone (`node --test tests/js-messagecheck/`), it asks the project's Python for them.
// It lives apart from tests/js/ so the calculator suite, which runs that whole folder, does not run it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { MessageChecker, normalise } from "../../docs/javascripts/message-check.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function loadVectors() {
  if (process.env.MESSAGECHECK_VECTORS) return JSON.parse(readFileSync(process.env.MESSAGECHECK_VECTORS, "utf8"));
  const venvPython = join(ROOT, ".venv", "bin", "python");
  const python = process.env.PYTHON || (existsSync(venvPython) ? venvPython : "python3");
  return JSON.parse(execFileSync(python, ["-m", "messagecheck", "vectors"], { cwd: ROOT, encoding: "utf8" }));
}

const vectors = loadVectors();
const checker = new MessageChecker(vectors.data);

function observed(analysis) {
  return {
    normalised: analysis.text,
    verdict: analysis.verdict,
    signals: analysis.found.map((item) => ({
      id: item.signal.id,
      kind: item.kind,
      evidence: analysis.text.slice(...item.matches[0]),
      matches: item.matches.map(([start, end]) => analysis.text.slice(start, end)),
    })),
  };
}

for (const vector of vectors.cases) {
  test(`message ${vector.id}`, () => {
    assert.deepEqual(observed(checker.analyse(vector.text)), vector.expect);
  });
}

for (const [index, vector] of vectors.normalise.entries()) {
  test(`normalise ${index}`, () => {
    assert.equal(normalise(vector.text, vectors.data.normalise), vector.normalised);
  });
}

test("every pattern compiles in JavaScript with the u flag", () => {
  for (const signal of vectors.data.signals) {
    for (const source of [...signal.patterns, ...signal.except, ...(signal.escalate ? signal.escalate.when : [])]) {
      assert.doesNotThrow(() => new RegExp(source, "gu"), source);
    }
  }
});
