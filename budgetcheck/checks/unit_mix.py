"""One sentence that writes the same unit two ways: "…70.00万，…80.00万元，合计1410.00万".

Only spellings of one unit are compared (万 / 万元), never 元 against 万元
(different magnitudes are fine in one list). The finding is on the spelling used
less often in the sentence; when both are used equally, nothing is said.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.quantities import Amount

FIELDS = {"amount": "the amount written the other way", "unit": "its unit", "usual": "the unit the rest of the sentence uses", "others": "how many amounts use it"}
_SENTENCE_END = deferred_re.compile(r"[。；;\n]")


class Params(KindParams):
    spellings: list[list[str]] = Field([["万", "万元"]], description="groups of spellings of one unit")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    sentence: list[Amount] = []
    for amount in doc.quantities.amounts:
        if sentence and _SENTENCE_END.search(text, sentence[-1].end, amount.start):
            yield from _mixed(sentence, params)
            sentence = []
        sentence.append(amount)
    yield from _mixed(sentence, params)


def _mixed(sentence: list[Amount], params: Params) -> Iterator[Hit]:
    for group in params.spellings:
        used = {unit: [a for a in sentence if a.unit == unit] for unit in group}
        ranked = sorted((u for u in group if used[u]), key=lambda u: len(used[u]), reverse=True)
        if len(ranked) < 2 or len(used[ranked[0]]) == len(used[ranked[1]]):
            continue
        usual = ranked[0]
        for unit in ranked[1:]:
            for amount in used[unit]:
                yield Hit(amount.start, amount.end, {"amount": amount.text, "unit": unit, "usual": usual, "others": len(used[usual])})
