"""Command line: parse flags, call in, choose the exit code. No checking logic lives here."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from budgetcheck import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2

app = typer.Typer(
    name="budgetcheck",
    help="Consistency checker for Chinese government budget project texts (部门预算重点领域财政项目文本).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


# Mirrors budgetcheck.reporters.MODULES (kept literal so --help needs no reporter import).
OutputFormat = Enum("OutputFormat", {name: name for name in ("text", "json", "jsonl", "sarif", "github", "junit", "concise")}, type=str)
InspectFormat = Enum("InspectFormat", {name: name for name in ("text", "json")}, type=str)
ExtractFormat = Enum("ExtractFormat", {name: name for name in ("csv", "json")}, type=str)
FailOn = Enum("FailOn", {name: name for name in ("error", "warning", "info", "never")}, type=str)


def _version(value: bool) -> None:
    if value:
        print(f"budgetcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """Consistency checker for Chinese government budget project texts."""


@app.command()
def lint(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Files or folders to check (folders are walked for *.txt).", show_default=False)],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "--output-format", help="Report format.", case_sensitive=False)
    ] = OutputFormat("text"),
    rules: Annotated[
        list[Path], typer.Option("--rules", metavar="DIR", help="Extra rule folder (repeatable); a rule there overrides a built-in one of the same code.")
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE instead of standard output (the exit status is unchanged).")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit status 1; 'never' fails only on input problems.", case_sensitive=False)
    ] = FailOn("error"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line (the --output report is still complete).")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print counts per rule instead of the findings.")] = False,
    baseline: Annotated[
        Optional[Path], typer.Option("--baseline", metavar="FILE", help="Report only findings not recorded in FILE (see --write-baseline).")
    ] = None,
    write_baseline: Annotated[
        Optional[Path], typer.Option("--write-baseline", metavar="FILE", help="Record every current finding in FILE, report nothing, exit 0.")
    ] = None,
) -> None:
    """Check budget texts and report inconsistencies.

    Exit status: 0 no finding at or above --fail-on (default: error), 1 at least one,
    2 a usage, rule or input problem (unreadable file, bad rule or baseline file).
    """
    from budgetcheck.baseline import BaselineError, load_baseline
    from budgetcheck.catalogue import RuleError, builtin_rules_dir, load_rules
    from budgetcheck.engine import lint_paths
    from budgetcheck.progress import tracker

    if baseline and write_baseline:
        _fail("--baseline and --write-baseline cannot be used together")
    try:
        loaded = load_rules([builtin_rules_dir(), *rules])
        known = load_baseline(baseline) if baseline else None
    except (RuleError, BaselineError) as exc:
        _fail(str(exc))
    result = lint_paths(paths, loaded, progress=tracker(sys.stderr))
    if write_baseline:
        _record_baseline(result, write_baseline)
    if known is not None:
        known.apply(result)
    _report(result, output_format.value, output, quiet, statistics)
    _print_problems(result)
    raise typer.Exit(_exit_status(result, fail_on.value))


def _record_baseline(result, path: Path) -> None:
    from budgetcheck.baseline import write_baseline

    _write_file(path, result, lambda: write_baseline(result.findings, path))
    print(f"budgetcheck: recorded {len(result.findings)} finding(s) in {path}")
    _print_problems(result)
    raise typer.Exit(EXIT_TROUBLE if result.problems else EXIT_CLEAN)


def _report(result, name: str, output: Path | None, quiet: bool, statistics: bool) -> None:
    from budgetcheck.atomic import atomic_writer
    from budgetcheck.reporters import get

    reporter = get(name)
    if output is not None:
        def write() -> None:
            with atomic_writer(output) as stream:
                reporter(result, stream)

        _write_file(output, result, write)
    elif not (quiet or statistics):
        reporter(result, sys.stdout)
    if statistics or quiet:
        from budgetcheck.reporters.console import write_statistics, write_summary

        (write_statistics if statistics else write_summary)(result, sys.stdout)


def _write_file(path: Path, result, write) -> None:
    """Run ``write``; refuse to overwrite a checked text; a failure is one line and exit 2."""
    _refuse_overwriting(path, [t.path for t in result.texts])
    try:
        write()
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror or exc})")


def _refuse_overwriting(path: Path, inputs: list[str]) -> None:
    if path.resolve() in {Path(p).resolve() for p in inputs}:
        _fail(f"{path}: is one of the checked texts; refusing to overwrite it")


def _print_problems(result) -> None:
    for problem in result.problems:
        print(f"budgetcheck: error: {problem.path}: {problem.message}", file=sys.stderr)


def _exit_status(result, fail_on: str) -> int:
    from budgetcheck.findings import Severity

    if result.problems:
        return EXIT_TROUBLE
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity(fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= threshold for f in result.findings) else EXIT_CLEAN


@app.command()
def inspect(
    path: Annotated[str, typer.Argument(metavar="FILE", help="The text file to show.", show_default=False)],
    output_format: Annotated[
        InspectFormat, typer.Option("--format", "--output-format", help="A tree for people or JSON for programs.", case_sensitive=False)
    ] = InspectFormat("text"),
) -> None:
    """Show how a file was understood: texts, sections, amounts (in yuan), counts, years, lists, budget and plan."""
    import json

    from budgetcheck.inspection import inspect_source, write_tree
    from budgetcheck.source import InputError, read_source

    try:
        report = inspect_source(read_source(path))
    except InputError as exc:
        _fail(f"{path}: {exc}")
    if output_format.value == "json":
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        write_tree(report, sys.stdout)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Files or folders (folders are walked for *.txt).", show_default=False)],
    output_format: Annotated[
        ExtractFormat, typer.Option("--format", "--output-format", help="Table format.", case_sensitive=False)
    ] = ExtractFormat("csv"),
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of standard output (CSV files get a UTF-8 BOM for Excel).")
    ] = None,
) -> None:
    """One row per project text: path, department, year, project, implementing unit, budget and plan totals, line items."""
    from budgetcheck.atomic import atomic_writer
    from budgetcheck.extraction import WRITERS, rows
    from budgetcheck.inputs import InputProblem, expand

    problems: list[InputProblem] = []
    writer = WRITERS[output_format.value]
    if output is None:
        writer(rows(paths, problems), sys.stdout)
    else:
        _refuse_overwriting(output, [p for p in expand(paths) if isinstance(p, str)])
        # Excel opens a CSV as the local code page unless it starts with a BOM.
        encoding = "utf-8-sig" if output_format.value == "csv" else "utf-8"
        try:
            with atomic_writer(output, encoding=encoding, newline="") as stream:
                writer(rows(paths, problems), stream)
        except OSError as exc:
            _fail(f"{output}: cannot write ({exc.strerror or exc})")
    for problem in problems:
        print(f"budgetcheck: error: {problem.path}: {problem.message}", file=sys.stderr)
    raise typer.Exit(EXIT_TROUBLE if problems else EXIT_CLEAN)


def _fail(message: str) -> None:
    print(f"budgetcheck: error: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_TROUBLE)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("budgetcheck: interrupted", file=sys.stderr)
        sys.exit(130)
