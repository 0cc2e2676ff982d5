"""Adversarial editor input (issue 10): every hostile or mistaken input gets exactly one `file:LINE: message`
at the right line, or builds cleanly with inert HTML. No build on hostile input may take more than 10 s or
print more than 20 kB.

Classes (counted in test_the_suite_is_as_large_as_promised): front matter, directive YAML (aliases, billion
laughs, duplicate keys, YAML 1.1 numbers, dates, shapes), typo'd / unclosed / misindented fences, calculation
errors at their key, links / anchors / nav, data files (every shape and value check), the CLI, escaping.
Pages are batched into one build (each page's outcome asserted on its own); data files are checked in process
through calculators.load_rules and, for the end-to-end path, through one build and the CLI.
"""
from __future__ import annotations

import html.parser
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from support import FRONT, HOOK_SITE_CONFIG, ROOT

from calculators import DataError, load_rules

BUILD_SECONDS = 10
OUTPUT_BYTES = 20_000


def mkdocs(root: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """Build without --strict; assert the budget for hostile input (time and output size)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site")], cwd=root, env=env,
                            capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - start
    assert elapsed < BUILD_SECONDS, f"build took {elapsed:.1f} s"
    assert len(result.stdout) + len(result.stderr) < OUTPUT_BYTES, f"{len(result.stderr)} bytes of output"
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]
    return result


def write_site(root: Path, pages: dict[str, str], config: str = HOOK_SITE_CONFIG) -> Path:
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle``."""
    found = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) >= occurrence, f"{needle!r} not in the test text"
    return found[occurrence - 1]


def page(body: str) -> str:
    return FRONT + "# 标题\n\n" + body  # body starts on line 9


def fence(name: str, body: str, mark: str = "```") -> str:
    return f"{mark}{name}\n{body}{mark}\n"


def table(body: str) -> str:
    return page(fence("penalty-table", body))


def chart(body: str) -> str:
    return page(fence("penalty-chart", body))


LAUGHS = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9))
FM_LAUGHS = "---\nl0: &l0 lol\n" + LAUGHS + "title: T\n---\n# x\n"
DEEP = "[" * 5000 + "]" * 5000

