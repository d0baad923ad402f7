"""Chinese numerals: the fast reading of the standard written form agrees with cn2an."""

from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcheck.numerals import _cn2an_strict, chinese_integer, parse_chinese, standard_chinese_number

NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟萬億"


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("伍万", 50_000),
        ("贰拾叁万肆仟伍佰", 234_500),
        ("一千二百三十四万五千六百七十八", 12_345_678),
        ("一万零五百", 10_500),
        ("十五万", 150_000),
        ("三千零五十", 3_050),
        ("一亿零五万", 100_050_000),
        ("壹佰万", 1_000_000),
        ("两千", 2_000),
        ("一点五", Decimal("1.5")),
        ("零", 0),
    ],
)
def test_standard_forms_are_read_without_cn2an(written, value):
    assert standard_chinese_number(written) == Decimal(value)


@pytest.mark.parametrize("written", ["三百五", "十一万三", "一万零", "一千零百", "二千一十", "一仟四拾", "零五", "七点零", "万", "五五"])
def test_speech_forms_mixed_forms_and_slips_are_left_to_cn2an(written):
    assert standard_chinese_number(written) is None


def test_forms_outside_the_standard_still_read_through_cn2an():
    assert parse_chinese("五万亿") == Decimal(5 * 10**12)
    assert parse_chinese("三百五") is None


@given(st.text(alphabet=NUMERAL_CHARS, min_size=1, max_size=10))
def test_fast_reading_never_disagrees_with_cn2an(numeral):
    fast = standard_chinese_number(numeral)
    if fast is not None:
        assert fast == _cn2an_strict(numeral)


@given(st.integers(min_value=0, max_value=10**12 - 1), st.sampled_from(["low", "up"]))
def test_numbers_written_by_cn2an_read_back(number, mode):
    assert parse_chinese(cn2an.an2cn(number, mode)) == number


@given(st.integers(min_value=0, max_value=10**8 - 1), st.sampled_from(["low", "up"]))
def test_amounts_below_a_hundred_million_need_no_cn2an(number, mode):
    assert standard_chinese_number(cn2an.an2cn(number, mode)) == number


@pytest.mark.parametrize(("written", "value"), [("八", 8), ("十", 10), ("十九", 19), ("二十一", 21), ("两", 2), ("一点五", None), ("二三", None), ("", None)])
def test_item_numbers(written, value):
    assert chinese_integer(written) == value
