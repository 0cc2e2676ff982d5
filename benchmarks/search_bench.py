"""Measure site search the way readers use it, for several search set-ups side by side.

For each variant: build the site (mkdocs, same docs and theme, only the search set-up changes), serve it on
127.0.0.1, type every query of tests/browser/search_queries.yml into the search box in Chromium (the same
driver as tests/browser/test_search.py), and count the queries whose expected page is in the top 3.
Also reports the size of what the browser has to download for search (raw and gzip).

    python benchmarks/search_bench.py                      # all variants
    python benchmarks/search_bench.py stock site           # some variants
    python benchmarks/search_bench.py --json /tmp/x.json   # also keep per-query results
    python benchmarks/search_bench.py --holdout            # queries never used for tuning

Variants that need Pagefind expect `npx pagefind` to work (npm i -E pagefind@1.6.0 in PAGEFIND_DIR); they
are skipped with a note when it is missing. Nothing here is run by pytest: numbers go to benchmarks/search.md.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from test_search import reader_queries, top_result_pages  # noqa: E402  (the pytest driver, reused)


def _load_browser_conftest():
    spec = importlib.util.spec_from_file_location("browser_conftest", ROOT / "tests/browser/conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BROWSER = _load_browser_conftest()
PAGEFIND_DIR = Path(os.environ.get("PAGEFIND_DIR", "/tmp/pagefind-bench"))
SEGMENTER_JS = "javascripts/search-segment.js"
HOLDOUT_FILE = ROOT / "benchmarks" / "search_holdout.yml"

# The user dictionary this project had before the search work (38 domain words, many of them compounds).
ORIGINAL_DICT_COMMIT = "ddd9e69"

# name -> how the site is built. user_dict: jieba user dictionary ("original": the one at ORIGINAL_DICT_COMMIT,
# None: jieba's own dictionary only); segmenter: register docs/javascripts/search-segment.js; pagefind: index
# with Pagefind instead of lunr and query it through its JS API.
VARIANTS = {
    "stock": dict(user_dict=None, segmenter=False, pagefind=False,
                  about="Material 9.8 + jieba, no user dictionary, Material's own query handling"),
    "original-dict": dict(user_dict="original", segmenter=False, pagefind=False,
                          about="+ the original user dictionary (38 words, mostly compounds)"),
    "original-dict+rewrite": dict(user_dict="original", segmenter=True, pagefind=False,
                                  about="original user dictionary + search-segment.js"),
    "stock+rewrite": dict(user_dict=None, segmenter=True, pagefind=False,
                          about="no user dictionary + search-segment.js"),
    "site": dict(user_dict="data/jieba_user_dict.txt", segmenter=True, pagefind=False,
                 about="what mkdocs.yml ships: small user dictionary + search-segment.js"),
    "pagefind": dict(user_dict=None, segmenter=False, pagefind=True,
                     about="Pagefind 1.6.0 extended (ICU4X at build, Intl.Segmenter on the query), JS API"),
}

BUILD_ONE = r"""
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
site_dir, user_dict, segmenter = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
config = load_config("mkdocs.yml", site_dir=site_dir, strict=True)
config.plugins["material/search"].config["jieba_dict_user"] = user_dict or None
scripts = [str(script) for script in config.extra_javascript]
if not segmenter:
    config.extra_javascript[:] = [s for s in config.extra_javascript if str(s) != %r]
elif %r not in scripts:
    config.extra_javascript.append(%r)
