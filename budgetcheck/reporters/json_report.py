"""``--format json``: exactly one JSON object with the findings and a summary."""

from __future__ import annotations

from typing import TextIO

from budgetcheck import __version__, json_text
from budgetcheck.reporters.summary import severity_counts
from budgetcheck.results import LintResult


def write(result: LintResult, stream: TextIO) -> None:
    counts = severity_counts(result.findings)
    report = {
        "version": __version__,
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "summary": {
            "files": result.files,
            "documents": result.documents,
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
        },
    }
    json_text.write(report, stream)
