"""Where a lint result goes: the report (stdout or a file, atomically), baselines, the exit status.

Kept out of the CLI so that the command line only parses flags and calls in.
Problems are raised as ``DeliveryError`` with the one line the user sees.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TextIO

from budgetcheck.exitcodes import CLEAN, FINDINGS, TROUBLE
from budgetcheck.findings import Severity
from budgetcheck.i18n import tr
from budgetcheck.inputs import InputProblem, Selection, expand
from budgetcheck.printable import printable
from budgetcheck.readers import STDIN
from budgetcheck.reporters.summary import severity_counts
from budgetcheck.results import LintResult


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
        to_stdout(lambda: reporter(result, stdout), stdout)
    if statistics or quiet:
        from budgetcheck.reporters.console import write_statistics, write_summary

        to_stdout(lambda: (write_statistics if statistics else write_summary)(result, stdout), stdout)


def to_stdout(write, stdout: TextIO = sys.stdout) -> None:
    """Run ``write`` and flush: a full disk or closed pipe on stdout is one line, not a traceback."""
    try:
        write()
        stdout.flush()
    except OSError as exc:
        silence(stdout)
        raise DeliveryError(f"standard output: cannot write ({exc.strerror or exc})") from None


def silence(stdout: TextIO) -> None:
    """Point a failed stdout at the null device, so that flushing it at exit cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # not a real file (tests' StringIO): nothing to flush at exit
        pass


def record_baseline(result: LintResult, path: Path) -> str:
    from budgetcheck.baseline import write_baseline

    write_file(path, [t.path for t in result.texts], lambda: write_baseline(result.findings, path))
    return tr("run.recorded", n=len(result.findings), path=path)


def write_file(path: Path, inputs: list[str], write) -> None:
    """Run ``write``, refusing to overwrite a checked text; a failure is one line."""
    refuse_overwriting(path, inputs)
    try:
        write()
    except OSError as exc:
        raise DeliveryError(f"{path}: cannot write ({exc.strerror or exc})") from None


def refuse_overwriting(path: Path, inputs: list[str]) -> None:
    """Never replace an input of the run (read or not) or anything but a regular file. Raises DeliveryError."""
    try:
        info = os.stat(path)
    except OSError:
        info = None  # nothing there yet (or unreachable: writing will say so)
    if info is not None and not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        raise DeliveryError(f"{path}: is not a regular file (a FIFO or device); refusing to replace it")
    absolute = os.path.abspath(path)  # an input named but missing is still an input
    if any(os.path.abspath(p) == absolute or (info is not None and _same(info, p)) for p in inputs):
        raise DeliveryError(f"{path}: is one of the inputs of this run; refusing to overwrite it")


def input_paths(paths: list[str], selection: Selection = Selection()) -> list[str]:
    """Every input of a run: files named, files found in folders, and those that will fail to be read."""
    return [item.path if isinstance(item, InputProblem) else item for item in expand(paths, selection) if item != STDIN]


def _same(info: os.stat_result, path: str) -> bool:
    try:
        other = os.stat(path)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (other.st_dev, other.st_ino)


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
    return tr("run.interrupted", files=result.files, texts=result.documents, errors=counts["error"], warnings=counts["warning"], infos=counts["info"])


def problem_lines(result: LintResult) -> list[str]:
    # One problem, one line: names and messages come from files and must not forge lines or reach the terminal raw.
    return [f"budgetcheck: error: {printable(problem.path)}: {printable(problem.message)}" for problem in result.problems]


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
