"""``--format junit``: JUnit XML for CI test-report views (GitLab, Jenkins, Azure).

One testcase per checked file; each finding is a ``<failure>`` in it (type =
code), so a file with no findings is a passing test. A file that could not be
read is a testcase with an ``<error>``. ``failures`` counts failing files, as
JUnit counts failing tests, not failure elements.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from budgetcheck import deferred_re
from budgetcheck.findings import Finding
from budgetcheck.i18n import tr
from budgetcheck.printable import printable
from budgetcheck.results import LintResult

SUITE = "budgetcheck"
# Characters XML 1.0 cannot carry at all (Word residue includes some); shown as U+FFFD.
_NOT_XML = deferred_re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def write(result: LintResult, stream: TextIO) -> None:
    root = tree(result)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


def tree(result: LintResult) -> ET.Element:
    findings: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        findings[finding.path].append(finding)
    problems: dict[str, list[str]] = defaultdict(list)
    for problem in result.problems:
        problems[problem.path].append(problem.message)
    paths = list(dict.fromkeys([t.path for t in result.texts] + list(findings) + list(problems)))
    counts = {
        "tests": str(len(paths)),
        "failures": str(sum(1 for p in paths if findings[p])),
        "errors": str(sum(1 for p in paths if problems[p])),
        "skipped": "0",
    }
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts, "time": "0"})
    for path in paths:
        case = ET.SubElement(suite, "testcase", {"classname": SUITE, "name": _xml(path), "file": _xml(path), "time": "0"})
        for finding in findings[path]:
            failure = ET.SubElement(case, "failure", {"type": finding.code, "message": _xml(_headline(finding))})
            failure.text = _xml(_details(finding), keep="\n")
        for message in problems[path]:
            ET.SubElement(case, "error", {"type": "input", "message": _xml(message)})
    return root


def _headline(finding: Finding) -> str:
    return f"{finding.line}:{finding.column} {finding.code} {finding.message}"


def _details(finding: Finding) -> str:
    lines = [
        f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value} {finding.code} [{finding.rule}]",
        finding.message,
        tr("junit.text", index=finding.document) + (f", {finding.section}" if finding.section else ""),
    ]
    if finding.excerpt is not None:
        lines.append(f"> {finding.excerpt.text}")
    return "\n".join(printable(line, keep="\t") for line in lines)  # a newline in a name stays in its line


def _xml(text: str, keep: str = "") -> str:
    return _NOT_XML.sub("\ufffd", printable(text, keep="\t" + keep))
