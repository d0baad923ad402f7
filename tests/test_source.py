"""Bytes to text: encodings, newlines and character positions."""

import codecs

import pytest

from budgetcheck.source import InputError, read_source

TEXT = "一、项目名称\n测试项目经费\n六、资金安排情况\n预算5万元。\n"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("gbk"),
        lambda t: t.encode("utf-16"),  # with BOM
        lambda t: t.encode("utf-16-le"),
        lambda t: t.encode("utf-16-be"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16le", "utf16be", "crlf", "bom-crlf", "gb-crlf"],
)
def test_decodes_every_supported_encoding(tmp_path, encode):
    path = tmp_path / "t.txt"
    path.write_bytes(encode(TEXT))
    source = read_source(path)
    assert source.text == TEXT


def test_positions_are_characters_not_bytes(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8"))
    source = read_source(path)
    offset = source.text.index("5万元")
    assert source.position(offset) == (4, 3)
    assert source.line_text(4) == "预算5万元。"


def test_undecodable_bytes_are_an_input_error(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x81\x30\xff\xfe\x00" * 3 + b"\xff\xff\xff")
    with pytest.raises(InputError):
        read_source(path)


def test_binary_file_is_an_input_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary"):
        read_source(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")


def test_form_feeds_are_pages_and_an_empty_one_is_blank(tmp_path):
    """pdftotext ends every page with a form feed; an empty page is two feeds with only space between."""
    path = tmp_path / "t.txt"
    path.write_text("封面\n\f目录\n\f表一\n\f \n\f表二\n\f", encoding="utf-8")
    source = read_source(str(path))
    count, blanks = source.pages
    assert count == 5
    assert [(page, source.text[offset:offset + 2]) for page, offset in blanks] == [(4, "表二")]


def test_a_text_without_form_feeds_has_no_pages(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("封面\n\n\n目录\n", encoding="utf-8")
    assert read_source(str(path)).pages == (0, ())
