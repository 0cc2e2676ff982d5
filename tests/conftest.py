import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "hooks"))  # the hook modules, importable by the names MkDocs gives them


def run_mkdocs(*args, cwd=ROOT, check=False):
    """Run the real mkdocs CLI (the one the README uses) and return the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, check=check)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The whole site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs("build", "--strict", "-q", "-d", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site
