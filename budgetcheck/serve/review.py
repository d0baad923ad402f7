"""Check one upload batch the way ``lint`` checks files, and make what the reviewer downloads.

The uploads are linted with the rules and configuration of the server (the same as
``budgetcheck lint`` from the folder it was started in), then reported under the names
they were uploaded with: the HTML report, the review checklist (检查表.xlsx) and, for
Word, PDF and text files with findings, the annotated copies (a text's as a .docx). The uploads themselves are
deleted before this returns, whatever happens.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from budgetcheck.engine import lint_paths
from budgetcheck.findings import Finding
from budgetcheck.i18n import speaking, tr
from budgetcheck.inputs import InputProblem
from budgetcheck.readers import CONVERT, READERS
from budgetcheck.results import LintResult
from budgetcheck.serve.batches import Batch, clean_name
from budgetcheck.settings import Settings

# The engine keeps the current file's time budget and limits per process (``deadline``,
# ``limits``), so two batches checked at once in threads would reset each other's clock:
# batches are checked one at a time; uploads still arrive, and pages are served, meanwhile.
_CHECKING = threading.Lock()
ANNOTATED = (".docx", ".pdf", ".txt")  # what gets a reviewed copy (.txt: a .docx of the text with comments)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".pdf": "application/pdf", ".xlsx": XLSX}


def accepted(name: str) -> bool:
    """A file the upload takes: one lint reads, or one it explains how to convert."""
    suffix = PurePath(name).suffix.lower()
    return suffix in READERS or suffix in CONVERT


@dataclass
class Review:
    result: LintResult  # paths are the uploaded names
    skipped: list[str] = field(default_factory=list)  # uploads of a format nobody reads
    notes: list[str] = field(default_factory=list)  # what could not be made (one line each)


def review(batch: Batch, uploads: list[tuple[str, bytes]], settings: Settings, lang: str = "zh") -> Review:
    """Save, check, write out/report.html and the downloads (their labels in ``lang``); the uploads are gone when this returns."""
    names: dict[str, str] = {}  # saved path → name shown
    skipped = []
    try:
        for name, data in uploads:
            if accepted(name):
                path = batch.save(name, data)
                names[str(path)] = path.name
            else:
                skipped.append(clean_name(name))
        with _CHECKING, speaking(lang):  # the report and checklist in the page's language
            checked = lint_paths(list(names), settings.rules, settings.run)
            outcome = Review(renamed(checked, names, batch.inputs), skipped)
            _report(batch, outcome, {shown: saved for saved, shown in names.items()})
            _checklist(batch, outcome, settings)
            _annotated(batch, checked, outcome, settings)
        return outcome
    finally:
        batch.drop_inputs()


def _report(batch: Batch, outcome: Review, saved: dict[str, str]) -> None:
    """The HTML report, reading the uploads again under their saved names."""
    from budgetcheck.reporters.html_report import write

    missing = str(batch.inputs / "-")  # a name the run did not save (none is expected): nothing to read again
    with batch.report.open("w", encoding="utf-8") as stream:
        write(outcome.result, stream, files=lambda name: saved.get(name, missing))


def renamed(result: LintResult, names: dict[str, str], folder: Path) -> LintResult:
    """The result with every saved path replaced by the name it was uploaded as, in messages too
    (N101 names the other file): the reviewer never sees where the server kept the files."""
    prefix = str(folder) + "/"

    def name(path: str) -> str:
        return names.get(path, path.replace(prefix, ""))

    def scrub(value):
        return value.replace(prefix, "") if isinstance(value, str) else value

    def finding(f: Finding) -> Finding:
        data = {key: scrub(value) for key, value in f.data.items()}
        return f.model_copy(update={"path": name(f.path), "message": scrub(f.message), "data": data})

    return replace(
        result,
        findings=[finding(f) for f in result.findings],
        problems=[InputProblem(name(p.path), scrub(p.message)) for p in result.problems],
        texts=[replace(t, path=name(t.path)) for t in result.texts],
        order=[name(p) for p in result.order],
    )


def _checklist(batch: Batch, outcome: Review, settings: Settings) -> None:
    from budgetcheck.checklist import build
    from budgetcheck.checklist.xlsx import XlsxUnavailable, write_xlsx

    if not outcome.result.texts:
        return
    path = batch.outputs / "checklist.xlsx"
    try:
        with path.open("wb") as stream:
            write_xlsx(build(outcome.result, settings.genres.all()), stream)
    except XlsxUnavailable as exc:
        outcome.notes.append(tr("serve.no_checklist", error=exc))
        return
    batch.offer("checklist.xlsx", tr("serve.checklist_file"), path, XLSX)


def _annotated(batch: Batch, checked: LintResult, outcome: Review, settings: Settings) -> None:
    """A reviewed copy of each upload with findings, its notes those of the report (names as uploaded)."""
    try:
        from budgetcheck.annotate import AnnotateError, annotate_findings
    except ImportError:  # a build without the annotator: no link, never a fake download
        return
    notes: dict[str, list[Finding]] = {}
    for finding, shown in zip(checked.findings, outcome.result.findings):  # the same findings in the same order
        notes.setdefault(finding.path, []).append(finding.model_copy(update={"message": shown.message, "data": shown.data}))
    failed = {problem.path for problem in checked.problems}
    for number, saved in enumerate(p for p in notes if PurePath(p).suffix.lower() in ANNOTATED and p not in failed):
        folder = batch.outputs / "reviewed" / str(number)  # one folder each: a.txt and a.docx both become a.reviewed.docx
        try:
            folder.mkdir(mode=0o700, parents=True)
            made = annotate_findings(saved, notes[saved], folder, settings)
        except Exception as exc:  # AnnotateError, OSError, or a bug: one document must not lose the report
            detail = exc if isinstance(exc, (AnnotateError, OSError)) else repr(exc)
            print(f"budgetcheck serve: annotating {PurePath(saved).name} failed: {detail}", file=sys.stderr)
            outcome.notes.append(tr("serve.no_annotated", name=PurePath(saved).name))
            continue
        batch.offer(f"reviewed-{number}", made.name, made, MEDIA[made.suffix.lower()])
