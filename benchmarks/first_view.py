"""First view of every page: bytes transferred (gzip, as GitHub Pages serves them) with an empty cache.

Each page is opened in a fresh Chromium context at phone size, and we wait for the network to go quiet
plus a grace period so late fetches (the search index, web workers) are counted. The bytes are what the
gzip server wrote to the socket for that view (status line, headers and body), so nothing depends on
the browser's own accounting.

    python benchmarks/first_view.py /tmp/site            # prints JSON; run_all.py calls measure()
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.gzip_server import COMPRESSIBLE_TYPES, Sent, content_type, serving  # noqa: E402

# The same launch flags as tests/browser/conftest.py: nothing may leave 127.0.0.1.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-features=AutofillServerCommunication", "--disable-sync",
    "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
PHONE = {"width": 375, "height": 740}
GRACE_MS = 1500  # after network idle: long enough for a deferred fetch to start
SEARCH_INDEX = "search/search_index.json"


def chromium_executable() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise SystemExit("Chromium not found: apt-get install chromium fonts-noto-cjk, or set CHROMIUM")
    return path


def page_paths(site: Path) -> list[str]:
    """URL paths of every built page ('' for the home page, 'costs/fees/' …), sorted."""
    paths = []
    for html in site.rglob("index.html"):
        relative = html.parent.relative_to(site).as_posix()
        if relative.startswith(("assets", "search")):
            continue
        paths.append("" if relative == "." else relative + "/")
    return sorted(paths)


def view_summary(path: str, sent: list[Sent], external: list[str]) -> dict:
    """What one first view transferred, from the server's log of that view."""
    return {
        "page": "/" + path,
        "bytes": sum(s.bytes for s in sent),
        "body_bytes": sum(s.body_bytes for s in sent),
        "requests": len(sent),
        "search_index_bytes": sum(s.bytes for s in sent if s.path.endswith("/" + SEARCH_INDEX)),
        "not_gzipped": sorted({s.path for s in sent if not s.encoding and s.body_bytes > 1000
                               and content_type(s.path) in COMPRESSIBLE_TYPES}),
        "statuses": sorted({s.status for s in sent}),
        "resources": sorted(([s.path, s.bytes] for s in sent), key=lambda item: -item[1]),
        "external_requests": external,
    }


def measure(site: Path, paths: list[str] | None = None) -> list[dict]:
    from playwright.sync_api import sync_playwright

    paths = page_paths(site) if paths is None else paths
    results = []
    with serving(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        for path in paths:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN",
                                          service_workers="block")
            # Requests elsewhere fail in DNS (--host-resolver-rules); we only note them. No context.route():
            # Playwright turns the HTTP cache off while routing, and pages may fetch a file twice.
            external: list[str] = []
            context.on("request", lambda request, external=external: None if request.url.startswith(
                ("data:", "blob:")) or urlparse(request.url).hostname == "127.0.0.1" else external.append(request.url))
            page = context.new_page()
            server.take_log()
            page.goto(server.url + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(GRACE_MS)
            sent = server.take_log()
            context.close()
            results.append(view_summary(path, sent, external))
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    json.dump(measure(args.site), sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
