"""Years and wording of published budgets: N201–N203, T201–T210 (rules/*.yaml), on texts and the real publications."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import REPO, make_text

from budgetcheck.engine import lint_paths, lint_sources
from budgetcheck.readers import load

DOCS = REPO / "tests" / "data" / "real-docs"


def publication(cover: str, chapter: str, period: str = "2025.1.1-2025.12.31") -> str:
    """A small publication: cover, 目录, one chapter, one 项目经费情况说明 (its 实施周期 given)."""
    kind = "单位" if "单位" in cover else "部门"
    return f"""{cover}
预算主管部门：上海市某区商务委员会
目录
一、{kind}预算编制说明
二、科技创新专项经费情况说明
{kind}预算编制说明
{chapter}
科技创新专项经费情况说明
一、项目概述
支持科技创新。
二、立项依据
《某区科技创新专项资金管理办法》。
三、实施主体
上海市某区商务委员会
四、实施方案
按季度拨付。
五、实施周期
{period}
六、年度预算安排
2025年度项目总预算1170.00万元。
七、绩效目标
完成年度目标。
"""


@pytest.fixture(scope="module")
def real(builtin_rules):
    names = ["009_shpt_wanli_jiedao_2024_dept_budget.pdf", "012_shpt_caizhengju_2024_dept_final_accounts.pdf",
             "014_shpt_dept_final_accounts_template_2024.pdf"]
    result = lint_paths([str(DOCS / n) for n in names], builtin_rules)
    return {n[:3]: [f for f in result.findings if n in f.path] for n in names}


def test_own_year_comparison_in_a_budget_but_not_the_previous_year(lint_text):
    text = publication("上海市某区2025年区级部门预算", "财政拨款收入1170.00万元，比2025年预算增加24.18万元；支出比2024年预算执行数增加24.18万元。")
    (found,) = lint_text(text, codes={"N201"})
    assert found.data["match"] == "比2025年预算增加" and found.data["expected"] == 2024


def test_final_accounts_compare_with_last_year_or_their_own_budget(lint_text):
    chapter = ("收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元。支出决算比2024年年初预算减少3.00万元。"
               "与2024年度相比，财政拨款支出减少63.14万元。")
    (found,) = lint_text(publication("上海市某区财政局2024年度部门决算", chapter), codes={"N201"})
    assert found.data["match"] == "与2024年度相比"


def test_period_of_another_year_in_a_project_text(lint_text):
    (found,) = lint_text(publication("上海市某区2025年区级部门预算", "收入1170.00万元。", "2024.1.1-2024.12.31"), codes={"N202"})
    assert found.message == "实施周期“2024.1.1-2024.12.31”不包含预算年度2025年"
    assert lint_text(publication("上海市某区2025年区级部门预算", "收入1170.00万元。", "2023.1.1-2025.12.31"), codes={"N202"}) == []


def test_department_wording_in_a_unit_budget_only(lint_text):
    chapter = "2025年部门预算收入1170.00万元，详见一般公共预算基本支出部门预算经济分类预算表。"
    (found,) = lint_text(publication("上海市某区2025年区级单位预算", chapter), codes={"N203"})
    assert found.message == "本文件为单位预算，“部门预算”应为“单位预算”"
    assert lint_text(publication("上海市某区2025年区级部门预算", chapter), codes={"N203"}) == []


def test_empty_note_under_the_009_sangong_table_shows_its_figures(real):
    (found,) = [f for f in real["009"] if f.code == "T202"]
    assert found.data["page"] == 31 and found.data["count"] == 5
    assert found.message == ("表下注明“注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表”，"
                             "但本表列有5个非零数字（47.91、1.35、46.56、21.56等）")


def test_empty_notes_under_empty_tables_are_right(real):
    assert [f for f in real["012"] if f.code == "T202"] == []


def test_template_residue_once_per_occurrence_in_the_blank_template(real):
    residue = [f.data["match"] for f in real["014"] if f.code == "T201"]
    assert residue.count("增加（减少）") == 4 and residue.count("减少（增加）") == 7 and residue.count("下降（增长）") == 4
    assert sum(m.startswith("无") and "仍保留该表格式" in m for m in residue) == 2
    doubled = [f for f in real["014"] if f.data.get("match", "").startswith("。")]
    assert doubled == []  # "（一）。。。" is T103's, not reported again


def test_table_rows_are_not_checked_for_spaces_or_marks(real):
    assert [f for f in real["012"] if f.code in ("T207", "T209")] == []  # "因公出国（境 ）费用" is a table cell


def test_unpaired_marks_across_a_wrapped_line_and_a_stray_closer(lint_text):
    wrapped = make_text(项目实施内容="设9个内设机构，包括：办公室、市场秩序科（粮食和物资\n储备科）、产业发展科。")
    assert lint_text(wrapped, codes={"T207"}) == []
    stray = make_text(资金安排情况="住房公积金（项）”350.35万元，主要用于住房公积金。")
    (found,) = lint_text(stray, codes={"T207"})
    assert found.data["mark"] == "”" and found.data["partner"] == "“"


def test_unit_spellings_used_equally_are_not_a_mix(lint_text):
    text = make_text(资金安排情况="2026年度项目总预算170.00万元，其中科技创新100.00万，人才引进70.00万元，培训费100.00万。")
    assert lint_text(text, codes={"T210"}) == []


def test_a_misspelt_subject_in_009_is_told_from_its_table_name(builtin_rules):
    source = load(str(DOCS / "009_shpt_wanli_jiedao_2024_dept_budget.pdf"))
    assert [f for f in lint_sources([source], builtin_rules).findings if f.code == "N204"] == []
    slipped = replace(source, text=source.text.replace("住房公积金（项）", "住房公积全（项）"))  # same length: offsets hold
    (found,) = [f for f in lint_sources([slipped], builtin_rules).findings if f.code == "N204"]
    assert found.message == "正文科目名称“住房公积全（项）”与预算表中同级科目“2210201 住房公积金”不一致"
    assert found.data["page"] == 9


def test_a_paragraph_without_its_stop_only_when_it_is_prose(lint_text):
    text = """生命健康专项经费情况说明
三、实施主体
上海市普陀区商务委员会
四、实施方案
明确申报指南，发布项目申报通知，按程序落实专项资金拨付
五、实施周期
2025.1.1-2025.12.31
六、年度预算安排
"""
    (found,) = lint_text(text, codes={"T211"})
    assert found.message == "段落“…，按程序落实专项资金拨付”末尾缺少句号（其后为“五、实施周期”）"
