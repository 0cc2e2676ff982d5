"""Run every benchmark and write benchmarks/REPORT.md (raw numbers in benchmarks/out/results.json).

    npm ci --prefix benchmarks                          # once, for Lighthouse
    python benchmarks/run_all.py                        # all parts, ~20 minutes on an idle 2-core machine
    python benchmarks/run_all.py --only first_view      # some parts; others are kept from the last results.json
    python benchmarks/run_all.py --report-only          # rewrite REPORT.md from results.json and notes.md

Parts: first_view, lighthouse, hooks, overhead, scale. The site is built once, with SITE_URL pointing at the
port the gzip server will use, so canonical links match as they do on GitHub Pages.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import build_timing, first_view, lighthouse_audit  # noqa: E402
from benchmarks.generated_site import derived_config  # noqa: E402
from benchmarks.gzip_server import free_port  # noqa: E402
from benchmarks.report import render_report  # noqa: E402

HERE = ROOT / "benchmarks"
RESULTS = HERE / "out" / "results.json"
REPORT = HERE / "REPORT.md"
NOTES = HERE / "notes.md"
PARTS = ("first_view", "lighthouse", "hooks", "overhead", "scale")
CALCULATOR_PAGE = "calculator/"
TOOLS_PREFIX = "tools/"  # docs/tools/*.md: the interactive tools


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), model)
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    return f"{os.cpu_count()} × {model}{memory}, {platform.platform()}"


def _command_version(*command: str) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "not found"


def versions() -> dict[str, str]:
    found = {"Python": platform.python_version()}
    for package in ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "jieba", "playwright"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    found["lighthouse"] = lighthouse_audit.lighthouse_version()
    found["Chromium"] = _command_version(first_view.chromium_executable(), "--version").replace("Chromium ", "")
    found["Node.js"] = _command_version("node", "--version")
    return found


def source_state() -> str:
    commit = _command_version("git", "-C", str(ROOT), "rev-parse", "--short", "HEAD")
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True).stdout
    return f"commit {commit}" + (" with uncommitted changes in the work tree" if dirty.strip() else "")


def load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def build_site(target: Path, port: int, config: Path = ROOT / "mkdocs.yml") -> str:
    """Build the site for http://127.0.0.1:PORT/; returns '' or a note if --strict failed."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}/")
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(target)]
    strict = subprocess.run(command + ["--strict"], cwd=ROOT, env=env, capture_output=True, text=True)
    if strict.returncode == 0:
        return ""
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return "`mkdocs build --strict` failed at measuring time; measured the non-strict build."


def pages_to_audit(site: Path) -> dict[str, str | None]:
    """Home, the longest content page (largest built HTML), the calculator and every interactive tool page.

    Tool pages are found, not listed: every page built from docs/tools/ is audited, so a new tool is
    measured from its first build.
    """
    paths = first_view.page_paths(site)
    sizes = {path: (site / path / "index.html").stat().st_size for path in paths if path}
    longest = max(sizes, key=sizes.get)
    pages = {"home": "/", "longest page": "/" + longest,
             "calculator": "/" + CALCULATOR_PAGE if CALCULATOR_PAGE in paths else None}
    for path in paths:
        if path.startswith(TOOLS_PREFIX):
            pages[f"tool {path[len(TOOLS_PREFIX):].strip('/') or 'index'}"] = "/" + path
    return pages


RESULT_KEYS = {"first_view": [("first_view",)], "lighthouse": [("lighthouse",), ("lighthouse_pages",),
                                                                ("lighthouse_variants",)],
               "hooks": [("build", "hooks")], "overhead": [("build", "overhead")],
               "scale": [("build", "scale"), ("build", "scale_variants")]}


def merged_with_saved(results: dict, parts) -> dict:
    """The results.json on disk now, with this run's parts put in: two runs of different parts can overlap."""
    saved = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    saved["meta"] = results["meta"]
    for part in parts:
        saved.setdefault("measured", {})[part] = results["measured"][part]
        for key_path in RESULT_KEYS[part]:
            source, target = results, saved
            for key in key_path[:-1]:
                source, target = source.get(key, {}), target.setdefault(key, {})
            if key_path[-1] in source:
                target[key_path[-1]] = source[key_path[-1]]
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=PARTS, help="run only these parts")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    args = parser.parse_args()
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    parts = () if args.report_only else (args.only or PARTS)

    if parts:
        results["meta"] = {"machine": machine(), "versions": versions()}
        stamp = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                 "source": source_state(), "load_before": load_average()}
    if {"first_view", "lighthouse"} & set(parts):
        port = free_port()
        with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
            site = Path(tmp) / "site"
            note = build_site(site, port)
            if note:
                stamp["note"] = note
            if "first_view" in parts:
                print("first view of every page …", flush=True)
                results["first_view"] = first_view.measure(site)
            if "lighthouse" in parts:
                results["lighthouse_pages"] = pages_to_audit(site)
                audited = list(dict.fromkeys(p for p in results["lighthouse_pages"].values() if p))
                print(f"lighthouse on {', '.join(audited)} …", flush=True)
                results["lighthouse"] = lighthouse_audit.audit(site, audited, args.lighthouse_runs, port)
                # The same home page with Material's search plugin removed: what the search index costs.
                plain = Path(tmp) / "without-search"
                build_site(plain, port, derived_config(Path(tmp) / "without-search.yml", plugins=[]))
                results["lighthouse_variants"] = {
                    "home, site built without the search plugin":
                        lighthouse_audit.audit(plain, ["/"], args.lighthouse_runs, port)["/"]}
    build = results.setdefault("build", {})
    if "hooks" in parts:
        print("hook share …", flush=True)
        build["hooks"] = build_timing.measure_hooks()
    if "overhead" in parts:
        print("with and without hooks …", flush=True)
        build["overhead"] = build_timing.measure_overhead()
    if "scale" in parts:
        print("generated sites …", flush=True)
        build["scale"] = build_timing.measure_scale()
        build["scale_variants"] = build_timing.measure_scale_variants()
    if parts:
        stamp["load_after"] = load_average()
        results.setdefault("measured", {}).update({part: stamp for part in parts})
        results = merged_with_saved(results, parts)
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    notes = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
    REPORT.write_text(render_report(results, notes), encoding="utf-8")
    print(f"wrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
