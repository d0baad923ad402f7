"""Every way an amount is written, normalised to Decimal yuan (and what is not money)."""

from decimal import Decimal

import pytest
from conftest import make_text

from budgetcheck.quantities import extract

MONEY = [
    ("50,000.00元", "50000.00"),
    ("50000元", "50000"),
    ("5万元", "50000"),
    ("5.5万元", "55000"),
    ("1.5亿元", "150000000"),
    ("15,000.00万元", "150000000.00"),
    ("3千元", "3000"),
    ("200.00元", "200.00"),
    ("0万元", "0"),
    ("6330.81 万元", "63308100"),
    ("伍万元整", "50000"),
    ("伍万元", "50000"),
    ("贰万伍仟元", "25000"),
    ("一万五千元", "15000"),
    ("壹佰万元", "1000000"),
    ("十万元", "100000"),
    ("两万元", "20000"),
    ("贰拾万零伍佰元", "200500"),
    ("叁仟贰佰元整", "3200"),
    ("５０,０００元", "50000"),
    ("５万元", "50000"),
    ("１.５亿元", "150000000"),
    ("人民币5万元", "50000"),
    ("人民币50,000.00元", "50000.00"),
    ("￥50,000.00元", "50000.00"),
    ("¥ 3,000元", "3000"),
    ("人民币伍万元整", "50000"),
    ("1,234,567.89元", "1234567.89"),
    ("0.5万元", "5000"),
    ("12.345万元", "123450"),
    ("2千万元", "20000000"),
    ("50，000.00元", "50000.00"),
]


@pytest.mark.parametrize(("written", "yuan"), MONEY)
def test_amount_forms(written, yuan):
    text = f"本项目安排资金{written}，用于建设。"
    amounts = extract(text).amounts
    assert len(amounts) == 1, amounts
    amount = amounts[0]
    assert amount.value == Decimal(yuan)
    assert text[amount.start : amount.end] == amount.text
    assert amount.text.rstrip("整").endswith("元")
    assert written.rstrip("整").endswith(amount.text.rstrip("整")[-3:])


NOT_MONEY = [
    "2026年",
    "新改委发〔2025〕5号",
    "撬动比例达1:1",
    "完成65%普通党员培训覆盖率",
    "集中培训不少于5 天（40学时）",
    "1760株/栋",
    "实际利用外资完成1.2亿美元",
    "数十万元的投入",
    "多元化投入",
    "统一元素",
    "万元以上",
    "电话0999-5626159",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text):
    assert extract(text).amounts == []


def test_spans_point_at_the_original_text():
    text = "预算５０,０００元，其中伍万元整为补助。"
    first, second = extract(text).amounts
    assert text[first.start : first.end] == "５０,０００元"
    assert text[second.start : second.end] == "伍万元整"


def test_several_amounts_in_order():
    text = "办公费25,000.00元、培训费1万元、会议费贰仟元。"
    assert [a.value for a in extract(text).amounts] == [Decimal("25000.00"), Decimal("10000"), Decimal("2000")]


def test_unit_and_number_as_written_are_kept():
    (amount,) = extract("会议费15,000.00万元").amounts
    assert (amount.number_text, amount.unit, amount.number) == ("15,000.00", "万元", Decimal("15000.00"))


def test_extract_respects_bounds():
    text = "甲5元。乙6元。丙7元。"
    assert [a.value for a in extract(text, 4, 8).amounts] == [Decimal(6)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("示范样板8个", 8, "个"), ("八个小区", 8, "个"), ("培训5 天", 5, "天"), ("受益10户", 10, "户"), ("二十一项", 21, "项")],
)
def test_counts(text, value, unit):
    (count,) = extract(text).counts
    assert (count.value, count.unit) == (value, unit)


def test_years():
    years = extract("2026年批复，2025年度结转，〔2025〕5号").years
    assert [y.value for y in years] == [2026, 2025]


def test_enumeration_of_names_with_declared_count():
    text = "实施示范样板8个，分别为：政府小区、景盛园B区、望湖苑A区。"
    (enum,) = extract(text).enumerations
    assert enum.declared.value == 8
    assert [i.text for i in enum.items] == ["政府小区", "景盛园B区", "望湖苑A区"]


def test_enumeration_of_money_items():
    text = "计划安排资金分别是：办公费25,000.00元、党员教育培训10,000.00元、会议费15,000.00万元。"
    (enum,) = extract(text).enumerations
    assert [len(i.amounts) for i in enum.items] == [1, 1, 1]
    assert enum.items[-1].amounts[0].value == Decimal("150000000.00")


def test_enumeration_stops_at_the_clause_after_the_last_item():
    text = "分别为：甲、乙、丙，共3个。"
    (enum,) = extract(text).enumerations
    assert [i.text for i in enum.items] == ["甲", "乙", "丙"]


@pytest.mark.parametrize("digits", [30, 45, 120])
def test_long_amounts_add_up_exactly(lint_text, digits):
    """Decimal's default 28 digits would round these sums and report a consistent text as A101."""
    big = int("9" * digits)
    text = make_text(资金安排情况=f"预算资金{big + 2}元，分别是：办公费{big}元、会议费1元、培训费1元。", 项目实施计划=f"支付{big + 2}元。")
    assert lint_text(text, codes={"A101", "A102", "A103"}) == []
    slipped = make_text(资金安排情况=f"预算资金{big + 3}元，分别是：办公费{big}元、会议费1元、培训费1元。")
    (finding,) = lint_text(slipped, codes={"A101"})
    assert finding.data["sum"] == str(big + 2)
