"""Real published budget documents (tests/data/real-docs, sources and hand-found errors in SOURCES.md).

Each expectation below comes from reading the publication as a reviewer would:
the parts it has, the project texts inside it, and which findings are true. A
finding that SOURCES.md shows to be false must never come back.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import REPO

from budgetcheck.document import split_documents
from budgetcheck.engine import lint_paths
from budgetcheck.readers import load

DOCS = REPO / "tests" / "data" / "real-docs"
BUDGETS = ["005_shpt_shangwuwei_2025_dept_budget", "006_shpt_shangwuwei_2025_unit_budget", "007_shpt_zhengfuban_2025_dept_budget",
           "009_shpt_wanli_jiedao_2024_dept_budget"]
FINAL_ACCOUNTS = ["012_shpt_caizhengju_2024_dept_final_accounts", "014_shpt_dept_final_accounts_template_2024"]
REPORTS = ["015_pingtan_zhida_zijin_2024_08_report", "017_pingtan_zhida_zijin_2023_h1_report"]
PROJECTS = {
    "005_shpt_shangwuwei_2025_dept_budget": ["科技创新专项经费情况说明", "生命健康专项（政策资金）经费情况说明",
                                             "商业创新专项（政策资金）经费情况说明", "贸易高质量发展专项（政策资金）经费情况说明"],
    "006_shpt_shangwuwei_2025_unit_budget": [],
    "007_shpt_zhengfuban_2025_dept_budget": ["区政府督查及建议提案工作业务经费项目经费情况说明"],
    "009_shpt_wanli_jiedao_2024_dept_budget": ["项目经费情况说明"],
}
DISTRICT_SECTIONS = ["一、项目概述", "二、立项依据", "三、实施主体", "四、实施方案", "五、实施周期", "六、年度预算安排", "七、绩效目标"]


def path_of(name: str) -> str:
    return str(next(DOCS.glob(f"{name}.*")))


@pytest.fixture(scope="module")
def findings(builtin_rules):
    names = [*BUDGETS, *FINAL_ACCOUNTS, *REPORTS]
    result = lint_paths([path_of(n) for n in names], builtin_rules)
    assert result.problems == []
    by_file: dict[str, list] = {n: [] for n in names}
    for finding in result.findings:
        by_file[next(n for n in names if n in finding.path)].append(finding)
    return by_file


@pytest.mark.parametrize("name", [*BUDGETS, *FINAL_ACCOUNTS, *REPORTS])
def test_no_structural_false_alarm(findings, name):
    structural = [f"{f.code} {f.message}" for f in findings[name] if f.code in ("S101", "S102", "S103", "S104")]
    assert structural == []


@pytest.mark.parametrize("name", BUDGETS)
def test_project_texts_inside_budgets_are_found_with_their_sections(name):
    docs = split_documents(load(path_of(name)))
    projects = [d for d in docs if d.part is not None and d.part.kind == "project"]
    assert [d.part.title for d in projects] == PROJECTS[name]
    for doc in projects:
        labels = [s.label.replace("项目概况", "项目概述") for s in doc.sections]  # 009 writes 概况
        assert labels == DISTRICT_SECTIONS


@pytest.mark.parametrize("name", [*BUDGETS, *FINAL_ACCOUNTS])
def test_publication_parts(name):
    docs = split_documents(load(path_of(name)))
    kinds = Counter(d.part.kind for d in docs)
    assert kinds["cover"] == 1 and kinds["toc"] == 1
    assert kinds["table"] >= 9  # the nine tables, by their titles
    assert docs[0].year in (2024, 2025) and docs[0].department and "上海市" in docs[0].department


def test_budget_year_and_department_come_from_the_cover():
    docs = split_documents(load(path_of("005_shpt_shangwuwei_2025_dept_budget")))
    assert {(d.department, d.year) for d in docs} == {("上海市普陀区商务委员会", 2025)}


def test_007_budget_section_without_an_amount_is_reported(findings):
    (finding,) = [f for f in findings["007_shpt_zhengfuban_2025_dept_budget"] if f.code == "A108"]
    assert finding.section == "六、年度预算安排" and finding.data["page"] == 22
    assert "年度预算安排" in finding.message


# Every finding each publication must get, as (code, page): the errors SOURCES.md lists that the
# checks reach. Nothing else may be reported (a finding not listed here is a false alarm, or a
# true one to be added here with its SOURCES.md id).
EXPECTED: dict[str, set[tuple[str, int]]] = {
    "005_shpt_shangwuwei_2025_dept_budget": {
        ("T205", 7),  # 005-p7-chiping: "比2024年预算执行数持平" ×2
        ("T209", 3), ("T209", 4), ("T209", 7),  # 005-p3-p7-space-punct: "工作部门 ，" (p3, p4), "经费支出 。" ×2 (p7)
        ("T210", 25),  # 005-p25-unit-mix: "商业综合服务能力提升80.00万元" among "…万"
        # Not in SOURCES.md, checked by hand: the 生命健康 block's 四、实施方案 ends "…按程序落实专项资金拨付"
        # with no 。 before 五、实施周期, where the three sibling blocks end "…拨付。"
        ("T211", 24),
        ("A311", 7),  # 005-p7-baseline: the same 37,151.47 against 2024 with two increments
    },
    "006_shpt_shangwuwei_2025_unit_budget": {
        ("T205", 7),  # 006-p7-chiping
        ("T209", 3), ("T209", 4), ("T209", 7),  # 006-p3-p7-space-punct
        ("A311", 7),  # 006-p7-baseline
    },
    "007_shpt_zhengfuban_2025_dept_budget": {
        ("A108", 22),  # 007-p22-budget-no-amount
        ("N205", 22),  # 007-p22-subject: 三、实施主体 "主要完成区委、区政府年度重点工作任务书印制工作…" (a task, not a body)
        ("T205", 6),  # 007-p6-chiping: "比2024年预算持平" ×2
    },
    "009_shpt_wanli_jiedao_2024_dept_budget": {
        ("C201", 33),  # 009-p33-floor-area (both sums, one finding each)
        ("T212", 33),  # 009-p33-typos: "社区事物受理" (事务); 更游校的, 建筑里面, 跟全过程管理 are not reached
        ("A206", 29),  # 009-p29-econ-codes: "301 2 津贴补贴", "301 7 绩效工资" (款 codes 02, 07)
        ("T202", 31),  # 009-p31-empty-note: "故本表为空表" under 47.91 = 0 + 1.35 + 46.56 and 443.18
        ("T205", 6), ("T205", 7), ("T205", 8), ("T205", 9), ("T205", 32),  # 009-chiping: "比2023年预算(执行数)持平"
        ("A302", 9),  # 009-p9-housing-fund-heading
        ("A303", 7),  # 009-p7-from-zero
        ("A306", 6),  # 009-p6-reason-direction
        ("A312", 7),  # 009-p7-reason-copy (item 15 gives item 13's reason)
        ("A312", 9),  # 009-p7-reason-copy (item 26 城管执法 "主要用于城乡社区管理事务一般行政管理事务")
        # 009-p9-housing-fund-heading, checked by hand: the 2024年预算安排 352.67万元 of item 31 against the
        # 一般公共预算支出功能分类预算表 (p26) 2210201 住房公积金 3,503,499元 = 350.35万元, which the heading states
        ("A401", 9),
    },
    "012_shpt_caizhengju_2024_dept_final_accounts": {
        ("A109", 24),  # 012-p24-procurement-cent
        # 012-p12-326.71: the 合计 2,940.05 (2,946.25 with 其他收入 6.20) fits 326.71; the 收入决算表 (p8)
        # and 一般公共预算财政拨款支出决算表 (p15) state 326.72, so their 类 rows sum to 0.01 more
        ("A204", 8), ("A204", 15),
        ("A205", 6), ("A205", 12),  # 012-p12-326.71: 326.71 on pp. 6 and 12 against 326.72 on pp. 8, 10, 15
        ("A305", 21),  # 012-p21-share
        ("A306", 21),  # 012-p21-total-0.3 (持平, explained by a decrease)
        ("A307", 21),  # 012-p21-total-0.3 (总计0.3万元 below 财政拨款收入2940.05万元)
        ("A404", 21),  # 012-p21-total-0.3: 财政拨款收入支出总计 0.3万元 against the 财政拨款收入支出决算总表's 总计 2,961.68 (p13)
        ("S204", 15),  # 012-p14-blank-page (reported where the text goes on, the table title on p15)
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_publications_get_exactly_their_true_findings(findings, name):
    assert {(f.code, f.data.get("page")) for f in findings[name]} == EXPECTED[name]


def test_template_placeholders_are_caught(findings):
    placeholders = [f for f in findings["014_shpt_dept_final_accounts_template_2024"] if f.code == "S203"]
    assert placeholders and any(f.data.get("page") == 1 for f in placeholders)  # "上海市 XX 局" on the cover


def test_final_accounts_report_the_procurement_cent_as_rounding_info(findings):
    # SOURCES.md 012-p24-procurement-cent: 4.79 + 0 + 246.47 = 251.26 ≠ 251.25, within the figures' rounding
    (found,) = [f for f in findings["012_shpt_caizhengju_2024_dept_final_accounts"] if f.code == "A109"]
    assert found.severity.value == "info" and "4.79 + 0 + 246.47 = 251.26 ≠ 251.25" in found.message


def test_reports_keep_the_true_finding_and_lose_the_false_ones(findings):
    assert [(f.code, f.excerpt.text[f.excerpt.start : f.excerpt.end]) for f in findings["015_pingtan_zhida_zijin_2024_08_report"]] == [
        ("T208", "截至9月5日"),  # 015-missing-stop: "…作为一项重要政治任务截至9月5日，"
        ("T103", "用于用于"),  # 015-dup-word
    ]
    # 017-jiezhi: "截止2023年7月3日" ×5 and "截止7月3日"
    assert [(f.code, f.data["match"]) for f in findings["017_pingtan_zhida_zijin_2023_h1_report"]] == [
        ("T206", "截止2023年7月3日")] * 5 + [("T206", "截止7月3日")]


def test_extract_gives_one_row_per_project_text_of_a_publication():
    from budgetcheck.extraction import rows

    problems: list = []
    found = [(r["project"], r["budget_total"], len(r["items"])) for r in rows([path_of("005_shpt_shangwuwei_2025_dept_budget")], problems)]
    assert problems == []
    # 年度预算安排 of each block: "2025年度项目总预算1720.00万，其中…", items after 其中 up to 合计
    assert found == [
        ("科技创新专项经费情况说明", "17200000.00", 0),  # one item only: not a breakdown
        ("生命健康专项（政策资金）经费情况说明", "11700000.00", 4),
        ("商业创新专项（政策资金）经费情况说明", "14100000.00", 5),
        ("贸易高质量发展专项（政策资金）经费情况说明", "29210000.00", 5),  # 支持商销稳增长30.00万 is an item, not a change
    ]


def test_final_accounts_quote_both_figures_of_social_security(findings):
    # SOURCES.md 012-p12-326.71: the stretch error reached across tables, as information
    found = [f for f in findings["012_shpt_caizhengju_2024_dept_final_accounts"] if f.code == "A205"]
    assert sorted(f.data["page"] for f in found) == [6, 12] and all(f.severity.value == "info" for f in found)
    assert all("326.71万元" in f.message and "支出决算表（第10页）326.72" in f.message for f in found)


def test_floor_areas_that_do_not_add_up_are_reported_with_the_transposition(findings):
    # SOURCES.md 009-p33-floor-area: 7998 + 105 = 8103 ≠ 8013; 8013 + 5356 = 13369 ≠ 13459; 8103 makes both hold
    found = [f for f in findings["009_shpt_wanli_jiedao_2024_dept_budget"] if f.code == "C201"]
    assert [f.data["arithmetic"] for f in found] == ["8013 + 5356 = 13369 ≠ 13459", "7998 + 105 = 8103 ≠ 8013"]
    assert all("“8013”若为“8103”（相邻两位数字颠倒），两处合计均相符" in f.message for f in found)
    assert all(f.data["page"] == 33 and f.severity.value == "warning" for f in found)


def test_017_lists_hold_as_the_text_announces_them():
    # SOURCES.md 017: "3项资金" lists 3 and "2个项目" lists 2; the 3 unpaid funds have no stated total
    (doc,) = split_documents(load(path_of("017_pingtan_zhida_zijin_2023_h1_report")))
    text = doc.source.text
    announced = [(c.text, text[c.end : c.end + 2]) for c in doc.quantities.counts if text.find("分别为", c.end, c.end + 12) != -1]
    listed = [len(e.items) for e in doc.quantities.enumerations if e.trigger == "分别为"]
    assert (announced, listed) == ([("3项", "资金"), ("2个", "项目")], [3, 2])


def _message(findings, name: str, code: str) -> str:
    (found,) = [f for f in findings[name] if f.code == code]
    return found.message


def test_must_errors_are_reported_with_their_figures(findings):
    # SOURCES.md's "must" errors: each message names the figures a reviewer recomputes
    budget, accounts = "009_shpt_wanli_jiedao_2024_dept_budget", "012_shpt_caizhengju_2024_dept_final_accounts"
    # 009-p9-housing-fund-heading: 350.35 heading, 352.67 below it, 0.53% fits 350.35 (352.67 would be 1.19%)
    heading = _message(findings, budget, "A302")
    assert all(s in heading for s in ("350.35万元", "352.67万元", "350.35万元 ÷ 348.52万元 − 1 = 0.53%", "1.19%"))
    # 009-p31-empty-note: "故本表为空表" under a table with figures
    assert all(s in _message(findings, budget, "T202") for s in ("故本表为空表", "47.91", "1.35", "46.56"))
    # 012-p21-share: 2106.66 / 2940.05 = 71.65%, not 71.73%; the four shares add up to 100.07%
    assert all(s in _message(findings, accounts, "A305") for s in ("2106.66万元 ÷ 2940.05万元 = 71.65%", "71.73%", "= 100.07%"))
    # 012-p21-total-0.3: 总计0.3万元 against the table's 2,961.68 and below its own part 2940.05
    assert all(s in _message(findings, accounts, "A404") for s in ("0.3万元", "2,961.68万元", "第13页"))
    assert all(s in _message(findings, accounts, "A307") for s in ("总计0.3万元", "财政拨款收入2940.05万元"))


def test_blank_page_names_the_page_between_its_neighbours(findings):
    """012 p14 is empty (no text, no picture) between the 财政拨款收支总表 (p12–13) and the next table (p15)."""
    blank = [f for f in findings["012_shpt_caizhengju_2024_dept_final_accounts"] if f.code == "S204"]
    assert [f.message for f in blank] == ["第14页是空白页（在第13页与第15页之间），请确认是否多余"]
    assert blank[0].excerpt is not None and blank[0].excerpt.text.startswith("一般公共预算财政拨款支出决算表")
