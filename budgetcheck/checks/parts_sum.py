"""A whole and its listed parts must agree for counts: '共5天…（一阶段3天，二阶段2天）', '共8个，其中…'.

Two shapes are read: parts in brackets after a count of the same unit in the
same sentence, and parts after 其中 following a count introduced by 共/合计.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.quantities import Count

FIELDS = {"whole": "the stated whole", "sum": "the parts added up", "unit": "the measure word", "arithmetic": "the sum written out"}
_BRACKETS = deferred_re.compile(r"[（(]([^（()）\n]{1,80})[)）]")
_WHOLE_WORD = deferred_re.compile(r"(?:共|共计|合计|总计|总共)[^，。；、,;：:]{0,10}$")
_SENTENCE_END = "。；;\n"


Params = KindParams  # no parameters of its own (a class of its own costs start-up time)


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    counts = doc.quantities.counts
    for whole, parts in (*_bracketed(text, doc, counts), *_of_which(text, doc, counts)):
        total = sum(p.value for p in parts)
        if total != whole.value:
            arithmetic = " + ".join(f"{p.value}" for p in parts) + f" = {total} ≠ {whole.value}"
            yield Hit(whole.start, parts[-1].end, {"whole": whole.value, "sum": total, "unit": whole.unit, "arithmetic": arithmetic})


def _bracketed(text: str, doc: Document, counts: list[Count]) -> Iterator[tuple[Count, list[Count]]]:
    starts = [c.start for c in counts]
    for match in _BRACKETS.finditer(text, doc.start, doc.end):
        low, high = bisect_left(starts, match.start(1)), bisect_left(starts, match.end(1))
        inside = [c for c in counts[low:high] if c.end <= match.end(1)]
        if len(inside) < 2 or len({c.unit for c in inside}) != 1:
            continue
        whole = _whole_before(text, counts[:low], match.start(), inside[0].unit)
        if whole is not None:
            yield whole, inside


def _whole_before(text: str, before_counts: list[Count], before: int, unit: str) -> Count | None:
    """The nearest count of ``unit`` earlier in the same sentence (``before_counts`` are in order)."""
    for index in range(len(before_counts) - 1, -1, -1):
        count = before_counts[index]
        if any(ch in text[count.end : before] for ch in _SENTENCE_END):
            return None
        if count.unit == unit and not _inside_brackets(text, count):
            return count
    return None


def _inside_brackets(text: str, count: Count) -> bool:
    opened = max(text.rfind("（", 0, count.start), text.rfind("(", 0, count.start))
    closed = max(text.rfind("）", 0, count.start), text.rfind(")", 0, count.start))
    return opened > closed


def _of_which(text: str, doc: Document, counts: list[Count]) -> Iterator[tuple[Count, list[Count]]]:
    for i, whole in enumerate(counts):
        if not _WHOLE_WORD.search(text[max(doc.start, whole.start - 14) : whole.start]):
            continue
        after = text[whole.end : whole.end + 4]
        if not re.match(r"^[，,]?其中[：:]?", after):
            continue
        sentence_end = min((p for ch in _SENTENCE_END if (p := text.find(ch, whole.end, doc.end)) != -1), default=doc.end)
        parts = [c for c in counts[i + 1 :] if c.start < sentence_end and c.unit == whole.unit]
        if len(parts) >= 2:
            yield whole, parts
