"""An item of the 编制说明 whose use or reason names another item's subject, not its own: copied from it.

'15. “…（款）机关事业单位职业年金缴费支出（项）”…主要原因是：事业单位离退休经费增加。' gives the
reason of item 13 (事业单位离退休). Items are numbered lines naming their subject as
'（款）X（项）'; a "主要用于…" or "主要原因是…" phrase is reported when it contains another
item's subject, not its own, and the two subjects do not contain each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"number": "the item's number", "subject": "the item's own subject", "phrase": "the phrase as written", "other": "the other item's subject it names"}
_ITEM = deferred_re.compile(r"^[ \t\u3000]*(?P<number>\d{1,3})[.．、][^\n]*?（款）(?P<subject>[^（）\n“”]{2,30})（项）[^\n]*$", re.MULTILINE)
_PHRASE = deferred_re.compile(r"(?:主要用于|主要原因(?:是|为)?)[：:]?(?P<phrase>[^。；;\n]+)")


class Params(KindParams):
    min_subject: int = Field(4, ge=2, description="shorter subjects are too common to tell items apart")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    items = list(_ITEM.finditer(doc.source.text, doc.start, doc.end))
    subjects = {m["subject"] for m in items if len(m["subject"]) >= params.min_subject}
    for item in items:
        own = item["subject"]
        for phrase in _PHRASE.finditer(doc.source.text, item.start(), item.end()):
            text = phrase["phrase"]
            others = [s for s in subjects if s in text and s not in own and own not in s]
            if others and own not in text:
                yield Hit(phrase.start("phrase"), phrase.end(), {"number": item["number"], "subject": own, "phrase": text,
                                                                "other": max(others, key=len)})
                break  # one finding per item
