"""'年初预算为A万元，支出决算为B万元，完成年初预算的X%' (or '支出率X%') must be B / A.

The base is the figure the claim names (年初预算); for "支出率" the part is the figure
labelled 支出 and the base the other one. Checked within the rounding of both figures and
of the percentage (which may also be truncated).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.claims import bounds, interval_percent, percent_text, ratios, stated_fits
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"claim": "the ratio as written", "arithmetic": "what the two figures give", "stated": "the percentage written"}


class Params(KindParams):
    slack: Decimal = Field(Decimal(0), ge=0, description="extra tolerance in percentage points beyond rounding")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    for ratio in ratios(doc):
        base, part = ratio.base.amount, ratio.part.amount
        if base.value - base.half_step <= 0:
            continue
        low, high = interval_percent(bounds(part), bounds(base))
        if stated_fits(ratio.percent, low - params.slack, high + params.slack):
            continue
        arithmetic = f"{part.text} ÷ {base.text} = {percent_text(part.value / base.value * 100)}"
        yield Hit(ratio.start, ratio.end, {"claim": text[ratio.start : ratio.end], "arithmetic": arithmetic, "stated": ratio.percent.value})
