"""The build hooks on good and bad pages: computed tables, and `docs/page.md:LINE: message` errors."""
from html import unescape

import pytest

from calculators import fen_to_display, overdue_cost
from support import FRONT, make_site, run_mkdocs


def block(body, name="penalty-table"):
    return f"# 标题\n\n正文。\n\n```{name}\n{body}```\n"


# line numbers below: front matter is lines 1–6, "# 标题" 7, blank 8, "正文。" 9, blank 10, fence 11, body from 12
BAD_PAGES = {
    "unknown-product.md": (FRONT + block("product: jd\namounts: [1000]\ndays: [1]\n"),
                           12, "penalty-table: unknown product 'jd' (known: jd-baitiao, huabei, consumer-loan, credit-card)"),
    "unknown-key.md": (FRONT + block("product: huabei\namounts: [1000]\ndays: [1]\ncolour: red\n"),
                       15, "penalty-table: unknown key 'colour' (allowed: product, amounts, days"),
    "yaml-error.md": (FRONT + block("product: huabei\namounts: [1000\ndays: [1]\n"),
                      14, "penalty-table: YAML syntax error"),
    "empty.md": (FRONT + block(""), 11, "penalty-table: empty block"),
    "summary-unknown-product.md": (FRONT + block("products: [huabei, jd]\namount: 5000\ndays: 30\n", "penalty-summary"),
                                   12, "penalty-summary: unknown product 'jd'"),
    "summary-loan-needs-rate.md": (FRONT + block("products: [consumer-loan]\namount: 5000\ndays: 30\n",
                                                 "penalty-summary"), 12, "penalty-summary: consumer-loan needs daily_rate"),
    "amounts-not-list.md": (FRONT + block("product: huabei\namounts: 1000\ndays: [1]\n"),
                            13, "amounts must be a non-empty list of positive numbers"),
    "amounts-negative.md": (FRONT + block("product: huabei\namounts: [1000, -5]\ndays: [1]\n"),
                            13, "amounts must be a non-empty list of positive numbers, got -5"),
    "amounts-empty.md": (FRONT + block("product: huabei\namounts: []\ndays: [1]\n"),
                         13, "amounts must be a non-empty list"),
    "days-text.md": (FRONT + block("product: huabei\namounts: [100]\ndays: [1, thirty]\n"),
                     14, "days must be a non-empty list of positive whole numbers, got 'thirty'"),
    "days-fraction.md": (FRONT + block("product: huabei\namounts: [100]\ndays: [1.5]\n"),
                         14, "days must be a non-empty list of positive whole numbers, got 1.5"),
    "days-zero.md": (FRONT + block("product: huabei\namounts: [100]\ndays: [0]\n"),
                     14, "days must be a non-empty list of positive whole numbers, got 0"),
    "missing-key.md": (FRONT + block("product: huabei\namounts: [100]\n"), 11, "penalty-table: missing key 'days'"),
    "option-wrong-product.md": (FRONT + block("product: huabei\namounts: [100]\ndays: [1]\nmode: full\n"),
                                15, "'mode' does not apply to huabei (allowed: daily_rate)"),
    "option-bad-value.md": (FRONT + block("product: credit-card\namounts: [100]\ndays: [1]\nmode: sometimes\n"),
                            15, "mode must be full or partial, got 'sometimes'"),
    "loan-needs-rate.md": (FRONT + block("product: consumer-loan\namounts: [100]\ndays: [1]\n"),
                           12, "consumer-loan needs daily_rate"),  # at the product, whose rules need it
    "installment-bad.md": (FRONT + block("fee_rates: [0.5]\nperiods: [1]\n", "installment-table"),
                           13, "installment-table: periods must be a whole number from 2 to 60"),
    "no-front-matter.md": ("# 没有元数据\n", 1, "missing front matter"),
    "missing-title.md": ("---\ndescription: d\nreviewed: 2026-11-01\nsources: [zhengxin-tiaoli]\n---\n# x\n",
                         1, "front matter: missing 'title' (required: title, description, reviewed, sources)"),
    "bad-date.md": ("---\ntitle: t\ndescription: d\nreviewed: 2026-13-01\nsources: [zhengxin-tiaoli]\n---\n# x\n",
                    4, "front matter: impossible date '2026-13-01'"),
    "future-date.md": ("---\ntitle: t\ndescription: d\nreviewed: 2999-01-01\nsources: [zhengxin-tiaoli]\n---\n# x\n",
                       4, "'reviewed' 2999-01-01 is in the future"),
    "unknown-source.md": ("---\ntitle: t\ndescription: d\nreviewed: 2026-11-01\nsources: [zhengxin-tiaoli, made-up]\n---\n",
                          5, "front matter: unknown source id 'made-up'"),
    "empty-sources.md": ("---\ntitle: t\ndescription: d\nreviewed: 2026-11-01\nsources: []\n---\n", 5,
                         "front matter: missing 'sources'"),
    "front-matter-yaml.md": ("---\ntitle: [t\ndescription: d\n---\n# x\n", 3, "front matter: YAML syntax error"),
}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("bad"), {name: text for name, (text, _, _) in BAD_PAGES.items()})
    return run_mkdocs("build", "-d", str(root / "site"), cwd=root)  # not --strict: must fail anyway


