"""Rule selection by code or prefix, as ruff does it.

``select`` and ``ignore`` take codes or prefixes (``A``, ``S1``, ``T102``,
``ALL``); where both match a code, the longer (more specific) selector wins, and
on a tie ``ignore`` wins.
"""

from __future__ import annotations


class SelectionError(Exception):
    """A selector that matches no rule; the message says which option holds it."""


def check_selectors(codes: list[str], **options: list[str]) -> None:
    for option, selectors in options.items():
        for selector in selectors:
            if selector != "ALL" and not any(code.startswith(selector) for code in codes):
                raise SelectionError(f"--{option.replace('_', '-')}: {selector!r} matches no rule code")


def is_selected(code: str, select: list[str], ignore: list[str]) -> bool:
    return _specificity(code, select) > _specificity(code, ignore)


def _specificity(code: str, selectors: list[str]) -> int:
    """Length of the longest selector matching ``code`` (ALL counts as 0); -1 if none."""
    lengths = [0 if s == "ALL" else len(s) for s in selectors if s == "ALL" or code.startswith(s)]
    return max(lengths, default=-1)
