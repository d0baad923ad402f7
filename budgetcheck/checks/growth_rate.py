"""'比上年增加X万元，增长Y%' must agree with the amounts: Y = X / (this year − X).

The common slip is dividing by this year's amount instead of last year's; the
finding says so when that explains the stated rate. A decrease of more than
100% is impossible.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.breakdowns import is_change, is_rate
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.quantities import Amount

FIELDS = {
    "stated": "the rate written (%)",
    "computed": "the rate the amounts give (%)",
    "reason": "what went wrong",
    "arithmetic": "the computation",
}
_DOWN = deferred_re.compile(r"(?:减少|下降|减|降低|节约)[了为]?$")
_RATE_AFTER = deferred_re.compile(r"[^。；;\n%％]{0,12}?(?P<word>增长|下降|减少|增加|上升|降低|增|减)了?\s*(?P<num>\d+(?:\.\d+)?)\s*[%％]")


class Params(KindParams):
    slack: Decimal = Field(Decimal("0.05"), ge=0, description="extra tolerance in percentage points beyond rounding")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    amounts = doc.quantities.amounts
    for index, delta in enumerate(amounts):
        if not is_change(doc, delta):
            continue
        rate = _RATE_AFTER.match(text, delta.end)
        current = _current(doc, amounts[:index], delta)
        if rate is None or current is None:
            continue
        down = bool(_DOWN.search(text[max(doc.start, delta.start - 4) : delta.start]))
        hit = _judge(current, delta, down, Decimal(rate["num"]), len(rate["num"].partition(".")[2]), params)
        if hit:
            yield Hit(delta.start, rate.end(), hit)


def _current(doc: Document, before: list[Amount], delta: Amount) -> Amount | None:
    """This year's amount: the nearest stated amount before the change, in the same sentence."""
    text = doc.source.text
    for amount in reversed(before):
        if any(ch in text[amount.end : delta.start] for ch in "。；;\n"):
            return None
        if not is_change(doc, amount) and not is_rate(doc, amount):
            return amount
    return None


def _judge(current: Amount, delta: Amount, down: bool, stated: Decimal, decimals: int, params: Params) -> dict | None:
    if down and stated > 100:
        return {"stated": stated, "computed": "—", "reason": "降幅不可能超过100%", "arithmetic": f"下降{stated}%"}
    base = current.value + delta.value if down else current.value - delta.value
    if base <= 0:
        return None
    computed = delta.value / base * 100
    tolerance = Decimal(5) / Decimal(10) ** (decimals + 1) + params.slack
    if abs(computed - stated) <= tolerance:
        return None
    wrong_base = delta.value / current.value * 100
    reason = "增幅按本年数而非上年数计算" if abs(wrong_base - stated) <= tolerance else "与金额不符"
    word = "下降" if down else "增长"
    arithmetic = f"{delta.text} ÷ 上年数 {base.normalize():f}元 = {word}{computed:.2f}%"
    return {"stated": stated, "computed": f"{computed:.2f}", "reason": reason, "arithmetic": arithmetic}