# name -> (page text, needle on the expected line (or a line number), expected message part)
PAGE_CASES = {
    # Front matter: one loader, real errors at their line.
    "fm-alias.md": ("---\ntitle: &t 标题\ndescription: *t\nreviewed: 2026-11-01\nsources: [zhengxin-tiaoli]\n---\n",
                    "title: &t", "front matter: anchors (&name) are not allowed"),
    "fm-billion-laughs.md": (FM_LAUGHS, "l0: &l0", "front matter: anchors (&name) are not allowed"),
    "fm-duplicate-title.md": (FRONT.replace("description:", "title: 另一个\ndescription:"), "title: 另一个",
                              "front matter: duplicate key 'title' (first given on line 2)"),
    "fm-duplicate-sources.md": (FRONT.replace("---\n# ", "---\n").replace("sources: [zhengxin-tiaoli]\n",
                                "sources: [zhengxin-tiaoli]\nsources: [minfadian]\n"), "sources: [minfadian]",
                                "front matter: duplicate key 'sources' (first given on line 5)"),
    "fm-unterminated.md": ("---\ntitle: T\ndescription: d\nreviewed: 2026-11-01\n# 正文\n", 1,
                           "front matter is not closed"),
    "fm-missing.md": ("# 没有 front matter\n", 1, "missing front matter"),
    "fm-impossible-date.md": (FRONT.replace("2026-11-01", "2026-02-30"), "reviewed:",
                              "front matter: impossible date '2026-02-30'"),
    "fm-date-as-number.md": (FRONT.replace("2026-11-01", "20261101"), "reviewed:",
                             "front matter: 'reviewed' must be a date YYYY-MM-DD, got 20261101"),
    "fm-title-list.md": (FRONT.replace("title: T", "title: [T]"), "title:", "front matter: 'title' must be text"),
    "fm-title-blank.md": (FRONT.replace("title: T", "title: '  '"), "title:", "front matter: 'title' is blank"),
    "fm-title-octal.md": (FRONT.replace("title: T", "title: 07"), "title:",
                          "front matter: '07' is not a plain decimal number"),
    "fm-description-inf.md": (FRONT.replace("description: 测试页", "description: .inf"), "description:",
                              "front matter: '.inf' is not a plain decimal number"),
    "fm-sources-text.md": (FRONT.replace("[zhengxin-tiaoli]", "zhengxin-tiaoli"), "sources:",
                           "front matter: 'sources' must be a list of source ids"),
    "fm-sources-twice.md": (FRONT.replace("[zhengxin-tiaoli]", "\n  - zhengxin-tiaoli\n  - zhengxin-tiaoli"),
                            7, "front matter: source id 'zhengxin-tiaoli' is listed twice"),
    "fm-unknown-source-item.md": (FRONT.replace("[zhengxin-tiaoli]", "\n  - zhengxin-tiaoli\n  - made-up"),
                                  "made-up", "front matter: unknown source id 'made-up'"),
    "fm-python-tag.md": (FRONT.replace("title: T", "title: !!python/object/apply:os.system ['true']"), "title:",
                         "front matter: YAML tag"),
    "fm-top-list.md": ("---\n- title\n- T\n---\n# x\n", 2, "front matter must be 'key: value' lines"),
    "fm-deep.md": (FRONT.replace("title: T", "title: " + DEEP), "title:", "front matter: nested more than"),

    # Directive YAML: aliases, duplicate keys, YAML 1.1 numbers, shapes.
    "dt-alias.md": (table("product: &p huabei\namounts: [100]\ndays: [1]\n"), "product: &p",
                    "penalty-table: anchors (&name) are not allowed"),
    "dt-billion-laughs.md": (table("l0: &l0 [1]\n" + LAUGHS + "product: huabei\namounts: *l8\ndays: [1]\n"),
                             "l0: &l0", "penalty-table: anchors (&name) are not allowed"),
    "dt-duplicate-amounts.md": (table("product: huabei\namounts: [100]\ndays: [1]\namounts: [200]\n"),
                                "amounts: [200]", "penalty-table: duplicate key 'amounts' (first given on line 11)"),
    "dt-duplicate-product.md": (table("product: huabei\nproduct: credit-card\namounts: [100]\ndays: [1]\n"),
                                "product: credit-card",
                                "penalty-table: duplicate key 'product' (first given on line 10)"),
    "dt-octal-days.md": (table("product: huabei\namounts: [100]\ndays: [07, 030]\n"), "days:",
                         "penalty-table: '07' is not a plain decimal number"),
    "dt-hex-amount.md": (table("product: huabei\namounts: [0x10]\ndays: [1]\n"), "amounts:",
                         "penalty-table: '0x10' is not a plain decimal number"),
    "dt-exponent.md": (table("product: huabei\namounts: [1.0e+400]\ndays: [1]\n"), "amounts:",
                       "penalty-table: '1.0e+400' is not a plain decimal number"),
    "dt-inf.md": (table("product: huabei\namounts: [.inf]\ndays: [1]\n"), "amounts:",
                  "penalty-table: '.inf' is not a plain decimal number"),
    "dt-underscore.md": (table("product: huabei\namounts: [1_000]\ndays: [1]\n"), "amounts:",
                         "penalty-table: '1_000' is not a plain decimal number"),
    "dt-sexagesimal.md": (table("product: huabei\namounts: [100]\ndays: [1:30]\n"), "days:",
                          "penalty-table: '1:30' is not a plain decimal number"),
    "dt-forty-digits.md": (table("product: huabei\namounts: [1.000000000000000000000000000000000000001]\n"
                                 "days: [1]\n"), "amounts:",
                           "penalty-table: amounts has a number with 40 digits (at most 24)"),
    "dt-fraction-of-fen.md": (table("product: huabei\namounts: [100.001]\ndays: [1]\n"), "amounts:",
                              "penalty-table: amount must have at most two decimals"),
    "dt-amount-too-big.md": (table("product: huabei\namounts: [99999999999]\ndays: [1]\n"), "amounts:",
                             "at most 10,000,000 yuan"),
    "dt-days-item-line.md": (table("product: huabei\namounts: [100]\ndays:\n  - 1\n  - -5\n"), "- -5",
                             "penalty-table: days must be a non-empty list of positive whole numbers, got -5"),
    "dt-days-twice.md": (table("product: huabei\namounts: [100]\ndays: [1, 1]\n"), "days:",
                         "penalty-table: days lists 1 twice"),
    "dt-product-list.md": (table("product: [huabei]\namounts: [100]\ndays: [1]\n"), "product:",
                           "penalty-table: unknown product ['huabei']"),
    "dt-block-list.md": (table("- product\n- huabei\n"), 10, "penalty-table: expected 'key: value' lines, got a list"),
    "dt-block-scalar.md": (table("just some words\n"), 10, "penalty-table: expected 'key: value' lines"),
    "dt-python-tag.md": (table("product: !!python/name:os.system\namounts: [100]\ndays: [1]\n"), "product:",
                         "penalty-table: YAML tag"),
    "dt-impossible-date-value.md": (table("product: 2026-02-30\namounts: [100]\ndays: [1]\n"), "product:",
                                    "penalty-table: impossible date '2026-02-30'"),
    "dt-deep.md": (table("product: huabei\namounts: " + DEEP + "\ndays: [1]\n"), "amounts:",
                   "penalty-table: nested more than"),
    "dt-yaml-syntax.md": (table("product: huabei\namounts: [100\ndays: [1]\n"), "days:",
                          "penalty-table: YAML syntax error"),
    # Calculation errors point at the key they concern, not at the fence.
    "calc-paid-too-much.md": (table("product: credit-card\namounts: [1000]\ndays: [1]\npaid: 5000\n"), "paid:",
                              "penalty-table: paid must be less than amount"),
    "calc-rate-out-of-range.md": (table("product: huabei\namounts: [100]\ndays: [1]\ndaily_rate: 5\n"),
                                  "daily_rate:", "penalty-table: daily_rate must be a number from 0.0001 to 1"),
    "calc-rate-text.md": (table("product: huabei\namounts: [100]\ndays: [1]\ndaily_rate: lots\n"), "daily_rate:",
                          "penalty-table: daily_rate must be a number"),
    "calc-loan-needs-rate.md": (table("product: consumer-loan\namounts: [100]\ndays: [1]\n"), "product:",
                                "penalty-table: consumer-loan needs daily_rate"),
    "chart-hex-amount.md": (chart("products: [huabei]\namount: 0x10\ndays: 30\n"), "amount:",
                            "penalty-chart: '0x10' is not a plain decimal number"),
    "chart-octal-days.md": (chart("products: [huabei]\namount: 100\ndays: 030\n"), "days:",
                            "penalty-chart: '030' is not a plain decimal number"),
    "chart-duplicate-option.md": (chart("products: [huabei]\namount: 100\ndays: 30\noptions:\n  huabei:\n"
                                        "    daily_rate: 0.05\n    daily_rate: 0.06\n"), "daily_rate: 0.06",
                                  "penalty-chart: duplicate key 'daily_rate' (first given on line 15)"),
    "chart-reference-yes.md": (chart("products: [huabei]\namount: 100\ndays: 30\nreference_lines: yes\n"),
                               "reference_lines:", "penalty-chart: reference_lines must be true, false or a list"),
    "chart-second-product-unknown.md": (chart("products:\n  - huabei\n  - jd\namount: 100\ndays: 30\n"), "- jd",
                                        "penalty-chart: unknown product 'jd'"),
    "chart-option-line.md": (chart("products: [huabei]\namount: 100\ndays: 30\noptions:\n  huabei:\n"
                                   "    daily_rate: 7\n"), "daily_rate: 7", "penalty-chart: huabei: daily_rate must be"),
    "inst-duplicate.md": (page(fence("installment-table", "fee_rates: [0.5]\nfee_rates: [0.6]\nperiods: [3]\n")),
                          "fee_rates: [0.6]", "installment-table: duplicate key 'fee_rates' (first given on line 10)"),
    "inst-periods-item.md": (page(fence("installment-table", "fee_rates: [0.5]\nperiods:\n  - 3\n  - 1\n")), "- 1",
                             "installment-table: periods must be a whole number from 2 to 60"),
    "bib-with-keys.md": (page(fence("bibliography", "kind: law\n")), 10, "bibliography: takes no keys"),

    # Fences that would publish silently as code.
    "fence-typo.md": (page(fence("penalty-tabel", "product: huabei\n")), "```penalty-tabel",
                      "unknown directive 'penalty-tabel': did you mean 'penalty-table'?"),
    "fence-capitals.md": (page(fence("Penalty-Table", "product: huabei\n")), "```Penalty-Table",
                          "unknown directive 'Penalty-Table': did you mean 'penalty-table'?"),
    "fence-underscore.md": (page(fence("penalty_table", "product: huabei\n")), "```penalty_table",
                            "unknown directive 'penalty_table': did you mean 'penalty-table'?"),
    "fence-chart-typo.md": (page(fence("penalty-chrat", "products: [huabei]\n")), "```penalty-chrat",
                            "did you mean 'penalty-chart'?"),
    "fence-installment-typo.md": (page(fence("instalment-table", "periods: [3]\n")), "```instalment-table",
                                  "did you mean 'installment-table'?"),
    "fence-bibliography-typo.md": (page(fence("bibliografy", "")), "```bibliografy", "did you mean 'bibliography'?"),
    "fence-tilde-typo.md": (page(fence("penalty-tabel", "product: huabei\n", "~~~")), "~~~penalty-tabel",
                            "did you mean 'penalty-table'?"),
    "fence-unclosed.md": (page("前文\n\n```penalty-table\nproduct: huabei\namounts: [100]\ndays: [1]\n\n后文。\n"),
                          "```penalty-table", "penalty-table: this fence is never closed"),
    "fence-misindented.md": (page("```penalty-table\nproduct: huabei\namounts: [100]\ndays: [1]\n  ```\n"),
                             "  ```", "penalty-table: closing fence is indented differently"),
    "fence-extra-info.md": (page("```penalty-table {.wide}\nproduct: huabei\namounts: [100]\ndays: [1]\n```\n"),
                            "```penalty-table", "penalty-table: nothing may follow the directive name"),

    # Links: MkDocs only warns without --strict; our build fails, at the link's line.
    "link-missing-page.md": (page("先读[这一页](nope.md)。\n"), "nope.md", "broken link 'nope.md'"),
    "link-missing-folder.md": (page("一段。\n\n再看[那一页](sub/gone.md)。\n"), "sub/gone.md", "broken link 'sub/gone.md'"),
    "link-reference-style.md": (page("见[来源][r]。\n\n[r]: missing-ref.md\n"), "[r]: missing-ref.md",
                                "broken link 'missing-ref.md'"),
}

