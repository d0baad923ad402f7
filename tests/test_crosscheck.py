"""Figures stated in two places of a publication (A401–A409): a generated 部门预算 laid out as
tests/data/real-docs/009 is (cover, 目录, 编制说明, the tables, 其他相关情况说明), quiet as written,
with one slip at a time put in the text or a table.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetcheck.document import split_documents
from budgetcheck.engine import lint_sources
from budgetcheck.figures import agreement, split_clause, subject_items, text_figures
from budgetcheck.source import source_from_text

FIGURES = {
    "income": "15621.11",  # 编制说明: 收入预算
    "fund": "350.35",  # 编制说明: 住房公积金（项）heading
    "fund_plan": "350.35",  # 编制说明: 2024年预算安排
    "staff": "8853.75",  # 编制说明: 人员经费
    "reception": "1.35",  # 其他相关情况说明: 公务接待费
    "running": "443.18",  # 其他相关情况说明: 机关运行经费
    "grants_in": "156,211,123",  # 财政拨款收支总表: 收入总计
    "fund_row": "3,503,499",  # 功能分类表: 2210201 住房公积金
    "unit": "单位：元",  # the unit line of the function-classification table
}


def publication(**changes: str) -> str:
    f = {**FIGURES, **changes}
    return f"""上海市普陀区人民政府万里街道办事处
