"""A paragraph of prose that ends without its full stop before the next heading.

Only the line just before a heading is judged, and only when it is prose (long enough,
with a comma inside): a name ("上海市普陀区商务委员会"), a period ("2025.1.1-2025.12.31")
or a heading of its own may end bare. Table rows are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.schema import RegexStr

FIELDS = {"ending": "the last characters of the paragraph", "heading": "the heading that follows"}
SHOWN = 12  # characters of the paragraph's end quoted


class Params(KindParams):
    heading: RegexStr = Field(r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分",
                              description="regex: a heading line starts so (after spaces)")
    min_length: int = Field(15, ge=1, description="shortest line judged as prose")
    prose: RegexStr = Field("[，,]", description="regex: a line is prose only if this occurs in it")
    bare_end: RegexStr = Field(r"[\u4e00-\u9fff\d]$", description="regex: the line ends without punctuation")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    source = doc.source
    heading = re.compile(rf"[ \t\u3000]*(?:{params.heading})")
    text = source.text[doc.start : doc.end]
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    lines = [(doc.start + a, text[a:b].rstrip("\n")) for a, b in zip(starts, [*starts[1:], len(text)])]
    for (start, raw), (_, after) in zip(lines, lines[1:]):
        line = raw.rstrip(" \t\u3000")
        if (not heading.match(after) or heading.match(line) or len(line) < params.min_length
                or not re.search(params.prose, line) or not re.search(params.bare_end, line)
                or (source.row_spans and source.in_row(start))):
            continue
        yield Hit(start + len(line) - 1, start + len(line), {"ending": line[-SHOWN:], "heading": after.strip()[:20]})
