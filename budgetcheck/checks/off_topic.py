"""A section that shares almost no wording with the rest of its text: likely pasted from elsewhere.

Chinese has no spaces, so wording is compared as sets of two-character runs
(bigrams) of Han characters: the score is the share of a section's bigrams that
also occur in the project name or any other section. A section that shares a few
bigrams with the project name names its subject and is on topic, whatever its score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from itertools import chain

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.numerals import CHINESE_NUMERAL_CHARS

FIELDS = {
    "section": "the section title",
    "score": "share of its bigrams found elsewhere in the text (0–1)",
    "shared": "bigrams shared",
    "total": "distinct bigrams in the section",
}
# Every pair of adjacent Han characters, overlapping pairs included (the lookahead consumes nothing).
_HAN_BIGRAM = deferred_re.compile(r"(?=([\u4e00-\u9fff]{2}))")
_NUMBER = deferred_re.compile(f"[{CHINESE_NUMERAL_CHARS}]{{2,}}")


class Params(KindParams):
    threshold: Decimal = Field(Decimal("0.15"), gt=0, lt=1, description="scores below this are reported")
    min_bigrams: int = Field(40, ge=5, description="shorter sections are too small to judge")
    skip: list[str] = Field(["项目名称", "项目实施单位"], description="sections never judged")
    min_known_sections: int = Field(
        3, ge=0, description="judge only texts with this many template sections (other genres share less wording)"
    )
    on_topic: int = Field(
        2, ge=1, description="a section sharing this many bigrams with the project name names its subject: never reported"
    )


def bigrams(text: str) -> set[str]:
    # Numbers written in Chinese (贰亿陆仟陆佰万) are Han characters but not wording: a money
    # section full of them would look unrelated to everything else.
    return set(_HAN_BIGRAM.findall(_NUMBER.sub(" ", text)))


def check(doc: Document, params: Params) -> Iterator[Hit]:
    if sum(s.known for s in doc.sections) < params.min_known_sections:
        return
    by_section = [bigrams(doc.body(s)) for s in doc.sections]
    judged = [
        (section, own) for section, own in zip(doc.sections, by_section)
        if section.title not in params.skip and len(own) >= params.min_bigrams
    ]
    if not judged:
        return
    title = bigrams(doc.title or "")
    elsewhere: set[str] | None = None  # built only for a section that does not name the project
    for section, own in judged:
        # A concrete section (places, dates, tasks) shares little wording yet names the project.
        if len(own & title) >= params.on_topic:
            continue
        if elsewhere is None:
            # Bigrams in two or more sections, or in the project name, are "found elsewhere" for any section.
            spread = Counter(chain.from_iterable(by_section))
            elsewhere = {bigram for bigram, sections in spread.items() if sections > 1} | title
        shared = len(own & elsewhere)
        score = Decimal(shared) / Decimal(len(own))
        if score < params.threshold:
            yield Hit(section.start, section.heading_end, {
                "section": section.title,
                "score": f"{score:.2f}",
                "shared": shared,
                "total": len(own),
            })
