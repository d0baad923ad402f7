"""资金安排 written as a table, as departments do in Word and plain text: the rows are the items,
the 合计 row is the total, units come from the cells or from the header ("金额（元）").

The seed 003 has the slip 会议费15,000.00万元 for 15,000.00元; in every table form it must give
the same A101 (the items do not add up to 合计) and A103 (the unit slip, with its fix).
"""

from __future__ import annotations

import pytest
from builders import write_pdf, write_word
from conftest import REPO

from budgetcheck.engine import lint_paths

SEED = (REPO / "samples" / "003_d0cdb9e489cb1e09.txt").read_text(encoding="utf-8")
SENTENCE = "计划安排资金分别是：办公费25,000.00元、党员教育培训10,000.00元、会议费15,000.00万元。"
LEAD = "计划安排资金分别是："
WITH_UNITS = [["项目", "金额"], ["办公费", "25,000.00元"], ["党员教育培训", "10,000.00元"], ["会议费", "15,000.00万元"], ["合计", "50,000.00元"]]
# Bare figures under "金额（元）" and a 合计 left from an earlier draft (the items give 50,000.00).
STALE_TOTAL = [["项目", "金额（元）"], ["办公费", "25,000.00"], ["党员教育培训", "10,000.00"], ["会议费", "15,000.00"], ["合计", "60,000.00"]]


def as_text_table(rows: list[list[str]]) -> str:
    return SEED.replace(SENTENCE, "\n" + LEAD + "\n" + "\n".join("\t".join(row) for row in rows))


def write(form: str, rows: list[list[str]], tmp_path):
    if form == "txt":
        path = tmp_path / "t.txt"
        path.write_text(as_text_table(rows), encoding="utf-8")
        return path
    if form == "pdf":
        # two-line running header, and the page's text wrapped at the margin as Word exports it
        return write_pdf(SEED.replace(SENTENCE, "\n" + LEAD), tmp_path / "t.pdf", header=("云南新平产业园区管理委员会", "2026年部门预算公开"),
                         table=rows, table_after=LEAD)
    return write_word(SEED.replace(SENTENCE, "\n" + LEAD), tmp_path / "t.docx", numbered=(), table=rows, table_after=LEAD)


def codes_at(result, code):
    return [(f.code, f.excerpt.text[f.excerpt.start : f.excerpt.end], f.message) for f in result.findings if f.code == code]


@pytest.mark.parametrize("form", ["txt", "docx", "pdf"])
def test_unit_slip_in_a_table_with_units_in_the_cells(tmp_path, builtin_rules, form):
    result = lint_paths([str(write(form, WITH_UNITS, tmp_path))], builtin_rules)
    (a101,) = codes_at(result, "A101")
    assert a101[1] == "50,000.00元"  # the 合计 figure the items do not reach
    assert "25,000.00 + 10,000.00 + 150,000,000.00 = 150,035,000.00 ≠ 50,000.00" in a101[2]
    (a103,) = codes_at(result, "A103")
    assert a103[1] == "15,000.00万元" and "“15,000.00元”" in a103[2]


@pytest.mark.parametrize("form", ["txt", "docx", "pdf"])
def test_stale_total_in_a_table_of_bare_figures(tmp_path, builtin_rules, form):
    result = lint_paths([str(write(form, STALE_TOTAL, tmp_path))], builtin_rules)
    (a101,) = codes_at(result, "A101")
    assert a101[1] == "60,000.00"
    assert "25,000.00 + 10,000.00 + 15,000.00 = 50,000.00 ≠ 60,000.00" in a101[2]
    assert codes_at(result, "A103") == []  # nothing is off by 10⁴: the 合计 is simply stale


@pytest.mark.parametrize("form", ["txt", "docx", "pdf"])
def test_a_table_that_adds_up_is_quiet(tmp_path, builtin_rules, form):
    rows = [*STALE_TOTAL[:-1], ["合计", "50,000.00"]]
    result = lint_paths([str(write(form, rows, tmp_path))], builtin_rules)
    assert codes_at(result, "A101") == [] and codes_at(result, "A103") == []


def test_classification_tables_are_not_summed_as_flat_lists(tmp_path, builtin_rules):
    rows = [["科目编码", "科目名称", "金额（元）"], ["201", "一般公共服务支出", "300.00"], ["201 13", "商贸事务", "300.00"],
            ["201 13 01", "行政运行", "300.00"], ["合计", "", "300.00"]]
    path = tmp_path / "t.txt"
    path.write_text("某部门支出表\n" + "\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    assert codes_at(lint_paths([str(path)], builtin_rules), "A101") == []


@pytest.mark.parametrize("rows", [WITH_UNITS, STALE_TOTAL], ids=["units in cells", "stale total"])
@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_every_form_gives_the_findings_of_the_text_table(tmp_path, builtin_rules, form, rows):
    plain = lint_paths([str(write("txt", rows, tmp_path))], builtin_rules)
    other = lint_paths([str(write(form, rows, tmp_path))], builtin_rules)
    assert len(other.texts) == len(plain.texts) == 1
    assert sorted((f.code, f.message) for f in other.findings) == sorted((f.code, f.message) for f in plain.findings)