# Pages that must build without any problem: code fences that only look like directives, real words.
CLEAN_PAGES = {
    "ok-code-fences.md": page(fence("python", "print('penalty-table')\n") + "\n" + fence("yaml", "days: [07]\n")
                              + "\n" + fence("text", "```penalty-tabel\n", "````") + "\n" + fence("", "plain\n")),
    # The syntax shown as an example inside a longer fence stays an example: no table, no problem.
    "ok-directive-example.md": page("````markdown\n```penalty-table\nproduct: jd\n```\n````\n"),
    "ok-quoted-values.md": table("product: huabei\namounts: ['1000']\ndays: [1, 30]\n").replace("['1000']", "[1000]"),
}


@pytest.fixture(scope="module")
def page_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("adversarial-pages")
    pages = {name: text for name, (text, _, _) in PAGE_CASES.items()} | CLEAN_PAGES
    config = HOOK_SITE_CONFIG + "nav:\n  - ok-code-fences.md\n  - Missing: missing-in-nav.md\n"
    result = mkdocs(write_site(root, pages, config))
    return result


def reported(result, name):
    return [line.split("-  ", 1)[-1] for line in result.stderr.splitlines() if f"docs/{name}:" in line]


def test_page_build_fails_without_strict(page_build):
    assert page_build.returncode != 0
    assert "problems in the pages above; the site was not built" in page_build.stderr


