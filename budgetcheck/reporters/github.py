"""``--format github``: GitHub Actions workflow commands, shown as annotations on the files.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message``. Escaping
follows the Actions toolkit (``@actions/core`` ``command.ts``): in the message
``%``, CR and LF are percent-encoded; in property values ``:`` and ``,`` are too. Other
control characters are shown escaped (``\\x1b``), as in every format.
"""

from __future__ import annotations

from typing import TextIO

from budgetcheck.findings import Finding
from budgetcheck.printable import printable
from budgetcheck.results import LintResult

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def write(result: LintResult, stream: TextIO) -> None:
    for finding in result.findings:
        stream.write(command(finding) + "\n")


def command(finding: Finding) -> str:
    props = {"file": finding.path, "line": finding.line}
    # GitHub rejects columns on an annotation that spans several lines.
    if finding.end_line == finding.line:
        props |= {"col": finding.column, "endLine": finding.end_line, "endColumn": finding.end_column}
    else:
        props |= {"endLine": finding.end_line}
    props["title"] = finding.code
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{LEVELS[finding.severity.value]} {rendered}::{escape_data(finding.message)}"


def escape_data(value: str) -> str:
    # Other control characters (ESC, BEL) would reach the log raw: shown escaped instead.
    return printable(value, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
