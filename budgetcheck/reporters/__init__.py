"""Reporters turn a LintResult into output; each is one module with ``write(result, stream)``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from budgetcheck.engine import LintResult


def get(name: str) -> Callable[[LintResult, TextIO], None]:
    # Imported on demand: a JSON run in CI never loads rich's rendering machinery.
    if name == "json":
        from budgetcheck.reporters import json_report

        return json_report.write
    from budgetcheck.reporters import console

    return console.write


FORMATS = ("text", "json")
