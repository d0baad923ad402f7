"""'…减少2.98%。主要原因是：…经费增加。' — the reason given runs the other way from the change it explains.

The change is the last 增加/减少/持平… after a comparison (比…, 与…相比) in the sentence right
before "主要原因"; the reason is the text after it up to the next full stop. Reported only when
the reason's words all point one way and that way is not the change's ("持平" explained by an
increase or a decrease counts too), and not when the reason speaks of another year ("上年一次性
项目增加" explains a decrease).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.claims import REACH
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"change": "the change as written", "reason": "the reason as written"}
_REASON = deferred_re.compile(r"[。，,]\s*主要原因(?:是|为)?[：:]?\s*")
_CLAIM = deferred_re.compile(r"(?:比[^，,。；;\n]{1,20}?|与[^，,。；;\n]{1,20}相比[，,]?[^。；;\n]{0,30}?)(?P<word>增加|增长|上升|提高|减少|下降|降低|持平)")


class Params(KindParams):
    up: list[str] = Field(["增加", "增长", "上升", "提高", "调增"], description="words of an increase")
    down: list[str] = Field(["减少", "下降", "降低", "调减", "压减"], description="words of a decrease")
    other_year: list[str] = Field(["上年", "去年", "一次性"], description="words that make the reason speak of another year: not judged")
    max_reason: int = Field(80, ge=1, description="characters read after 主要原因 for the reason")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    for match in _REASON.finditer(text, doc.start, doc.end):
        claim = _claim_before(doc, match.start())
        stop = text.find("。", match.end(), min(doc.end, match.end() + params.max_reason))
        if claim is None or stop == -1 or any(w in text[match.end() : stop] for w in params.other_year):
            continue
        reason = text[match.end() : stop]
        ways = {way for way, words in ((1, params.up), (-1, params.down)) if any(w in reason for w in words)}
        claimed = 1 if claim["word"] in params.up else -1 if claim["word"] in params.down else 0
        if len(ways) == 1 and claimed not in ways:
            yield Hit(claim.start("word"), stop, {"change": text[claim.start() : match.start()], "reason": reason.strip()})


def _claim_before(doc: Document, end: int) -> re.Match[str] | None:
    text = doc.source.text
    floor = max(doc.start, end - REACH)
    start = max(floor, *(text.rfind(ch, floor, end) + 1 for ch in "。；;\n"))
    found = list(_CLAIM.finditer(text, start, end))
    return found[-1] if found else None
