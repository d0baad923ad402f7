"""Reporters turn a LintResult into output; each is one module with ``write(result, stream)``.

To add a format, add a module here and one entry below: the CLI's ``--format``
choices are read from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TextIO

from budgetcheck.results import LintResult

MODULES = {
    "text": "console",
    "json": "json_report",
    "jsonl": "jsonl_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "concise": "concise",
    "html": "html_report",
}
FORMATS = tuple(MODULES)


def get(name: str) -> Callable[[LintResult, TextIO], None]:
    # Imported on demand: a JSON run in CI never loads rich's rendering machinery.
    return import_module(f"budgetcheck.reporters.{MODULES[name]}").write
