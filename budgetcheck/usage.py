"""The command line's own surface: one-line usage errors and plain help, whatever typer's defaults.

typer reports a bad value with its usage block and pydantic's wording (``Error:
Invalid value for '--fail-on': Value error, 'warn' is not one of …``) and shows
arguments with Python types (``PATH <list[str]>``). Here every usage error becomes
the one line every other error is — ``budgetcheck: error: --fail-on: 'warn' is not
one of error, warning, info, never (did you mean warning?)``, exit 2 — in the
interface language, and help shows plain metavars (``PATH...``).

``PlainGroup`` (the app's class) turns the errors of parsing and of every command
into one line; ``App`` gives every command ``PlainCommand`` for its help.
"""

from __future__ import annotations

import copy
import re
import sys
from enum import Enum
from typing import IO, Any

import typer
from typer.core import TyperCommand, TyperGroup

from budgetcheck import deferred_re
from budgetcheck.exitcodes import TROUBLE
from budgetcheck.i18n import tr
from budgetcheck.printable import printable
from budgetcheck.selection import suggestion

try:  # typer ≥ 0.2x carries its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer runs on click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

UsageError = click_errors.UsageError


def error_line(message: str) -> str:
    """``budgetcheck: error: message`` with control characters escaped (names come from the user)."""
    return f"budgetcheck: error: {printable(message)}"


class OneLineError(UsageError):
    """A usage error shown as one line, exit 2."""

    exit_code = TROUBLE

    def format_message(self) -> str:
        return self.message

    def show(self, file: IO[Any] | None = None) -> None:
        print(error_line(self.message), file=file or sys.stderr)


class PlainGroup(TyperGroup):
    """The app: a usage error anywhere below it (parsing, a value, a command) is one line."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except UsageError as exc:
            raise plain(exc) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise plain(exc) from None


class PlainCommand(TyperCommand):
    """A command whose help and usage name arguments by their metavar alone: ``PATH...``, not ``{PATH}... <list[str]>``."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [plain_name(p) if p.param_type_name == "argument" else piece for p in self.get_params(ctx) for piece in p.get_usage_pieces(ctx)]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((plain_name(param), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class App(typer.Typer):
    """``typer.Typer`` whose commands are ``PlainCommand`` unless they name another class, and
    that builds only the command a run names."""

    def command(self, *args: Any, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or PlainCommand, **kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        words = kwargs.get("args", args[0] if args else None)
        return typer.Typer.__call__(self.for_words(sys.argv[1:] if words is None else list(words)), *args, **kwargs)

    def for_words(self, words: list[str]) -> typer.Typer:
        """The app to run for these arguments: when they start with a command's name, the app
        with that command alone. typer builds every command's parameters from its signature
        before it parses a word (twenty milliseconds for the others, at every start); a run of
        one command never needs them. Anything else (help, --version, a mistyped name that
        needs every name for its suggestion) gets the whole app."""
        named = [info for info in self.registered_commands if words and _name(info) == words[0]]
        if not named:
            return self
        alone = copy.copy(self)
        alone.registered_commands = named
        return alone


def _name(info: Any) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__)


def plain_name(param: Any) -> str:
    name = param.metavar or (param.name or "").upper()
    return f"{name}..." if param.nargs != 1 else name


def plain(exc: Exception) -> OneLineError:
    """The one-line form of a usage error."""
    if isinstance(exc, OneLineError):
        return exc
    return OneLineError(_message(exc))


def _message(exc: Any) -> str:
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "budgetcheck"
    param = getattr(exc, "param", None)
    if isinstance(exc, click_errors.NoSuchOption):
        return tr("usage.no_option", option=exc.option_name) + suggestion(exc.option_name, list(exc.possibilities or ()))
    if isinstance(exc, click_errors.MissingParameter) and param is not None:
        return tr("usage.missing", command=command, name=param.metavar or _param_name(param))
    if isinstance(exc, click_errors.BadParameter) and param is not None:
        return _bad_value(_param_name(param), param, exc)
    if isinstance(exc, click_errors.BadOptionUsage) and "requires an argument" in exc.message:
        return tr("usage.needs_value", option=exc.option_name)
    return _other(exc.message, command, ctx)


def _param_name(param: Any) -> str:
    if param.param_type_name == "argument":
        return plain_name(param)
    long = [opt for opt in param.opts if opt.startswith("--")]
    return (long or param.opts)[0]


def _bad_value(option: str, param: Any, exc: Any) -> str:
    """A value the option's type refused: which value, and what it should be."""
    cause = exc.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    if not errors:  # a message of our own (or click's): it names the problem already
        return f"{option}: {_first_line(exc.message)}"
    error = errors[0]
    value, kind, bounds = error.get("input"), error.get("type", ""), error.get("ctx") or {}
    choices = _choices(param)
    shown = repr(str(value))
    if choices and str(value).lower() not in (c.lower() for c in choices):
        return tr("usage.choice", option=option, value=shown, choices=tr("usage.or").join(choices)) + suggestion(str(value), choices)
    for key, message in (("ge", "usage.minimum"), ("gt", "usage.minimum"), ("le", "usage.maximum"), ("lt", "usage.maximum")):
        if key in bounds:
            return tr(message, option=option, value=shown, bound=bounds[key])
    if kind.startswith("int_"):
        return tr("usage.integer", option=option, value=shown)
    if kind.startswith("float_") or kind.startswith("decimal_"):
        return tr("usage.number", option=option, value=shown)
    return f"{option}: {_first_line(re.sub(r'^(Value|Assertion) error, ', '', error.get('msg', '')))}"


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    found = getattr(descriptor, "choices", None) or getattr(getattr(param, "type", None), "choices", None) or ()
    return [str(c.value if isinstance(c, Enum) else c) for c in found]


_NO_COMMAND = deferred_re.compile(r"No such command '([^']*)'")
_EXTRA = deferred_re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)")


def _other(message: str, command: str, ctx: Any) -> str:
    if match := _NO_COMMAND.match(message):
        group: Any = ctx.command if ctx is not None else None
        commands = sorted(group.list_commands(ctx)) if hasattr(group, "list_commands") else []
        name = match[1]
        return tr("usage.no_command", name=repr(name), choices=", ".join(commands)) + suggestion(name, commands)
    if match := _EXTRA.match(message):
        return tr("usage.extra", command=command, value=match[1])
    return _first_line(message)


def _first_line(message: str) -> str:
    return " ".join(message.split())
