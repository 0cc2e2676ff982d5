"""Hook: write the page calculator's data, site/assets/calculator/rules.json, from calculators' rules.

The page (docs/calculator.md, docs/javascripts/calculator.js) computes in the browser; this file gives it
the same products, options, limits, messages and sources the build's tables use, so nothing is copied by
hand. The conversion is calculators.export.calculator_data; this hook only writes the file.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

# MkDocs loads hooks by file path; make the repository (calculators/, hooks/) importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs.exceptions import PluginError

from calculators import DataError, default_rules
from calculators.export import calculator_data
from hooks.problems import serving

OUTPUT = Path("assets") / "calculator" / "rules.json"


def on_post_build(config):
    try:
        data = calculator_data(default_rules())
    except DataError as error:  # the page hooks have reported it already; stop rather than ship stale data
        if serving():  # `mkdocs serve` shows the problem in the pages instead (hooks/problems.py)
            return
        raise PluginError(f"calculator data: {error}") from None
    path = Path(config["site_dir"]) / OUTPUT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
