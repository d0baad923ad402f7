"""Command line: parse flags, call in, choose the exit code. No checking logic lives here."""

from __future__ import annotations

import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated

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
OutputFormat = Enum("OutputFormat", {name: name for name in ("text", "json", "html")}, type=str)


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
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Files or folders to check (folders are walked for *.txt, *.docx, *.pdf); - reads standard input.", show_default=False)],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "--output-format", help="Report format.", case_sensitive=False)
    ] = OutputFormat("text"),
    rules: Annotated[
        list[Path], typer.Option("--rules", metavar="DIR", help="Extra rule folder (repeatable); a rule there overrides a built-in one of the same code.")
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    include: Annotated[
        list[str], typer.Option("--include", metavar="GLOB", help="Check only files in folders matching GLOB (repeatable), e.g. '*.docx'.")
    ] = [],  # noqa: B006
    exclude: Annotated[
        list[str], typer.Option("--exclude", metavar="GLOB", help="Skip files and folders matching GLOB (repeatable), e.g. 'drafts'.")
    ] = [],  # noqa: B006
    stdin_filename: Annotated[
        str | None, typer.Option("--stdin-filename", metavar="NAME", help="Name for the text read from - in reports (its suffix picks the reader).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE instead of standard output.")
    ] = None,
) -> None:
    """Check budget texts and report inconsistencies.

    Exit status: 0 no error-level finding, 1 at least one error-level finding,
    2 a usage, rule or input problem (unreadable file, bad rule file).
    """
    from budgetcheck.catalogue import RuleError, builtin_rules_dir, load_rules
    from budgetcheck.engine import lint_paths
    from budgetcheck.inputs import Selection
    from budgetcheck.reporters import get

    try:
        loaded = load_rules([builtin_rules_dir(), *rules])
    except RuleError as exc:
        _fail(str(exc))
    result = lint_paths(paths, loaded, Selection(tuple(include), tuple(exclude)), stdin_filename)
    write = get(output_format.value)
    if output is None:
        write(result, sys.stdout)
    elif _is_input(output, {t.path for t in result.texts}):
        _fail(f"{output}: is one of the texts checked; lint never overwrites its inputs")
    else:
        _write_file(output, lambda stream: write(result, stream))
    for problem in result.problems:
        print(f"budgetcheck: error: {problem.path}: {problem.message}", file=sys.stderr)
    if result.problems:
        raise typer.Exit(EXIT_TROUBLE)
    raise typer.Exit(EXIT_FINDINGS if any(f.severity.value == "error" for f in result.findings) else EXIT_CLEAN)


def _write_file(path: Path, write) -> None:
    """Write via a temporary file in the same folder, so FILE is never left half-written."""
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as stream:
            temporary = Path(stream.name)
            write(stream)
        os.chmod(temporary, _new_file_mode(path))
        os.replace(temporary, path)
    except OSError as exc:
        _fail(f"{path}: cannot write the report ({exc.strerror or exc})")
    finally:
        if temporary is not None and temporary.exists():
            temporary.unlink()


def _is_input(output: Path, inputs: set[str]) -> bool:
    return output.exists() and any(os.path.exists(p) and os.path.samefile(output, p) for p in inputs)


def _new_file_mode(path: Path) -> int:
    # A temporary file is private (0600); the report gets the mode an ordinary new file would.
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fail(message: str) -> None:
    print(f"budgetcheck: error: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_TROUBLE)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("budgetcheck: interrupted", file=sys.stderr)
        sys.exit(130)
