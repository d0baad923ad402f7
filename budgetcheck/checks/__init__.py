"""Check kinds: one module each, with ``Params``, ``FIELDS`` and ``check`` (or ``check_run``).

A rule file names its kind by the key below. ``check(doc, params)`` sees one
text; ``check_run(docs, params)`` sees every text of the run (cross-text rules).
"""

from budgetcheck.checks import (
    duplicate_title,
    items_sum,
    list_count,
    pattern,
    plan_budget,
    required_sections,
    section_order,
    title_format,
    unit_slip,
)

KINDS = {
    "duplicate_title": duplicate_title,
    "items_sum": items_sum,
    "list_count": list_count,
    "pattern": pattern,
    "plan_budget": plan_budget,
    "required_sections": required_sections,
    "section_order": section_order,
    "title_format": title_format,
    "unit_slip": unit_slip,
}
