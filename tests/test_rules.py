"""Every built-in rule: texts that must trigger it and texts that must not."""

from decimal import Decimal

import pytest
from conftest import make_text


def codes(findings):
    return sorted(f.code for f in findings)


def test_clean_template_has_no_findings(lint_text):
    assert lint_text(make_text()) == []


# S101 missing-section
def test_missing_section_fires(lint_text):
    (finding,) = lint_text(make_text(项目实施计划=None), codes={"S101"})
    assert "项目实施计划" in finding.message and "七" in finding.message
    assert finding.line == 2  # the text's heading


def test_missing_section_reports_each(lint_text):
    found = lint_text(make_text(立项依据=None, 项目实施成效=None), codes={"S101"})
    assert [f.data["section"] for f in found] == ["立项依据", "项目实施成效"]


# S102 section-order
def test_section_order_repeat_skip_backwards(lint_text):
    text = "一、项目名称\n甲经费\n二、立项依据\n乙\n二、项目实施单位\n丙\n四、项目基本概况\n丁\n三、项目实施内容\n戊\n"
    found = lint_text(text, codes={"S102"})
    assert [(f.line, f.data["problem"]) for f in found] == [(5, "重复"), (7, "跳号"), (9, "倒序")]


def test_section_order_silent_in_order(lint_text):
    assert lint_text(make_text(), codes={"S102"}) == []


# S201 conversion-artefact
@pytest.mark.parametrize(
    "residue",
    ["[bookmark: _GoBack]", "HYPERLINK \\l \"_Toc123\"", "错误！未找到引用源。", "{ PAGE \\* MERGEFORMAT }", "_Toc123456789"],
)
def test_conversion_artefact_fires(lint_text, residue):
    found = lint_text(make_text(项目基本概况=f"概况{residue}说明。"), codes={"S201"})
    assert len(found) == 1 and found[0].line == 10
    assert found[0].data["match"].strip() == residue.strip()


def test_conversion_artefact_silent_on_brackets_in_prose(lint_text):
    text = make_text(项目基本概况="根据[2025]5号文件，参考《页面设计规范》PAGE 3 说明。")
    assert lint_text(text, codes={"S201"}) == []


# S202 page-marker
@pytest.mark.parametrize("marker", ["— 1 —", "- 2 -", "－3－", "第3页", "第 3 页 共 8 页", "3/8"])
def test_page_marker_fires(lint_text, marker):
    text = make_text(项目基本概况=f"概况。\n{marker}\n续写概况。")
    (finding,) = lint_text(text, codes={"S202"})
    assert finding.data["match"] == marker.strip()


def test_page_marker_silent_inside_sentences(lint_text):
    text = make_text(项目基本概况="见第3页表格，完成率为3/8左右，分为1-2个阶段。")
    assert lint_text(text, codes={"S202"}) == []


# S203 placeholder
@pytest.mark.parametrize("hole", ["XX号", "××", "***", "【待填】", "（金额）"])
def test_placeholder_fires(lint_text, hole):
    assert lint_text(make_text(立项依据=f"根据某办发〔2025〕{hole}文件。"), codes={"S203"})


def test_placeholder_silent_on_multiplication_and_words(lint_text):
    text = make_text(项目实施内容="铺设270米×4米×0.2米道路，采购Xbox与XML设备。")
    assert lint_text(text, codes={"S203"}) == []


# A101 items-sum
def test_items_sum_fires_with_arithmetic(lint_text):
    text = make_text(资金安排情况="预算资金50,000.00元，分别是：办公费25,000.00元、培训费10,000.00元、会议费5,000.00元。")
    (finding,) = lint_text(text, codes={"A101"})
    assert finding.data["arithmetic"] == "25,000.00 + 10,000.00 + 5,000.00 = 40,000.00 ≠ 50,000.00"
    assert Decimal(finding.data["difference"]) == Decimal("-10000.00")


def test_items_sum_total_after_the_list(lint_text):
    text = make_text(资金安排情况="资金分别用于：办公费2万元、培训费1万元，合计4万元。")
    (finding,) = lint_text(text, codes={"A101"})
    assert finding.data["total"] == "40000"


@pytest.mark.parametrize(
    "body",
    [
        "预算资金50,000.00元，分别是：办公费25,000.00元、培训费10,000.00元、会议费15,000.00元。",
        "预算5万元，分别是：办公费25,000.00元、培训费贰万伍仟元。",
        "资金分别用于：办公费2万元、培训费3万元，合计5万元。",
        "资金分别用于：办公费2万元、培训费3万元。",  # no stated total: stay silent
        "申请预算6万元。批复预算5万元，分别是：办公费2万元、培训费3万元。",
        "每人补助不少于200元，分别为：甲2万元、乙3万元。",  # a rate is no total
    ],
)
def test_items_sum_silent(lint_text, body):
    assert lint_text(make_text(资金安排情况=body), codes={"A101"}) == []


