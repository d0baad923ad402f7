"""Command line: parse flags, call in, choose the exit code. No checking logic lives here."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

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


class ListFormat(str, Enum):
    text = "text"
    json = "json"


Codes = Annotated[
    list[str] | None,
    typer.Option(metavar="CODES", help="Comma-separated rule codes or prefixes (repeatable)."),
]
RuleDirs = Annotated[
    list[Path] | None,
    typer.Option("--rules", metavar="DIR", help="Extra rule folder (repeatable); a rule there overrides a built-in one of the same code."),
]
ConfigPath = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE", help="Configuration file (default: nearest budgetcheck.toml or pyproject.toml [tool.budgetcheck])."),
]
Isolated = Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")]


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
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH", help="Files or folders to check (folders are walked for *.txt, *.docx, *.pdf); - reads standard input.", show_default=False
        ),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "--output-format", help="Report format.", case_sensitive=False)
    ] = OutputFormat("text"),
    select: Codes = None,
    extend_select: Codes = None,
    ignore: Codes = None,
    rules: RuleDirs = None,
    config: ConfigPath = None,
    isolated: Isolated = False,
    budget_year: Annotated[int | None, typer.Option(min=1949, max=2200, help="Budget year to use instead of each text's heading.")] = None,
    profile: Annotated[
        str | None, typer.Option(metavar="NAME", help="Treat every text as this genre instead of detecting it (see `budgetcheck profiles`).")
    ] = None,
    include: Annotated[
        list[str] | None, typer.Option("--include", metavar="GLOB", help="Check only files in folders matching GLOB (repeatable), e.g. '*.docx'.")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", metavar="GLOB", help="Skip files and folders matching GLOB (repeatable), e.g. 'drafts'.")
    ] = None,
    stdin_filename: Annotated[
        str | None, typer.Option("--stdin-filename", metavar="NAME", help="Name for the text read from - in reports (its suffix picks the reader).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE instead of standard output.")
    ] = None,
) -> None:
    """Check budget texts and report inconsistencies.

    Exit status: 0 no error-level finding, 1 at least one error-level finding,
    2 a usage, rule, configuration or input problem (unreadable file, bad rule file).
    """
    from dataclasses import replace

    from budgetcheck.engine import lint_paths
    from budgetcheck.inputs import Selection
    from budgetcheck.reporters import get
    from budgetcheck.settings import Options

    options = Options(_codes(select), _codes(extend_select), _codes(ignore), rules, budget_year, profile)
    settings = _settings(options, config, isolated)
    run = replace(settings.run, files=Selection(tuple(include or ()), tuple(exclude or ())), stdin_name=stdin_filename)
    result = lint_paths(paths, settings.rules, run)
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


@app.command("rules")
def list_rules(
    output_format: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.text,
    select: Codes = None,
    extend_select: Codes = None,
    ignore: Codes = None,
    rules: RuleDirs = None,
    config: ConfigPath = None,
    isolated: Isolated = False,
) -> None:
    """List the rules that a lint run with these options would check."""
    from budgetcheck import ruleview
    from budgetcheck.settings import Options

    settings = _settings(Options(_codes(select), _codes(extend_select), _codes(ignore), rules), config, isolated)
    if output_format is ListFormat.json:
        print(json.dumps(ruleview.rules_json(settings.rules), ensure_ascii=False, indent=2))
    else:
        _console().print(ruleview.rules_table(settings.rules))


@app.command()
def explain(
    code: Annotated[str, typer.Argument(metavar="CODE", help="Rule code, e.g. A101.")],
    rules: RuleDirs = None,
    config: ConfigPath = None,
    isolated: Isolated = False,
) -> None:
    """Explain one rule: description, message, parameters and examples."""
    from budgetcheck import ruleview
    from budgetcheck.settings import Options

    settings = _settings(Options(select=["ALL"], rules=rules), config, isolated)
    found = next((r for r in settings.rules if r.code == code.upper()), None)
    if found is None:
        _fail(f"no rule {code!r} (see `budgetcheck rules`)")
    _console().print(ruleview.explain(found))


app.command("rule", help="Alias of `explain`.")(explain)


@app.command("profiles")
def list_profiles(config: ConfigPath = None, isolated: Isolated = False) -> None:
    """List the genres a text can be recognised as, with their required sections."""
    from budgetcheck import ruleview
    from budgetcheck.settings import Options

    settings = _settings(Options(), config, isolated)
    _console().print(ruleview.profiles_table(settings.genres.profiles or {}))


@app.command("check-rules")
def check_rules(folders: Annotated[list[Path], typer.Argument(metavar="DIR", help="Rule folders to validate.")]) -> None:
    """Validate rule files without linting anything; every problem is one line on stderr."""
    from budgetcheck.catalogue import RuleError, load_rule

    count, failed = 0, False
    for path in _rule_files(folders):
        count += 1
        try:
            load_rule(path)
        except RuleError as exc:
            failed = True
            print(f"budgetcheck: error: {exc}", file=sys.stderr)
    print(f"{count} rule file(s) checked, {'problems found' if failed else 'all valid'}")
    raise typer.Exit(EXIT_TROUBLE if failed else EXIT_CLEAN)


@app.command("test-rules")
def test_rules(folders: Annotated[list[Path], typer.Argument(metavar="DIR", help="Rule folders whose examples to run.")]) -> None:
    """Run the examples in rule files: must-fire texts must fire, must-pass texts must stay silent.

    Exit status: 0 all pass, 1 an example failed, 2 a rule file is invalid.
    """
    from budgetcheck import ruleview
    from budgetcheck.catalogue import RuleError, load_rule
    from budgetcheck.examples import run_examples

    try:
        loaded = [load_rule(path) for path in _rule_files(folders)]
    except RuleError as exc:
        _fail(str(exc))
    results = [result for rule in loaded for result in run_examples(rule)]
    _console().print(ruleview.examples_table(results))
    failed = sum(not r.ok for r in results)
    without = [r.code for r in loaded if not (r.spec.examples.fire or r.spec.examples.pass_)]
    print(f"{len(results) - failed} passed, {failed} failed")
    if without:
        print(f"rules without examples: {', '.join(without)}", file=sys.stderr)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


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


def _rule_files(folders: list[Path]) -> list[Path]:
    files = []
    for folder in folders:
        if not folder.is_dir():
            _fail(f"{folder}: rule folder not found")
        files += sorted(folder.glob("*.yaml"))
    return files


def _settings(options, config_path: Path | None, isolated: bool):
    from budgetcheck.catalogue import RuleError
    from budgetcheck.config import ConfigError, find_config, load_config
    from budgetcheck.profiles import ProfileError
    from budgetcheck.settings import SelectionError, resolve

    try:
        path = None if isolated else config_path or find_config(Path.cwd())
        if config_path is not None and not isolated and not config_path.is_file():
            raise ConfigError(f"{config_path}: configuration file not found")
        return resolve(options, load_config(path) if path else None)
    except (RuleError, ConfigError, SelectionError, ProfileError) as exc:
        _fail(str(exc))


def _codes(values: list[str] | None) -> list[str] | None:
    """['A,S1', 'T102'] → ['A', 'S1', 'T102']; None stays None (not given)."""
    if values is None:
        return None
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


def _console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _fail(message: str) -> NoReturn:
    print(f"budgetcheck: error: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_TROUBLE)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("budgetcheck: interrupted", file=sys.stderr)
        sys.exit(130)
