"""The test corpus (tests/messagecheck_corpus.yml): realistic messages with the verdict and signals a careful
reader would give them. Read by the tests, the vectors command and benchmarks/messagecheck_eval.py."""
from __future__ import annotations

from pathlib import Path

from calculators.safe_yaml import YamlList, YamlMap, load_yaml
from messagecheck.signals import REPO_ROOT, VERDICT_ORDER

CORPUS_FILE = REPO_ROOT / "tests" / "messagecheck_corpus.yml"
GROUPS = ("official", "scam", "unlawful", "court", "lawyer", "police", "mixed")
FIELDS = {"id", "group", "text", "verdict", "signals", "note"}


def load_corpus(path: Path = CORPUS_FILE) -> list[dict]:
    data = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, YamlList):
        raise ValueError(f"{path.name}: expected a list of messages")
    cases, seen = [], set()
    for index, entry in enumerate(data):
        where = f"{path.name}:{data.line_of(index)}"
        if not isinstance(entry, YamlMap) or not {"id", "group", "text", "verdict", "signals"} <= entry.keys() \
                or not entry.keys() <= FIELDS:
            raise ValueError(f"{where}: each message needs id, group, text, verdict, signals (and may have note)")
        if entry["id"] in seen or entry["group"] not in GROUPS or entry["verdict"] not in VERDICT_ORDER:
            raise ValueError(f"{where}: duplicate id, unknown group or unknown verdict")
        seen.add(entry["id"])
        cases.append({"id": entry["id"], "group": entry["group"], "text": entry["text"].strip(),
                      "verdict": entry["verdict"], "signals": sorted(entry["signals"] or [])})
    return cases
