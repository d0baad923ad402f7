"""The review checklist (检查表): one row per part of each real publication, with that part's findings.

The rows below are what a reviewer fills in by hand for the publications in
tests/data/real-docs (see SOURCES.md): every part the publication has, in the
order of its form, a row 缺少该部分 for a part it lacks, and the findings of each part.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from dataclasses import replace

import pytest
from conftest import REPO

from budgetcheck import i18n
from budgetcheck.checklist import build
from budgetcheck.checklist.markdown import cell, write_markdown
from budgetcheck.checklist.rows import page_label
from budgetcheck.checklist.xlsx import XlsxUnavailable, write_xlsx
from budgetcheck.engine import lint_paths
from budgetcheck.profiles import ChecklistForm, builtin_profiles

openpyxl = pytest.importorskip("openpyxl")

DOCS = REPO / "tests" / "data" / "real-docs"
NAMES = ["005_shpt_shangwuwei_2025_dept_budget", "006_shpt_shangwuwei_2025_unit_budget", "007_shpt_zhengfuban_2025_dept_budget",
         "009_shpt_wanli_jiedao_2024_dept_budget", "012_shpt_caizhengju_2024_dept_final_accounts",
         "014_shpt_dept_final_accounts_template_2024", "015_pingtan_zhida_zijin_2024_08_report"]
FRONT = ["封面", "目录", "主要职能", "机构设置", "名词解释", "预算编制说明"]
BUDGET_TABLES = ["财务收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表", "一般公共预算支出功能分类预算表",
                 "政府性基金预算支出功能分类预算表", "国有资本经营预算支出功能分类预算表", "一般公共预算基本支出经济分类预算表",
                 "“三公”经费和机关运行经费预算表"]
BUDGET = [*FRONT, *BUDGET_TABLES, "其他相关情况说明"]
FINAL = ["封面", "目录", "第一部分 部门概况", "第二部分 部门决算表", "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
         "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表",
         "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表", "第三部分 部门决算情况说明", "第四部分 名词解释"]
PROJECT = "项目经费情况说明："


@pytest.fixture(scope="module", autouse=True)
def chinese():
    """The checklist's headers follow the interface language; these tests read the Chinese form (English: tests/test_i18n.py)."""
    i18n.set_language("zh")
    yield
    i18n.set_language(None)
ROWS = {
    "005_shpt_shangwuwei_2025_dept_budget": [*BUDGET, PROJECT + "科技创新专项经费情况说明", PROJECT + "生命健康专项（政策资金）经费情况说明",
                                             PROJECT + "商业创新专项（政策资金）经费情况说明", PROJECT + "贸易高质量发展专项（政策资金）经费情况说明"],
    # A 单位预算: its 目录 lists no 项目经费情况说明, so its form expects none (no row 缺少该部分).
    "006_shpt_shangwuwei_2025_unit_budget": BUDGET,
    "007_shpt_zhengfuban_2025_dept_budget": [*BUDGET, PROJECT + "区政府督查及建议提案工作业务经费项目经费情况说明"],
    "009_shpt_wanli_jiedao_2024_dept_budget": [*BUDGET, "项目经费情况说明"],
    "012_shpt_caizhengju_2024_dept_final_accounts": FINAL,
    "014_shpt_dept_final_accounts_template_2024": FINAL,
}
FORMS = {"005": "部门预算公开情况检查表", "006": "单位预算公开情况检查表", "007": "部门预算公开情况检查表", "009": "部门预算公开情况检查表",
         "012": "部门决算公开情况检查表", "014": "部门决算公开情况检查表"}

EXPECTED = {"005": 17, "006": 16, "007": 17, "009": 17, "012": 15, "014": 15}  # items of the form (the four project blocks are one)


def path_of(name: str) -> str:
    return str(next(DOCS.glob(f"{name}.*")))


@pytest.fixture(scope="module")
def result(builtin_rules):
    return lint_paths([path_of(name) for name in NAMES], builtin_rules)


@pytest.fixture(scope="module")
def checklists(result):
    return {re.match(r".*/(\d{3})_", c.path)[1]: c for c in build(result, builtin_profiles())}


def row(checklist, item):
    return next(r for r in checklist.rows if r.item == item)


