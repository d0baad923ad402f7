"""Reviewed copies: each finding of a lint run put on its words in a copy of the file it came from.

``annotate_file(path, out_dir, settings)`` checks one file exactly as ``lint`` does
(same rules, configuration and options), reads it again and writes beside it (or in
``out_dir``) ``NAME.reviewed.docx`` or ``NAME.reviewed.pdf``:

- a .docx keeps every byte of its body but for the comments (``annotate.docx``),
- a .pdf is the original file with an incremental update holding one highlight per
  finding, its note as the highlight's text (``annotate.pdf``),
- a .txt becomes a .docx of its lines with the same comments (``annotate.text``).

Workbooks are not annotated: openpyxl drops a workbook's charts and images when it
saves one, so the "same document" promise could not be kept (``NotSupported``).
The input is never written; the copy is written atomically and never onto an input.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from budgetcheck.annotate.spans import consistent
from budgetcheck.atomic import atomic_binary_writer
from budgetcheck.delivery import DeliveryError, refuse_overwriting
from budgetcheck.findings import Finding
from budgetcheck.inputs import InputProblem, Selection, expand
from budgetcheck.readers import STDIN, from_bytes
from budgetcheck.results import LintResult
from budgetcheck.source import InputError, read_bytes

if TYPE_CHECKING:
    from budgetcheck.settings import Settings

MARK = ".reviewed"
NOT_SUPPORTED = {
    ".xlsx": "workbooks are not annotated (saving one with openpyxl would drop its charts and images); "
             "use `budgetcheck lint` or `budgetcheck checklist -o FILE.xlsx`",
}
NOT_SUPPORTED[".xlsm"] = NOT_SUPPORTED[".xlsx"]


class AnnotateError(Exception):
    """A file could not be annotated; the message is the one line shown."""


@dataclass
class Annotated:
    """One reviewed copy written: where from, where to, and the findings it carries."""

    source: str
    output: Path
    findings: list[Finding]


@dataclass
class AnnotateRun:
    lint: LintResult  # the lint run the notes come from (its findings decide the exit status)
    written: list[Annotated] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)  # every input that got no copy, one line each


def annotate_file(path: Path, out_dir: Path | None, settings: Settings) -> Path:
    """Check one file as ``lint`` does and write its reviewed copy; returns the copy's path. Raises AnnotateError."""
    run = annotate_paths([str(path)], out_dir, settings)
    if run.problems:
        raise AnnotateError(f"{run.problems[0].path}: {run.problems[0].message}")
    return run.written[0].output


def annotate_paths(paths: list[str], out_dir: Path | None, settings: Settings, jobs: int = 1,
                   selection: Selection = Selection()) -> AnnotateRun:
    """Check the inputs (files, folders) in one lint run, then write a reviewed copy of each file read.

    Folders are walked as by ``lint``; copies left there by an earlier run (``*.reviewed.*``)
    are skipped. An input that cannot be read, checked or annotated is a problem of the run
    and the others are still written.
    """
    from budgetcheck.parallel import lint_paths

    selection = replace(selection, exclude=(*selection.exclude, f"*{MARK}.*"))
    files, problems = _inputs(paths, selection)
    lint = lint_paths(files, settings.rules, replace(settings.run, files=selection), jobs)
    run = AnnotateRun(lint, problems=problems + lint.problems)
    if lint.interrupted:  # Ctrl-C: no copies of a half-done run
        return run
    failed = {problem.path for problem in lint.problems}
    by_path: dict[str, list[Finding]] = {}
    for finding in lint.findings:
        by_path.setdefault(finding.path, []).append(finding)
    targets: set[Path] = set()
    for path in lint.order:
        if path in failed:  # a file only partly checked gets no copy: it would look cleaner than it is
            continue
        try:
            found = by_path.get(path, [])
            run.written.append(Annotated(path, _write(path, found, out_dir, settings, files, targets), found))
        except AnnotateError as exc:
            run.problems.append(InputProblem(path, str(exc)))
    return run


