"""Table arithmetic (A201–A204): rows, 合计 rows and the code hierarchy of published tables.

The tables are written as tab-separated text, laid out as the real publications lay them out
(tests/data/real-docs): a 支出总表 by function code with 合计 | 基本支出 | 项目支出.
"""

from __future__ import annotations

from conftest import REPO

from budgetcheck.document import split_documents
from budgetcheck.engine import lint_sources
from budgetcheck.readers import load
from budgetcheck.source import source_from_text
from budgetcheck.tables import continued, row_code, tables_between

HEADER = "单位：元\n功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出\n"
ROWS = [
    ("201", "一般公共服务支出", "21,601,733.00", "12,291,733.00", "9,310,000.00"),
    ("201 13", "商贸事务", "21,601,733.00", "12,291,733.00", "9,310,000.00"),
    ("201 13 01", "行政运行", "9,389,913.00", "9,389,913.00", ""),
    ("201 13 02", "一般行政管理事务", "4,545,000.00", "", "4,545,000.00"),
    ("201 13 50", "事业运行", "2,901,820.00", "2,901,820.00", ""),
    ("201 13 99", "其他商贸事务支出", "4,765,000.00", "", "4,765,000.00"),
    ("206", "科学技术支出", "17,200,000.00", "", "17,200,000.00"),
    ("合计", "", "38,801,733.00", "12,291,733.00", "26,510,000.00"),
]


def table_text(rows=ROWS) -> str:
    return HEADER + "\n".join("\t".join(row) for row in rows) + "\n"


def codes(text: str, builtin_rules) -> list[tuple[str, str]]:
    rules = [r for r in builtin_rules if r.code.startswith("A2")]
    return [(f.code, f.message) for f in lint_sources([source_from_text(text, "t.txt")], rules).findings]


def replaced(row: int, column: int, value: str):
    rows = [list(r) for r in ROWS]
    rows[row][column] = value
    return [tuple(r) for r in rows]


def test_a_table_that_adds_up_is_quiet(builtin_rules):
    assert codes(table_text(), builtin_rules) == []


def test_a_row_whose_total_is_not_basic_plus_project(builtin_rules):
    (found,) = codes(table_text(replaced(6, 2, "17,300,000.00")), builtin_rules)[:1]
    assert found[0] == "A201"
    assert "“科学技术支出”一行" in found[1] and "基本支出 0 + 项目支出 17,200,000.00 = 17,200,000.00 ≠ 17,300,000.00（元）" in found[1]


def test_a_wrong_child_breaks_the_hierarchy_but_not_the_row(builtin_rules):
    found = codes(table_text(replaced(5, 2, "4,756,000.00")), builtin_rules)
    assert {c for c, _ in found} == {"A201", "A203"}  # the row itself no longer adds up either
    hierarchy = [m for c, m in found if c == "A203"]
    assert any("“20113 商贸事务”的“合计”" in m and "≠ 21,601,733.00" in m for m in hierarchy)


def test_a_stale_total_row(builtin_rules):
    found = codes(table_text(replaced(7, 2, "38,811,733.00")), builtin_rules)
    assert ("A202" in {c for c, _ in found}) and any("201 一般公共服务支出 21,601,733.00 + 206 科学技术支出 17,200,000.00" in m for _, m in found)


def test_a_gap_within_rounding_is_information(builtin_rules):
    text = ("单位：万元\n科目编码\t科目名称\t合计\n201\t一般公共服务支出\t2,106.66\n208\t社会保障和就业支出\t326.72\n"
            "合计\t\t2,433.37\n")
    (found,) = codes(text, builtin_rules)
    assert found[0] == "A204" and "相差0.01万元" in found[1]


def test_a_merged_header_cell_leaves_the_rows_unjudged(builtin_rules):
    # The 三公 table as the PDF reader gives it: "公务接待费" merged over two columns, no 小计.
    text = ("单位：万元\n合计\t因公出国(境)费\t“三公”经费预算数公务接待费\t\t购置费\t运行费\t机关运行经费预算数\n"
            "1.00\t\t1.00\t\t\t\t171.01\n")
    assert codes(text, builtin_rules) == []


def test_codes_in_one_cell_or_three():
    source = source_from_text(table_text() + "\n", "t.txt")
    (table,) = tables_between(source, 0, len(source.text))
    code_columns = {0}
    assert [row_code(source, table, row, code_columns) for row in table.body][:3] == [("201",), ("201", "13"), ("201", "13", "01")]
    one = source_from_text("科目编码\t科目名称\t合计\n2210201\t住房公积金\t1.00\n", "u.txt")
    (table,) = tables_between(one, 0, len(one.text))
    assert row_code(one, table, table.body[0], {0}) == ("221", "02", "01")


def test_a_table_continued_over_pages_is_one_table():
    # 005's 部门支出预算总表 runs over pp. 12-13: the reader numbers each page's rows as a table
    docs = split_documents(load(str(REPO / "tests" / "data" / "real-docs" / "005_shpt_shangwuwei_2025_dept_budget.pdf")))
    (doc,) = [d for d in docs if d.part is not None and d.part.title.endswith("部门支出预算总表")]
    assert len(doc.tables) == 2
    (table,) = continued(doc.tables)
    assert table.header_count == 2 and len(table.body) == sum(len(t.body) for t in doc.tables)
    assert {row.page for row in table.body} == {12, 13}
