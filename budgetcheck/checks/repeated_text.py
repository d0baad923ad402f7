"""A word, amount or punctuation mark written twice by mistake: '扶贫扶贫', '854万854万', '，，'.

A run of two to eight characters immediately repeated is reported, except
legitimate reduplication (a single character doubled, '常常', is never matched;
verb forms such as '研究研究' are in the allow list, measure phrases such as
'一步一步' and '一点一点' are reduplication too) and runs of digits alone. A repeat
that straddles table cells ("合计" ending one cell and starting the next, a
flattened row read without its gaps) is two cells, not a doubled word.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"repeated": "the text written twice", "unit": "the part that repeats"}
_RUN = deferred_re.compile(r"([\u4e00-\u9fff0-9０-９.,万亿元%％]{2,8}?)\1+")
_PUNCTUATION = deferred_re.compile(r"([，。、；：,;])\1+")
_DIGITS = deferred_re.compile(r"^[0-9０-９.,]+$")
_ONE_BY_ONE = deferred_re.compile(r"^一[\u4e00-\u9fff]$")  # 一步一步, 一个一个: reduplicated measure phrases


class Params(KindParams):
    allow: list[str] = Field(
        ["研究研究", "讨论讨论", "商量商量", "考虑考虑", "了解了解", "学习学习", "检查检查", "看一看", "想一想"],
        description="repetitions that are legitimate",
    )
    punctuation: bool = Field(True, description="also report doubled punctuation ('，，')")


def _inside_number(text: str, match: re.Match[str]) -> bool:
    """The repeat starts or ends in the middle of a number: its copies are different figures."""
    before = text[match.start() - 1 : match.start()] if match.start() else ""
    after = text[match.end() : match.end() + 1]
    return (match[1][0].isdigit() and (before.isdigit() or before == ".")) or (match[1][-1].isdigit() and after.isdigit())


def _cell_boundaries(doc: Document) -> list[int]:
    """Offsets where a table cell starts or ends (between two cells), in order: the file's, worked out
    once for all its texts."""
    cached = doc.source.cache.get("repeated_text.cell_boundaries")
    if cached is None:
        found: set[int] = set()
        for block in doc.source.blocks if doc.source.row_spans else ():
            for cell in block.cells:
                found.update((cell.start, cell.end))
        cached = doc.source.cache["repeated_text.cell_boundaries"] = sorted(found)
    return cached


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    boundaries = _cell_boundaries(doc)
    for match in _RUN.finditer(text, doc.start, doc.end):
        unit = match[1]
        if _DIGITS.match(unit) or _ONE_BY_ONE.match(unit) or match.group() in params.allow:
            continue
        if _inside_number(text, match):
            continue  # "安排115万元15万元": the copy starts inside another figure
        low = bisect_right(boundaries, match.start())
        if low < len(boundaries) and boundaries[low] < match.end():
            continue  # a cell ends inside the repeat: the copies stand in two cells
        yield Hit(match.start(), match.end(), {"repeated": match.group(), "unit": unit})
    if params.punctuation:
        for match in _PUNCTUATION.finditer(text, doc.start, doc.end):
            yield Hit(match.start(), match.end(), {"repeated": match.group(), "unit": match[1]})