@pytest.mark.parametrize("name", sorted(PAGE_CASES))
def test_page_case(page_build, name):
    text, where, message = PAGE_CASES[name]
    line = where if isinstance(where, int) else line_of(text, where)
    lines = reported(page_build, name)
    assert len(lines) == 1, lines  # one clear line per mistake
    assert lines[0].startswith(f"docs/{name}:{line}: "), lines
    assert message in lines[0], lines
    assert len(lines[0]) < 300  # never a whole hostile value


@pytest.mark.parametrize("name", sorted(CLEAN_PAGES))
def test_clean_page_has_no_problem(page_build, name):
    assert reported(page_build, name) == []


def test_nav_entry_to_a_missing_page_fails_with_its_config_line(page_build, tmp_path):
    config = HOOK_SITE_CONFIG + "nav:\n  - ok-code-fences.md\n  - Missing: missing-in-nav.md\n"
    expected = f"mkdocs.yml:{line_of(config, 'missing-in-nav.md')}: nav entry 'missing-in-nav.md' is not a page in docs/"
    assert expected in page_build.stderr


@pytest.fixture(scope="module")
def anchor_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("adversarial-anchors")
    pages = {"index.md": page("## 有的一节\n\n[本页](#no-such-part)\n\n[别页](other.md#nowhere)\n\n[好的](#_1)\n"),
             "other.md": page("正文。\n")}
    return mkdocs(write_site(root, pages)), pages


