"""Claims in the text recomputed from the figures they name (A301–A312), on the real publications and on small texts.

Every expected figure below was recomputed by hand (SOURCES.md ids in comments).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import REPO

from budgetcheck import claims
from budgetcheck.document import split_documents
from budgetcheck.engine import lint_paths
from budgetcheck.quantities import Percent
from budgetcheck.readers import load

DOCS = REPO / "tests" / "data" / "real-docs"
# Own-year comparisons (N201), rates without % (T204) and 比…持平 (T205) are wording rules.
CLAIM_CODES = {"A301", "A302", "A303", "A304", "A305", "A306", "A307", "A311", "A312"}


def real(name: str) -> str:
    return str(next(DOCS.glob(f"{name}*")))


@pytest.fixture(scope="module")
def real_findings(builtin_rules):
    names = ["005", "006", "007", "009", "012", "015", "017"]
    result = lint_paths([real(n) for n in names], builtin_rules)
    return {n: [f for f in result.findings if n in f.path.rsplit("/", 1)[-1][:3] and f.code in CLAIM_CODES] for n in names}


def test_009_reads_all_33_change_claims_and_only_the_housing_fund_line_is_wrong():
    docs = split_documents(load(real("009")))
    found = [c for doc in docs for c in claims.changes(doc)]
    assert len(found) == 33
    assert {(c.base.amount.text, c.other.amount.text) for c in found if c.base.year != 2023 or c.other.year != 2024} == set()


def test_009_heading_amount_quotes_both_and_says_which_the_rate_fits(real_findings):
    # 009-p9-housing-fund-heading: 350.35 ÷ 348.52 − 1 = 0.53%; 352.67 ÷ 348.52 − 1 = 1.19%
    (finding,) = [f for f in real_findings["009"] if f.code == "A302"]
    assert finding.data["page"] == 9
    assert "标题金额350.35万元与下文“2024年预算安排352.67万元”不一致" in finding.message
    assert "350.35万元 ÷ 348.52万元 − 1 = 0.53%，按352.67万元则为1.19%" in finding.message
    assert not [f for f in real_findings["009"] if f.code == "A301"]  # one slip, one finding


def test_009_growth_from_zero_and_reason_against_direction(real_findings):
    by_code = {f.code: f for f in real_findings["009"]}
    assert by_code["A303"].data["page"] == 7 and "0.00万元为0" in by_code["A303"].message  # 009-p7-from-zero
    assert by_code["A306"].data["page"] == 6 and "减少2.98%" in by_code["A306"].message  # 009-p6-reason-direction
    assert by_code["A306"].severity.value == "info"


def test_012_share_names_the_wrong_one_and_the_sum(real_findings):
    # 012-p21-share: 2106.66 ÷ 2940.05 = 71.65%; 71.73 + 11.11 + 2.07 + 15.16 = 100.07
    (finding,) = [f for f in real_findings["012"] if f.code == "A305"]
    assert finding.data["page"] == 21
    assert "2106.66万元 ÷ 2940.05万元 = 71.65%，而非71.73%" in finding.message
    assert "= 100.07%" in finding.message
    assert "326.72" not in finding.data["wrong"] and "445.69" not in finding.data["wrong"]  # 11.11% and 15.16% are right


def test_012_total_of_0_3_is_below_its_own_income(real_findings):
    # 012-p21-total-0.3
    (finding,) = [f for f in real_findings["012"] if f.code == "A307"]
    assert "财政拨款收入支出总计0.3万元" in finding.message and "财政拨款收入2940.05万元" in finding.message
    (reason,) = [f for f in real_findings["012"] if f.code == "A306"]
    assert "持平" in reason.message and "减少支付" in reason.message


def test_012_completion_ratio_is_read_and_passes(real_findings):
    docs = split_documents(load(real("012")))
    ratios = [r for doc in docs for r in claims.ratios(doc)]
    assert ("2993.92万元", "2940.05万元", Decimal("98.20")) in {(r.base.amount.text, r.part.amount.text, r.percent.value) for r in ratios}
    assert not [f for f in real_findings["012"] if f.code == "A304"]


@pytest.mark.parametrize("name", ["007", "015", "017"])
def test_publications_whose_claims_check_out_stay_silent(real_findings, name):
    assert real_findings[name] == []


@pytest.mark.parametrize("name", ["005", "006"])
def test_one_figure_on_two_bases_is_the_only_claim_finding(real_findings, name):
    # 005-p7-baseline / 006-p7-baseline: 37,151.47 vs 2024 is +24,558.18 on the 执行数 and +24,491.71 on the 预算
    (finding,) = real_findings[name]
    assert finding.code == "A311" and finding.data["page"] == 7
    assert "“比2024年预算执行数增加24,558.18万元”与“比2024年预算增加24,491.71万元”" in finding.message


def test_015_expenditure_rates_are_read(real_findings):
    # 6655.52 ÷ 7010 = 94.94% ("94.9%"); 25316.14 ÷ 33766.26 = 74.97% ("75%")
    docs = split_documents(load(real("015")))
    assert [r.percent.value for doc in docs for r in claims.ratios(doc)] == [Decimal("94.9"), Decimal("75")]


@pytest.mark.parametrize(("stated", "decimals", "low", "high", "fits"), [
    ("99.86", 2, "99.868", "99.868", True),  # truncated
    ("99.87", 2, "99.868", "99.868", True),  # rounded
    ("99.85", 2, "99.868", "99.868", False),
    ("75", 0, "74.97", "74.97", True),
])
def test_a_percentage_may_be_rounded_or_truncated(stated, decimals, low, high, fits):
    percent = Percent(0, 0, Decimal(stated), decimals)
    assert claims.stated_fits(percent, Decimal(low), Decimal(high)) is fits


def test_change_claims_in_small_texts(lint_text):
    wrong_way = "2023年当年预算执行数为114.00万元，2024年预算安排110.60万元，比2023年预算执行数增加2.98%。"
    (finding,) = lint_text(wrong_way, codes={"A301"})
    assert "110.60万元 ÷ 114.00万元 − 1 = -2.98%" in finding.message
    over = "2023年当年预算执行数为114.00万元，2024年预算安排10.60万元，比2023年预算执行数下降120.00%。"
    assert "超过100%" in lint_text(over, codes={"A301"})[0].message
    amount = "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少43.36万元。"
    assert "= -34.36万元，而非减少43.36万元" in lint_text(amount, codes={"A301"})[0].message
    # the sentence does not say which figure is last year's: silent
    assert lint_text("执行数为114.00万元，预算安排110.60万元，比上年增加20%。", codes={"A301"}) == []


HEADING = ("5. “一般公共服务支出（类）统战事务（款）一般行政管理事务（项）”11.91万元，主要用于统战事务。"
           "2023年当年预算执行数为9.00万元，2024年预算安排19.11万元，比2023年预算执行数增加{}%。")


def test_a_rate_that_fits_the_figure_points_at_the_heading(lint_text):
    # 19.11 ÷ 9.00 − 1 = 112.33%; 11.91 ÷ 9.00 − 1 = 32.33%
    (finding,) = lint_text(HEADING.format("112.33"), codes={"A301", "A302"})
    assert finding.code == "A302" and "与19.11万元相符" in finding.message and "按11.91万元则为32.33%" in finding.message


def test_heading_and_rate_both_wrong_gives_both_findings(lint_text):
    found = lint_text(HEADING.format("50.00"), codes={"A301", "A302"})
    assert sorted(f.code for f in found) == ["A301", "A302"]
    assert "相符" not in next(f for f in found if f.code == "A302").message


def test_reason_with_both_directions_is_left_to_the_reader(lint_text):
    text = "比2023年预算执行数减少2.98%。主要原因是：人员经费增加，项目经费减少。"
    assert lint_text(text, codes={"A306"}) == []


def test_009_items_that_copy_another_items_wording(real_findings):
    # 009-p7-reason-copy: item 15 (职业年金) gives item 13's reason; item 26 (城管执法) item 25's use
    found = sorted((f.data["number"], f.data["other"]) for f in real_findings["009"] if f.code == "A312")
    assert found == [("15", "事业单位离退休"), ("26", "一般行政管理事务")]