# A102 plan-budget
def test_plan_budget_fires(lint_text):
    text = make_text(项目实施计划="2026年按进度支付30,000.00元。")
    (finding,) = lint_text(text, codes={"A102"})
    assert finding.data["arithmetic"] == "30,000.00 ≠ 50,000.00"
    assert finding.section == "七、项目实施计划"


def test_plan_budget_adds_plan_amounts(lint_text):
    text = make_text(项目实施计划="上半年支付2万元；下半年支付2万元。")
    (finding,) = lint_text(text, codes={"A102"})
    assert finding.data["arithmetic"] == "20,000.00 + 20,000.00 = 40,000.00 ≠ 50,000.00"


@pytest.mark.parametrize(
    "plan",
    [
        "上半年支付2万元；下半年支付3万元。",
        "全年支付伍万元整。",
        "按每人200元标准发放，全年支付5万元。",
        "上半年支付2万元；下半年支付3万元，合计5万元。",
        "按计划推进项目实施。",  # no money in the plan: silent
    ],
)
def test_plan_budget_silent(lint_text, plan):
    assert lint_text(make_text(项目实施计划=plan), codes={"A102"}) == []


# A103 unit-slip
def test_unit_slip_in_items(lint_text):
    text = make_text(资金安排情况="预算资金50,000.00元，分别是：办公费25,000.00元、培训费10,000.00元、会议费15,000.00万元。")
    (finding,) = lint_text(text, codes={"A103"})
    assert finding.data["suggestion"] == "15,000.00元"
    assert finding.data["amount"] == "15,000.00万元"


def test_unit_slip_in_plan(lint_text):
    text = make_text(项目实施计划="2026年按进度支付50,000.00万元。")
    (finding,) = lint_text(text, codes={"A103"})
    assert finding.data["suggestion"] == "50,000.00元"


def test_unit_slip_outlier_without_total(lint_text):
    text = make_text(资金安排情况="资金分别用于：办公费2,000.00元、培训费3,000.00元、会议费2,500.00万元。预算资金以批复为准。")
    (finding,) = lint_text(text, codes={"A103"})
    assert finding.data["suggestion"] == "2,500.00元"


def test_unit_slip_silent_when_no_unit_explains_it(lint_text):
    text = make_text(资金安排情况="预算资金50,000.00元，分别是：办公费25,000.00元、培训费10,000.00元、会议费5,000.00元。")
    assert lint_text(text, codes={"A103"}) == []


# C101 list-count
def test_list_count_fires(lint_text):
    text = make_text(项目实施内容="实施示范样板8个，分别为：甲小区、乙小区、丙小区、丁小区、戊小区、己小区、庚小区。")
    (finding,) = lint_text(text, codes={"C101"})
    assert (finding.data["declared"], finding.data["listed"]) == (8, 7)


@pytest.mark.parametrize(
    "body",
    [
        "实施示范样板3个，分别为：甲小区、乙小区、丙小区。",
        "实施示范样板三个，分别是：甲小区、乙小区、丙小区。",
        "实施示范样板4个，分别为：甲小区、乙小区、丙小区和丁小区。",
        "实施示范样板8个，包括：甲小区、乙小区等。",
    ],
)
def test_list_count_silent(lint_text, body):
    assert lint_text(make_text(项目实施内容=body), codes={"C101"}) == []


# N101 duplicate-title
def test_duplicate_title_across_texts(lint_text):
    first = make_text()
    second = make_text(资金安排情况="安排预算资金6万元。", 项目实施计划="支付6万元。")
    found = lint_text(first, second, codes={"N101"})
    assert len(found) == 2  # no majority: both are reported
    assert {f.path for f in found} == {"t1.txt", "t2.txt"}
    assert found[0].data["other_path"] == "t2.txt"


def test_duplicate_title_blames_the_odd_one_out(lint_text):
    odd = make_text(资金安排情况="安排预算资金6万元。", 项目实施计划="支付6万元。")
    found = lint_text(make_text(), odd, make_text(), codes={"N101"})
    assert [f.path for f in found] == ["t2.txt"]


def test_duplicate_title_silent_when_amounts_agree(lint_text):
    assert lint_text(make_text(), make_text(), codes={"N101"}) == []


def test_duplicate_title_ignores_trailing_punctuation(lint_text):
    odd = make_text(项目名称="2026年某县社区服务经费。", 资金安排情况="安排预算资金6万元。", 项目实施计划="支付6万元。")
    assert len(lint_text(make_text(), odd, codes={"N101"})) == 2


# N102 title-format
@pytest.mark.parametrize(("title", "problem"), [("社区服务经费。", "末尾有标点"), ("社区 服务经费", "含有空格"), ("社区　服务经费", "含有空格")])
def test_title_format_fires(lint_text, title, problem):
    (finding,) = lint_text(make_text(项目名称=title), codes={"N102"})
    assert problem in finding.message


def test_title_format_empty(lint_text):
    (finding,) = lint_text(make_text(项目名称=""), codes={"N102"})
    assert "为空" in finding.message


def test_title_format_silent_on_brackets_inside(lint_text):
    assert lint_text(make_text(项目名称="2026年社区（村）服务经费"), codes={"N102"}) == []