build(config)
""" % (SEGMENTER_JS, SEGMENTER_JS, SEGMENTER_JS)


def user_dict_path(spec: dict, workdir: Path) -> str:
    if spec["user_dict"] != "original":
        return spec["user_dict"] or ""
    original = workdir / "original_jieba_user_dict.txt"
    text = subprocess.run(["git", "show", f"{ORIGINAL_DICT_COMMIT}:data/jieba_user_dict.txt"], cwd=ROOT,
                          check=True, capture_output=True, text=True).stdout
    original.write_text(text, encoding="utf-8")
    return str(original)


def build_variant(spec: dict, out: Path, workdir: Path) -> float:
    started = time.perf_counter()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-c", BUILD_ONE, str(out), user_dict_path(spec, workdir),
                    "1" if spec["segmenter"] else "0"], cwd=ROOT, env=env, check=True, capture_output=True)
    if spec["pagefind"]:
        subprocess.run(["npx", "--no-install", "pagefind", "--site", str(out), "--root-selector",
                        "article.md-content__inner", "--force-language", "zh", "--quiet"],
                       cwd=PAGEFIND_DIR, check=True, capture_output=True)
    return time.perf_counter() - started


def gzip_size(data: Path | bytes) -> int:
    return len(gzip.compress(data if isinstance(data, bytes) else data.read_bytes(), compresslevel=6))


# What the browser downloads for search besides the page itself (index, worker, lunr, Pagefind's files)
SEARCH_ASSETS = ("/search/", "/pagefind/", "/workers/", "/lunr/", "search-segment")


def index_sizes(site: Path, spec: dict) -> dict:
    if spec["pagefind"]:
        files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
        return {"files": len(files), "raw": sum(p.stat().st_size for p in files),
                "gzip": sum(gzip_size(p) for p in files)}
    index = site / "search" / "search_index.json"
    return {"files": 1, "raw": index.stat().st_size, "gzip": gzip_size(index)}


def pagefind_top_pages(page, query: str, site_url: str, limit: int = 3) -> list[str]:
    urls = page.evaluate("""async ([q, limit]) => {
        window.pf ||= await import('/pagefind/pagefind.js');
        const search = await window.pf.search(q);
        const data = await Promise.all(search.results.slice(0, limit).map(r => r.data()));
        return data.map(d => d.url);
    }""", [query, limit])
    return [urlparse(url).path.lstrip("/") for url in urls]


class Server:
    def __init__(self, directory: Path):
        handler = functools.partial(BROWSER.QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()


def run_queries(browser, site: Path, spec: dict, queries: list[dict]) -> tuple[list[dict], int, list[str]]:
    """Return per-query results, gzip bytes the page downloaded for search, and requests to other hosts."""
    server = Server(site)
    guarded = BROWSER.GuardedPage(browser.new_context(viewport=BROWSER.DESKTOP, locale="zh-CN",
                                                      service_workers="block"))
    search_files: set[Path] = set()

    def count(request):
        path = urlparse(request.url).path
        if any(part in path for part in SEARCH_ASSETS) and (site / path.lstrip("/")).is_file():
            search_files.add(site / path.lstrip("/"))

    guarded.context.on("request", count)  # the context also sees the search worker's own requests
    guarded.page.goto(server.url, wait_until="load")
    results = []
    for entry in queries:
        if spec["pagefind"]:
            found = pagefind_top_pages(guarded.page, entry["query"], server.url)
        else:
            found = top_result_pages(guarded.page, entry["query"], server.url)
        rank = next((i + 1 for i, p in enumerate(found) if p in entry["expect"]), None)
        results.append({"query": entry["query"], "expect": entry["expect"], "found": found, "rank": rank})
    external = list(guarded.external_requests)
    guarded.context.close()
    server.close()
    return results, sum(gzip_size(path) for path in search_files), external


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("variants", nargs="*", default=list(VARIANTS))
    parser.add_argument("--json", type=Path, help="write per-query results here")
    parser.add_argument("--keep", type=Path, help="build sites under this folder and keep them")
    parser.add_argument("--holdout", action="store_true",
                        help="use benchmarks/search_holdout.yml (never used for tuning) instead of the test set")
    args = parser.parse_args()
    queries = reader_queries(HOLDOUT_FILE) if args.holdout else reader_queries()

    from playwright.sync_api import sync_playwright

    chromium = BROWSER.chromium_executable()
    if not chromium:
        print("Chromium not found", file=sys.stderr)
        return 2
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    report = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=BROWSER.CHROMIUM_ARGS)
        for name in args.variants:
            spec = VARIANTS[name]
            if spec["pagefind"] and not (PAGEFIND_DIR / "node_modules" / ".bin" / "pagefind").exists():
                print(f"{name}: skipped, no pagefind in {PAGEFIND_DIR}", file=sys.stderr)
                continue
            site = workdir / name
            shutil.rmtree(site, ignore_errors=True)
            seconds = build_variant(spec, site, workdir)
            sizes = index_sizes(site, spec)
            results, fetched, external = run_queries(browser, site, spec, queries)
            hits = sum(1 for r in results if r["rank"])
            first = sum(1 for r in results if r["rank"] == 1)
            report[name] = {"about": spec["about"], "hits": hits, "first": first, "queries": len(results),
                            "build_seconds": round(seconds, 1), "index": sizes, "fetched_for_queries": fetched,
                            "external_requests": external, "results": results}
        browser.close()
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)

    print("| variant | top-3 hits | rank 1 | index files | index raw | index gzip | downloaded for the query set (gzip) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, row in report.items():
        print(f"| {name} | {row['hits']}/{row['queries']} | {row['first']} | {row['index']['files']} "
              f"| {row['index']['raw'] / 1024:.0f} KiB | {row['index']['gzip'] / 1024:.0f} KiB "
              f"| {row['fetched_for_queries'] / 1024:.0f} KiB |")
    print()
    names = list(report)
    print("| query | expected | " + " | ".join(names) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in names) + " |")
    for i, entry in enumerate(queries):
        cells = [str(report[n]["results"][i]["rank"] or "✗") for n in names]
        print(f"| {entry['query']} | {' / '.join(entry['expect'])} | " + " | ".join(cells) + " |")
    for name, row in report.items():
        if row["external_requests"]:
            print(f"{name}: requests to other hosts: {row['external_requests']}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
