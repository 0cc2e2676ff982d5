"""`{{ fig:KEY }}`: every kind of key gives the data's figure as the tables print it; mistakes are reported at their line."""
from dataclasses import replace
from decimal import Decimal

import pytest

from support import FRONT, ROOT, run_mkdocs
from calculators import default_rules
from hooks.figures import TEXT_FIGURE_KINDS, expand_figures, figure

RULES = default_rules()


def expand(text, rules=RULES, first_line=1):
    return expand_figures(text, "docs/page.md", rules, first_line=first_line)


def test_product_parameters_are_formatted_like_the_tables():
    baitiao = RULES.products["jd-baitiao"].parameters["daily_rate"]
    card = RULES.products["credit-card"].parameters
    assert figure("jd-baitiao.daily_rate", RULES) == f"{baitiao}%"
    assert figure("huabei.daily_rate", RULES) == f"{RULES.products['huabei'].parameters['daily_rate']}%"
    # A multiplier is held like a percent in the data but is a plain number in prose.
    assert figure("consumer-loan.multiplier", RULES) == str(RULES.products["consumer-loan"].parameters["multiplier"])
    assert not figure("consumer-loan.multiplier", RULES).endswith("%")
    assert figure("credit-card.penalty_rate", RULES) == f"{card['penalty_rate']}%"
    assert figure("credit-card.min_payment_ratio", RULES) == f"{card['min_payment_ratio']}%"
    assert figure("credit-card.cycle_days", RULES) == str(card["cycle_days"])
    assert figure("credit-card.mode", RULES) in ("全额计息", "部分计息")  # a choice reads as its label


def test_annual_equivalent_is_the_daily_rate_times_365_and_matches_the_table():
    from calculators import overdue_cost

    daily = RULES.products["jd-baitiao"].parameters["daily_rate"]
    assert figure("jd-baitiao.daily_rate.annual", RULES) == f"{daily * 365}%"
    table_rate = overdue_cost("jd-baitiao", 5000, 30, {}, RULES).annual_rate  # what the penalty table prints
    assert figure("jd-baitiao.daily_rate.annual", RULES) == f"{table_rate}%"


def test_reference_lines_and_lpr():
    latest = RULES.latest_lpr
    lines = {line.id: line for line in RULES.reference_lines}
    assert figure("line.annual-24", RULES) == f"{lines['annual-24'].rate}%"
    assert figure("line.lpr-4x", RULES) == f"{latest.one_year * 4}%"
    assert figure("line.lpr-4x.multiple", RULES) == "4"
    assert figure("lpr.one_year", RULES) == f"{latest.one_year}%"
    assert figure("lpr.five_year", RULES) == f"{latest.five_year}%"
    assert figure("lpr.date", RULES) == f"{latest.date.year} 年 {latest.date.month} 月 {latest.date.day} 日"


def test_figures_follow_the_data_they_are_given():
    product = RULES.products["jd-baitiao"]
    changed = replace(product, parameters={**product.parameters, "daily_rate": Decimal("0.09")})
    latest = replace(RULES.latest_lpr, one_year=Decimal("3.2"))
    lines = tuple(replace(line, rate=Decimal("4") * latest.one_year) if line.basis else line
                  for line in RULES.reference_lines)
    rules = replace(RULES, products={**RULES.products, "jd-baitiao": changed}, lpr=(latest,), reference_lines=lines)
    result = expand("每天 {{ fig:jd-baitiao.daily_rate }}，年化 {{ fig:jd-baitiao.daily_rate.annual }}；"
                    "LPR {{ fig:lpr.one_year }}，{{ fig:line.lpr-4x.multiple }} 倍是 {{ fig:line.lpr-4x }}", rules)
    assert result.problems == []
    assert result.text == "每天 0.09%，年化 32.85%；LPR 3.2%，4 倍是 12.8%"


def test_spacing_inside_the_braces_is_free_and_line_count_never_changes():
    text = "a {{fig:huabei.daily_rate}} b {{  fig: huabei.daily_rate  }}\n\n**{{ fig:lpr.one_year }}**\n"
    result = expand(text)
    rate = figure("huabei.daily_rate", RULES)
    assert result.text == f"a {rate} b {rate}\n\n**{figure('lpr.one_year', RULES)}**\n"
    assert result.text.count("\n") == text.count("\n")


