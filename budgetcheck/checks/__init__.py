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
    duplicate_title,
    empty_section,
    empty_table_note,
    growth_rate,
    item_numbering,
    items_sum,
    missing_stop,
    list_count,
    off_topic,
    paired_marks,
    parts_sum,
    pattern,
    period_year,
    plan_budget,
    publication_wording,
    repeated_text,
    required_sections,
    section_order,
    share_total,
    stale_phrase,
    subject_name,
    title_format,
    unit_mismatch,
    unit_mix,
    unit_slip,
    year_comparison,
    year_mismatch,
)

KINDS = {
    "amount_format": amount_format,
    "budget_stated": budget_stated,
    "capital_mismatch": capital_mismatch,
    "duplicate_title": duplicate_title,
    "empty_section": empty_section,
    "empty_table_note": empty_table_note,
    "growth_rate": growth_rate,
    "item_numbering": item_numbering,
    "items_sum": items_sum,
    "missing_stop": missing_stop,
    "list_count": list_count,
    "off_topic": off_topic,
    "paired_marks": paired_marks,
    "parts_sum": parts_sum,
    "pattern": pattern,
    "period_year": period_year,
    "plan_budget": plan_budget,
    "publication_wording": publication_wording,
    "repeated_text": repeated_text,
    "required_sections": required_sections,
    "section_order": section_order,
    "share_total": share_total,
    "stale_phrase": stale_phrase,
    "subject_name": subject_name,
    "title_format": title_format,
    "unit_mismatch": unit_mismatch,
    "unit_mix": unit_mix,
    "unit_slip": unit_slip,
    "year_comparison": year_comparison,
    "year_mismatch": year_mismatch,
}
