"""Where a lint result goes: the report (stdout or a file, atomically), baselines, the exit status.

Kept out of the CLI so that the command line only parses flags and calls in.
Problems are raised as ``DeliveryError`` with the one line the user sees.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from budgetcheck.results import LintResult
from budgetcheck.exitcodes import CLEAN, FINDINGS, TROUBLE
from budgetcheck.findings import Severity
from budgetcheck.reporters.summary import severity_counts


class DeliveryError(Exception):
    """The report or baseline could not be written; the message is the line shown."""


def write_report(result: LintResult, name: str, output: Path | None, quiet: bool, statistics: bool, stdout: TextIO = sys.stdout) -> None:
    """The report in format ``name`` to ``output`` (or stdout); --quiet/--statistics print to the terminal."""
    from budgetcheck.atomic import atomic_writer
    from budgetcheck.reporters import get

    reporter = get(name)
    if output is not None:

        def write() -> None:
            with atomic_writer(output) as stream:
                reporter(result, stream)

        write_file(output, [t.path for t in result.texts], write)
    elif not (quiet or statistics):
        reporter(result, stdout)
    if statistics or quiet:
        from budgetcheck.reporters.console import write_statistics, write_summary

        (write_statistics if statistics else write_summary)(result, stdout)


def record_baseline(result: LintResult, path: Path) -> str:
    from budgetcheck.baseline import write_baseline

    write_file(path, [t.path for t in result.texts], lambda: write_baseline(result.findings, path))
    return f"budgetcheck: recorded {len(result.findings)} finding(s) in {path}"


def write_file(path: Path, inputs: list[str], write) -> None:
    """Run ``write``, refusing to overwrite a checked text; a failure is one line."""
    refuse_overwriting(path, inputs)
    try:
        write()
    except OSError as exc:
        raise DeliveryError(f"{path}: cannot write ({exc.strerror or exc})") from None


def refuse_overwriting(path: Path, inputs: list[str]) -> None:
    if path.exists() and any(os.path.exists(p) and os.path.samefile(path, p) for p in inputs):
        raise DeliveryError(f"{path}: is one of the checked texts; refusing to overwrite it")


def exit_status(result: LintResult, fail_on: str) -> int:
    if result.problems:
        return TROUBLE
    if fail_on == "never":
        return CLEAN
    threshold = Severity(fail_on).rank
    return FINDINGS if any(f.severity.rank >= threshold for f in result.findings) else CLEAN


def interrupted_line(result: LintResult) -> str:
    """Ctrl-C: no report (it would be incomplete), just what was done so far."""
    counts = severity_counts(result.findings)
    return (
        f"budgetcheck: interrupted after {result.files} file(s), {result.documents} text(s): "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} infos so far"
    )


def problem_lines(result: LintResult) -> list[str]:
    return [f"budgetcheck: error: {problem.path}: {problem.message}" for problem in result.problems]


CHECKLIST_SUFFIXES = (".xlsx", ".md")


def check_checklist_output(output: Path | None, paths: list[str]) -> None:
    """Before the run: the checklist file must be .xlsx or .md and none of the inputs."""
    if output is None:
        return
    if output.suffix.lower() not in CHECKLIST_SUFFIXES:
        raise DeliveryError(f"{output}: a checklist is written as .xlsx or .md")
    from budgetcheck.inputs import expand

    refuse_overwriting(output, [p for p in expand(paths) if isinstance(p, str)])


def write_checklist(result: LintResult, profiles: dict, output: Path | None, stdout: TextIO = sys.stdout) -> None:
    """The review checklists of a run: Markdown to ``output`` (or stdout), or an Excel workbook."""
    from budgetcheck.atomic import atomic_binary_writer, atomic_writer
    from budgetcheck.checklist import build
    from budgetcheck.checklist.markdown import write_markdown
    from budgetcheck.checklist.xlsx import XlsxUnavailable, write_xlsx

    checklists = build(result, profiles)
    if output is None:
        write_markdown(checklists, stdout)
        return

    def write() -> None:
        if output.suffix.lower() == ".xlsx":
            with atomic_binary_writer(output) as stream:
                write_xlsx(checklists, stream)
        else:
            with atomic_writer(output) as stream:
                write_markdown(checklists, stream)

    try:
        write_file(output, [t.path for t in result.texts], write)
    except XlsxUnavailable as exc:
        raise DeliveryError(str(exc)) from None
