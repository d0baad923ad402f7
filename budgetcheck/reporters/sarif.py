"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run: ``tool.driver`` describes every rule that ran (id, name, descriptions,
help link, default level); each finding is a result with its rule, level,
message and region. Columns count Unicode characters, as everywhere in
budgetcheck, hence ``columnKind: unicodeCodePoints``. ``partialFingerprints``
carry the line-independent fingerprint (see ``budgetcheck.fingerprints``) with
an occurrence number, like GitHub's own ``primaryLocationLineHash``, so a
finding keeps its identity when lines above it move.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path, PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from budgetcheck import __version__, json_text
from budgetcheck.catalogue import Rule
from budgetcheck.findings import Finding
from budgetcheck.fingerprints import VERSION, numbered
from budgetcheck.results import LintResult

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = f"budgetcheck/{VERSION}"
SRCROOT = "%SRCROOT%"


def write(result: LintResult, stream: TextIO) -> None:
    json_text.write(log(result), stream)


def log(result: LintResult) -> dict[str, Any]:
    index = {rule.code: i for i, rule in enumerate(result.rules)}
    run = {
        "tool": {
            "driver": {
                "name": "budgetcheck",
                "version": __version__,
                "semanticVersion": __version__,
                **({"informationUri": docs} if (docs := docs_url()) else {}),
                "rules": [_descriptor(rule, docs) for rule in result.rules],
            }
        },
        "invocations": [_invocation(result)],
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},  # a folder URI ends in '/'
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, digest, n, index) for f, digest, n in numbered(result.findings)],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def docs_url() -> str | None:
    """The documentation address from the package metadata (``[project.urls] Documentation``), if published."""
    try:
        urls = metadata("budgetcheck").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    return next((url.strip() for label, _, url in (u.partition(",") for u in urls) if label.strip().lower() == "documentation"), None)


def _descriptor(rule: Rule, docs: str | None) -> dict[str, Any]:
    spec = rule.spec
    description = " ".join(spec.description.split())  # YAML block text is wrapped for the editor
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": description},
        **({"helpUri": f"{docs.rstrip('/')}/rules#{spec.code.lower()}"} if docs else {}),
        "help": {"text": f"{description}\n\nMessage: {spec.message}"},
        "defaultConfiguration": {"level": LEVELS[spec.severity.value]},
        "properties": {"kind": spec.kind},
    }


def _result(finding: Finding, digest: str, occurrence: int, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity.value],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact(finding.path), "region": _region(finding)}}],
        "partialFingerprints": {FINGERPRINT_KEY: f"{digest}:{occurrence}"},
        "properties": {"document": finding.document, "section": finding.section, "rule": finding.rule, "data": finding.data},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    return result


def _region(finding: Finding) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,  # exclusive, as SARIF wants
    }
    excerpt = finding.excerpt
    if excerpt is not None and finding.end_line == finding.line:
        region["snippet"] = {"text": excerpt.text[excerpt.start : excerpt.end]}
    return region


def artifact(path: str) -> dict[str, str]:
    """A file as a SARIF artifact location: relative paths against %SRCROOT%, percent-encoded."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    posix = PurePosixPath(Path(os.path.normpath(path)).as_posix())
    return {"uri": quote(str(posix), safe="/"), "uriBaseId": SRCROOT}


def _invocation(result: LintResult) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": not result.problems}
    if result.problems:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": problem.message},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(problem.path)}}],
            }
            for problem in result.problems
        ]
    return invocation
