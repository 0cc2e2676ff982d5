"""Does loading the search index delay the first render of a page? Measured in Chromium on a slow phone.

Builds the site (or takes --site), serves it gzip-compressed on 127.0.0.1 as a static host would, and
opens a content page with a cold cache, 4x CPU slowdown and a slow mobile network (Chrome DevTools'
"Slow 4G" profile). Records first contentful paint (FCP), the load event, and when the request for
search/search_index.json started and finished. Runs the same page with that request blocked, so the
difference in FCP is what the index costs the first render. Prints medians of --runs runs.

    python benchmarks/search_render.py [--site DIR] [--page costs/credit-report/] [--runs 7]
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import importlib.util
import io
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("browser_conftest", ROOT / "tests/browser/conftest.py")
BROWSER = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(BROWSER)

# Chrome DevTools' "Slow 4G" preset: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency (before its 0.85 factor).
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
COMPRESSIBLE = (".html", ".js", ".json", ".css", ".svg", ".xml")

TIMINGS = """() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const nav = performance.getEntriesByType("navigation")[0];
    const index = performance.getEntriesByType("resource").find(r => r.name.includes("search_index.json"));
    return {
        fcp: paint ? paint.startTime : null,
        load: nav.loadEventEnd,
        index_start: index ? index.startTime : null,
        index_end: index ? index.responseEnd : null,
        index_bytes: index ? index.encodedBodySize : null,
    };
}"""


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed like GitHub Pages does for text types."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSIBLE or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the blocked-index runs abort requests mid-transfer; that is expected


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = lambda *a, **k: GzipHandler(*a, directory=str(site), **k)  # noqa: E731
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def measure(browser, url: str, block_index: bool) -> dict:
    guarded = BROWSER.GuardedPage(browser.new_context(viewport=BROWSER.PHONE, locale="zh-CN",
                                                      service_workers="block"))
    if block_index:
        guarded.context.route("**/search/search_index.json", lambda route: route.abort())
    cdp = guarded.context.new_cdp_session(guarded.page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    guarded.page.goto(url, wait_until="load")
    if not block_index:
        guarded.page.wait_for_function(
            "() => performance.getEntriesByType('resource').some(r => r.name.includes('search_index.json'))",
            timeout=60_000)
        guarded.page.wait_for_timeout(200)
    timings = guarded.page.evaluate(TIMINGS)
    assert guarded.external_requests == [], guarded.external_requests
    guarded.context.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--page", default="costs/credit-report/")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="search-render-"))
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True,
                       env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    server, base = serve(site)

    from playwright.sync_api import sync_playwright

    rows = {"with index": [], "index blocked": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=BROWSER.chromium_executable(), args=BROWSER.CHROMIUM_ARGS)
        for _ in range(args.runs):
            rows["with index"].append(measure(browser, base + args.page, block_index=False))
            rows["index blocked"].append(measure(browser, base + args.page, block_index=True))
        browser.close()
    server.shutdown()

    def cell(name, key):
        values = [row[key] for row in rows[name] if row[key] is not None]
        if not values:
            return "–"
        if key == "index_bytes":
            return f"{statistics.median(values):.0f}"
        return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"

    print(f"page {args.page}, {args.runs} runs each, cold cache, Slow 4G, CPU x{CPU_SLOWDOWN}; "
          "ms after navigation start, median (min–max)")
    print("| | FCP | load event | index request starts | index received | index bytes on the wire |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in rows:
        cells = [cell(name, key) for key in ("fcp", "load", "index_start", "index_end", "index_bytes")]
        print(f"| {name} | " + " | ".join(cells) + " |")
    started_before_paint = sum(1 for row in rows["with index"] if row["index_start"] < row["fcp"])
    print(f"index request started before first paint in {started_before_paint} of {args.runs} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
