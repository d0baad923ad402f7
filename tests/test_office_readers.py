"""Word files as departments write them, Excel workbooks, and the office formats read only once converted.

Every .docx and .xlsx here is built by the test (tests/builders.py); the Word
ones carry their section numbers in Word's automatic numbering, not in the runs.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys

import pytest
from builders import W_NS, write_word
from conftest import SAMPLES

from budgetcheck.engine import lint_paths
from budgetcheck.readers import from_bytes, read
from budgetcheck.source import InputError

docx = pytest.importorskip("docx", reason="needs python-docx (test extra)")
openpyxl = pytest.importorskip("openpyxl", reason="needs openpyxl (test extra)")

SEEDS = ["003_d0cdb9e489cb1e09.txt", "000_c68cd09910643be1.txt"]
FORMS = {
    "numbered sections": {"numbered": ("sections",)},
    "sections numbered through the Heading 1 style": {"numbered": ("sections",), "heading_style": True},
    "numbered items": {"numbered": ("items",)},
}


def _findings(result, path) -> list[tuple[str, str]]:
    """Codes and messages; a message naming the file (N101) names it the same way for every format."""
    return sorted((f.code, f.message.replace(str(path), "FILE")) for f in result.findings)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", SEEDS)
def test_word_automatic_numbering_gives_the_same_findings_as_the_text(tmp_path, builtin_rules, name, form):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    path = write_word(text, tmp_path / "seed.docx", **FORMS[form])
    as_word, as_text = lint_paths([str(path)], builtin_rules), lint_paths([str(SAMPLES / name)], builtin_rules)
    assert not as_word.problems and as_word.documents == as_text.documents
    assert _findings(as_word, path) == _findings(as_text, SAMPLES / name)
    codes = {code for code, _ in _findings(as_word, path)}
    assert "S101" not in codes
    if name.startswith("003"):
        assert {"A101", "A103"} <= codes  # the 会议费 slip, found through the rendered numbering


def test_numbered_sections_are_blocks_with_their_number(tmp_path):
    text = (SAMPLES / "000_c68cd09910643be1.txt").read_text(encoding="utf-8")
    source = read(str(write_word(text, tmp_path / "t.docx", numbered=("sections", "items"), heading_style=True)))
    shown = lambda b: source.text[b.start : b.end]  # noqa: E731
    headings = [b for b in source.blocks if b.kind == "heading"]
    # Two texts: the second restarts at 一 (a w:num with a startOverride, as "restart numbering" makes).
    assert [b.number for b in headings] == [f"{n}、" for n in "一二三四五六七八"] * 2
    assert shown(headings[5]) == "六、资金安排情况" and {b.level for b in headings} == {1}
    items = [b for b in source.blocks if b.kind == "list_item"]
    assert [b.number for b in items] == ["（一）", "（二）", "（三）"] and items[0].level == 1
    assert shown(items[1]).startswith("（二）财政资金实现")
    # The runs hold no number: Word draws it.
    document = docx.Document(tmp_path / "t.docx")
    assert next(p.text for p in document.paragraphs if p.style.name == "Heading 1") == "项目名称"


def test_multilevel_lists_restart_and_inherit_through_styles(tmp_path):
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:suff w:val="{suff}"/></w:lvl>'
        for i, start, fmt, text, suff in [(0, 1, "decimal", "%1.", "nothing"), (1, 1, "decimal", "%1.%2", "space"),
                                          (2, 1, "decimalEnclosedCircle", "%3", "nothing")])
    numbering.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="90">{levels}</w:abstractNum>'))
    num_id = numbering.add_num(90).numId
    styles = document.styles.element
    # A style numbered at level 2, and one based on it that says nothing about numbering.
    styles.append(parse_xml(f'<w:style {W_NS} w:type="paragraph" w:styleId="Sub"><w:name w:val="Sub"/>'
                            f'<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:style>'))
    styles.append(parse_xml(f'<w:style {W_NS} w:type="paragraph" w:styleId="SubBody"><w:name w:val="SubBody"/>'
                            '<w:basedOn w:val="Sub"/></w:style>'))

    def add(text: str, ilvl: int | None = None, style: str | None = None):
        p = document.add_paragraph(text)
        if style:
            p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W_NS} w:val="{style}"/>'))
        if ilvl is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))

    add("总体", 0)
    add("甲", style="Sub")
    add("乙", style="SubBody")
    add("细项", 2)
    add("说明文字")  # not numbered: the list goes on past it
    add("分项", 0)
    add("丙", style="SubBody")
    document.save(tmp_path / "t.docx")
    source = read(str(tmp_path / "t.docx"))
    assert source.text.splitlines() == ["1.总体", "1.1 甲", "1.2 乙", "①细项", "说明文字", "2.分项", "2.1 丙"]
    assert [(b.kind, b.level, b.number) for b in source.blocks][:4] == [
        ("list_item", 1, "1."), ("list_item", 2, "1.1"), ("list_item", 2, "1.2"), ("list_item", 3, "①")]


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCountingThousand", "二十"), (105, "chineseCountingThousand", "一百零五"),
    (3, "chineseLegalSimplified", "叁"), (12, "chineseLegalSimplified", "壹拾贰"), (3, "ideographTraditional", "丙"),
    (2, "decimalEnclosedCircleChinese", "②"), (12, "decimalFullWidth", "１２"), (28, "lowerLetter", "bb"),
    (3, "upperLetter", "C"), (4, "lowerRoman", "iv"), (14, "upperRoman", "XIV"), (5, "bullet", ""),
    (7, "someFutureFormat", "7"),
])
def test_word_number_formats(value, fmt, shown):
    from budgetcheck.readers.docx import format_number

    assert format_number(value, fmt) == shown


def test_text_box_paragraph_is_read_once_after_its_anchor(tmp_path):
    text = (SAMPLES / "003_d0cdb9e489cb1e09.txt").read_text(encoding="utf-8")
    path = write_word(text, tmp_path / "t.docx", textbox=("三、项目实施单位", "本项目由园区党工委统筹实施。"))
    source = read(str(path))
    lines = source.text.splitlines()
    assert lines.count("本项目由园区党工委统筹实施。") == 1  # the Choice, not its VML Fallback copy too
    assert lines[lines.index("三、项目实施单位") + 1] == "本项目由园区党工委统筹实施。"
    anchor = text.splitlines().index("三、项目实施单位") + 1  # one paragraph per line of the text
    assert source.origin_at(source.text.index("本项目由园区党工委统筹实施。")) == {"paragraph": anchor, "textbox": 1}
    assert source.origin_at(source.text.index("云南新平产业园区管理委员会。")) == {"paragraph": anchor + 1}


def test_footnotes_and_running_headers_are_furniture_not_text(tmp_path, builtin_rules):
    text = (SAMPLES / "003_d0cdb9e489cb1e09.txt").read_text(encoding="utf-8")
    path = write_word(text, tmp_path / "t.docx", footnote=("本项目申请预算资金50,000.00元。", "新财复〔2026〕1号。"),
                      header=["云南新平产业园区管理委员会", "2026年部门预算项目文本"])
    source = read(str(path))
    assert [(f.kind, f.text) for f in source.furniture] == [
        ("footnote", "新财复〔2026〕1号。"), ("header", "云南新平产业园区管理委员会\n2026年部门预算项目文本")]
    assert "新财复〔2026〕1号。" not in source.text and "2026年部门预算项目文本" not in source.text
    assert "本项目申请预算资金50,000.00元。2026年批复" in source.text  # no reference mark in the sentence
    plain = lint_paths([str(SAMPLES / "003_d0cdb9e489cb1e09.txt")], builtin_rules)
    assert _findings(lint_paths([str(path)], builtin_rules), path) == _findings(plain, SAMPLES / "003_d0cdb9e489cb1e09.txt")


BREAKDOWN = [("办公费", "25,000.00"), ("党员教育培训", "10,000.00"), ("会议费", "15,000.00")]


@pytest.mark.parametrize("repeat_header", [False, True])
@pytest.mark.parametrize("units", ["in the cells", "in the header"])
def test_amount_tables_give_rows_of_cells_with_header_flags(tmp_path, units, repeat_header):
    if units == "in the cells":
        rows = [["项目", "金额"], *[[item, amount + "元"] for item, amount in BREAKDOWN], ["合计", "50,000.00元"]]
    else:
        rows = [["项目", "金额（元）"], *[[item, amount] for item, amount in BREAKDOWN], ["合计", "50,000.00"]]
    text = "六、资金安排情况\n计划安排资金分别是：\n七、项目实施计划"
    source = read(str(write_word(text, tmp_path / "t.docx", numbered=(), table=rows, table_after="计划安排资金分别是：",
                                 repeat_header=repeat_header)))
    table = [b for b in source.blocks if b.kind == "table_row"]
    assert [[source.text[c.start : c.end] for c in b.cells] for b in table] == rows
    assert [b.header for b in table] == [True, False, False, False, False]
    assert [(b.table, b.row, dict(b.origin)) for b in table][-1] == (1, 5, {"table": 1, "row": 5})
    assert source.text.splitlines()[-1] == "七、项目实施计划"


def test_merged_word_cells_span_their_columns(tmp_path):
    document = docx.Document()
    grid = document.add_table(rows=3, cols=3)
    grid.cell(0, 0).merge(grid.cell(0, 1)).text = "支出项目"
    grid.cell(0, 2).text = "金额（元）"
    grid.cell(1, 0).merge(grid.cell(2, 0)).text = "商品和服务支出"
    grid.cell(1, 1).text, grid.cell(1, 2).text = "办公费", "25,000.00"
    grid.cell(2, 1).text, grid.cell(2, 2).text = "会议费", "15,000.00"
    document.save(tmp_path / "t.docx")
    source = read(str(tmp_path / "t.docx"))
    cells = [[(source.text[c.start : c.end], c.column, c.span) for c in b.cells] for b in source.blocks]
    assert cells == [[("支出项目", 0, 2), ("金额（元）", 2, 1)],
                     [("商品和服务支出", 0, 1), ("办公费", 1, 1), ("25,000.00", 2, 1)],
                     [("", 0, 1), ("会议费", 1, 1), ("15,000.00", 2, 1)]]  # the merged text once
    assert [b.header for b in source.blocks] == [True, False, False]


def _workbook(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "项目支出绩效目标表"
    sheet.append(["项目", "金额（元）", "指标值"])
    sheet.append(["办公费", 25000, 0.85])
    sheet.append(["会议费", 15000.5, 1])
    sheet.append(["合计", 40000.5, None])
    sheet.append(["其他", 3, None])
    sheet.append([None, 4, None])
    sheet.merge_cells("A5:A6")
    for row in range(2, 7):
        sheet.cell(row, 2).number_format = "#,##0.00"
        sheet.cell(row, 3).number_format = "0%"
    sheet.cell(6, 2).number_format = "General"
    second = book.create_sheet("Sheet2")
    second.append(["2026年项目绩效目标表"])
    second.merge_cells("A1:C1")
    second.append(["指标", "目标值"])
    second.append(["培训人次", 120])
    book.save(path)
    return path


def test_xlsx_rows_show_cells_as_excel_displays_them(tmp_path):
    source = read(str(_workbook(tmp_path / "t.xlsx")))
    assert source.text.splitlines() == [
        "项目支出绩效目标表",  # no title row: the sheet's name stands above its table
        "项目\t金额（元）\t指标值", "办公费\t25,000.00\t85%", "会议费\t15,000.50\t100%", "合计\t40,000.50", "其他\t3.00", "\t4",
        "2026年项目绩效目标表",  # a title row; a default sheet name says nothing
        "指标\t目标值", "培训人次\t120",
    ]
    rows = [b for b in source.blocks if b.kind == "table_row"]
    assert [(dict(b.origin), b.table, b.header) for b in rows][:2] == [({"sheet": 1, "row": 1}, 1, True), ({"sheet": 1, "row": 2}, 1, False)]
    assert [dict(b.origin) for b in rows][-2:] == [{"sheet": 2, "row": 2}, {"sheet": 2, "row": 3}]
    assert [b.header for b in rows if b.table == 2] == [True, False]


def test_xlsx_is_linted_like_any_input(tmp_path, builtin_rules):
    result = lint_paths([str(_workbook(tmp_path / "t.xlsx"))], builtin_rules)
    assert not result.problems


@pytest.mark.parametrize(("suffix", "target"), [(".doc", "docx"), (".wps", "docx"), (".odt", "docx"), (".rtf", "docx"),
                                                (".xls", "xlsx"), (".et", "xlsx")])
def test_formats_read_only_once_converted_name_the_command(suffix, target):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64  # an old binary Office file: NUL bytes
    with pytest.raises(InputError, match=rf"^\{suffix} is .*; convert it first: soffice --headless --convert-to {target} 'a b{suffix}'$"):
        from_bytes(ole, f"a b{suffix}")


def test_old_formats_in_a_folder_are_reported_and_the_rest_checked(tmp_path):
    (tmp_path / "003.txt").write_bytes((SAMPLES / "003_d0cdb9e489cb1e09.txt").read_bytes())
    (tmp_path / "旧稿.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    (tmp_path / "表.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    (tmp_path / "~$旧稿.doc").write_bytes(b"lock")  # Word's lock file: not a document
    result = subprocess.run([sys.executable, "-m", "budgetcheck", "lint", "--format", "json", str(tmp_path)],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        (f"budgetcheck: error: {tmp_path / '旧稿.doc'}: .doc is an old Word format; convert it first: "
         f"soffice --headless --convert-to docx {shlex.quote(str(tmp_path / '旧稿.doc'))}"),
        (f"budgetcheck: error: {tmp_path / '表.xls'}: .xls is an old Excel format; convert it first: "
         f"soffice --headless --convert-to xlsx {shlex.quote(str(tmp_path / '表.xls'))}"),
    ]
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 1 and "A103" in {f["code"] for f in report["findings"]}


def test_broken_xlsx_is_a_one_line_error():
    with pytest.raises(InputError, match=r"^not a readable \.xlsx file"):
        from_bytes(b"this is not what the suffix says" * 10, "broken.xlsx")
