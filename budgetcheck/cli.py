"""Command line: parse flags, call in, choose the exit code. No checking logic lives here."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, TypeAlias

import typer

from budgetcheck import __version__, json_text
from budgetcheck.exitcodes import CLEAN as EXIT_CLEAN
from budgetcheck.exitcodes import FINDINGS as EXIT_FINDINGS
from budgetcheck.exitcodes import INTERRUPTED as EXIT_INTERRUPTED
from budgetcheck.exitcodes import TROUBLE as EXIT_TROUBLE
from budgetcheck.usage import App, PlainGroup, error_line

# Usage errors are one line and help shows plain metavars (budgetcheck.usage); -h is --help everywhere.
app = App(
    name="budgetcheck",
    help="Consistency checker for Chinese government budget project texts (部门预算重点领域财政项目文本).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=PlainGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Mirrors budgetcheck.reporters.MODULES (kept literal so --help needs no reporter import).
class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    concise = "concise"
    html = "html"


class InspectFormat(str, Enum):
    text = "text"
    json = "json"


class ExtractFormat(str, Enum):
    csv = "csv"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class ListFormat(str, Enum):
    text = "text"
    json = "json"


class Language(str, Enum):
    zh = "zh"
    en = "en"


def _choices(kind: type[Enum]) -> str:
    """A plain metavar listing the values: error|warning|info|never."""
    return "|".join(str(member.value) for member in kind)


def _set_language(value: Language | None) -> Language | None:
    # Eager, so that the other options' errors are already in this language.
    from budgetcheck import i18n

    i18n.set_language(value.value if value else None)
    return value


_CODES_HELP = " (comma-separated codes or prefixes, repeatable)."
Codes: TypeAlias = Annotated[list[str] | None, typer.Option(metavar="CODES", help="Rules to check, e.g. A,S1 (default: all)" + _CODES_HELP)]
ExtraCodes: TypeAlias = Annotated[list[str] | None, typer.Option(metavar="CODES", help="Rules to check in addition to --select" + _CODES_HELP)]
IgnoredCodes: TypeAlias = Annotated[list[str] | None, typer.Option(metavar="CODES", help="Rules not to check, e.g. T102" + _CODES_HELP)]
RuleDirs: TypeAlias = Annotated[
    list[Path] | None,
    typer.Option("--rules", metavar="DIR", help="Extra rule folder (repeatable); a rule there overrides a built-in one of the same code."),
]
ConfigPath: TypeAlias = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE", help="Configuration file (default: nearest budgetcheck.toml or pyproject.toml [tool.budgetcheck])."),
]
Isolated: TypeAlias = Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")]
Lang: TypeAlias = Annotated[
    Language | None,
    typer.Option(
        "--lang", metavar=_choices(Language), case_sensitive=False, is_eager=True, callback=_set_language, show_default=False,
        help="Language of report labels and messages: zh (Chinese) or en (default: lang in the configuration, else the locale, zh_* is Chinese).",
    ),
]
CacheDir: TypeAlias = Annotated[
    Path | None,
    typer.Option("--cache-dir", metavar="DIR", envvar="BUDGETCHECK_CACHE_DIR", help="Results cache folder (default: .budgetcheck_cache in the project root)."),
]


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
        OutputFormat,
        typer.Option("--format", "--output-format", metavar="FORMAT", help=f"Report format: {', '.join(f.value for f in OutputFormat)}.", case_sensitive=False),
    ] = OutputFormat("text"),
    select: Codes = None,
    extend_select: ExtraCodes = None,
    ignore: IgnoredCodes = None,
    rules: RuleDirs = None,
    config: ConfigPath = None,
    isolated: Isolated = False,
    budget_year: Annotated[int | None, typer.Option(min=1949, max=2200, metavar="YEAR", help="Budget year to use instead of each text's heading.")] = None,
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
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE instead of standard output (the exit status is unchanged)."),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", metavar=_choices(FailOn), help="Lowest severity that makes the exit status 1; 'never' fails only on input problems.", case_sensitive=False),
    ] = FailOn("error"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line (the --output report is still complete).")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print counts per rule instead of the findings.")] = False,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", metavar="FILE", help="Report only findings not recorded in FILE (see --write-baseline).")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option("--write-baseline", metavar="FILE", help="Record every current finding in FILE, report nothing, exit 0.")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: number of CPUs; 1 = in this process).", show_default=False),
    ] = None,
    lang: Lang = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", envvar="BUDGETCHECK_NO_CACHE", help="Check every file, neither reading nor writing the results cache.")] = False,
    cache_dir: CacheDir = None,
) -> None:
    """Check budget texts and report inconsistencies.

    Exit status: 0 no finding at or above --fail-on (default: error), 1 at least one,
    2 a usage, rule, configuration or input problem (unreadable file, bad rule or baseline file),
    130 interrupted (Ctrl-C).
    """
    from dataclasses import replace

    from budgetcheck import delivery
    from budgetcheck.inputs import Selection
    from budgetcheck.parallel import default_jobs, few_full_collections, lint_paths
    from budgetcheck.progress import tracker
    from budgetcheck.settings import Options

    if baseline and write_baseline:
        _fail(_tr("usage.both_baselines"))
    options = Options(_codes(select), _codes(extend_select), _codes(ignore), rules, budget_year, profile, _lang(lang))
    settings = _settings(options, config, isolated)
    known = _baseline(baseline) if baseline else None
    files = Selection(tuple(include or ()), tuple(exclude or ()))
    try:  # before checking anything: an output onto an input would destroy it, however the run goes
        for target in (output, write_baseline):
            if target is not None:
                delivery.refuse_overwriting(target, delivery.input_paths(paths, files))
    except delivery.DeliveryError as exc:
        _fail(str(exc))
    run = replace(settings.run, files=files, stdin_name=stdin_filename, progress=tracker(sys.stderr))
    cache = None if no_cache else _open_cache(_cache_dir(cache_dir, config, isolated), settings.rules, run)
    with few_full_collections():  # until the report is out, as while checking: the results stay alive
        result = lint_paths(paths, settings.rules, run, jobs or default_jobs(), cache)
        if result.interrupted:
            print(delivery.interrupted_line(result), file=sys.stderr)
            raise typer.Exit(EXIT_INTERRUPTED)
        try:
            if write_baseline:
                line = delivery.record_baseline(result, write_baseline)
                delivery.to_stdout(lambda: print(line))
            else:
                if known is not None:
                    known.apply(result)
                delivery.write_report(result, output_format.value, output, quiet, statistics)
        except delivery.DeliveryError as exc:
            _fail(str(exc))
    print(*delivery.problem_lines(result), sep="\n", file=sys.stderr, end="\n" if result.problems else "")
    status = (EXIT_TROUBLE if result.problems else EXIT_CLEAN) if write_baseline else delivery.exit_status(result, fail_on.value)
    raise typer.Exit(status)


@app.command()
def inspect(
    path: Annotated[str, typer.Argument(metavar="FILE", help="The text file to show.", show_default=False)],
    output_format: Annotated[
        InspectFormat,
        typer.Option("--format", "--output-format", metavar=_choices(InspectFormat), help="A tree for people or JSON for programs.", case_sensitive=False),
    ] = InspectFormat("text"),
) -> None:
    """Show how a file was understood: texts, genres, sections, amounts (in yuan), counts, years, lists, budget and plan."""
    from budgetcheck.inspection import inspect_source, write_tree
    from budgetcheck.readers import load
    from budgetcheck.source import InputError

    try:
        report = inspect_source(load(path))
    except InputError as exc:
        _fail(f"{path}: {exc}")
    if output_format.value == "json":
        json_text.write(report, sys.stdout)
    else:
        write_tree(report, sys.stdout)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Files or folders (folders are walked for *.txt, *.docx, *.pdf).", show_default=False)],
    output_format: Annotated[
        ExtractFormat, typer.Option("--format", "--output-format", metavar=_choices(ExtractFormat), help="Table format.", case_sensitive=False)
    ] = ExtractFormat("csv"),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of standard output (CSV files get a UTF-8 BOM for Excel)."),
    ] = None,
) -> None:
    """One row per project text: path, department, year, project, implementing unit, budget and plan totals, line items."""
    from budgetcheck.atomic import atomic_writer
    from budgetcheck.delivery import DeliveryError, input_paths, refuse_overwriting
    from budgetcheck.extraction import WRITERS, rows
    from budgetcheck.inputs import InputProblem

    problems: list[InputProblem] = []
    writer = WRITERS[output_format.value]
    if output is None:
        writer(rows(paths, problems), sys.stdout)
    else:
        try:
            refuse_overwriting(output, input_paths(paths))
        except DeliveryError as exc:
            _fail(str(exc))
        # Excel opens a CSV as the local code page unless it starts with a BOM.
        encoding = "utf-8-sig" if output_format.value == "csv" else "utf-8"
        try:
            with atomic_writer(output, encoding=encoding, newline="") as stream:
                writer(rows(paths, problems), stream)
        except OSError as exc:
            _fail(f"{output}: cannot write ({exc.strerror or exc})")
    for problem in problems:
        _error(f"{problem.path}: {problem.message}")
    raise typer.Exit(EXIT_TROUBLE if problems else EXIT_CLEAN)


@app.command()
def checklist(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Files or folders (folders are walked for *.txt, *.docx, *.pdf).", show_default=False)],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write FILE.xlsx or FILE.md instead of Markdown on standard output.")
    ] = None,
    select: Codes = None,
    ignore: IgnoredCodes = None,
    config: ConfigPath = None,
    isolated: Isolated = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: number of CPUs).", show_default=False)] = None,
    lang: Lang = None,
) -> None:
    """The review checklist (检查表): one row per part of each publication, 符合要求 是/否 and the problems found there.

    Exit status: 0 written (findings do not fail it), 2 an input, usage or output problem.
    """
    from budgetcheck import delivery
    from budgetcheck.parallel import default_jobs, lint_paths
    from budgetcheck.settings import Options

    settings = _settings(Options(_codes(select), None, _codes(ignore), lang=_lang(lang)), config, isolated)
    try:
        delivery.check_checklist_output(output, paths)
    except delivery.DeliveryError as exc:
        _fail(str(exc))
    result = lint_paths(paths, settings.rules, settings.run, jobs or default_jobs())
    if result.interrupted:
        print(delivery.interrupted_line(result), file=sys.stderr)
        raise typer.Exit(EXIT_INTERRUPTED)
    try:
        delivery.write_checklist(result, settings.genres.all(), output)
    except delivery.DeliveryError as exc:
        _fail(str(exc))
    print(*delivery.problem_lines(result), sep="\n", file=sys.stderr, end="\n" if result.problems else "")
    raise typer.Exit(EXIT_TROUBLE if result.problems else EXIT_CLEAN)


@app.command()
def serve(
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 (default 0: a free one, printed).")] = 0,
    config: ConfigPath = None,
    isolated: Isolated = False,
    lang: Lang = None,
) -> None:
    """A page on this machine (127.0.0.1) where reviewers drop .docx/.pdf/.txt/.xlsx files and read the report."""
    from budgetcheck.i18n import tr
    from budgetcheck.serve import run
    from budgetcheck.settings import Options

    settings = _settings(Options(lang=_lang(lang)), config, isolated)
    try:
        run(settings, port, announce=lambda url: print(f"budgetcheck serve: {url} {tr('serve.announce')}", flush=True))
    except OSError as exc:
        _fail(f"port {port}: cannot listen ({exc.strerror or exc})")


@app.command()
def annotate(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Files or folders (folders are walked for *.txt, *.docx, *.pdf).", show_default=False)],
    output_dir: Annotated[
        Path | None, typer.Option("--output-dir", "-o", metavar="DIR", help="Write the reviewed copies to DIR instead of beside each file.")
    ] = None,
    select: Codes = None,
    extend_select: ExtraCodes = None,
    ignore: IgnoredCodes = None,
    rules: RuleDirs = None,
    config: ConfigPath = None,
    isolated: Isolated = False,
    budget_year: Annotated[int | None, typer.Option(min=1949, max=2200, help="Budget year to use instead of each text's heading.")] = None,
    profile: Annotated[str | None, typer.Option(metavar="NAME", help="Treat every text as this genre instead of detecting it.")] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit status 1; 'never' fails only on input problems.", case_sensitive=False)
    ] = FailOn("error"),
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: number of CPUs).", show_default=False)] = None,
) -> None:
    """Write a reviewed copy of each file with a note on each finding's words: NAME.reviewed.docx (Word comments; also for .txt) or NAME.reviewed.pdf (highlights).

    The inputs are never written. Exit status as for lint: 0 no finding at or above --fail-on, 1 at least one, 2 an input that got no copy.
    """
    from budgetcheck import delivery
    from budgetcheck.annotate import AnnotateError, annotate_paths, prepare_output_dir, summary_line
    from budgetcheck.parallel import default_jobs
    from budgetcheck.settings import Options

    settings = _settings(Options(_codes(select), _codes(extend_select), _codes(ignore), rules, budget_year, profile), config, isolated)
    try:
        prepare_output_dir(output_dir)
    except AnnotateError as exc:
        _fail(str(exc))
    run = annotate_paths(paths, output_dir, settings, jobs or default_jobs())
    if run.lint.interrupted:
        print(delivery.interrupted_line(run.lint), file=sys.stderr)
        raise typer.Exit(EXIT_INTERRUPTED)
    for written in run.written:
        print(summary_line(written))
    for problem in run.problems:
        _error(f"{problem.path}: {problem.message}")
    raise typer.Exit(EXIT_TROUBLE if run.problems else delivery.exit_status(run.lint, fail_on.value))


@app.command("rules")
def list_rules(
    output_format: Annotated[ListFormat, typer.Option("--format", metavar=_choices(ListFormat), help="Output format.")] = ListFormat.text,
    select: Codes = None,
    extend_select: ExtraCodes = None,
    ignore: IgnoredCodes = None,
    rules: RuleDirs = None,
    config: ConfigPath = None,
    isolated: Isolated = False,
    lang: Lang = None,
) -> None:
    """List the rules that a lint run with these options would check."""
    from budgetcheck import ruleview
    from budgetcheck.settings import Options

    settings = _settings(Options(_codes(select), _codes(extend_select), _codes(ignore), rules, lang=_lang(lang)), config, isolated)
    if output_format is ListFormat.json:
        print(json.dumps(ruleview.rules_json(settings.rules), ensure_ascii=False, indent=2))
    else:
        _console().print(ruleview.rules_table(settings.rules))


@app.command()
def explain(
    code: Annotated[str, typer.Argument(metavar="CODE", help="Rule code or name, e.g. A101 or items-sum.")],
    rules: RuleDirs = None,
    config: ConfigPath = None,
    isolated: Isolated = False,
    lang: Lang = None,
) -> None:
    """Explain one rule: description, message, parameters and examples."""
    from budgetcheck import ruleview
    from budgetcheck.selection import unknown
    from budgetcheck.settings import Options, rule_names

    settings = _settings(Options(select=["ALL"], rules=rules, lang=_lang(lang)), config, isolated)
    names = rule_names(settings.rules)
    wanted = names.get(code.lower(), code.upper())
    found = next((r for r in settings.rules if r.code == wanted), None)
    if found is None:
        _fail(unknown(code, [r.code for r in settings.rules], names))
    _console().print(ruleview.explain(found))


app.command("rule", help="Alias of `explain`.")(explain)


@app.command("profiles")
def list_profiles(config: ConfigPath = None, isolated: Isolated = False, lang: Lang = None) -> None:
    """List the genres a text can be recognised as, with their required sections."""
    from budgetcheck import ruleview
    from budgetcheck.settings import Options

    settings = _settings(Options(lang=_lang(lang)), config, isolated)
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
            _error(str(exc))
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


@app.command()
def clean(cache_dir: CacheDir = None, config: ConfigPath = None, isolated: Isolated = False) -> None:
    """Remove the results cache (.budgetcheck_cache in the project root, or --cache-dir)."""
    from budgetcheck import cache
    from budgetcheck.printable import printable

    folder = _cache_dir(cache_dir, config, isolated)
    try:
        removed = cache.clean(folder)
    except OSError as exc:
        _fail(f"{folder}: cannot remove ({exc.strerror or exc})" if exc.strerror else str(exc))
    print(f"{'removed' if removed else 'no cache at'} {printable(str(folder))}")


# Imported only when used: a one-file run with --no-cache and no baseline needs neither module.
def _baseline(path: Path):
    from budgetcheck.baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        _fail(str(exc))


def _open_cache(folder: Path, rules, run):
    from budgetcheck.cache import open_cache

    return open_cache(folder, rules, run)


def _cache_dir(cache_dir: Path | None, config_path: Path | None, isolated: bool) -> Path:
    """--cache-dir, else .budgetcheck_cache in the folder of the configuration in use, else in the current one."""
    from budgetcheck.cache import CACHE_DIR_NAME
    from budgetcheck.config import ConfigError, find_config

    if cache_dir is not None:
        return cache_dir
    try:
        found = None if isolated else config_path or find_config(Path.cwd())
    except ConfigError:
        found = None  # reported by the command's own settings
    return (found.parent if found is not None else Path.cwd()) / CACHE_DIR_NAME


def _rule_files(folders: list[Path]) -> list[Path]:
    files = []
    for folder in folders:
        if not folder.is_dir():
            _fail(f"{folder}: rule folder not found")
        files += sorted(folder.glob("*.yaml"))
    return files


def _settings(options, config_path: Path | None, isolated: bool):
    """The settings of a run (configuration file and flags); the interface language is set from them."""
    from budgetcheck import i18n
    from budgetcheck.catalogue import RuleError
    from budgetcheck.config import ConfigError, find_config, load_config
    from budgetcheck.profiles import ProfileError
    from budgetcheck.settings import SelectionError, resolve

    try:
        path = None if isolated else config_path or find_config(Path.cwd())
        if config_path is not None and not isolated and not config_path.is_file():
            raise ConfigError(f"{config_path}: configuration file not found")
        settings = resolve(options, load_config(path) if path else None)
    except (RuleError, ConfigError, SelectionError, ProfileError) as exc:
        _fail(str(exc))
    i18n.set_language(settings.lang)
    return settings


def _codes(values: list[str] | None) -> list[str] | None:
    """['A,S1', 'T102', 'items-sum'] → ['A', 'S1', 'T102', 'items-sum']; None stays None (not given)."""
    if values is None:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _lang(value: Language | None) -> str | None:
    return value.value if value else None


def _tr(key: str) -> str:
    from budgetcheck.i18n import tr

    return tr(key)


def _console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _error(message: str) -> None:
    """One line on stderr; names in it come from the user's files, so control characters are escaped."""
    print(error_line(message), file=sys.stderr)


def _fail(message: str) -> NoReturn:
    _error(message)
    raise typer.Exit(EXIT_TROUBLE)


def main() -> None:
    # pydantic looks for plugins (observability hooks for an application's own models) in the
    # metadata of every installed distribution when it builds its first model; typer switches
    # that off for its own models, and here it is off for ours: a set value is respected.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except KeyboardInterrupt:
        print("budgetcheck: interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    except OSError as exc:  # only writing stdout fails outside the commands' own error handling
        _stdout_failed(exc)
    except SystemExit:
        try:  # what is still buffered for stdout: a full disk must be one line here too
            sys.stdout.flush()
        except OSError as exc:
            _stdout_failed(exc)
        raise


def _stdout_failed(exc: OSError) -> NoReturn:
    from budgetcheck.delivery import silence

    silence(sys.stdout)
    _fail_now(f"standard output: cannot write ({exc.strerror or exc})")


def _fail_now(message: str) -> NoReturn:
    _error(message)
    sys.exit(EXIT_TROUBLE)