@pytest.mark.parametrize("link", ["#no-such-part", "other.md#nowhere"])
def test_missing_anchor_fails_the_build_at_its_line(anchor_build, link):
    result, pages = anchor_build
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if f"broken link '{link}'" in line]
    assert len(lines) == 1 and f"docs/index.md:{line_of(pages['index.md'], link)}: " in lines[0], result.stderr


# Data files --------------------------------------------------------------------------------------------

SOURCES = """\
zhengxin-tiaoli:
  title: 征信业管理条例
  issuer: 国务院
  date: 2013-01-21
  url: "https://example.org/zhengxin"
  kind: administrative-regulation
huabei-fee-reports:
  title: 花呗逾期费用报道
  issuer: 媒体
  date: 2021-06-03
  url: "https://example.org/huabei"
  kind: news
"""

PRODUCTS = """\
products:
  huabei:
    name: 花呗
    model: daily-fee
    charge_label: 逾期利息
    base_label: 当期未还金额
    parameters:
      daily_rate: "0.05"
    effective: 2021-06-03
    effective_note: 说明。
    confidence: medium
    confidence_note: 以合同为准。
    assumptions:
      - 单利。
    sources: [huabei-fee-reports]
reference_lpr:
  - date: 2026-01-20
    one_year: "3.0"
    five_year: "3.5"
    sources: [zhengxin-tiaoli]
reference_lines:
  lpr-4x:
    label: 4 倍 LPR
    multiple_of_lpr: "4"
    scope: 民间借贷。
    sources: [zhengxin-tiaoli]
"""

