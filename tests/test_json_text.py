"""budgetcheck.json_text writes exactly what ``json.dumps(value, ensure_ascii=False, indent=2)`` does."""

from __future__ import annotations

import enum
import io
import json

import pytest

from budgetcheck import json_text


class Level(str, enum.Enum):
    ERROR = "error"


class Rank(enum.IntEnum):
    FIRST = 1


class Text(str):
    pass


VALUES = [
    {},
    [],
    (),
    "",
    0,
    None,
    True,
    {"a": {}, "b": [], "c": [[]], "d": [{}]},
    {"path": "收入/支出.txt", "line": 3, "column": -1, "ok": False, "none": None, "ratio": 0.1 + 0.2},
    {"control": "a\u0000b\u001fc\n\t\r\"\\/", "lines": "\u2028\u2029", "emoji": "😀", "lone": "\ud800"},
    {"big": 10**30, "small": -(10**20), "float": 1e16, "tiny": 5e-324, "neg0": -0.0},
    {"nan": float("nan"), "inf": [float("inf"), float("-inf")]},
    {"enum": Level.ERROR, "int_enum": Rank.FIRST, "subclass": Text("x"), "nested": [Level.ERROR, {"k": Rank.FIRST}]},
    {"keys": {3: "int", 2.5: "float", True: "bool", None: "none"}, "after": [1, 2]},
    {"tuple": (1, ("a", "b")), "deep": [[[[{"x": [1, {"y": "z"}]}]]]]},
    [1, "two", [3, [4, {"five": 5}]], {}, []],
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_the_text_is_the_standard_librarys(value):
    stream = io.StringIO()
    json_text.write(value, stream)
    assert stream.getvalue() == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_what_the_encoder_refuses_is_refused_alike():
    with pytest.raises(TypeError, match="not JSON serializable"):
        json_text.write({"findings": [{"when": object()}]}, io.StringIO())
    with pytest.raises(TypeError):
        json_text.write({(1, 2): "tuple key"}, io.StringIO())


def test_batches_split_a_long_report_without_changing_it(monkeypatch):
    monkeypatch.setattr(json_text, "_BATCH", 7)
    writes: list[str] = []

    class Stream:
        def write(self, text: str) -> int:
            writes.append(text)
            return len(text)

    value = {"findings": [{"code": f"A{i}", "data": {"items": [[i, "一"], []]}} for i in range(40)]}
    json_text.write(value, Stream())  # type: ignore[arg-type]
    assert len(writes) > 5
    assert "".join(writes) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"
