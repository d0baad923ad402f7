"""Command line: parse flags, call in, choose the exit code. No checking logic lives here."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from budgetcheck import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

app = typer.Typer(
    name="budgetcheck",
    help="Consistency checker for Chinese government budget project texts (部门预算重点领域财政项目文本).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


# Mirrors budgetcheck.reporters.MODULES (kept literal so --help needs no reporter import).
OutputFormat = Enum("OutputFormat", {name: name for name in ("text", "json")}, type=str)


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
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: number of CPUs; 1 = in this process).", show_default=False)
    ] = None,
) -> None:
    """Check budget texts and report inconsistencies.

    Exit status: 0 no error-level finding, 1 at least one error-level finding,
    2 a usage, rule or input problem (unreadable file, bad rule file), 130 interrupted.
    """
    from budgetcheck.catalogue import RuleError, builtin_rules_dir, load_rules
    from budgetcheck.parallel import default_jobs, lint_paths
    from budgetcheck.reporters import get

    try:
        loaded = load_rules([builtin_rules_dir(), *rules])
    except RuleError as exc:
        _fail(str(exc))
    result = lint_paths(paths, loaded, jobs or default_jobs())
    if result.interrupted:
        _interrupted(result)
    get(output_format.value)(result, sys.stdout)
    for problem in result.problems:
        print(f"budgetcheck: error: {problem.path}: {problem.message}", file=sys.stderr)
    if result.problems:
        raise typer.Exit(EXIT_TROUBLE)
    raise typer.Exit(EXIT_FINDINGS if any(f.severity.value == "error" for f in result.findings) else EXIT_CLEAN)


def _interrupted(result) -> NoReturn:
    """Ctrl-C: no report (it would be incomplete), just what was done so far."""
    from budgetcheck.reporters.summary import severity_counts

    counts = severity_counts(result.findings)
    print(
        f"budgetcheck: interrupted after {result.files} file(s), {result.documents} text(s): "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} infos so far",
        file=sys.stderr,
    )
    raise typer.Exit(EXIT_INTERRUPTED)


def _fail(message: str) -> None:
    print(f"budgetcheck: error: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_TROUBLE)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("budgetcheck: interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
