"""The page's message checker (JavaScript) gives the same verdict, signals and matched words as messagecheck/.

As for the calculator (tests/test_js_calculator.py): vectors are generated at test time by the CLI
(`python -m messagecheck vectors`, from tests/messagecheck_corpus.yml plus edge cases) and never committed,
then the `node --test` suite tests/js-messagecheck/messagecheck.test.mjs runs against them.
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
SUITE = ROOT / "tests" / "js-messagecheck" / "messagecheck.test.mjs"


@pytest.fixture(scope="module")
def node():
    path = shutil.which("node")
    if path:
        return path
    skip_or_fail_without("JavaScript", "Node.js not found (the message checker's tests need node >= 20)")


@pytest.fixture(scope="module")
def vectors_file(tmp_path_factory):
    result = subprocess.run([sys.executable, "-m", "messagecheck", "vectors"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    path = tmp_path_factory.mktemp("vectors") / "messagecheck.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def run_suite(node, vectors_path):
    env = dict(os.environ, MESSAGECHECK_VECTORS=str(vectors_path))
    return subprocess.run([node, "--test", "--test-reporter=tap", str(SUITE)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def tap_counts(output: str) -> dict[str, int]:
    return {key: int(value) for key, value in re.findall(r"^# (tests|pass|fail) (\d+)$", output, re.MULTILINE)}


def test_javascript_agrees_on_every_message(node, vectors_file):
    vectors = json.loads(vectors_file.read_text(encoding="utf-8"))
    assert len(vectors["cases"]) >= 40 + 10
    result = run_suite(node, vectors_file)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    counts = tap_counts(result.stdout)
    assert counts["fail"] == 0
    assert counts["tests"] == counts["pass"] == len(vectors["cases"]) + len(vectors["normalise"]) + 1
    passed = set(re.findall(r"^ok \d+ - (.+)$", result.stdout, re.MULTILINE))
    for case in vectors["cases"]:
        assert f"message {case['id']}" in passed


def test_a_changed_expectation_fails_the_javascript_suite(node, vectors_file, tmp_path):
    vectors = json.loads(vectors_file.read_text(encoding="utf-8"))
    routine = next(case for case in vectors["cases"] if case["id"] == "official-consumer-finance")
    routine["expect"]["verdict"] = "scam-likely"
    words = next(case for case in vectors["cases"] if case["id"] == "unlawful-insult")
    words["expect"]["signals"][0]["matches"].append("老赖")
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(vectors, ensure_ascii=False), encoding="utf-8")
    result = run_suite(node, broken)
    assert result.returncode != 0
    assert tap_counts(result.stdout)["fail"] == 2
    assert re.search(r"^not ok \d+ - message official-consumer-finance$", result.stdout, re.MULTILINE)
    assert re.search(r"^not ok \d+ - message unlawful-insult$", result.stdout, re.MULTILINE)
