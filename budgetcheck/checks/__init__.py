"""Check kinds: one module each, with ``Params``, ``FIELDS`` and ``check`` (or ``collect``/``check_run``).

A rule file names its kind by the key below. ``check(doc, params)`` sees one
text and yields hits. A run-wide kind (cross-text rules) instead has
``collect(doc, params)``, yielding one hit per text whose values are kept as a
small record, and ``check_run(marks, params)``, which sees the records of every
text once all files are read and yields ``(mark, values)`` for each finding.
"""

from budgetcheck.checks import (
    amount_format,
    budget_stated,
    capital_mismatch,
    change_claim,
    comparison_year,
    duplicate_title,
    empty_section,
    growth_rate,
    heading_amount,
    item_numbering,
    items_sum,
    list_count,
    off_topic,
    parts_sum,
    pattern,
    plan_budget,
    ratio_claim,
    reason_direction,
    repeated_text,
    required_sections,
    section_order,
    share_claim,
    share_total,
    stale_phrase,
    title_format,
    total_below_part,
    unit_mismatch,
    unit_slip,
    year_mismatch,
    zero_base,
)

KINDS = {
    "amount_format": amount_format,
    "budget_stated": budget_stated,
    "capital_mismatch": capital_mismatch,
    "change_claim": change_claim,
    "comparison_year": comparison_year,
    "duplicate_title": duplicate_title,
    "empty_section": empty_section,
    "growth_rate": growth_rate,
    "heading_amount": heading_amount,
    "item_numbering": item_numbering,
    "items_sum": items_sum,
    "list_count": list_count,
    "off_topic": off_topic,
    "parts_sum": parts_sum,
    "pattern": pattern,
    "plan_budget": plan_budget,
    "ratio_claim": ratio_claim,
    "reason_direction": reason_direction,
    "repeated_text": repeated_text,
    "required_sections": required_sections,
    "section_order": section_order,
    "share_claim": share_claim,
    "share_total": share_total,
    "stale_phrase": stale_phrase,
    "title_format": title_format,
    "total_below_part": total_below_part,
    "unit_mismatch": unit_mismatch,
    "unit_slip": unit_slip,
    "year_mismatch": year_mismatch,
    "zero_base": zero_base,
}