# name -> (file, old, new, needle on the expected line (in the changed file) or line number, message part)
DATA_CASES = {
    "products-as-list": ("products", "products:\n  huabei:\n", "products:\n  - huabei:\n",
                         "products:", "products must be 'key: value' lines (a mapping), got a list"),
    "duplicate-product": ("products", "reference_lpr:\n", "  huabei:\n    name: 又一个\nreference_lpr:\n",
                          "  huabei:#2", "duplicate key 'huabei' (first given on line 2)"),
    "duplicate-field": ("products", "    model: daily-fee\n", "    model: daily-fee\n    name: 花呗 2\n",
                        "name: 花呗 2", "duplicate key 'name' (first given on line 3)"),
    "duplicate-source": ("sources", "huabei-fee-reports:\n", "zhengxin-tiaoli:\n  title: again\nhuabei-fee-reports:\n",
                         "zhengxin-tiaoli:#2", "duplicate key 'zhengxin-tiaoli' (first given on line 1)"),
    "duplicate-source-field": ("sources", "  kind: news\n", "  kind: news\n  url: \"https://example.org/x\"\n",
                               "example.org/x", "duplicate key 'url' (first given on line 11)"),
    "sources-top-list": ("sources", None, "- zhengxin-tiaoli\n- huabei-fee-reports\n", 1,
                         "the top level must be 'key: value' lines, got a list"),
    "source-mapping-inside": ("sources", "  title: 征信业管理条例\n", "  title:\n    zh: 征信业管理条例\n", "title:",
                              "source 'zhengxin-tiaoli' field 'title' must be text, got a mapping"),
    "source-as-list": ("sources", "huabei-fee-reports:\n  title: 花呗逾期费用报道\n  issuer: 媒体\n  date: 2021-06-03\n"
                       "  url: \"https://example.org/huabei\"\n  kind: news\n", "huabei-fee-reports: [a, b]\n",
                       "huabei-fee-reports:", "source 'huabei-fee-reports' must be 'key: value' lines"),
    "source-impossible-date": ("sources", "2013-01-21", "2013-02-30", "date:", "impossible date '2013-02-30'"),
    "source-date-text": ("sources", "2013-01-21", "soon", "date:",
                         "source 'zhengxin-tiaoli' field 'date' must be a date YYYY-MM-DD, got 'soon'"),
    "source-url-script": ("sources", '"https://example.org/zhengxin"', "'javascript:alert(1)'", "url:",
                          "field 'url' must be a web address"),
    "source-url-quote": ("sources", '"https://example.org/zhengxin"', "'https://example.org/\"onmouseover=x'", "url:",
                         "field 'url' must be a web address"),
    "source-kind": ("sources", "kind: news", "kind: gossip", "kind: gossip", "field 'kind' must be one of"),
    "source-unknown-field": ("sources", "  kind: news\n", "  kind: news\n  titel: x\n", "titel:",
                             "unknown field 'titel'"),
    "reference-line-without-label": ("products", "    label: 4 倍 LPR\n", "", "multiple_of_lpr:",
                                     "reference line 'lpr-4x': missing field(s): label"),
    "reference-line-both-rates": ("products", '    multiple_of_lpr: "4"\n', '    multiple_of_lpr: "4"\n    rate: "24"\n',
                                  "label: 4 倍", "give exactly one of 'rate' (percent per year) or 'multiple_of_lpr'"),
    "reference-lines-as-list": ("products", "reference_lines:\n  lpr-4x:\n", "reference_lines:\n  - lpr-4x:\n",
                                "reference_lines:", "reference_lines must be 'key: value' lines (a mapping)"),
    "negative-lpr": ("products", 'one_year: "3.0"', 'one_year: "-3.0"', "one_year:",
                     "field 'one_year' must be more than 0 and at most 1000, got -3.0"),
    "lpr-text": ("products", 'one_year: "3.0"', "one_year: 三", "one_year:", "field 'one_year' must be a number"),
    "lpr-not-list": ("products", '  - date: 2026-01-20\n    one_year: "3.0"\n    five_year: "3.5"\n    sources',
                     '  date: 2026-01-20\n  one_year: "3.0"\n  five_year: "3.5"\n  sources', "reference_lpr:",
                     "reference_lpr must be a non-empty list"),
    "lpr-hex": ("products", 'five_year: "3.5"', "five_year: 0x10", "five_year:", "'0x10' is not a plain decimal number"),
    "rate-not-numeric": ("products", 'daily_rate: "0.05"', "daily_rate: lots", "daily_rate:",
                         "product 'huabei' parameter 'daily_rate': daily_rate must be a number"),
    "rate-octal": ("products", 'daily_rate: "0.05"', "daily_rate: 005", "daily_rate:", "'005' is not a plain decimal"),
    "rate-exponent": ("products", 'daily_rate: "0.05"', "daily_rate: 5e-2", "daily_rate:", "'5e-2' is not a plain"),
    "rate-inf": ("products", 'daily_rate: "0.05"', "daily_rate: .inf", "daily_rate:", "'.inf' is not a plain"),
    "effective-impossible": ("products", "effective: 2021-06-03", "effective: 2021-13-03", "effective:",
                             "impossible date '2021-13-03'"),
    "model-unknown": ("products", "model: daily-fee", "model: daily-feee", "model:", "field 'model' must be one of"),
    "product-unknown-source": ("products", "sources: [huabei-fee-reports]", "sources:\n      - huabei-fee-reports\n"
                               "      - nobody", "- nobody", "product 'huabei': unknown source id 'nobody'"),
    "assumptions-text": ("products", "    assumptions:\n      - 单利。\n", "    assumptions: 单利。\n", "assumptions:",
                         "field 'assumptions' must be a non-empty list"),
    "data-alias": ("products", "    name: 花呗\n", "    name: &n 花呗\n    charge_label_copy: *n\n", "name: &n",
                   "anchors (&name) are not allowed"),
    "data-billion-laughs": ("products", None, "l0: &l0 [lol]\n" + LAUGHS + PRODUCTS, 1, "anchors (&name) are not allowed"),
    "data-deep": ("products", "    name: 花呗\n", "    name: " + DEEP + "\n", "name:", "nested more than"),
    "data-tab-indent": ("products", "    name: 花呗\n", "\tname: 花呗\n", 3, "YAML syntax error"),
}


def data_copy(folder: Path, kind: str | None = None, old: str | None = None, new: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"products": PRODUCTS, "sources": SOURCES}
    if kind is not None:
        texts[kind] = new if old is None else texts[kind].replace(old, new, 1)
        assert texts[kind] != {"products": PRODUCTS, "sources": SOURCES}[kind]
    for name, text in texts.items():
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return folder


