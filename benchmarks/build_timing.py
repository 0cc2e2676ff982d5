"""Build time: what our hooks cost, the build with and without them, and a generated 1000/2000-page site.

The measurements, each build in a fresh Python process like `mkdocs build` (so jieba's dictionary load,
~1 s, is paid every time, as in CI):

- hook share: one build run in-process (mkdocs.commands.build.build on a loaded config) with every plugin
  and hook event handler wrapped in a timer, plus the glossary hook's Markdown tree processor (our code
  that runs inside Markdown conversion) and MkDocs' own page stages, so the report can say where time goes;
- with vs without hooks: `mkdocs build` wall time with mkdocs.yml's hooks, and with a config that INHERITs
  mkdocs.yml and sets `hooks: []` (directive blocks then stay code blocks; generated sections are absent);
- scale: `mkdocs build` of a generated site (benchmarks/generated_site.py) of 1000 and 2000 pages, and
  one build of the 1000-page site per variant (without navigation.sections, our hooks, or search) to
  show where the time goes.

    python benchmarks/build_timing.py hooks --runs 3
    python benchmarks/build_timing.py overhead --runs 5
    python benchmarks/build_timing.py scale --pages 1000 2000 --runs 2
    python benchmarks/build_timing.py variants --pages 1000
    python benchmarks/build_timing.py child CONFIG SITE_DIR      # one instrumented build, JSON on stdout
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from benchmarks.generated_site import _LenientLoader, derived_config, write_site  # noqa: E402
from benchmarks.summary import median  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


# Pure helpers -----------------------------------------------------------------------------------

def hook_share(timings: dict, clock: str = "cpu") -> dict:
    """Hook seconds and their share of the in-process build (CPU or wall clock), from one child's timings.

    Every timing is a {"wall": s, "cpu": s} pair; CPU time is what we judge by, because other work on a
    shared 2-core machine stretches wall time without the build doing more.
    """
    hook_seconds = sum(pair[clock] for (origin, _event), pair in _pairs(timings["events"]) if _is_hook(origin))
    hook_seconds += timings.get("glossary_treeprocessor", {}).get(clock, 0.0)
    build_seconds = timings["build"][clock]
    return {"hook_seconds": hook_seconds, "build_seconds": build_seconds,
            "share": hook_seconds / build_seconds if build_seconds else 0.0}


def _pairs(events: dict):
    for origin, by_event in events.items():
        for event, seconds in by_event.items():
            yield (origin, event), seconds


def _is_hook(origin: str) -> bool:
    return origin.endswith(".py")


def ratio(numerator: list[float], denominator: list[float]) -> float:
    """Median over median: how many times slower the first set of runs is."""
    return median(numerator) / median(denominator)


# One instrumented build (runs in a child process) -----------------------------------------------

def instrumented_build(config_file: Path, site_dir: Path) -> dict:
    import logging

    from mkdocs.commands import build as build_module
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    events: dict[str, dict[str, dict]] = defaultdict(dict)
    stages: dict[str, dict] = {}
    started = _now()
    config = load_config(str(config_file), site_dir=str(site_dir))
    loaded = _now()
    config.plugins.on_startup(command="build", dirty=False)

    plugins = config.plugins
    for event, methods in plugins.events.items():
        for index, method in enumerate(methods):
            origin = plugins._event_origins.get(method, "<unknown>")
            wrapped = _timed(method, events[origin], event)
            methods[index] = wrapped
            plugins._event_origins[wrapped] = origin
    for stage in ("_populate_page", "_build_page", "_build_theme_template"):
        setattr(build_module, stage, _timed(getattr(build_module, stage), stages, stage))

    tree_time: dict[str, dict] = {}
    glossary = next((m for name, m in sys.modules.items() if name.endswith("glossary_tooltips.py")), None)
    if glossary is not None and hasattr(glossary, "FirstUseAbbrTreeprocessor"):
        original_run = glossary.FirstUseAbbrTreeprocessor.run

        def run(self, root):
            return original_run(self, root)

        glossary.FirstUseAbbrTreeprocessor.run = _timed(run, tree_time, "run")

    build_started = _now()
    build_module.build(config)
    finished = _now()
    return {"load_config": _since(started, loaded), "build": _since(build_started, finished),
            "total": _since(started, finished),
            "events": {origin: dict(by_event) for origin, by_event in events.items()},
            "stages": stages, "glossary_treeprocessor": tree_time.get("run", {"wall": 0.0, "cpu": 0.0}),
            "pages": len(list(site_dir.rglob("index.html")))}


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(begin: tuple[float, float], end: tuple[float, float]) -> dict:
    return {"wall": end[0] - begin[0], "cpu": end[1] - begin[1]}


def _timed(function, sink: dict, key: str):
    """`function`, adding its wall and CPU seconds to sink[key] on every call."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        begin = _now()
        try:
            return function(*args, **kwargs)
        finally:
            spent = _since(begin, _now())
            total = sink.setdefault(key, {"wall": 0.0, "cpu": 0.0})
            total["wall"] += spent["wall"]
            total["cpu"] += spent["cpu"]
    return wrapper