def test_bad_pages_fail_the_build_without_a_traceback(bad_build):
    assert bad_build.returncode != 0
    assert "Traceback" not in bad_build.stderr + bad_build.stdout
    assert "the site was not built" in bad_build.stderr


@pytest.mark.parametrize("name", sorted(BAD_PAGES))
def test_each_problem_is_reported_at_its_line(bad_build, name):
    _, line, message = BAD_PAGES[name]
    reported = [text for text in bad_build.stderr.splitlines() if f"docs/{name}:" in text]
    assert reported, bad_build.stderr
    assert any(f"docs/{name}:{line}: " in text and message in text for text in reported), reported


def test_good_page_gets_computed_table_caption_and_sources(tmp_path):
    page = FRONT + block("product: jd-baitiao\namounts: [1000, 5000]\ndays: [1, 30]\n") + \
        "\n```installment-table\nfee_rates: [0.5]\nperiods: [12]\n```\n"
    root = make_site(tmp_path, {"index.md": page})
    result = run_mkdocs("build", "--strict", "-d", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stderr
    html = unescape((root / "site" / "index.html").read_text(encoding="utf-8"))
    for day in (1, 30):
        for amount in (1000, 5000):
            assert fen_to_display(overdue_cost("jd-baitiao", amount, day).extra_fen) in html
    assert "京东白条：逾期多付的钱（元）" in html
    assert "以合同为准" in html  # low confidence product
    assert "规则日期：" in html and 'datetime="2021-07-24"' in html
    assert "4 倍 LPR" in html  # reference lines from the data
    assert "10.90%" in html  # installment IRR from calculators
    assert "来源与核对日期" in html and 'datetime="2026-11-01"' in html
    assert "征信业管理条例" in html
    assert "```" not in html and "penalty-table\n" not in html


def test_identical_blocks_are_computed_once(monkeypatch):
    import content_directives  # the hook module as MkDocs loads it (tests put hooks/ on the path below)

    calls = []
    real = content_directives.overdue_costs
    monkeypatch.setattr(content_directives, "overdue_costs", lambda *a, **k: calls.append(a) or real(*a, **k))
    content_directives.on_pre_build(None)
    from hooks.directives import find_directives
    from calculators import default_rules

    text = "```penalty-table\nproduct: huabei\namounts: [100]\ndays: [1, 2]\n```\n"
    first = content_directives._render(find_directives(text)[0], default_rules())
    second = content_directives._render(find_directives(text + "\n")[0], default_rules())
    assert first == second
    assert len(calls) == 1  # one amount (both its days at once), computed for the first block only


def test_front_matter_checker_accepts_a_complete_page():
    import page_metadata

    assert page_metadata.check_front_matter(FRONT) == []


def _metadata_page(source: str):
    from types import SimpleNamespace

    return SimpleNamespace(file=SimpleNamespace(content_string=source, src_path="costs/fees.md"), meta={})


def test_front_matter_is_read_once_per_page_and_a_changed_page_is_read_again(monkeypatch):
    import page_metadata
    from pathlib import Path
    from types import SimpleNamespace

    calls = []
    real = page_metadata.load_yaml
    monkeypatch.setattr(page_metadata, "load_yaml", lambda text: calls.append(text) or real(text))
    root = Path(__file__).resolve().parents[1]
    config = {"docs_dir": str(root / "docs"), "config_file_path": str(root / "mkdocs.yml")}
    files = SimpleNamespace(get_file_from_path=lambda path: None)
    page = _metadata_page(FRONT + "正文\n")
    body = page_metadata.on_page_read_source(page, config)
    assert body.startswith(page_metadata.EMPTY_FRONT_MATTER) and "title:" not in body
    markdown = page_metadata.on_page_markdown("正文\n", page=page, config=config, files=files)
    assert len(calls) == 1
    assert page.meta["title"] and "来源" in markdown
    # During serve the file may change between the two hooks: the page is then read from its new text.
    page_metadata.on_page_read_source(page, config)
    page.file.content_string = FRONT.replace("sources:", "sources_typo:") + "正文\n"
    page_metadata.on_page_markdown("正文\n", page=page, config=config, files=files)
    assert len(calls) == 3
    from hooks import problems

    assert any("missing 'sources'" in text for text in problems.all_problems())
    problems.reset()
