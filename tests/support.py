"""Shared test helpers (a plain module: `conftest` is ambiguous once tests/browser/conftest.py is loaded too)."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_mkdocs(*args, cwd=ROOT, check=False):
    """Run the real mkdocs CLI (the one the README uses) and return the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, check=check)
