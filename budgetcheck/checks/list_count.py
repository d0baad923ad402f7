"""'8个，分别为：A、B、…' must list as many items as it announces.

The list may stand on the announcing line or below it, one numbered paragraph a
line ("重点项目3个，分别为：" then 1. 2. 3.). Items that each carry a count in the
announced measure word ("共1964座，其中：一类1座、二类17座…") split a quantity,
not a number of entries: they are parts-sum's (C102), not counted here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeGuard

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.outline import Item, walk
from budgetcheck.quantities import Count, Enumeration

FIELDS = {"declared": "the number announced", "listed": "the number of items listed", "unit": "the measure word (个, 项, …)"}
# "丙小区和丁小区": a joining word between two names. Not at the start of the item, where it
# begins a name ("和平路"), nor at its end.
_LAST_JOIN = deferred_re.compile(r"(?<=.)[和及与](?=.)")


class Params(KindParams):
    units: str = Field("个项家名所座处类种条批", description="measure words of the announcing count")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    for enumeration in doc.quantities.enumerations:
        declared = enumeration.declared
        if not _announces(declared, params) or _splits_quantity(doc, enumeration):
            continue
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
    yield from _vertical(doc, params)


def _announces(declared: Count | None, params: Params) -> TypeGuard[Count]:
    # "违规1条，具体为…" describes one thing; its 、 joins parts of that one
    return declared is not None and declared.unit in params.units and declared.value != 1


def _splits_quantity(doc: Document, enumeration: Enumeration) -> bool:
    """Every item carries a count of the announced measure word: a quantity split into parts."""
    declared = enumeration.declared
    assert declared is not None  # asked only of a list that a count announces
    unit = declared.unit
    counts = doc.quantities.counts
    return all(any(c.unit == unit and item.start <= c.start and c.end <= item.end for c in counts) for item in enumeration.items)


def _vertical(doc: Document, params: Params) -> Iterator[Hit]:
    """Lists announced at a line end and numbered one paragraph a line below."""
    text = doc.source.text
    items = list(walk(doc.outline))  # in text order
    for announcement in doc.quantities.announcements:
        declared = announcement.declared
        first = next((i for i in items if i.start >= announcement.start), None)
        if not _announces(declared, params) or first is None or first.number != 1:
            continue
        if text[announcement.start : first.start].strip(" \t\u3000"):
            continue  # the next line is no numbered item: the list is not below
        run = _run(first, first.parent.children if first.parent else doc.outline)
        if len(run) != declared.value:
            yield Hit(declared.start, run[-1].marker_end, {
                "declared": declared.value,
                "listed": len(run),
                "unit": declared.unit,
                "items": [text[i.marker_end : i.head_end].split("\n")[0] for i in run],
            })


def _run(first: Item, siblings: list[Item]) -> list[Item]:
    """``first`` and the siblings numbered on after it in its style."""
    run = [first]
    for item in siblings[siblings.index(first) + 1 :]:
        if item.style != first.style or item.number != run[-1].number + 1:
            break
        run.append(item)
    return run