@pytest.mark.parametrize("name", list(ROWS))
def test_a_row_for_every_part_of_the_publication_in_the_order_of_its_form(checklists, name):
    checklist = checklists[name[:3]]
    assert checklist.form == FORMS[name[:3]]
    assert [r.item for r in checklist.rows] == ROWS[name]
    assert all(r.pages is not None and not r.missing for r in checklist.rows)
    assert checklist.found == checklist.expected == EXPECTED[name[:3]]


def test_the_findings_of_a_part_are_on_its_row(checklists):
    project = row(checklists["007"], ROWS["007_shpt_zhengfuban_2025_dept_budget"][-1])
    assert project.pages == (22, 22) and not project.ok
    assert any(line.startswith("A108 第22页 六、年度预算安排：") for line in project.problems)
    explanation = row(checklists["007"], "预算编制说明")  # T205 "比2024年预算持平" (007-p6-chiping), a warning
    assert not explanation.ok and all(line.startswith("T205 第6页") for line in explanation.problems)
    assert all(r.ok for r in checklists["007"].rows if r not in (project, explanation))


def test_pages_are_those_the_part_spans(checklists):
    assert page_label(row(checklists["005"], "主要职能").pages) == "3-4"
    assert page_label(row(checklists["005"], PROJECT + "贸易高质量发展专项（政策资金）经费情况说明").pages) == "26"
    assert page_label(row(checklists["012"], "第三部分 部门决算情况说明").pages) == "21-24"


def test_an_info_finding_is_listed_but_the_part_still_meets_the_requirement(checklists):
    table = row(checklists["012"], "收入决算表")
    assert [line[:8] for line in table.problems] == ["A204 第8页"] * 2  # two columns, each 0.01 within rounding
    assert table.ok
    explanation = row(checklists["012"], "第三部分 部门决算情况说明")  # A305/A307 on p21 are warnings (012-p21-*)
    assert not explanation.ok and any(line.startswith("A109 第24页") for line in explanation.problems)


def test_a_blank_template_fails_its_cover_and_repeats_are_counted(checklists):
    template = checklists["014"]
    assert not row(template, "封面").ok and row(template, "封面").problems[0].startswith("S203 第1页")
    assert any(line.endswith("（×3）") for line in row(template, "目录").problems)


def test_a_missing_part_is_a_row_that_does_not_meet_the_requirement(result):
    dropped = replace(result, texts=[t for t in result.texts if not (t.path.endswith("005_shpt_shangwuwei_2025_dept_budget.pdf") and t.part == "table"
                                                                     and "三公" in (t.part_title or ""))])
    checklist = next(c for c in build(dropped, builtin_profiles()) if "005_" in c.path)
    missing = checklist.rows[14]
    assert (missing.item, missing.pages, missing.ok, missing.problems) == ("“三公”经费和机关运行经费预算表", None, False, ["缺少该部分"])
    # failed: the missing table, and 主要职能 (T209 p3–4) and 预算编制说明 (T205, T209 p7), whose warnings are true
    assert (checklist.found, checklist.expected, checklist.failed) == (16, 17, 3)


def test_the_form_is_data_and_a_part_of_no_item_keeps_its_row(result):
    profiles = builtin_profiles()
    publication = profiles["budget-publication"]
    form = ChecklistForm.model_validate({"name": "简表", "items": [{"name": "封面", "kind": "cover"}, {"name": "编制说明", "title": "编制说明$"},
                                                                  {"name": "政府采购", "title": "政府采购"}]})
    custom = {**profiles, publication.name: publication.model_copy(update={"checklists": [form]})}
    checklist = next(c for c in build(result, custom) if "006_" in c.path)
    items = [r.item for r in checklist.rows]
    assert items[:6] == ["封面", "目录", "上海市普陀区商务委员会主要职能", "上海市普陀区商务委员会机构设置", "名词解释", "编制说明"]
    assert items[6] == "2025年预算单位财务收支预算总表" and items[-2:] == ["其他相关情况说明", "政府采购"] and checklist.rows[-1].missing
    assert (checklist.found, checklist.expected) == (2, 3)


def test_a_file_that_is_no_publication_has_a_row_per_text(checklists):
    report = checklists["015"]
    assert report.form is None and len(report.rows) == 1
    assert not report.rows[0].ok and any(line.startswith("T103 第1行") for line in report.rows[0].problems)  # 用于用于


def test_a_form_with_an_unknown_kind_is_an_error_naming_the_file(tmp_path):
    from budgetcheck.profiles import ProfileError, builtin_profiles_dir, load_profiles

    source = (builtin_profiles_dir() / "budget-publication.yaml").read_text(encoding="utf-8")
    (tmp_path / "budget-publication.yaml").write_text(source.replace("kind: toc}", "kind: contents}", 1), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"budget-publication\.yaml.*checklists"):
        load_profiles([builtin_profiles_dir(), tmp_path])


