"""The GitHub workflow: valid against GitHub's schema (offline, check-jsonschema's vendored copy), least privilege."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_validate_against_the_vendored_schema():
    assert WORKFLOWS
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_is_rejected(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps: []\n", encoding="utf-8")  # no runs-on
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0


def test_build_is_strict_and_deploy_has_least_privilege():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers and "pull_request" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert any("mkdocs build --strict" in step.get("run", "") for step in jobs["build"]["steps"])
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in jobs["build"]["steps"])
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"]
    assert set(deploy["needs"]) == {"build", "test"}
    assert deploy["concurrency"]["group"] == "pages"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def _workflow():
    return yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_tag():
    pin = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w.-]+)@(?P<ref>\S+)(?:\s+#\s*(?P<tag>\S+))?\s*$")
    uses = []
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(r"^\s*(?:-\s+)?uses:", line):
                match = pin.match(line)
                where = f"{path.name}:{number}: {line.strip()}"
                assert match, where
                assert re.fullmatch(r"[0-9a-f]{40}", match["ref"]), f"{where}: pin a full commit SHA"
                assert match["tag"] and re.fullmatch(r"v\d+(\.\d+)*", match["tag"]), f"{where}: say the tag, # vX.Y.Z"
                uses.append(match["action"])
    assert {"actions/checkout", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)


def test_every_job_has_a_timeout():
    for name, job in _workflow()["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 60, name


def _evaluate(expression, ref):
    """The one expression form we use for cancel-in-progress: ${{ github.ref != 'X' }} (or ==), or a literal."""
    if isinstance(expression, bool):
        return expression
    match = re.fullmatch(r"\$\{\{\s*github\.ref\s*(?P<op>!=|==)\s*'(?P<value>[^']*)'\s*\}\}", expression)
    assert match, f"cannot read cancel-in-progress: {expression!r}"
    return (ref != match["value"]) if match["op"] == "!=" else (ref == match["value"])


def test_a_run_on_main_is_never_cancelled_but_a_superseded_branch_run_is():
    workflow = _workflow()
    top = workflow["concurrency"]
    assert "github.ref" in top["group"]  # one group per branch or pull request
    assert _evaluate(top["cancel-in-progress"], "refs/heads/main") is False
    assert _evaluate(top["cancel-in-progress"], "refs/heads/some-branch") is True
    assert _evaluate(top["cancel-in-progress"], "refs/pull/7/merge") is True
    deploy = workflow["jobs"]["deploy"]["concurrency"]
    assert deploy == {"group": "pages", "cancel-in-progress": False}


def test_tests_run_the_readmes_ci_entry_point_and_the_site_url_is_derived():
    jobs = _workflow()["jobs"]
    assert [step.get("run") for step in jobs["test"]["steps"] if "run" in step] == [".ci/run"]
    assert (ROOT / ".ci" / "run").stat().st_mode & 0o111
    assert "`.ci/run`" in (ROOT / "README.md").read_text(encoding="utf-8")
    build = jobs["build"]["steps"]
    address = next(step for step in build if step.get("id") == "address")
    assert ".ci/site-url" in address["run"]
    mkdocs = next(step for step in build if "mkdocs build --strict" in step.get("run", ""))
    assert mkdocs["env"]["SITE_URL"] == "${{ steps.address.outputs.site_url }}"


def _site_url(tmp_path, repository, cname=None):
    (tmp_path / ".ci").mkdir(exist_ok=True)
    script = tmp_path / ".ci" / "site-url"
    script.write_bytes((ROOT / ".ci" / "site-url").read_bytes())
    script.chmod(0o755)
    (tmp_path / "docs").mkdir(exist_ok=True)
    if cname is not None:
        (tmp_path / "docs" / "CNAME").write_text(cname, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "GITHUB_REPOSITORY": repository}
    return subprocess.run([str(script)], capture_output=True, text=True, env=env, timeout=30)


@pytest.mark.parametrize("repository, cname, url", [
    ("someone/yuqi-guide", None, "https://someone.github.io/yuqi-guide/"),
    ("SomeOne/yuqi-guide", None, "https://someone.github.io/yuqi-guide/"),
    ("someone/someone.github.io", None, "https://someone.github.io/"),
    ("SomeOne/SomeOne.GitHub.io", None, "https://someone.github.io/"),
    ("someone/yuqi-guide", "guide.example.org\n", "https://guide.example.org/"),
    ("someone/someone.github.io", "  Guide.Example.org  \n", "https://guide.example.org/"),
])
def test_site_url_for_project_user_and_custom_domain_pages(tmp_path, repository, cname, url):
    result = _site_url(tmp_path, repository, cname)
    assert result.returncode == 0, result.stderr
    assert result.stdout == url + "\n"


@pytest.mark.parametrize("cname", ["https://guide.example.org/", "guide.example.org/path", "", "not a domain"])
def test_a_cname_that_is_not_one_domain_fails_with_its_line(tmp_path, cname):
    result = _site_url(tmp_path, "someone/yuqi-guide", cname)
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.startswith("docs/CNAME:1: ")
