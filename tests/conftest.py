import sys

import pytest

from support import ROOT, run_mkdocs

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "hooks"))  # the hook modules, importable by the names MkDocs gives them


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The whole site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs("build", "--strict", "-q", "-d", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site