def test_markers_in_code_stay_literal():
    text = ("写法是 `{{ fig:nope.x }}`。\n"
            "```\n{{ fig:nope.x }}\n```\n"
            "    ~~~~\n    {{ anything }}\n    ~~~~\n"
            "之后 {{ fig:huabei.daily_rate }}\n")
    result = expand(text)
    assert result.problems == []
    assert "`{{ fig:nope.x }}`" in result.text and "\n{{ fig:nope.x }}\n" in result.text
    assert "{{ anything }}" in result.text
    assert result.text.endswith(f"之后 {figure('huabei.daily_rate', RULES)}\n")


@pytest.mark.parametrize("marker, code, words", [
    ("{{ fig:nope.daily_rate }}", "marker.unknown_product", ["unknown product 'nope'", "jd-baitiao"]),
    ("{{ fig:huabei.penalty_rate }}", "marker.unknown_field", ["huabei has no parameter 'penalty_rate'",
                                                               "daily_rate.annual"]),
    ("{{ fig:consumer-loan.daily_rate }}", "marker.unknown_field", ["no value in the data for 'daily_rate'"]),
    ("{{ fig:credit-card.penalty_max }}", "marker.unknown_field", ["no value in the data for 'penalty_max'"]),
    ("{{ fig:consumer-loan.multiplier.annual }}", "marker.unknown_field", ["'multiplier.annual'"]),
    ("{{ fig:line.annual-36 }}", "marker.unknown_line", ["unknown reference line 'annual-36'", "annual-24"]),
    ("{{ fig:line.annual-24.multiple }}", "marker.unknown_field", ["not a multiple of the LPR"]),
    ("{{ fig:lpr.ten_year }}", "marker.unknown_field", ["lpr has no field 'ten_year'", "one_year"]),
    ("{{ fig:huabei }}", "marker.malformed", ["cannot read '{{ fig:huabei }}'"]),
    ("{{ fig:Huabei.daily_rate }}", "marker.malformed", ["cannot read"]),
    ("{{ fgi:huabei.daily_rate }}", "marker.malformed", ["cannot read", "{{ fig:KEY }}"]),
    ("{{ fig:huabei.daily_rate }", "marker.malformed", ["stray '{{'"]),
    ("fig:huabei.daily_rate }}", "marker.malformed", ["stray"]),
    ("{fig:huabei.daily_rate}", "marker.malformed", ["stray 'fig:'"]),
])
def test_each_mistake_is_reported_with_its_code_and_line(marker, code, words):
    text = "第一行。\n\n第三行 " + marker + " 之后。\n"
    result = expand(text, first_line=7)  # front matter took the first 6 lines of the file
    assert [(p.code, p.line) for p in result.problems] == [(code, 9)]
    message = str(result.problems[0])
    assert message.startswith("docs/page.md:9: ")
    for word in words:
        assert word in message
    assert marker in result.text  # left as it was; the build fails anyway


def test_a_long_bad_key_is_not_echoed_whole():
    result = expand("{{ fig:" + "x" * 500 + ".y }}")
    assert result.problems and len(result.problems[0].message) < 300


def test_text_figure_kinds_are_the_copy_checks_kinds():
    from copy_checks import TEXT_FIGURE_KINDS as checked

    assert tuple(checked) == tuple(TEXT_FIGURE_KINDS)


FIG_SITE_CONFIG = f"""
site_name: figure test
docs_dir: docs
theme:
  name: mkdocs
hooks:
  - {ROOT / 'hooks' / 'page_metadata.py'}
  - {ROOT / 'hooks' / 'inline_figures.py'}
  - {ROOT / 'hooks' / 'content_directives.py'}
markdown_extensions: [attr_list, tables]
"""


