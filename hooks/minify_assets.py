"""Hook: our JavaScript and CSS go into the built site minified; `mkdocs serve` keeps them readable.

Readers on a phone pay for every byte of the first view (target ≤ 100 KB gzip, benchmarks/REPORT.md);
Material's own bundle is minified already, ours (docs/javascripts, docs/stylesheets) was not: minifying
saves about 3 KB gzip on the calculator and 3 KB on every page. rjsmin and rcssmin only drop comments
and whitespace (no renaming, no rewriting), and the browser tests run against the built site.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}

_state = {"command": "build", "ours": []}


def minified(suffix: str, text: str) -> str:
    """`text` minified by the minifier for `suffix` (".js" or ".css")."""
    return MINIFIERS[suffix](text).strip() + "\n"


def on_startup(command, dirty):
    _state["command"] = command


def on_files(files, config):
    docs = Path(config["docs_dir"]).resolve()
    _state["ours"] = [file.dest_uri for file in files
                      if Path(file.src_uri).suffix in MINIFIERS and not file.src_uri.endswith((".min.js", ".min.css"))
                      and file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs)]
    return files


def on_post_build(config):
    if _state["command"] == "serve":  # editors debug the files as written
        return
    site = Path(config["site_dir"])
    for uri in _state["ours"]:
        path = site / uri
        if path.is_file():
            path.write_text(minified(path.suffix, path.read_text(encoding="utf-8")), encoding="utf-8")
