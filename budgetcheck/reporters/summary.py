"""Counts shared by every reporter and by the exit code."""

from __future__ import annotations

from collections import Counter

from budgetcheck.findings import Finding
from budgetcheck.i18n import tr


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    counts = Counter(f.severity.value for f in findings)
    return {name: counts.get(name, 0) for name in ("error", "warning", "info")}


def code_counts(findings: list[Finding]) -> list[tuple[str, str, str, int]]:
    """(code, rule name, severity, count) per code, most frequent first."""
    counts = Counter((f.code, f.rule, f.severity.value) for f in findings)
    return [(code, rule, severity, n) for (code, rule, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def origin_label(finding: Finding) -> str:
    """Where a finding is in the original .pdf/.docx ('page 3', 'paragraph 15', 'table 1, row 2'; 第3页 …); '' for text."""
    keys = [key for key in ("page", "paragraph", "table", "row") if key in finding.data]
    return tr("origin.join").join(tr(f"origin.{key}", n=finding.data[key]) for key in keys)
