"""The page calculator (JavaScript) gives the same fen and the same errors as calculators/ (Python).

Vectors are generated here, at test time, by the CLI (`python -m calculators vectors`) and never committed:
the Python is the single source, so a rule change reaches the JavaScript test without anyone regenerating a
file, and a stale copy cannot hide a difference. Generation takes well under a second. Then the `node --test`
suite tests/js/calculator.test.mjs runs against them; every vector must report `ok`.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import skip_or_fail_without

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "js" / "calculator.test.mjs"  # the other suites have their own runners and vectors


@pytest.fixture(scope="module")
def node():
    path = shutil.which("node")
    if path:
        return path
    skip_or_fail_without("JavaScript", "Node.js not found (the page calculator's tests need node >= 20)")


@pytest.fixture(scope="module")
def vectors_file(tmp_path_factory):
    result = subprocess.run([sys.executable, "-m", "calculators", "vectors"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    path = tmp_path_factory.mktemp("vectors") / "vectors.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def run_suite(node, vectors_path):
    env = dict(os.environ, CALCULATOR_VECTORS=str(vectors_path))
    return subprocess.run([node, "--test", "--test-reporter=tap", str(SUITE)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def tap_counts(output: str) -> dict[str, int]:
    return {key: int(value) for key, value in re.findall(r"^# (tests|pass|fail) (\d+)$", output, re.MULTILINE)}


def test_javascript_reproduces_every_vector(node, vectors_file):
    vectors = json.loads(vectors_file.read_text(encoding="utf-8"))
    result = run_suite(node, vectors_file)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    counts = tap_counts(result.stdout)
    expected = len(vectors["cases"]) + len(vectors["errors"]) + len(vectors["numbers"]) + len(vectors["arithmetic"])
    assert counts["fail"] == 0
    assert counts["tests"] == counts["pass"] >= expected
    passed = set(re.findall(r"^ok \d+ - (.+)$", result.stdout, re.MULTILINE))
    for case in vectors["cases"]:
        assert f"case {case['id']}" in passed
    for case in vectors["errors"]:
        assert f"error {case['id']}" in passed


def test_a_wrong_fen_fails_the_javascript_suite(node, vectors_file, tmp_path):
    # The suite must be able to fail: one fen more in one expected charge is caught and named.
    vectors = json.loads(vectors_file.read_text(encoding="utf-8"))
    case = next(case for case in vectors["cases"] if case["id"] == "card-three-statements")
    case["expect"]["charges"][2]["fen"] = str(int(case["expect"]["charges"][2]["fen"]) + 1)
    error = next(case for case in vectors["errors"] if case["id"] == "loan-without-rate")
    error["field_errors"][0]["message"] += "。"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(vectors, ensure_ascii=False), encoding="utf-8")
    result = run_suite(node, broken)
    assert result.returncode != 0
    assert tap_counts(result.stdout)["fail"] == 2
    assert "not ok" in result.stdout and "case card-three-statements" in result.stdout
    assert re.search(r"^not ok \d+ - error loan-without-rate$", result.stdout, re.MULTILINE)
