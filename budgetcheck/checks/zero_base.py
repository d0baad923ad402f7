"""'执行数为0.00万元，…安排25.00万元，比…增加100.00%': a growth rate from a base of 0 is undefined.

The claim is read as for A301 (the two figures and the comparison); it is reported when the
base figure is 0 and a percentage is still stated.
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck.checks.base import KindParams
from budgetcheck.claims import changes
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"claim": "the change as written", "base": "the figure compared against (0)", "other": "the other figure"}


Params = KindParams  # no parameters of its own (a class of its own costs start-up time)


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    for change in changes(doc):
        if change.percent is not None and change.base.amount.value == 0 and change.other.amount.value != 0:
            yield Hit(change.start, change.end, {"claim": text[change.start : change.end], "base": change.base.amount.text,
                                                 "other": change.other.amount.text})
