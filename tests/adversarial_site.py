"""Hostile but valid editor input for a Material site with our overrides: every editor-controlled field
(front matter, directive values, data files, glossary) carries markup. The build must succeed and every value
must be inert text. Shared by tests/test_adversarial.py (the HTML) and tests/browser/test_hostile.py (Chromium).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from support import ROOT

SCRIPT = '<script>alert("title")</script>'
IMG = '<img src=x onerror=alert("img")>'
QUOTED = '逾期后先还"最低还款"可以吗？还有 \'单引号\' 和 & 符号'
LONG_TITLE = IMG + "一个很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长的标题，导航里放不下" * 2

PAGES = {
    # Material prints title and description raw in <title>, meta description, header, nav and footer.
    "index.md": (SCRIPT, QUOTED, "# 首页\n\n逾期会影响你的征信。\n\n下一页见。\n"),
    "hostile/index.md": (LONG_TITLE, IMG + QUOTED, "# 第二页\n\n```penalty-table\nproduct: huabei\n"
                                                  "amounts: [1000]\ndays: [1, 30]\n```\n"),
    "third.md": ('"><svg onload=alert("svg")>', "</title><script>alert('desc')</script>",
                 "# 第三页\n\n```bibliography\n```\n"),
}
GLOSSARY = f"\n*[征信]: {IMG} 定义里的 <b>标签</b>\n"

CONFIG = f"""
site_name: hostile test
site_url: http://127.0.0.1:8000/
docs_dir: docs
theme:
  name: material
  language: zh
  custom_dir: {ROOT / 'overrides'}
  font: false
  features: [content.tooltips, navigation.footer, navigation.indexes]
plugins: []
hooks:
  - {ROOT / 'hooks' / 'page_metadata.py'}
  - {ROOT / 'hooks' / 'content_directives.py'}
  - {ROOT / 'hooks' / 'glossary_tooltips.py'}
  - {ROOT / 'hooks' / 'build_checks.py'}
markdown_extensions: [abbr, attr_list, md_in_html, tables]
nav:
  - index.md
  - hostile/index.md
  - third.md
"""


def hostile_data(folder: Path) -> Path:
    """A copy of data/ whose product name, labels, assumptions and source titles carry markup."""
    folder.mkdir(parents=True, exist_ok=True)
    products = (ROOT / "data" / "products.yml").read_text(encoding="utf-8")
    products = products.replace("    name: 花呗\n", f"    name: '花呗{SCRIPT}'\n", 1)
    products = products.replace("    charge_label: 逾期利息\n", f"    charge_label: '逾期利息{IMG}'\n", 1)
    products = products.replace("      - 按当期未还金额 × 日利率 × 逾期天数计算，单利，不计复利。",
                                f"      - '{IMG} 按当期未还金额计算。'", 1)
    sources = (ROOT / "data" / "sources.yml").read_text(encoding="utf-8")
    sources = sources.replace("  title: 中华人民共和国民法典\n", f"  title: '民法典{IMG}'\n", 1)
    (folder / "products.yml").write_text(products, encoding="utf-8")
    (folder / "sources.yml").write_text(sources, encoding="utf-8")
    return folder


def page_text(title: str, description: str, body: str) -> str:
    def quoted(value):
        return "'" + value.replace("'", "''") + "'"
    return (f"---\ntitle: {quoted(title)}\ndescription: {quoted(description)}\nreviewed: 2026-11-01\n"
            f"sources: [minfadian, huabei-fee-reports]\n---\n{body}{GLOSSARY}")


def build_hostile_site(root: Path) -> tuple[subprocess.CompletedProcess, float, Path]:
    """Write and build the site; returns (process, wall seconds, site directory)."""
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name, (title, description, body) in PAGES.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_text(title, description, body), encoding="utf-8")
    data = hostile_data(root / "data")
    site = root / "site"
    if site.exists():
        shutil.rmtree(site)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", YUQI_DATA_DIR=str(data))
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=root, env=env,
                            capture_output=True, text=True, timeout=120)
    return result, time.monotonic() - start, site
