"""Rule selection by code, prefix or name, as ruff does it.

``select`` and ``ignore`` take codes or prefixes (``A``, ``S1``, ``T102``,
``ALL``) or rule names (``items-sum``, the name reports show in brackets); where
both match a code, the longer (more specific) selector wins, and on a tie
``ignore`` wins. A name counts as its full code.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from budgetcheck.i18n import tr


class SelectionError(Exception):
    """A selector that matches no rule; the message says which option holds it."""


def check_selectors(codes: list[str], names: Mapping[str, str] | None = None, **options: list[str]) -> None:
    """Every selector must be ALL, a code, a prefix of one or a rule name (names: name → code)."""
    names = names or {}
    for option, selectors in options.items():
        for selector in selectors:
            if selector.lower() not in names and not _matches_a_code(selector.upper(), codes):
                raise SelectionError(unknown(selector, codes, names, f"--{option.replace('_', '-')}"))


def _matches_a_code(selector: str, codes: list[str]) -> bool:
    return selector == "ALL" or any(code.startswith(selector) for code in codes)


def unknown(selector: str, codes: list[str], names: Mapping[str, str], option: str = "") -> str:
    """The one-line error for a code or name that is no rule's, with the closest codes and names."""
    message = tr("rules.unknown_selector", option=option, selector=repr(selector)) if option else tr("rules.unknown", name=repr(selector))
    return message + suggestion(selector, [*codes, *names])


def suggestion(value: str, choices: list[str]) -> str:
    """" (did you mean items-sum?)" for the closest choices (case-insensitive), or ""."""
    by_key = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(value.lower(), list(by_key), n=3, cutoff=0.6)
    return tr("usage.suggest", suggestion=tr("usage.or").join(by_key[c] for c in close)) if close else ""


def normalise(selectors: list[str], names: Mapping[str, str] | None = None) -> list[str]:
    """Names as their codes, codes and prefixes upper-cased: ['items-sum', 'a1'] → ['A101', 'A1']."""
    names = names or {}
    return [names.get(s.lower(), s.upper()) for s in selectors]


def is_selected(code: str, select: list[str], ignore: list[str]) -> bool:
    return _specificity(code, select) > _specificity(code, ignore)


def _specificity(code: str, selectors: list[str]) -> int:
    """Length of the longest selector matching ``code`` (ALL counts as 0); -1 if none."""
    lengths = [0 if s == "ALL" else len(s) for s in selectors if s == "ALL" or code.startswith(s)]
    return max(lengths, default=-1)