def _site(root, page):
    root.mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(FIG_SITE_CONFIG, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(FRONT + page, encoding="utf-8")
    return root


def test_the_build_renders_markers_and_keeps_directive_lines_right(tmp_path):
    page = ("# 费用\n\n白条每天 {{ fig:jd-baitiao.daily_rate }}，折合年化 {{ fig:jd-baitiao.daily_rate.annual }}。\n\n"
            "```penalty-table\nproduct: jd-baitiao\namounts: [1000]\ndays: [1]\n```\n")
    root = _site(tmp_path, page)
    result = run_mkdocs("build", "-q", "-d", str(tmp_path / "site"), cwd=root)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f"白条每天 {figure('jd-baitiao.daily_rate', RULES)}，折合年化 {figure('jd-baitiao.daily_rate.annual', RULES)}。" in html
    assert "{{" not in html and 'class="penalty-table"' in html


def test_the_build_fails_at_the_markers_line_without_strict(tmp_path):
    lines_before = FRONT.count("\n")
    page = "# 费用\n\n正文。\n\n花呗每天 {{ fig:huabei.daily_rat }}。\n\n```penalty-table\nproduct: nope\namounts: [1]\ndays: [1]\n```\n"
    root = _site(tmp_path, page)
    result = run_mkdocs("build", "-q", "-d", str(tmp_path / "site"), cwd=root)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"docs/index.md:{lines_before + 5}: figure marker '{{{{ fig:huabei.daily_rat }}}}': huabei has no parameter" \
           in result.stderr
    # The directive after it is still reported at its own line: markers never shift lines.
    assert f"docs/index.md:{lines_before + 8}: penalty-table: unknown product 'nope'" in result.stderr


# The data file's own sentences ------------------------------------------------------------------

def _raw_rules():
    from calculators import load_rules

    return load_rules()


def test_data_sentences_state_the_data_figures():
    raw, rules = _raw_rules(), default_rules()
    loan = raw.products["consumer-loan"]
    assert any("{{ fig:consumer-loan.multiplier }}" in text for text in loan.assumptions)  # typed as a marker
    multiplier = figure("consumer-loan.multiplier", rules)
    assert f"× 合同日利率 × {multiplier} × 逾期天数" in rules.products["consumer-loan"].assumptions[0]
    card = rules.products["credit-card"]
    assert f"账单日后 {card.parameters['due_days']} 天" in " ".join(card.assumptions)
    annual = {line.id: line for line in rules.reference_lines}["annual-24"]
    assert annual.label == f"年化 {annual.rate}%" and f"年利率 {annual.rate}% 的部分" in annual.scope
    for product in rules.products.values():
        for text in (product.effective_note, product.confidence_note, *product.assumptions):
            assert "{{" not in text and "fig:" not in text, text


def test_data_figures_follow_a_changed_parameter():
    from calculators.figures import with_data_figures

    raw = _raw_rules()
    loan = raw.products["consumer-loan"]
    changed = replace(raw, products={**raw.products, "consumer-loan": replace(
        loan, parameters={**loan.parameters, "multiplier": Decimal("2")})})
    assert "× 合同日利率 × 2 × 逾期天数" in with_data_figures(changed).products["consumer-loan"].assumptions[0]


@pytest.mark.parametrize("text, words", [
    ("按 {{ fig:huabei.multiplier }} 计", ["product 'huabei' field 'effective_note'", "huabei has no parameter"]),
    ("按 {{ fig:huabei.daily_rate } 计", ["product 'huabei' field 'effective_note'", "stray '{{'"]),
    ("按 {{ figure:x }} 计", ["cannot read"]),
])
def test_a_bad_marker_in_the_data_names_the_entry_and_field(text, words):
    from calculators import DataError
    from calculators.figures import with_data_figures

    raw = _raw_rules()
    broken = replace(raw, products={**raw.products, "huabei": replace(raw.products["huabei"], effective_note=text)})
    with pytest.raises(DataError) as error:
        with_data_figures(broken)
    assert str(error.value).startswith("data/products.yml: ")
    for word in words:
        assert word in str(error.value)


def test_a_bad_marker_in_the_data_fails_the_build_once_with_the_data_file(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    products = data / "products.yml"
    products.write_text(products.read_text(encoding="utf-8").replace(
        "{{ fig:consumer-loan.multiplier }}", "{{ fig:consumer-loan.multiplyer }}"), encoding="utf-8")
    root = _site(tmp_path / "site-src", "花呗每天 {{ fig:huabei.daily_rate }}。\n")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", YUQI_DATA_DIR=str(data))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "out")], cwd=root,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (": product 'consumer-loan' field 'assumptions': figure marker "
            "'{{ fig:consumer-loan.multiplyer }}': consumer-loan has no parameter 'multiplyer'") in result.stderr