2024年部门预算
目录
一、2024年部门预算编制说明
二、2024年部门财务收支预算总表
三、2024年部门财政拨款收支预算总表
四、2024年部门一般公共预算支出功能分类预算表
五、2024年部门一般公共预算基本支出部门预算经济分类预算表
六、部门“三公”经费和机关运行经费预算表
七、其他相关情况说明
2024年部门预算编制说明
2024年，上海市普陀区人民政府万里街道办事处收入预算{f['income']}万元，其中：财政拨款收入15621.11万元，比2023年预算减少876.75万元。
支出预算15621.11万元，其中：财政拨款支出预算15621.11万元。基本支出9970.60万元，其中：人员经费{f['staff']}万元，公用经费1116.86万元。
财政拨款支出主要内容如下：
1. “住房保障支出（类）住房改革支出（款）住房公积金（项）”{f['fund']}万元，主要用于住房公积金。2023年当年预算执行数为348.52万元，2024年预算安排{f['fund_plan']}万元。
2. “住房保障支出（类）住房改革支出（款）购房补贴（项）”320.17万元，主要用于购房补贴。
2024年部门财务收支预算总表
编制部门：上海市普陀区人民政府万里街道办事处 单位：元
项目\t预算数\t项目\t预算数
一、财政拨款收入\t156,211,123\t一、城乡社区支出\t149,505,924
\t\t二、住房保障支出\t6,705,199
收入总计\t156,211,123\t支出总计\t156,211,123
2024年部门财政拨款收支预算总表
编制部门：上海市普陀区人民政府万里街道办事处 单位：元
项目\t预算数\t项目\t合计
一、一般公共预算资金\t156,211,123\t一、城乡社区支出\t149,505,924
\t\t二、住房保障支出\t6,705,199
收入总计\t{f['grants_in']}\t支出总计\t156,211,123
2024年部门一般公共预算支出功能分类预算表
编制部门：上海市普陀区人民政府万里街道办事处 {f['unit']}
类\t款\t项\t功能分类科目名称\t合计\t基本支出\t项目支出
212\t\t\t城乡社区支出\t149,505,924\t93,000,821\t56,505,103
212\t01\t\t城乡社区管理事务\t149,505,924\t93,000,821\t56,505,103
212\t01\t01\t行政运行\t149,505,924\t93,000,821\t56,505,103
221\t\t\t住房保障支出\t6,705,199\t6,705,199\t0
221\t02\t\t住房改革支出\t6,705,199\t6,705,199\t0
221\t02\t01\t住房公积金\t{f['fund_row']}\t3,503,499\t0
221\t02\t03\t购房补贴\t3,201,700\t3,201,700\t0
合计\t\t\t\t156,211,123\t99,706,020\t56,505,103
2024年部门一般公共预算基本支出部门预算经济分类预算表
编制部门：上海市普陀区人民政府万里街道办事处 单位：元
科目编码\t经济分类科目名称\t合计\t人员经费\t公用经费
301\t工资福利支出\t88,537,451\t88,537,451\t0
302\t商品和服务支出\t11,168,569\t0\t11,168,569
合计\t\t99,706,020\t88,537,451\t11,168,569
部门“三公”经费和机关运行经费预算表
编制部门：上海市普陀区人民政府万里街道办事处 单位:万元
合计\t因公出国(境)费\t公务接待费\t小计\t购置费\t运行费\t机关运行经费预算数
47.91\t0\t1.35\t46.56\t25\t21.56\t443.18
其他相关情况说明
一、2024年“三公”经费预算情况说明
2024年“三公”经费预算数为47.91万元，比2023年预算增加25万元。其中：
（一）因公出国（境）费0万元，比2023年预算持平。
（二）公务用车购置及运行费46.56万元。其中：公务用车购置费25万元；公务用车运行费21.56万元。
（三）公务接待费{f['reception']}万元。比2023年预算持平。
二、机关运行经费预算
2024年本部门财政拨款的机关运行经费预算为{f['running']}万元。
"""


def findings(builtin_rules, text: str):
    rules = [r for r in builtin_rules if r.code.startswith("A4")]
    return lint_sources([source_from_text(text, "p.txt")], rules).findings


def test_the_publication_is_read_as_one(builtin_rules):
    docs = split_documents(source_from_text(publication(), "p.txt"))
    assert [d.part.kind for d in docs if d.part is not None].count("table") == 5
    assert docs[0].year == 2024 and docs[0].department == "上海市普陀区人民政府万里街道办事处"


def test_a_publication_whose_figures_agree_is_quiet(builtin_rules):
    assert findings(builtin_rules, publication()) == []


@pytest.mark.parametrize(("changes", "code", "quoted"), [
    ({"fund_plan": "352.67"}, "A401", "2210201 住房公积金 3,503,499元（本条另一金额与表相符）：相差2.3201万元"),
    ({"fund": "350.36"}, "A406", "350.36万元，而2024年部门一般公共预算支出功能分类预算表2210201 住房公积金 3,503,499元（本条另一金额与表相符）：相差0.0101万元"),
    ({"staff": "8835.75"}, "A402", "人员经费：2024年部门预算编制说明8835.75万元"),
    ({"reception": "1.53"}, "A403", "公务接待费：其他相关情况说明1.53万元，而部门三公经费和机关运行经费预算表1.35万元"),
    ({"running": "443.19"}, "A408", "机关运行经费"),
    ({"income": "15612.11"}, "A404", "收入总计：2024年部门预算编制说明15612.11万元，而2024年部门财务收支预算总表156,211,123元"),
    ({"income": "15621.12"}, "A409", "相差0.0077万元"),
])
def test_one_slip_one_finding(builtin_rules, changes, code, quoted):
    (found,) = findings(builtin_rules, publication(**changes))
    assert found.code == code and quoted in found.message, found.message


def test_a_table_figure_against_three_that_agree(builtin_rules):
    found = findings(builtin_rules, publication(grants_in="165,211,123"))
    assert sorted(f.code for f in found) == ["A404", "A405"]
    (total,) = [f for f in found if f.code == "A404"]
    assert total.message.startswith("财政拨款收入：2024年部门财政拨款收支预算总表165,211,123元")
    assert "与其余各处不符" in total.message and "2024年部门预算编制说明" in total.message


def test_each_figure_of_an_item_is_compared(builtin_rules):
    found = findings(builtin_rules, publication(fund="352.35", fund_plan="352.35"))
    assert [f.code for f in found] == ["A401", "A401"]
    assert all("“住房保障支出（类）住房改革支出（款）住房公积金（项）”352.35万元" in f.message and "3,503,499元：相差2.0001万元" in f.message
               for f in found)


def test_a_table_whose_unit_is_unknown_is_left_alone(builtin_rules):
    assert findings(builtin_rules, publication(unit="", fund="352.35", fund_plan="352.35")) == []


def test_the_subjects_of_the_text_and_their_figures():
    docs = split_documents(source_from_text(publication(), "p.txt"))
    (chapter,) = [d for d in docs if d.part is not None and d.part.title == "2024年部门预算编制说明"]
    items = [(i.written, [(f.basis, f.amount.text) for f in i.figures]) for i in subject_items(chapter)]
    assert items == [
        ("住房保障支出（类）住房改革支出（款）住房公积金（项）", [(None, "350.35万元"), ("budget", "350.35万元")]),  # not the 执行数
        ("住房保障支出（类）住房改革支出（款）购房补贴（项）", [(None, "320.17万元")]),
    ]
    labels = [(f.label, f.basis) for f in text_figures(chapter)][:4]
    assert labels == [("上海市普陀区人民政府万里街道办事处收入", "budget"), ("财政拨款收入", None),
                      ("比2023年预算减少", None), ("支出", "budget")]


@pytest.mark.parametrize(("clause", "expected"), [
    ("2024年“三公”经费预算数为", ("2024年“三公”经费", "budget")),
    ("支出决算为", ("支出", "actual")),
    ("2023年当年预算执行数为", ("2023年当年", "other")),
    ("年初预算为", ("", "budget")),
    ("其中：人员经费", ("其中：人员经费", None)),
])
def test_a_clause_gives_a_label_and_a_basis(clause, expected):
    assert split_clause(clause) == expected


@pytest.mark.parametrize(("a", "a_step", "b", "b_step", "expected"), [
    ("3503500", "50", "3503499", "0", "same"),  # 350.35万元 against 3,503,499元
    ("3503600", "50", "3503499", "0", "rounding"),  # 350.36万元: one step further
    ("3526700", "50", "3503499", "0", "differ"),
    ("3267100", "50", "3267200", "50", "rounding"),  # 326.71 vs 326.72, both to 0.01 万元: never the same number
    ("100", "0", "100.01", "0", "same"),  # within the tolerance of a fen
])
def test_agreement_within_the_rounding_of_both(a, a_step, b, b_step, expected):
    assert agreement(Decimal(a), Decimal(a_step), Decimal(b), Decimal(b_step)) == expected


def _named_marks(builtin_rules, text: str) -> list:
    from budgetcheck.checks import named

    (rule,) = [r for r in builtin_rules if r.code == "A402"]  # 人员经费 in the prose and in the tables
    return [hit for doc in split_documents(source_from_text(text, "p.txt")) for hit in named.collect(doc, rule.params)]


def test_prose_figures_are_collected_only_in_a_file_with_a_table_to_compare_them_with(builtin_rules):
    with_tables = _named_marks(builtin_rules, publication())
    assert {hit.values["side"] for hit in with_tables} == {"text", "table"}
    prose = "\n".join(line for line in publication().splitlines() if "\t" not in line)
    assert "人员经费8853.75万元" in prose and _named_marks(builtin_rules, prose) == []


def test_prose_subjects_are_collected_only_in_a_file_with_table_rows_to_compare_them_with(builtin_rules):
    from budgetcheck.checks import subject_amount

    (rule,) = [r for r in builtin_rules if r.code == "A401"]

    def sides(text: str) -> set[str]:
        docs = split_documents(source_from_text(text, "p.txt"))
        return {hit.values["side"] for doc in docs for hit in subject_amount.collect(doc, rule.params)}

    assert sides(publication()) == {"text", "table"}
    prose = "\n".join(line for line in publication().splitlines() if "\t" not in line)
    assert "住房公积金（项）”350.35万元" in prose and sides(prose) == set()
