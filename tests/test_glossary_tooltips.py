"""Glossary tooltips inside Chinese text: matched without word boundaries, first use only, not in headings or links."""
import markdown

from glossary_tooltips import ChineseAbbrExtension

DEFINITIONS = "\n\n*[征信]: 个人信用信息记录\n*[LPR]: 贷款市场报价利率\n*[违约金]: 合同约定的违约赔偿\n"


def render(text):
    return markdown.markdown(text + DEFINITIONS, extensions=["abbr", ChineseAbbrExtension()])


def test_term_inside_a_chinese_sentence_gets_a_tooltip():
    html = render("逾期会影响你的个人征信报告。")
    assert '<abbr title="个人信用信息记录">征信</abbr>' in html


def test_only_the_first_use_on_a_page_is_marked():
    html = render("征信很重要。\n\n再说一次征信。")
    assert html.count("<abbr") == 1


def test_latin_terms_keep_word_boundaries():
    html = render("4 倍 LPR 是上限，但 LPRX 不是术语。")
    assert html.count('<abbr title="贷款市场报价利率">LPR</abbr>') == 1
    assert "LPRX" in html and "<abbr title=\"贷款市场报价利率\">LPR</abbr>X" not in html


def test_headings_links_and_code_are_left_alone():
    html = render("## 征信\n\n[征信](x.md) 和 `违约金`。\n\n之后的违约金。")
    assert "<h2>征信</h2>" in html
    assert '<a href="x.md">征信</a>' in html
    assert "<code>违约金</code>" in html
    assert '<abbr title="合同约定的违约赔偿">违约金</abbr>' in html


def test_text_after_a_marked_term_in_the_same_element_is_kept():
    html = render("先看**征信**，再看违约金和征信的关系。")
    assert "再看" in html and "和征信的关系" in html
    assert html.count("<abbr") == 2
