"""Issue 11 §4: under `mkdocs serve` each problem shows in the page (an error box at the directive, a banner
listing the page's problems); `mkdocs build` of the same site still fails."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from html import unescape

import pytest

from support import FRONT, make_site, run_mkdocs

BAD_DIRECTIVE = "```penalty-table\nproduct: jd\namounts: [100]\ndays: [1]\n```\n"
PAGES = {
    # line 9 is the fence, line 10 the product
    "index.md": FRONT + "# 首页\n\n" + BAD_DIRECTIVE + "\n之后的正文 <b>仍然显示</b>。\n\n"
                "```penalty-table\nproduct: huabei\namounts: [100]\ndays: [1]\n```\n",
    "front.md": "---\ntitle: T\ndescription: d\nreviewed: 2026-13-01\nsources: [zhengxin-tiaoli]\n---\n# 第二页\n",
    "good.md": FRONT + "# 好页\n\n正文。\n",
    "hostile.md": FRONT + "# 坏值\n\n```penalty-table\nproduct: '<script>alert(1)</script>'\namounts: [100]\n"
                  "days: [1]\n```\n",
}
DIRECTIVE_PROBLEM = ("docs/index.md:10: penalty-table: unknown product 'jd' "
                     "(known: jd-baitiao, huabei, consumer-loan, credit-card)")
FRONT_PROBLEM = "docs/front.md:4: front matter: impossible date '2026-13-01'"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("serve"), PAGES)
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--no-livereload"],
                              cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        pages = {name: fetch(f"http://127.0.0.1:{port}/{name}", deadline)
                 for name in ("", "front/", "good/", "hostile/")}
    finally:
        server.terminate()
        try:
            output, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    return pages, output, root


def test_serve_shows_the_problem_in_place_of_the_directive(served):
    pages, _, _ = served
    home = pages[""]
    box = home.split('class="yuqi-build-error"', 1)[1].split("</div>", 1)[0]
    assert unescape(box).endswith(DIRECTIVE_PROBLEM)
    # In place: after the heading, before the rest of the page, which is still rendered (the good table too).
    assert home.index("首页") < home.index('class="yuqi-build-error"') < home.index("之后的正文")
    assert 'data-product="huabei"' in home


def test_serve_lists_every_problem_of_the_page_in_a_banner(served):
    pages, _, _ = served
    banner = unescape(pages[""].split('class="yuqi-build-errors"', 1)[1].split("</div>", 1)[0])
    assert "本页有 1 个构建错误" in banner and DIRECTIVE_PROBLEM in banner
    front = unescape(pages["front/"])
    assert "yuqi-build-errors" in front and FRONT_PROBLEM in front
    assert "yuqi-build-error" not in pages["good/"]  # a good page stays clean


def test_serve_prints_the_same_lines_in_the_terminal(served):
    _, output, _ = served
    assert DIRECTIVE_PROBLEM in output and FRONT_PROBLEM in output
    assert "Traceback" not in output


def test_build_of_the_same_site_still_fails(served):
    _, _, root = served
    result = run_mkdocs("build", "-d", str(root / "built"), cwd=root)
    assert result.returncode != 0
    assert DIRECTIVE_PROBLEM in result.stderr and FRONT_PROBLEM in result.stderr
    assert "yuqi-build-error" not in "".join(p.read_text(encoding="utf-8") for p in (root / "built").rglob("*.html")) \
        if (root / "built").exists() else True


def test_boxes_come_from_the_pure_renderer():
    sys.path.insert(0, str(__import__("support").ROOT / "hooks"))
    import content_directives
    from calculators import default_rules

    text, problems = content_directives.render_directives("intro\n\n" + BAD_DIRECTIVE, default_rules(), boxes=True,
                                                          path="docs/x.md", line_offset=6)
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(10, "penalty-table")]
    assert "docs/x.md:10: penalty-table: unknown product &#39;jd&#39;" in text
    plain, _ = content_directives.render_directives("intro\n\n" + BAD_DIRECTIVE, default_rules())
    assert "yuqi-build-error" not in plain


def test_a_hostile_value_in_an_error_box_is_text(served):
    pages, _, _ = served
    hostile = pages["hostile/"]
    assert "<script>alert" not in hostile
    assert "unknown product &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;" in hostile
