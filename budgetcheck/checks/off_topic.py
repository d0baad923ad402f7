"""A section that shares almost no wording with the rest of its text: likely pasted from elsewhere.

Chinese has no spaces, so wording is compared as sets of two-character runs
(bigrams) of Han characters: the score is the share of a section's bigrams that
also occur in the project name or any other section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {
    "section": "the section title",
    "score": "share of its bigrams found elsewhere in the text (0–1)",
    "shared": "bigrams shared",
    "total": "distinct bigrams in the section",
}
_HAN = re.compile(r"[\u4e00-\u9fff]+")


class Params(KindParams):
    threshold: Decimal = Field(Decimal("0.15"), gt=0, lt=1, description="scores below this are reported")
    min_bigrams: int = Field(40, ge=5, description="shorter sections are too small to judge")
    skip: list[str] = Field(["项目名称", "项目实施单位"], description="sections never judged")
    min_known_sections: int = Field(
        3, ge=0, description="judge only texts with this many template sections (other genres share less wording)"
    )


def bigrams(text: str) -> set[str]:
    found: set[str] = set()
    for run in _HAN.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def check(doc: Document, params: Params) -> Iterator[Hit]:
    if sum(s.known for s in doc.sections) < params.min_known_sections:
        return
    by_section = {s.title: bigrams(doc.body(s)) for s in doc.sections}
    for section in doc.sections:
        own = by_section[section.title]
        if section.title in params.skip or len(own) < params.min_bigrams:
            continue
        elsewhere = bigrams(doc.title or "").union(*(g for t, g in by_section.items() if t != section.title))
        shared = len(own & elsewhere)
        score = Decimal(shared) / Decimal(len(own))
        if score < params.threshold:
            yield Hit(section.start, section.heading_end, {
                "section": section.title,
                "score": f"{score:.2f}",
                "shared": shared,
                "total": len(own),
            })
