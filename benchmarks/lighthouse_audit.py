"""Lighthouse (pinned in benchmarks/package.json) on a few pages, mobile preset, site served with gzip.

Lighthouse's mobile defaults: Moto G Power emulation, simulated slow 4G (150 ms RTT, 1.6 Mbit/s) and 4× CPU
slowdown. Chromium is Debian's (CHROME_PATH), with flags that keep every request on 127.0.0.1.

    npm ci --prefix benchmarks                      # once: installs lighthouse@12.2.3 from the lock file
    python benchmarks/lighthouse_audit.py /tmp/site / /costs/fees/ --runs 3
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.first_view import SEARCH_INDEX, chromium_executable  # noqa: E402
from benchmarks.gzip_server import serving  # noqa: E402

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ('--headless --no-sandbox --disable-gpu --disable-background-networking '
                '--disable-component-update --host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"')
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index", "interactive")


def lighthouse_version() -> str:
    package = HERE / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else "not installed"


def summarize_lhr(lhr: dict) -> dict:
    """The numbers we report from one Lighthouse result (the JSON `lhr`)."""
    audits = lhr["audits"]
    scores = {cid: None if cat["score"] is None else round(cat["score"] * 100) for cid, cat in lhr["categories"].items()}
    failing = []
    for cid, category in lhr["categories"].items():
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            counts = ref.get("weight", 0) > 0 or cid == "performance"
            if counts and audit.get("score") is not None and audit["score"] < 1 \
                    and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"):
                failing.append({"category": cid, "id": ref["id"], "title": audit["title"],
                                "score": audit["score"], "display": audit.get("displayValue", ""),
                                "items": _item_labels(audit)})
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    lcp_element = audits.get("largest-contentful-paint-element", {}).get("details", {}).get("items", [])
    return {
        "scores": scores,
        "metrics": {m: audits[m].get("numericValue") for m in METRICS if m in audits},
        "total_byte_weight": audits.get("total-byte-weight", {}).get("numericValue"),
        "search_index_loaded": any(r.get("url", "").endswith(SEARCH_INDEX) for r in requests),
        "search_index_transfer": sum(r.get("transferSize", 0) for r in requests if r.get("url", "").endswith(SEARCH_INDEX)),
        "requests": len(requests),
        "lcp_element": _lcp_snippet(lcp_element),
        "failing": failing,
        "chrome": lhr.get("environment", {}).get("hostUserAgent", ""),
        "warnings": lhr.get("runWarnings", []),
    }


def _item_labels(audit: dict, limit: int = 4) -> list[str]:
    labels = []
    for item in (audit.get("details") or {}).get("items", [])[:limit]:
        node = item.get("node") if isinstance(item.get("node"), dict) else None
        label = (node or {}).get("snippet") or item.get("url") or item.get("label") or ""
        if label:
            labels.append(str(label)[:140])
    return labels


def _lcp_snippet(items) -> str:
    for item in items:
        for sub in (item.get("items") or [item]):
            node = sub.get("node")
            if isinstance(node, dict) and node.get("snippet"):
                return node["snippet"][:160]
    return ""


def run_once(url: str, out: Path) -> dict:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `npm ci --prefix benchmarks`")
    env = dict(os.environ, CHROME_PATH=chromium_executable())
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    subprocess.run(command, env=env, check=True, timeout=300, cwd=HERE)
    return json.loads(out.read_text())


def audit(site: Path, paths: list[str], runs: int = 3, port: int = 0) -> dict[str, list[dict]]:
    """{page path: [summary of each run]} for each path ('/' or '/costs/fees/')."""
    results: dict[str, list[dict]] = {}
    with serving(site, port) as server, tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        for path in paths:
            results[path] = []
            for number in range(runs):
                lhr = run_once(server.url + path.lstrip("/"), Path(tmp) / f"run{number}.json")
                results[path].append(summarize_lhr(lhr))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=0, help="serve on this port (match the build's SITE_URL)")
    args = parser.parse_args()
    json.dump(audit(args.site, args.paths, args.runs, args.port), sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
