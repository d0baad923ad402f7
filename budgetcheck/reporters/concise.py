"""``--format concise``: ``path:line:col: CODE message``, one finding a line, for grep and editors."""

from __future__ import annotations

from typing import TextIO

from budgetcheck.results import LintResult


def write(result: LintResult, stream: TextIO) -> None:
    for f in result.findings:
        stream.write(f"{f.path}:{f.line}:{f.column}: {f.code} {_one_line(f.message)}\n")


def _one_line(message: str) -> str:
    return " ".join(message.splitlines())