def run_child(config_file: Path, site_dir: Path) -> dict:
    """An instrumented build in a fresh process; adds the process's wall time."""
    begin = time.perf_counter()
    result = subprocess.run([sys.executable, str(Path(__file__)), "child", str(config_file), str(site_dir)],
                            cwd=ROOT, env=ENV, capture_output=True, text=True, check=True, timeout=1800)
    timings = json.loads(result.stdout.strip().splitlines()[-1])
    timings["wall"] = time.perf_counter() - begin
    return timings


def cli_build_seconds(config_file: Path, site_dir: Path) -> dict:
    """Wall and CPU (user + system) seconds of `mkdocs build`, the real CLI, run from the repository root."""
    begin, usage = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site_dir)],
                   cwd=ROOT, env=ENV, capture_output=True, text=True, check=True, timeout=1800)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": time.perf_counter() - begin,
            "cpu": after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime}


# The three measurements -------------------------------------------------------------------------

def measure_hooks(runs: int = 3) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-hooks-") as tmp:
        children = [run_child(ROOT / "mkdocs.yml", Path(tmp) / f"site{n}") for n in range(runs)]
    shares = [{**hook_share(c), "share_wall": hook_share(c, "wall")["share"]} for c in children]
    best = sorted(range(runs), key=lambda n: shares[n]["share"])[runs // 2]  # the median run, whole
    return {"runs": children, "shares": shares, "median_run": best,
            "median_share": median([s["share"] for s in shares])}


def measure_overhead(runs: int = 5) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-overhead-") as tmp:
        with_hooks = derived_config(Path(tmp) / "with-hooks.yml")
        without = derived_config(Path(tmp) / "without-hooks.yml", hooks=[])
        runs_by_kind: dict[str, list[dict]] = {"with_hooks": [], "without_hooks": []}
        for _ in range(runs):  # interleaved, so drift on the machine hits both alike
            runs_by_kind["with_hooks"].append(cli_build_seconds(with_hooks, Path(tmp) / "a"))
            runs_by_kind["without_hooks"].append(cli_build_seconds(without, Path(tmp) / "b"))
    return {**runs_by_kind, **{f"ratio_{clock}": ratio([r[clock] for r in runs_by_kind["with_hooks"]],
                                                       [r[clock] for r in runs_by_kind["without_hooks"]])
                               for clock in ("wall", "cpu")}}


def measure_scale(page_counts=(1000, 2000), runs: int = 2) -> dict:
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for count in page_counts:
            config = write_site(Path(tmp) / f"site{count}", count)
            out = Path(tmp) / f"out{count}"
            times = [cli_build_seconds(config, out) for _ in range(runs)]
            sizes = sorted(p.stat().st_size for p in out.rglob("index.html"))
            results[str(count)] = {"runs": times, "median_wall": median([t["wall"] for t in times]),
                                   "median_cpu": median([t["cpu"] for t in times]),
                                   "median_page_html": sizes[len(sizes) // 2],
                                   "search_index_bytes": (out / "search" / "search_index.json").stat().st_size}
    return results


def measure_scale_variants(count: int = 1000) -> dict:
    """One build of the generated site per variant, each removing one suspect, to show where time goes."""
    base = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader)
    features = base["theme"]["features"]
    variants = {
        "without navigation.sections": {"theme": {"features": [f for f in features if f != "navigation.sections"]}},
        "without our hooks": {"hooks": []},
        "without the search plugin": {"plugins": []},
    }
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-variants-") as tmp:
        site_config = write_site(Path(tmp) / "site", count)
        for name, override in variants.items():
            config = Path(tmp) / f"variant{len(results)}.yml"
            config.write_text(yaml.safe_dump({"INHERIT": str(site_config), **override}, allow_unicode=True))
            out = Path(tmp) / f"out{len(results)}"
            timing = cli_build_seconds(config, out)
            sizes = sorted(p.stat().st_size for p in out.rglob("index.html"))
            results[name] = {**timing, "median_page_html": sizes[len(sizes) // 2]}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    child = sub.add_parser("child")
    child.add_argument("config", type=Path)
    child.add_argument("site_dir", type=Path)
    for name, default in (("hooks", 3), ("overhead", 5)):
        sub.add_parser(name).add_argument("--runs", type=int, default=default)
    sub.add_parser("variants").add_argument("--pages", type=int, default=1000)
    scale = sub.add_parser("scale")
    scale.add_argument("--pages", type=int, nargs="+", default=[1000, 2000])
    scale.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    if args.command == "child":
        result = instrumented_build(args.config, args.site_dir)
        print(json.dumps(result))
        return
    result = {"hooks": lambda: measure_hooks(args.runs), "overhead": lambda: measure_overhead(args.runs),
              "scale": lambda: measure_scale(args.pages, args.runs),
              "variants": lambda: measure_scale_variants(args.pages)}[args.command]()
    json.dump(result, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