def test_minimal_data_is_valid(tmp_path):
    rules = load_rules(data_copy(tmp_path) / "products.yml", tmp_path / "sources.yml")
    assert list(rules.products) == ["huabei"] and rules.reference_lines[0].label == "4 倍 LPR"


@pytest.mark.parametrize("name", sorted(DATA_CASES))
def test_data_case(tmp_path, name):
    kind, old, new, where, message = DATA_CASES[name]
    folder = data_copy(tmp_path, kind, old, new)
    changed = (folder / f"{kind}.yml").read_text(encoding="utf-8")
    if isinstance(where, int):
        line = where
    else:
        needle, _, occurrence = where.partition("#")
        line = line_of(changed, needle, int(occurrence or 1))
    with pytest.raises(DataError) as caught:
        load_rules(folder / "products.yml", folder / "sources.yml")
    text = str(caught.value)
    assert text.startswith(f"{folder / kind}.yml:{line}: "), text
    assert message in text, text
    assert "\n" not in text and len(text) < 400 + len(str(folder))


def test_missing_data_file(tmp_path):
    data_copy(tmp_path)
    (tmp_path / "sources.yml").unlink()
    with pytest.raises(DataError, match=r"sources\.yml: file not found"):
        load_rules(tmp_path / "products.yml", tmp_path / "sources.yml")


