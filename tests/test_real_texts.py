"""Real published texts of other genres (tests/data/real, sources in SOURCES.md), checked by hand.

The expected findings below were worked out by reading the texts and redoing
their arithmetic: where it holds, nothing may be reported.
"""

from decimal import Decimal

import pytest
from conftest import REPO

from budgetcheck.breakdowns import breakdowns, is_change
from budgetcheck.document import split_documents
from budgetcheck.engine import lint_paths
from budgetcheck.source import read_source

REAL = REPO / "tests" / "data" / "real"
WAN = Decimal(10_000)


def text_of(name):
    (doc,) = split_documents(read_source(REAL / f"{name}.txt"))
    return doc


def relations(doc):
    return [(b.total.value / WAN if b.total else None, [p.value / WAN for p in b.parts]) for b in breakdowns(doc)]


def test_pingtan_every_breakdown_is_parsed_and_adds_up():
    found = relations(text_of("004_pingtan_jingji_fazhanju_2018_budget"))
    d = Decimal
    assert (d("6330.81"), [d("6330.81"), 0, 0, 0, 0]) in found  # 收入预算 其中 (ASCII commas)
    assert (d("6330.81"), [d("1757.63"), d("6.34"), d("255.3"), d("4311.54")]) in found  # 支出预算 其中, past 比上年增加
    assert (d("7.6"), [d("7.6"), 0]) in found  # 公务用车 其中
    assert (d("2019.27"), [d("1763.97"), d("255.3")]) in found  # 基本支出 with numbered children
    fourteen = next(parts for total, parts in found if len(parts) == 14)  # 项级科目 （一）…（十四）
    assert sum(fourteen) == d("6330.81")
    for total, parts in found:
        assert total is None or sum(parts) == total


def test_gongliu_investment_and_project_list():
    found = relations(text_of("012_gongliu_county_poverty_bond_projects_2020"))
    assert found == [(20388, [15000, 5388]), (20388, [1250, 5263, 13500, 375])]


def test_beiguan_sources_total_after_the_list():
    assert relations(text_of("015_anyang_beiguan_poverty_fund_allocation_2018")) == [(Decimal("113.5"), [47, Decimal("66.5")])]


@pytest.fixture(scope="module")
def real_findings(builtin_rules):
    result = lint_paths([str(REAL)], builtin_rules)
    assert result.problems == []
    return result.findings


def codes_in(findings, name):
    return sorted(f.code for f in findings if name in f.path)


def test_pingtan_only_the_doubled_phrase_and_jiezhi(real_findings):
    doubled, jiezhi = [f for f in real_findings if "004_" in f.path]
    assert doubled.code == "T103" and doubled.data["repeated"] == "主要原因是主要原因是主要原因是"
    assert jiezhi.code == "T206" and jiezhi.data["match"] == "截止2018年"  # "截止2018年…共有车辆2辆": 截至


def test_tongxin_placeholders_found(real_findings):
    found = [f for f in real_findings if "009_" in f.path]
    assert {f.code for f in found} == {"S203"}
    assert [f.data["match"] for f in found] == [
        "(≥**株)", "(≥**%)", "(≥**%)", "(≤**元/株)", "(≥**万元)", "(≥**万元)", "(≥**户)", "(≥**%)",
    ]


@pytest.mark.parametrize("name", ["012_", "015_", "021_"])
def test_texts_whose_arithmetic_holds_are_silent(real_findings, name):
    assert codes_in(real_findings, name) == []


def test_narrative_texts_get_no_measure_or_list_false_alarms(real_findings):
    # 015 北关区 states 平方米 and 米 figures with no 其中 breakdown; no list in the five texts miscounts
    assert [f for f in real_findings if f.code in ("C101", "C102", "C201", "S104")] == []


def test_pingtan_changes_are_no_parts():
    # 004: 比上年增加/减少 amounts stand beside the 其中 parts; none of them is ever summed as a part
    doc = text_of("004_pingtan_jingji_fazhanju_2018_budget")
    assert not any(is_change(doc, p) for b in breakdowns(doc) for p in b.parts)
