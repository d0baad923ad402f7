"""Amounts written in a malformed way, though still readable: '50,00.00元', '50，000.00元', '元元'."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.quantities import Amount

FIELDS = {"amount": "the amount as written", "problem": "what is malformed", "value": "the value read (yuan)"}
_GROUPED = deferred_re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_FULL_DIGIT = deferred_re.compile(r"[０-９]")
_HALF_DIGIT = deferred_re.compile(r"[0-9]")


class Params(KindParams):
    max_yuan_decimals: int = Field(2, ge=0, description="most decimals allowed on an amount in 元 (fen)")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    for amount in doc.quantities.amounts:
        problem = _problem(amount, params) if amount.numeral == "arabic" else None
        end = amount.end
        if problem is None and text.startswith("元", amount.end):
            problem, end = "单位重复“元元”", amount.end + 1
        if problem:
            yield Hit(amount.start, end, {"amount": text[amount.start : end], "problem": problem, "value": amount.value})


def _problem(amount: Amount, params: Params) -> str | None:
    number = amount.number_text
    if "，" in number or "．" in number:
        return "数字中使用了全角标点"
    if _FULL_DIGIT.search(number) and _HALF_DIGIT.search(number):
        return "全角与半角数字混用"
    folded = number.translate({0xFF10 + i: 48 + i for i in range(10)})
    if "," in folded and not _GROUPED.fullmatch(folded):
        return "千分位分隔不正确"
    decimals = len(folded.partition(".")[2])
    if amount.unit == "元" and decimals > params.max_yuan_decimals:
        return f"以元为单位却有{decimals}位小数"
    return None
