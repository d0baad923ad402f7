"""A word, amount or punctuation mark written twice by mistake: '扶贫扶贫', '854万854万', '，，'.

A run of two to eight characters immediately repeated is reported, except
legitimate reduplication (a single character doubled, '常常', is never matched;
verb forms such as '研究研究' are in the allow list) and runs of digits alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"repeated": "the text written twice", "unit": "the part that repeats"}
_RUN = re.compile(r"([\u4e00-\u9fff0-9０-９.,万亿元%％]{2,8}?)\1+")
_PUNCTUATION = re.compile(r"([，。、；：,;])\1+")
_DIGITS = re.compile(r"^[0-9０-９.,]+$")


class Params(KindParams):
    allow: list[str] = Field(
        ["研究研究", "讨论讨论", "商量商量", "考虑考虑", "了解了解", "学习学习", "检查检查", "看一看", "想一想"],
        description="repetitions that are legitimate",
    )
    punctuation: bool = Field(True, description="also report doubled punctuation ('，，')")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    for match in _RUN.finditer(text, doc.start, doc.end):
        unit = match[1]
        if _DIGITS.match(unit) or match.group() in params.allow:
            continue
        yield Hit(match.start(), match.end(), {"repeated": match.group(), "unit": unit})
    if params.punctuation:
        for match in _PUNCTUATION.finditer(text, doc.start, doc.end):
            yield Hit(match.start(), match.end(), {"repeated": match.group(), "unit": match[1]})