# --- Markdown ---------------------------------------------------------------------------------


def _tables(markdown: str) -> list[list[list[str]]]:
    tables, current = [], None
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if current is None:
                current = []
                tables.append(current)
            current.append(cells)
        else:
            current = None
    return tables


def test_markdown_is_a_summary_and_a_table_per_file(checklists):
    stream = io.StringIO()
    write_markdown(list(checklists.values()), stream)
    summary, *tables = _tables(stream.getvalue())
    assert summary[0] == ["文件", "检查表", "部分（找到/应有）", "不符合", "错误", "警告", "提示"] and len(summary) == 2 + len(checklists)
    assert summary[2][1:4] == ["部门预算公开情况检查表", "17/17", "2"]  # 005: 主要职能 and 预算编制说明 carry true warnings
    assert len(tables) == len(checklists) and all(len(r) == 5 for t in tables for r in t)
    assert tables[2][0] == ["序号", "检查项目", "页码", "符合要求", "发现的问题"] and tables[2][1:][-1][2:4] == ["22", "否"]


def test_markdown_cells_escape_pipes_and_line_breaks():
    assert cell("a|b\nc\\") == "a\\|b<br>c\\\\"


# --- xlsx -------------------------------------------------------------------------------------


def test_xlsx_has_a_summary_sheet_bold_frozen_headers_and_wrapped_problems(checklists):
    stream = io.BytesIO()
    write_xlsx(list(checklists.values()), stream)
    book = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
    assert book.sheetnames[0] == "汇总" and len(book.sheetnames) == 1 + len(checklists)
    sheet = book[book.sheetnames[3]]  # 007
    assert [c.value for c in sheet[1]] == ["序号", "检查项目", "页码", "符合要求", "发现的问题"]
    assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "A2"
    last = sheet[sheet.max_row]
    assert (last[0].value, last[2].value, last[3].value) == (17, 22, "否") and last[4].value.split("\n") == [
        "N205 第22页 三、实施主体：“三、实施主体”写的是工作内容（“主要完成区委、区政府年度重点工作任务书印制工作”），没有写明实施单位",
        "A108 第22页 六、年度预算安排：“六、年度预算安排”中没有写明预算金额"]
    assert last[4].alignment.wrap_text and sheet.column_dimensions["E"].width > sheet.column_dimensions["B"].width


def test_xlsx_without_openpyxl_names_the_extra(monkeypatch, checklists):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(XlsxUnavailable, match=r"budgetcheck\[xlsx\]"):
        write_xlsx(list(checklists.values()), io.BytesIO())


# --- the command ------------------------------------------------------------------------------


def run(*args):
    return subprocess.run([sys.executable, "-m", "budgetcheck", "checklist", "-j", "1", "--lang", "zh", *args], capture_output=True, text=True, encoding="utf-8")


def test_command_writes_xlsx_and_exits_0_with_findings(tmp_path):
    out = tmp_path / "检查表.xlsx"
    done = run(path_of("007_shpt_zhengfuban_2025_dept_budget"), "-o", str(out))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet.max_row == 18 and sheet["D18"].value == "否" and sheet["B2"].value == "封面"
    assert sheet.oddHeader.center.text == "部门预算公开情况检查表 007_shpt_zhengfuban_2025_dept_budget.pdf"


def test_command_lists_the_other_files_when_one_cannot_be_read(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("平潭综合实验区直达资金主要用于用于支持发展。\n", encoding="utf-8")
    done = run(str(tmp_path / "missing.txt"), str(text))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and done.stderr.startswith(f"budgetcheck: error: {tmp_path / 'missing.txt'}: ")
    assert "| 1 | 文本1 |" in done.stdout


@pytest.mark.parametrize(("suffix", "why"), [(".md", "refusing to overwrite it"), (".csv", "written as .xlsx or .md")])
def test_command_never_overwrites_an_input_nor_writes_other_formats(tmp_path, suffix, why):
    text = tmp_path / f"a{suffix}"
    text.write_text("一段文字。\n", encoding="utf-8")
    done = run(str(text), "-o", str(text))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and why in done.stderr
    assert text.read_text(encoding="utf-8") == "一段文字。\n"
