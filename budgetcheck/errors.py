"""The two ways a run can fail on one input, shared by every layer that can raise them."""

from __future__ import annotations


class InputError(Exception):
    """A path that cannot be read as text; the message is shown to the user as is."""


class CheckError(Exception):
    """A rule that cannot be applied to a text (e.g. its regex ran away); reported with the rule's code."""
