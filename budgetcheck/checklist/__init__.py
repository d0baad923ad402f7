"""The review checklist (部门预算公开情况检查表): one row per part of a publication, for reviewers.

``rows`` builds the checklists from a lint result and the review forms of the
profiles (which parts are expected, in which order); ``markdown`` and ``xlsx``
write them. Like reporters, nothing here runs the engine: it reads ``results``.
"""

from __future__ import annotations

from budgetcheck.checklist.rows import Checklist, Row, build

__all__ = ["Checklist", "Row", "build"]