def cli(*args, data: Path | None = None):
    env = dict(os.environ, **({"YUQI_DATA_DIR": str(data)} if data else {}))
    return subprocess.run([sys.executable, "-m", "calculators", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env=env)


@pytest.mark.parametrize("args", [["products"], ["cost", "huabei", "--amount", "100", "--days", "1"],
                                  ["table", "huabei", "--amounts", "100", "--days", "1"], ["vectors"]])
def test_cli_on_a_broken_data_file_exits_2_with_one_line(tmp_path, args):
    folder = data_copy(tmp_path, "products", 'one_year: "3.0"', 'one_year: "-3.0"')
    result = cli(*args, data=folder)
    assert result.returncode == 2 and result.stdout == ""
    expected = f"error: {folder / 'products.yml'}:{line_of(PRODUCTS, 'one_year')}: reference_lpr item 1 field 'one_year'"
    assert result.stderr.strip().splitlines() == [result.stderr.strip()] and result.stderr.startswith(expected)


def test_one_broken_data_file_is_one_error_in_the_build(tmp_path):
    folder = data_copy(tmp_path / "data", "products", "    name: 花呗\n", "    name: 花呗\n    name: 又是花呗\n")
    directive = fence("penalty-table", "product: huabei\namounts: [100]\ndays: [1]\n")
    pages = {f"p{index}.md": page(directive) for index in range(6)}
    (tmp_path / "site-src").mkdir()
    result = mkdocs(write_site(tmp_path / "site-src", pages), {"YUQI_DATA_DIR": str(folder)})
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    expected = f"{folder / 'products.yml'}:4: duplicate key 'name' (first given on line 3)"
    assert expected in errors[0] and len(errors) == 2, errors  # the problem, then "1 problem … not built"
    assert "docs/" not in result.stderr


# The command line ----------------------------------------------------------------------------------------

CLI_CASES = {
    "amount-minus-inf": (["cost", "huabei", "--amount", "-inf", "--days", "1"], "amount must be a number, got '-inf'"),  # a value, not an option
    "amount-negative": (["cost", "huabei", "--amount", "-100", "--days", "1"], "amount must be more than 0"),
    "days-negative": (["cost", "huabei", "--amount", "100", "--days", "-3"], "days must be a whole number"),
    "thousands-in-list": (["table", "huabei", "--amounts", "1,000,5000", "--days", "1"],
                          "'1,000' reads as two numbers; write 1000 without a thousands separator"),
    "repeated-amount": (["cost", "huabei", "--amount", "5", "--amount", "6", "--days", "1"],
                        "--amount is given more than once"),
    "repeated-days": (["cost", "huabei", "--amount", "5", "--days", "1", "--days=2"], "--days is given more than once"),
    "repeated-option": (["cost", "huabei", "--amount", "5", "--days", "1", "--daily-rate", "0.05",
                         "--daily-rate", "0.06"], "--daily-rate is given more than once"),
    "forty-digits": (["cost", "huabei", "--amount", "1.000000000000000000000000000000000000001", "--days", "1"],
                     "--amount has 40 digits (at most 24)"),
    "forty-digits-in-list": (["table", "huabei", "--amounts", "100,9999999.999999999999999999999999999999999",
                              "--days", "1"], "--amounts has 40 digits (at most 24)"),
    "forty-digit-days": (["cost", "huabei", "--amount", "100", "--days", "1" + "0" * 39], "--days has 40 digits"),
    "empty-list-item": (["installment", "--fee-rates", "0.5,", "--periods", "3"],
                        "--fee-rates must be a comma-separated list of numbers"),
    "option-minus-value": (["cost", "credit-card", "--amount", "100", "--days", "1", "--paid", "-5"],
                           "paid must be"),
}


@pytest.mark.parametrize("name", sorted(CLI_CASES))
def test_cli_case(name):
    args, message = CLI_CASES[name]
    result = cli(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], lines


# Escaping: hostile text from every editor-controlled field builds, and is inert ---------------------------------

from adversarial_site import IMG, PAGES, QUOTED, SCRIPT, build_hostile_site  # noqa: E402


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    result, elapsed, site = build_hostile_site(tmp_path_factory.mktemp("hostile"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert elapsed < BUILD_SECONDS and len(result.stderr) + len(result.stdout) < OUTPUT_BYTES
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}


class _Meta(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.description, self.title, self._in_title = None, "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content")
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


ACTIVE_MARKUP = re.compile(r"<(?:script>alert|img[^>]*onerror|svg[^>]*onload)|<b>标签", re.IGNORECASE)


@pytest.mark.parametrize("name", ["index.html", "hostile/index.html", "third/index.html"])
def test_no_hostile_markup_is_active(hostile_site, name):
    assert not ACTIVE_MARKUP.search(hostile_site[name]), ACTIVE_MARKUP.search(hostile_site[name])


@pytest.mark.parametrize("source, built", [("index.md", "index.html"), ("hostile/index.md", "hostile/index.html"),
                                           ("third.md", "third/index.html")])
def test_title_and_description_reach_the_head_as_text(hostile_site, source, built):
    title, description, _ = PAGES[source]
    meta = _Meta()
    meta.feed(hostile_site[built])
    assert meta.description == description  # the quotes no longer cut the tag
    assert meta.title.startswith(title)


def test_titles_are_text_in_header_nav_and_footer(hostile_site):
    home = hostile_site["index.html"]
    escaped = SCRIPT.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
    assert home.count(escaped) >= 3  # <title>, header topic, navigation
    footer = hostile_site["hostile/index.html"].split('class="md-footer"', 1)[1]
    assert escaped in footer and SCRIPT not in footer  # the previous page's title, in the prev link


def test_data_file_values_and_glossary_are_text(hostile_site):
    page_html = hostile_site["hostile/index.html"]
    assert "花呗&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page_html  # product name in the table
    assert "逾期利息&lt;img" in page_html  # charge label
    assert "民法典&lt;img src=x onerror" in page_html  # source title in the sources section
    assert 'title="&lt;img src=x onerror=alert(&quot;img&quot;)&gt; 定义里的 &lt;b&gt;标签&lt;/b&gt;"' in \
        hostile_site["index.html"]  # the glossary definition, as an attribute value


def test_tooltips_are_rendered_as_text_by_our_override(hostile_site):
    # Material's tooltip adds the abbr title to innerHTML; overrides/main.html turns that into text first.
    assert 'classList.contains("md-tooltip2__inner")' in hostile_site["index.html"]
    assert hostile_site["index.html"].index("md-tooltip2__inner") < hostile_site["index.html"].index("bundle.")


def test_the_suite_is_as_large_as_promised():
    classes = {
        "front matter": sum(name.startswith("fm-") for name in PAGE_CASES),
        "directive yaml": sum(name.startswith(("dt-", "chart-", "inst-", "bib-")) for name in PAGE_CASES),
        "calculation at its key": sum(name.startswith("calc-") for name in PAGE_CASES),
        "fences": sum(name.startswith("fence-") for name in PAGE_CASES) + len(CLEAN_PAGES),
        "links, anchors, nav": sum(name.startswith("link-") for name in PAGE_CASES) + 2 + 1,
        "data files": len(DATA_CASES) + 1 + 4 + 1,
        "cli": len(CLI_CASES),
        "escaping": 3 + 3 + 3,
    }
    assert sum(classes.values()) >= 80, classes
