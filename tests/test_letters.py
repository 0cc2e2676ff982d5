"""hooks/letters.py: named blanks in template pages become spans, the form lists each field once, and a
bad marker is reported at its page and line with a code."""
import re

import pytest

from support import ROOT
from hooks.figures import expand_figures
from hooks.letters import BLANK, expand_letters
from calculators import default_rules

LETTER = """# 信

{{ letter-form }}

致：{{ blank:lender 机构名称 ＿＿＿＿＿＿＿＿ }}
申请人：{{ blank:name 你的姓名 }}  电话：{{ blank:phone:tel 联系电话 }}
截至 {{ blank:as-of:date 截至日期 }}，已逾期 {{ blank:days:number 已逾期天数 }} 天。
签名：{{ blank:name }}  写法示例：`{{ blank:name }}`
"""


def spans(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<span class="letter-blank" data-field="([^"]+)">([^<]*)</span>', html)


def test_blanks_become_spans_and_the_form_lists_each_field_once_in_order_of_first_use():
    result = expand_letters(LETTER, "docs/t.md")
    assert result.problems == []
    assert spans(result.text) == [("lender", "＿＿＿＿＿＿＿＿"), ("name", BLANK), ("phone", BLANK),
                                  ("as-of", "＿＿＿＿ 年 ＿＿ 月 ＿＿ 日"), ("days", BLANK), ("name", BLANK)]
    assert [(f.key, f.kind, f.label) for f in result.fields] == [
        ("lender", "text", "机构名称"), ("name", "text", "你的姓名"), ("phone", "tel", "联系电话"),
        ("as-of", "date", "截至日期"), ("days", "number", "已逾期天数")]
    form = result.text.split("\n")[2]
    assert form.startswith('<form class="letter-form"') and " hidden " in form and form.endswith("</form>")
    assert re.findall(r'<label for="letter-field-([a-z-]+)">', form) == ["lender", "name", "phone", "as-of", "days"]
    assert 'type="date"' in form and 'type="tel"' in form and 'inputmode="decimal"' in form
    assert "`{{ blank:name }}`" in result.text  # code stays literal
    assert result.text.count("\n") == LETTER.count("\n")  # line numbers of later hooks stay right


def test_labels_are_escaped():
    result = expand_letters('{{ letter-form }}\n\n{{ blank:who 名字"&amp; }}\n', "docs/t.md")
    assert result.problems == []
    assert 'for="letter-field-who">名字&#34;&amp;amp;</label>' in result.text


def test_figure_markers_are_left_to_figures_and_bad_blanks_are_not_reported_twice():
    text = "{{ letter-form }}\n\n{{ blank:a 甲 }} {{ fig:lpr.date }} {{ blank:Bad 乙 }}\n"
    result = expand_letters(text, "docs/t.md")
    assert [p.code for p in result.problems] == ["blank.malformed"]
    assert "{{ fig:lpr.date }}" in result.text
    figures = expand_figures(result.text, "docs/t.md", default_rules())
    assert figures.problems == []


@pytest.mark.parametrize("text, code, line", [
    ("{{ letter-form }}\n\n{{ blank:Name 姓名 }}\n", "blank.malformed", 3),
    ("{{ letter-form }}\n\n{{ blank: 姓名 }}\n", "blank.malformed", 3),
    ("{{ letter-form }}\n\n{{ blank }}\n", "blank.malformed", 3),
    ("{{ letter-form }}\n\n{{ blank:day:weekday 星期 }}\n", "blank.unknown_kind", 3),
    ("{{ letter-form }}\n\n{{ blank:name }}\n", "blank.no_label", 3),
    ("{{ letter-form }}\n\n{{ blank:name 姓名 }}\n{{ blank:name 名字 }}\n", "blank.label_conflict", 4),
    ("{{ letter-form }}\n\n{{ blank:d:date 日期 }}\n{{ blank:d:month }}\n", "blank.kind_conflict", 4),
    ("{{ letter-form }}\n\n{{ blank:d:date 日期 ＿＿ }}\n", "blank.fixed_width", 3),
    ("{{ letter-form }}\n\n{{ blank:x " + "长" * 30 + " }}\n", "blank.long_label", 3),
    ("正文\n\n{{ blank:name 姓名 }}\n", "form.missing", 3),
    ("{{ letter-form }}\n\n正文\n", "form.unused", 1),
    ("{{ blank:name 姓名 }}\n\n{{ letter-form }}\n", "form.after_blank", 3),
    ("{{ letter-form }}\n\n{{ letter-form }}\n\n{{ blank:name 姓名 }}\n", "form.duplicate", 3),
    ("正文\n{{ letter-form }}\n\n{{ blank:name 姓名 }}\n", "form.not_alone", 2),
    ("  {{ letter-form }}\n\n{{ blank:name 姓名 }}\n", "form.indented", 1),
    ("{{ letter-form }}\n\n{{ blank:name 姓名 }} {{ letter-form }}\n", "form.not_alone", 3),
])
def test_bad_markers_are_reported_at_their_line_with_a_code(text, code, line):
    result = expand_letters(text, "docs/t.md", first_line=10)
    assert [(p.code, p.line) for p in result.problems] == [(code, line + 9)]
    assert str(result.problems[0]).startswith(f"docs/t.md:{line + 9}: letter ")


def test_a_bad_marker_shows_as_text_not_as_a_marker():
    result = expand_letters("{{ letter-form }}\n\n{{ blank:name 姓名 }} {{ blank:Bad }}\n", "docs/t.md")
    assert "&#123;&#123; blank:Bad &#125;&#125;" in result.text


def test_fenced_code_keeps_markers_literal():
    text = "```markdown\n{{ blank:name 姓名 }}\n{{ letter-form }}\n```\n"
    result = expand_letters(text, "docs/t.md")
    assert result.text == text and result.problems == [] and result.fields == []


LETTER_PAGES = ["negotiation", "credit-objection", "complaint", "payment-order-objection", "civil-defence",
                "stop-third-party"]


@pytest.mark.parametrize("name", LETTER_PAGES)
def test_every_letter_template_has_a_form_and_its_key_fields(name):
    text = (ROOT / "docs" / "templates" / f"{name}.md").read_text(encoding="utf-8")
    result = expand_letters(text, f"docs/templates/{name}.md")
    assert result.problems == []
    keys = {f.key for f in result.fields}
    assert {"name", "signed-on"} <= keys and ({"lender", "reporter"} & keys)
    assert "data-letter-form" in result.text