def annotate_findings(path: str, findings: list[Finding], out_dir: Path | None, settings: Settings) -> Path:
    """Write the reviewed copy of one file already checked, with these findings (of that file) as its notes.

    For a caller that ran lint itself (``serve``): the notes are exactly the findings it reports,
    N101 across the other files included. Raises AnnotateError.
    """
    return _write(path, findings, out_dir, settings, [path], set())


def prepare_output_dir(out_dir: Path | None) -> None:
    """Make ``-o DIR`` (and its parents) if it is missing. Raises AnnotateError."""
    if out_dir is None:
        return
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise AnnotateError(f"{out_dir}: not a folder") from None
    except OSError as exc:
        raise AnnotateError(f"{out_dir}: cannot create the folder ({exc.strerror or exc})") from None


def summary_line(written: Annotated) -> str:
    """``a.docx → a.reviewed.docx: 3 notes (1 error, 2 warnings)``, names escaped."""
    from budgetcheck.printable import printable
    from budgetcheck.reporters.summary import severity_counts

    counts = severity_counts(written.findings)
    detail = ", ".join(f"{counts[key]} {key}{'s' if counts[key] != 1 else ''}" for key in ("error", "warning", "info") if counts[key])
    return f"{printable(written.source)} → {printable(str(written.output))}: {len(written.findings)} note(s)" + (f" ({detail})" if detail else "")


def output_path(path: str | Path, out_dir: Path | None) -> Path:
    """``NAME.reviewed.docx`` (or ``.pdf``) beside the input, or in ``out_dir``."""
    source = Path(path)
    # A PDF stays a PDF; a Word file, and a plain text (read as lint reads any other suffix), becomes a .docx.
    name = source.stem + MARK + (".pdf" if source.suffix.lower() == ".pdf" else ".docx")
    return (out_dir if out_dir is not None else source.parent) / name


def _inputs(paths: list[str], selection: Selection) -> tuple[list[str], list[InputProblem]]:
    files, problems = [], []
    for item in expand(paths, selection):
        if isinstance(item, InputProblem):
            problems.append(item)
        elif item == STDIN:
            problems.append(InputProblem("<stdin>", "standard input cannot be annotated; name a file"))
        elif Path(item).suffix.lower() in NOT_SUPPORTED:
            problems.append(InputProblem(item, NOT_SUPPORTED[Path(item).suffix.lower()]))
        else:
            files.append(item)  # .doc and the like too: lint says how to convert them
    return files, problems


def _write(path: str, findings: list[Finding], out_dir: Path | None, settings: Settings, inputs: list[str], targets: set[Path]) -> Path:
    target = output_path(path, out_dir)
    if target.resolve() in targets:
        raise AnnotateError(f"{target}: another input of this run is annotated to the same file; use separate runs or -o")
    try:
        refuse_overwriting(target, inputs)
    except DeliveryError as exc:
        raise AnnotateError(str(exc)) from None
    data = _annotated(path, findings, settings)
    try:
        with atomic_binary_writer(target) as stream:
            stream.write(data)
    except OSError as exc:
        raise AnnotateError(f"{target}: cannot write ({exc.strerror or exc})") from None
    targets.add(target.resolve())
    return target


def _annotated(path: str, findings: list[Finding], settings: Settings) -> bytes:
    """The reviewed copy's bytes: the file read again (as lint read it) and a note put on each finding."""
    from budgetcheck import limits

    limits.use(settings.run.limits)
    suffix = Path(path).suffix.lower()
    try:
        data = read_bytes(path)
        source = from_bytes(data, path)
        if not consistent(source, findings):
            raise InputError("the file changed while it was being checked; run again")
        if suffix == ".docx":
            from budgetcheck.annotate.docx import annotate_docx

            return annotate_docx(data, source, findings)
        if suffix == ".pdf":
            from budgetcheck.annotate.pdf import annotate_pdf

            return annotate_pdf(data, source, findings)
        from budgetcheck.annotate.text import annotate_text

        return annotate_text(source, findings)
    except InputError as exc:
        raise AnnotateError(str(exc)) from None
    except ImportError as exc:
        raise AnnotateError(f"annotating needs {exc.name}: pip install 'budgetcheck[docx,pdf]'") from None

