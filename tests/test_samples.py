"""The bundled samples: what the seed texts must show, and clean copies that show nothing."""

import pytest
from conftest import SAMPLES

from budgetcheck.engine import lint_paths

SEED_000 = str(SAMPLES / "000_c68cd09910643be1.txt")
SEED_003 = str(SAMPLES / "003_d0cdb9e489cb1e09.txt")


@pytest.fixture(scope="module")
def findings_003(builtin_rules):
    return lint_paths([SEED_003], builtin_rules).findings


@pytest.fixture(scope="module")
def findings_000(builtin_rules):
    return lint_paths([SEED_000], builtin_rules).findings


def test_003_items_sum_and_unit_slip_at_the_meeting_fee(findings_003):
    (items,) = [f for f in findings_003 if f.code == "A101"]
    (slip,) = [f for f in findings_003 if f.code == "A103"]
    line = items.excerpt.text
    assert "会议费15,000.00万元" in line and items.line == slip.line == 15
    assert items.data["arithmetic"] == "25,000.00 + 10,000.00 + 150,000,000.00 = 150,035,000.00 ≠ 50,000.00"
    assert line[slip.excerpt.start : slip.excerpt.end] == "15,000.00万元"
    assert slip.data["suggestion"] == "15,000.00元"


def test_003_other_findings(findings_003):
    assert [f.line for f in findings_003 if f.code == "S201"] == [17]
    assert [f.line for f in findings_003 if f.code == "N102"] == [3]
    assert not {"A102", "C101", "S101", "S102"} & {f.code for f in findings_003}


def test_000_plan_budget_in_text_1(findings_000):
    (plan,) = [f for f in findings_000 if f.code == "A102"]
    assert plan.document == 1
    assert (plan.data["plan"], plan.data["budget"]) == ("3000000.00", "5000000.00")


def test_000_duplicate_title_and_residue(findings_000):
    assert {f.document for f in findings_000 if f.code == "N101"} == {1, 2}
    assert [f.document for f in findings_000 if f.code == "S201"] == [1]
    assert [(f.document, f.line) for f in findings_000 if f.code == "S202"] == [(2, 50), (2, 51)]


def test_000_no_false_alarms(findings_000):
    codes = {f.code for f in findings_000}
    assert "C101" not in codes  # 8 names are listed
    assert not [f for f in findings_000 if f.code == "A102" and f.document == 2]  # 5万元 == 50,000.00元


@pytest.mark.parametrize("name", ["000_c68cd09910643be1.txt", "003_d0cdb9e489cb1e09.txt"])
def test_clean_copies_have_no_findings(builtin_rules, name):
    result = lint_paths([str(SAMPLES / "clean" / name)], builtin_rules)
    assert result.findings == [] and result.problems == []
    assert result.documents == (2 if name.startswith("000") else 1)


def test_whole_samples_folder_blames_only_the_odd_text(builtin_rules):
    """Seeds and clean copies together: the name's majority budget is 50,000, so only seed text 1 is blamed."""
    findings = lint_paths([str(SAMPLES)], builtin_rules).findings
    duplicates = [(f.path, f.document) for f in findings if f.code == "N101"]
    assert duplicates == [(SEED_000, 1)]
