"""Shared test helpers (a plain module: `conftest` is ambiguous once tests/browser/conftest.py is loaded too)."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_mkdocs(*args, cwd=ROOT, check=False):
    """Run the real mkdocs CLI (the one the README uses) and return the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, check=check)


def skip_or_fail_without(tool: str, message: str):
    """A tool the tests need is missing: skip locally with the reason, but fail under CI, where it must run."""
    import pytest

    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{message}; under CI the {tool} tests must run")
    pytest.skip(message)


# A page with complete front matter, and a minimal site that runs our page and directive hooks.
FRONT = "---\ntitle: T\ndescription: 测试页\nreviewed: 2026-11-01\nsources: [zhengxin-tiaoli]\n---\n"

HOOK_SITE_CONFIG = f"""
site_name: hook test
docs_dir: docs
theme:
  name: mkdocs
hooks:
  - {ROOT / 'hooks' / 'page_metadata.py'}
  - {ROOT / 'hooks' / 'content_directives.py'}
  - {ROOT / 'hooks' / 'build_checks.py'}
markdown_extensions: [attr_list, tables]
"""


def make_site(root, pages):
    """Write mkdocs.yml and docs/<name> pages under ``root``; returns ``root``."""
    (root / "mkdocs.yml").write_text(HOOK_SITE_CONFIG, encoding="utf-8")
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root
