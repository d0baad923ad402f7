"""Wording of another kind of publication: "部门预算" inside a 单位预算 (and the like).

A 单位预算 is often made from the department's 部门预算 by search and replace; a
"部门预算" that survives is a slip. What a publication is comes from its cover; the
pairs (cover, wrong wording, right wording) are data in the rule, with the fixed
names that keep the other word ("部门预算经济分类" is a classification's name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.schema import RegexStr

FIELDS = {"match": "the wording found", "right": "the wording of this publication", "publication": "what the cover says it is"}


class Wording(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    cover: RegexStr = Field(description="regex on the cover: the publication this applies to")
    wrong: RegexStr = Field(description="regex: wording of another kind of publication")
    right: str = Field(description="the wording to use, shown in the message")
    publication: str = Field(description="what the publication is, shown in the message")


class Params(KindParams):
    wordings: list[Wording] = Field(min_length=1, description="each: cover, wrong, right, publication")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.cover is None:
        return
    for wording in params.wordings:
        if not re.search(wording.cover, doc.cover):
            continue
        for match in re.finditer(wording.wrong, doc.source.text[doc.start : doc.end]):
            yield Hit(doc.start + match.start(), doc.start + match.end(),
                      {"match": match.group(), "right": wording.right, "publication": wording.publication})
