"""The project name (一、项目名称) must be a bare name: not empty, no spaces, no end punctuation."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"title": "the project name", "problem": "what is wrong with it"}
_SPACE = deferred_re.compile(r"[ \t\u3000]+")


class Params(KindParams):
    trailing_punctuation: str = Field("。，、；：.,;:!！?？", description="characters a name must not end with")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    span = doc.title_span
    if span is None:
        return  # no 项目名称 section: missing-section reports it
    start, end = span
    title = doc.source.text[start:end]
    if not title:
        section = doc.section_for("name")
        if section is None:
            return
        yield Hit(section.start, section.heading_end, {"title": "", "problem": "项目名称为空"})
        return
    if title[-1] in params.trailing_punctuation:
        yield Hit(end - 1, end, {"title": title, "problem": f"末尾有标点“{title[-1]}”"})
    for match in _SPACE.finditer(title):
        yield Hit(start + match.start(), start + match.end(), {"title": title, "problem": "含有空格"})
