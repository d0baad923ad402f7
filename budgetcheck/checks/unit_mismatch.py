"""三、项目实施单位 should name the department the text's heading names."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.checks.unit_task import TASK_VERBS
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"unit": "the implementing unit as written", "department": "the department in the heading"}
_TRIM = " \t\u3000。，、；：.,;:"
_SEPARATORS = deferred_re.compile(r"[、，,；;和及]")
_SENTENCE = deferred_re.compile(r"[。；;]")
MAX_NAME = 40  # characters; a longer first line describes the work rather than names a body


class Params(KindParams):
    section: str | None = Field(None, description="the section naming the implementing unit (default: the genre's, 项目实施单位)")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    section = doc.section(params.section) if params.section else doc.section_for("unit")
    if section is None or not doc.department:
        return
    body = doc.body(section)
    line = body.strip(" \t\u3000\n").split("\n", 1)[0]
    unit = line.strip(_TRIM)
    if not unit or _SENTENCE.search(unit) or len(unit) > MAX_NAME or re.match(TASK_VERBS, unit):
        return  # a sentence about who does what, or about the work (N205's), is not a name to compare
    department = _normal(doc.department)
    if any(_normal(part) == department for part in (unit, *_SEPARATORS.split(unit))):
        return
    start = section.body_start + body.index(line)
    yield Hit(start, start + len(unit), {"unit": unit, "department": doc.department})


def _normal(name: str) -> str:
    return "".join(name.split()).strip(_TRIM)
