"""The implementing-body section (三、实施主体, 三、项目实施单位) must name who carries the project out.

A body that opens with what is to be done ("主要完成区委、区政府年度重点工作任务书印制工作…", 007)
answers "what", not "who". Reported only when the section starts with a task verb and names
neither the department nor any body before that verb ("由…负责", "万里街道办事处建设…" stay
silent); a name, or a sentence saying who does what, is N104's to compare.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"section": "the section's heading", "opening": "the section's first clause"}
_CLAUSE = deferred_re.compile(r"[，。；;,\n]")
_REGION = deferred_re.compile(r"^(?:[^省市区县]{1,6}[省市区县])+(?=.)")  # "上海市普陀区" before the body's own name
QUOTE = 30  # characters of the first clause quoted
TASK_VERBS = r"^(?:主要)?(?:完成|开展|做好|推进|落实|组织开展|保障)"


class Params(KindParams):
    verbs: str = Field(TASK_VERBS, description="how a body that describes the work rather than the implementer opens")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    section = doc.section_for("unit")
    if section is None:
        return
    body = doc.body(section)
    stripped = body.lstrip(" \t\u3000\n")
    if not re.match(params.verbs, stripped) or _names_department(stripped, doc.department):
        return
    clause = _CLAUSE.split(stripped, 1)[0]
    start = section.body_start + (len(body) - len(stripped))
    opening = clause if len(clause) <= QUOTE else clause[:QUOTE] + "…"
    yield Hit(start, start + len(clause), {"section": section.label, "opening": opening})


def _names_department(body: str, department: str | None) -> bool:
    if not department:
        return False
    name = "".join(department.split())
    compact = "".join(body.split())
    own = _REGION.sub("", name, count=1).removeprefix("人民政府")  # "万里街道办事处", "商务委员会"
    return name in compact or (len(own) >= 4 and own in compact)
