"""``--format concise``: ``path:line:col: CODE message``, one finding a line, for grep and editors."""

from __future__ import annotations

from typing import TextIO

from budgetcheck.printable import printable
from budgetcheck.results import LintResult


def write(result: LintResult, stream: TextIO) -> None:
    # One finding, one line: a newline or ESC in a name or a text is shown escaped.
    stream.writelines(f"{printable(f.path)}:{f.line}:{f.column}: {f.code} {printable(f.message)}\n" for f in result.findings)
