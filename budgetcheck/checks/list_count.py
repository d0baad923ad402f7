"""'8个，分别为：A、B、…' must list as many items as it announces."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"declared": "the number announced", "listed": "the number of items listed", "unit": "the measure word (个, 项, …)"}
# "丙小区和丁小区": a joining word between two names. Not at the start of the item, where it
# begins a name ("和平路"), nor at its end.
_LAST_JOIN = re.compile(r"(?<=.)[和及与](?=.)")


class Params(KindParams):
    units: str = Field("个项家名所座处类种条批", description="measure words of the announcing count")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    for enumeration in doc.quantities.enumerations:
        declared = enumeration.declared
        if declared is None or declared.unit not in params.units or declared.value == 1:
            continue  # "违规1条，具体为…" describes one thing; its 、 joins parts of that one
        items = enumeration.items
        if items[-1].text.endswith(("等", "等等")):
            continue  # "A、B等" lists examples, not all
        listed = len(items)
        if listed != declared.value and listed + len(_LAST_JOIN.findall(items[-1].text)) == declared.value:
            continue  # "…、C和D": the last item holds two
        if listed != declared.value:
            yield Hit(declared.start, enumeration.end, {
                "declared": declared.value,
                "listed": listed,
                "unit": declared.unit,
                "items": [item.text for item in items],
            })
