"""What every annotator needs of a finding: its span in the extracted text and the note's words."""

from __future__ import annotations

from bisect import bisect_right

from budgetcheck.findings import Finding, Severity
from budgetcheck.printable import printable
from budgetcheck.source import Source

AUTHOR, INITIALS = "budgetcheck", "BC"
SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def offsets(source: Source, finding: Finding) -> tuple[int, int]:
    """The finding's character span in ``source.text`` (lines and columns are 1-based, the end exclusive)."""
    start = source.line_span(finding.line)[0] + finding.column - 1
    end = source.line_span(finding.end_line)[0] + finding.end_column - 1
    return start, max(start, end)


def words(source: Source, finding: Finding) -> str:
    """The text a finding points at, as the reader extracted it."""
    start, end = offsets(source, finding)
    return source.text[start:end]


def note(finding: Finding) -> str:
    """The comment's text: code and severity, the message, the arithmetic when the message lacks it, the rule.

    Document text quoted in a message may hold control characters, which neither XML nor a
    PDF string shows: they are escaped as in every report.
    """
    lines = [f"{finding.code}（{SEVERITY_LABELS[finding.severity]}）{printable(finding.message)}"]
    arithmetic = finding.data.get("arithmetic")
    if arithmetic and str(arithmetic) not in finding.message:
        lines.append(f"算式：{printable(str(arithmetic))}")
    lines.append(f"规则：{finding.rule}（budgetcheck explain {finding.code}）")
    return "\n".join(lines)


def consistent(source: Source, findings: list[Finding]) -> bool:
    """Whether the findings were made on this very text: each one's excerpt is still its line.

    The file is checked by the normal lint run and read again to be annotated; a file
    changed in between must not get notes in the wrong places.
    """
    for finding in findings:
        if finding.line > source.line_count or finding.end_line > source.line_count:
            return False
        if finding.excerpt is not None and finding.excerpt.text not in source.line_text(finding.line):
            return False
    return True


def block_at(starts: list[int], offset: int) -> int:
    """Index of the block (by sorted start offsets) that holds or precedes ``offset``."""
    return max(0, bisect_right(starts, offset) - 1)
