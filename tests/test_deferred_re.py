"""Module-level patterns compiled at first use (budgetcheck.deferred_re)."""

import pickle
import re

import pytest

from budgetcheck import deferred_re


def test_not_compiled_until_first_use_then_like_re_compile():
    pattern = deferred_re.compile(r"(?P<amount>\d+)万元", re.ASCII)
    assert pattern._compiled is None  # importing a module costs nothing for it
    text = "会议费5万元，培训费12万元"
    assert [m.group("amount") for m in pattern.finditer(text)] == ["5", "12"]
    assert pattern._compiled is re.compile(r"(?P<amount>\d+)万元", re.ASCII)
    assert pattern.search(text).span() == (3, 6)
    assert pattern.sub("#", text) == "会议费#，培训费#"
    assert (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex) == (r"(?P<amount>\d+)万元", re.ASCII, 1, {"amount": 1})


def test_every_attribute_of_a_pattern_is_there():
    pattern = deferred_re.compile("a")
    public = {name for name in dir(re.compile("a")) if not name.startswith("_")}
    assert public == set(deferred_re._ATTRIBUTES)
    with pytest.raises(AttributeError):
        _ = pattern.no_such_attribute


def test_real_pickle_and_repr():
    pattern = deferred_re.compile("[一二三]、")
    assert deferred_re.real(pattern) is re.compile("[一二三]、")
    assert deferred_re.real(re.compile("x")) is re.compile("x")
    copy = pickle.loads(pickle.dumps(pattern))
    assert copy.match("二、").group() == "二、"
    assert repr(pattern) == f"deferred {re.compile('[一二三]、')!r}"


def test_a_bad_pattern_fails_at_first_use():
    pattern = deferred_re.compile("(")
    with pytest.raises(re.error):
        pattern.search("x")


def test_every_deferred_pattern_of_the_package_compiles():
    """A slip in a rarely used constant pattern would otherwise surface only when a text needs it."""
    import importlib
    import pkgutil

    import budgetcheck

    found = 0
    for module in pkgutil.walk_packages(budgetcheck.__path__, "budgetcheck."):
        if module.name.startswith("budgetcheck.__main__"):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            items = value if isinstance(value, (list, tuple)) else (value,)
            for item in items:
                for candidate in item if isinstance(item, tuple) else (item,):
                    if isinstance(candidate, deferred_re._Deferred):
                        deferred_re.real(candidate)
                        found += 1
    assert found > 100  # the package's constants are deferred (about 140)
