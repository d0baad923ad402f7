"""Numbered items must count on without gaps or repeats: （十九）→（二十一）, ②→⑥, 21 twice.

Siblings under one parent are compared; a run may restart at 1 (a new list).
Section headings are left to section-order (S102).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.outline import Item, walk

FIELDS = {
    "marker": "the item's number as written",
    "previous": "the number before it",
    "problem": "跳号 / 重复 / 倒序",
    "expected": "the number that should come here",
}


class Params(KindParams):
    styles: list[str] = Field(
        ["cn_dun", "cn_paren", "ar_dot", "ar_paren", "circled", "cn_shi"],
        description="numbering styles checked: 一、 （一） 1. （1） ① 一是",
    )


def check(doc: Document, params: Params) -> Iterator[Hit]:
    sections = {s.start for s in doc.sections}
    text = doc.source.text
    for siblings in _sibling_lists(doc.outline):
        previous: Item | None = None
        for item in siblings:
            if item.style not in params.styles or item.start in sections:
                previous = None
                continue
            problem = _problem(previous, item)
            if problem and previous is not None:
                yield Hit(item.start, item.marker_end, {
                    "marker": text[item.start : item.marker_end],
                    "previous": text[previous.start : previous.marker_end],
                    "problem": problem,
                    "expected": previous.number + 1,
                })
            previous = item


def _sibling_lists(roots: list[Item]) -> Iterator[list[Item]]:
    yield roots
    for item in walk(roots):
        if item.children:
            yield item.children


def _problem(previous: Item | None, item: Item) -> str | None:
    if previous is None or previous.style != item.style or item.number == 1:
        return None
    if item.number == previous.number:
        # "…详见附表3.…" then "3.…": the glued one was a table's name, not an item
        return None if previous.glued else "重复"
    if item.number > previous.number + 1:
        return "跳号"
    if item.number < previous.number:
        return "倒序"
    return None
