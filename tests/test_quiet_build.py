"""A clean build prints MkDocs' own INFO lines and nothing else: no jieba log, no Material notice."""
import logging
import os
import subprocess
import sys

from support import ROOT


def test_clean_build_prints_only_mkdocs_info_lines(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert lines, "mkdocs printed nothing at all: is the build running?"
    assert all(line.startswith("INFO    -  ") for line in lines), "\n".join(lines)
    assert any("Documentation built in" in line for line in lines)


def test_quiet_hook_raises_jieba_logger_but_keeps_its_warnings(monkeypatch):
    sys.path.insert(0, str(ROOT / "hooks"))
    import quiet_build

    logger = logging.getLogger("jieba")
    monkeypatch.setattr(logger, "level", logging.DEBUG)
    config = {"site_name": "x"}
    assert quiet_build.on_config(config) is config
    assert not logger.isEnabledFor(logging.DEBUG) and logger.isEnabledFor(logging.WARNING)
