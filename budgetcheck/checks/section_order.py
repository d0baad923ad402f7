"""Section numbers must run 一, 二, 三 … without repeats, gaps or steps back."""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {
    "section": "the heading as written",
    "problem": "重复 / 跳号 / 倒序",
    "expected": "the number that should come here",
}
_NUMERALS = "一二三四五六七八九十"


Params = KindParams  # no parameters of its own (a class of its own costs start-up time)


def check(doc: Document, params: Params) -> Iterator[Hit]:
    seen: set[int] = set()
    previous = 0
    for section in doc.sections:
        number = section.number
        problem = "重复" if number in seen else "跳号" if number > previous + 1 else "倒序" if number <= previous else None
        if problem:
            heading = doc.source.text[section.start : section.heading_end].strip()
            yield Hit(section.start, section.heading_end, {
                "section": heading, "problem": problem, "expected": _numeral(previous + 1),
            })
        seen.add(number)
        previous = max(previous, number)


def _numeral(number: int) -> str:
    if number <= 10:
        return _NUMERALS[number - 1]
    return ("" if number < 20 else _NUMERALS[number // 10 - 1]) + "十" + (_NUMERALS[number % 10 - 1] if number % 10 else "")
