"""A subject named in the text ("住房公积金（项）") differently from the publication's tables.

The 编制说明 names each subject as the tables do, by level: "A（类）B（款）C（项）". A
name the tables do not have, one or two characters away from the name the tables give a
subject of the same level (under the same 类 or 款, where the text names it), is a slip
in one of the two places; the finding quotes both. A name with no close match in the
tables is left alone (the text may describe something else).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.source import Source
from budgetcheck.tables import coded_names, continued, tables_between

FIELDS = {"name": "the name in the text", "level": "类, 款 or 项", "table_name": "the name the tables give", "code": "its code in the tables"}
LEVELS = {"类": 1, "款": 2, "项": 3}
_NAMED = deferred_re.compile(r"(?<![\u4e00-\u9fff])(?P<name>[\u4e00-\u9fff]{2,30})[（(](?P<level>[类款项])[）)]")


class Params(KindParams):
    max_edits: int = Field(1, ge=1, le=3, description="characters changed, added or dropped for a name to count as the same subject misspelt")
    min_length: int = Field(4, ge=2, description="shorter table names are never matched loosely (退休费 / 离休费 are two subjects)")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    table_rows = _table_rows(doc.source)
    if not table_rows:
        return
    known = {(level, name) for _, level, name in table_rows}
    parent = ""  # the code of the 类 / 款 named just before, within one chain
    previous_end = -1
    for match in _NAMED.finditer(doc.source.text, doc.start, doc.end):
        level, name = LEVELS[match["level"]], match["name"]
        if match.start() != previous_end or level == 1:
            parent = ""
        previous_end = match.end()
        if any((level, name[i:]) in known for i in range(len(name) - 1)):
            parent = _code_of(table_rows, level, name, parent)
            continue
        close = {(code, other) for code, lvl, other in table_rows
                 if lvl == level and code.startswith(parent) and len(other) >= params.min_length
                 and _near(name, other, params.max_edits)}
        if len({other for _, other in close}) == 1:
            code, other = min(close)
            yield Hit(match.start(), match.end(), {"name": name, "level": match["level"], "table_name": other, "code": code})
        parent = ""


def _table_rows(source: Source) -> list[tuple[str, int, str]]:
    """(code, level, name) of every coded row in the file's tables: one list for all the file's texts."""
    if "subject_name.rows" not in source.cache:
        tables = continued(tables_between(source, 0, len(source.text)))
        source.cache["subject_name.rows"] = [row for table in tables for row in coded_names(source, table)]
    return source.cache["subject_name.rows"]


def _code_of(rows: list[tuple[str, int, str]], level: int, name: str, parent: str) -> str:
    codes = sorted({code for code, lvl, other in rows if lvl == level and name.endswith(other) and code.startswith(parent)})
    return codes[0] if len(codes) == 1 else ""


def _near(name: str, other: str, max_edits: int) -> bool:
    """``other`` is within ``max_edits`` edits of the end of ``name`` (the text may run a word into the name)."""
    return any(_edits(name[-size:], other) <= max_edits
               for size in range(len(other) - max_edits, len(other) + max_edits + 1) if 0 < size <= len(name))


def _edits(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]
