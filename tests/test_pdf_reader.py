"""The PDF reader's blocks: table rows with cells, headings, 目录 entries, furniture and footnotes apart.

Built PDFs (tests/builders.py) check each layout rule on its own; the real publications in
tests/data/real-docs/ check that the reader sees what a person reading them sees (the facts
asserted here were read off the pages by eye).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import write_pdf
from conftest import SAMPLES, make_text

from budgetcheck.readers import read
from budgetcheck.source import InputError

pytest.importorskip("pypdfium2", reason="needs pypdfium2 (pdf extra)")
pytest.importorskip("reportlab", reason="needs reportlab (test extra)")

REAL = Path(__file__).parent / "data" / "real-docs"
REAL_PDFS = sorted(REAL.glob("*.pdf"))


def _blocks(source, page=None, kind=None):
    return [b for b in source.blocks if (page is None or b.page == page) and (kind is None or b.kind == kind)]


def _text(source, block):
    return source.text[block.start : block.end]


def _cells(source, block):
    return [source.text[c.start : c.end] for c in block.cells]


@pytest.fixture(scope="module")
def doc005():
    return read(str(REAL / "005_shpt_shangwuwei_2025_dept_budget.pdf"))


# --- built PDFs -------------------------------------------------------------------------------


def test_two_line_running_header_and_page_numbers_are_furniture(tmp_path):
    text = (SAMPLES / "000_c68cd09910643be1.txt").read_text(encoding="utf-8")
    path = write_pdf(text, tmp_path / "t.pdf", header=("上海市某区2026年部门预算", "重点项目文本汇编"))
    source = read(str(path))
    assert "上海市某区2026年部门预算" not in source.text and "重点项目文本汇编" not in source.text
    kinds = [(f.kind, f.text) for f in source.furniture]
    pages = len({f.origin["page"] for f in source.furniture})
    assert pages == 3
    assert kinds.count(("header", "上海市某区2026年部门预算")) == kinds.count(("header", "重点项目文本汇编")) == pages
    assert ("page_number", "— 2 —") in kinds


def test_footnote_in_small_type_is_furniture_and_its_mark_leaves_the_sum_alone(tmp_path):
    body = "本项目用于举办培训，其中会议费15,000.00元，培训费35,000.00元。"
    path = write_pdf(make_text(资金安排情况=body), tmp_path / "t.pdf", footnote=("会议费15,000.00元", "按上年标准测算。"))
    source = read(str(path))
    assert body in source.text.splitlines()
    assert "15,000.001" not in source.text and "按上年标准测算" not in source.text
    (note,) = [f for f in source.furniture if f.kind == "footnote"]
    # A space between a digit and a CJK character is layout, and is dropped.
    assert note.text == "1按上年标准测算。" and note.origin["page"] == 1


def test_a_ruled_grid_is_table_rows_with_cells_and_a_header(tmp_path):
    rows = [["项目", "资金安排", "金额（元）"], ["培训", "讲师费", "20,000.00"], ["会议", "场地费", "30,000.00"], ["合计", "", "50,000.00"]]
    text = make_text(项目实施计划="资金安排如下：")
    source = read(str(write_pdf(text, tmp_path / "t.pdf", header=None, table=rows, table_after="资金安排如下：")))
    table = _blocks(source, kind="table_row")
    assert [_cells(source, b) for b in table] == rows
    assert [b.header for b in table] == [True, False, False, False]
    assert {b.table for b in table} == {1} and [b.row for b in table] == [1, 2, 3, 4]
    # Around the grid, the text is blocks of its own kinds, never rows.
    before = source.blocks[source.blocks.index(table[0]) - 1]
    assert before.kind == "paragraph" and _text(source, before) == "资金安排如下："


def test_lines_wrapped_inside_numbers_and_words_join_exactly(tmp_path):
    long = "本年度预算安排" + "，".join(f"第{i}批设备购置费用1{i:02d},345.67万元" for i in range(1, 20)) + "。"
    source = read(str(write_pdf(make_text(资金安排情况=long), tmp_path / "t.pdf", header=None)))
    (block,) = [b for b in source.blocks if _text(source, b) == long]
    assert block.kind == "paragraph"


def test_numbered_headings_and_list_items(tmp_path):
    text = make_text(项目实施内容="1、开展社区服务培训和服务设施维护，覆盖全区十个街道镇的全部社区，每季度组织一次集中培训并进行考核。")
    source = read(str(write_pdf(text, tmp_path / "t.pdf", header=None)))
    headings = {_text(source, b): (b.level, b.number) for b in _blocks(source, kind="heading")}
    assert headings["一、项目名称"] == (1, "一、")
    (item,) = _blocks(source, kind="list_item")
    assert item.number == "1、" and _text(source, item).startswith("1、开展社区服务培训")


def test_a_pdf_of_nothing_but_page_numbers_is_an_input_error(tmp_path):
    path = write_pdf("", tmp_path / "t.pdf", header=None)
    with pytest.raises(InputError, match="no text in this PDF besides running headers and page numbers"):
        read(str(path))


def test_encrypted_pdf_is_a_one_line_error(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "secret.pdf"), encrypt=StandardEncryption("user", "owner"))
    canvas.drawString(100, 700, "secret")
    canvas.save()
    with pytest.raises(InputError, match="^encrypted PDF; cannot read it without the password$"):
        read(str(tmp_path / "secret.pdf"))


# --- the real publications --------------------------------------------------------------------


@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.name[:3])
def test_every_real_pdf_reads_into_blocks_and_tables(path):
    source = read(str(path))
    kinds = {b.kind for b in source.blocks}
    assert {"heading", "paragraph", "table_row", "toc_entry"} <= kinds
    assert all("\t" not in _text(source, b) for b in source.blocks if b.kind != "table_row")


def test_005_table_of_contents_page_is_toc_entries(doc005):
    page = _blocks(doc005, page=2)
    assert {b.kind for b in page} == {"toc_entry"} and len(page) == 17
    texts = [_text(doc005, b) for b in page]
    assert texts[0] == "目录" and "4．2025年部门财政拨款收支预算总表" in texts


def test_005_income_and_expenditure_table_has_its_cells(doc005):
    rows = [_cells(doc005, b) for b in _blocks(doc005, page=9, kind="table_row")]
    assert ["项目", "预算数", "项目", "预算数"] in rows
    assert ["一、财政拨款收入", "371,514,655.00", "一、一般公共服务支出", "21,601,733.00"] in rows
    assert ["收入总计", "371,514,655.00", "支出总计", "371,514,655.00"] in rows
    header = [b.header for b in _blocks(doc005, page=9, kind="table_row")]
    assert header[:3] == [True, True, False]


def test_005_function_table_rows_keep_their_codes_apart(doc005):
    rows = [_cells(doc005, b) for b in _blocks(doc005, page=10, kind="table_row")]
    assert ["201", "13", "01", "行政运行", "9,389,913.00", "9,389,913.00"] == rows[4][:6]


def test_005_three_public_expenses_figures_are_a_row(doc005):
    rows = [[c for c in _cells(doc005, b) if c] for b in _blocks(doc005, page=21, kind="table_row")]
    assert ["1.00", "1.00", "171.01"] in rows


def test_005_project_text_headings(doc005):
    headings = {_text(doc005, b): b for b in _blocks(doc005, page=23, kind="heading")}
    assert headings["科技创新专项经费情况说明"].level == 1
    assert headings["一、项目概述"].number == "一、" and headings["一、项目概述"].level == 1
    assert headings["七、绩效目标"].number == "七、"


def test_005_body_text_is_paragraphs_joined_across_lines(doc005):
    lines = [doc005.text[b.start : b.end] for b in _blocks(doc005, page=25)]
    assert any("支持商业综合服务能力提升80.00万元，合计1410.00万。" in line for line in lines)
    assert not _blocks(doc005, page=3, kind="table_row") and not _blocks(doc005, page=22, kind="table_row")
    # The document's own slip (a space before a full-width comma) is kept for the reviewer.
    assert "区政府工作部门 ，为正处级" in doc005.text


def test_012_onlyoffice_numbers_stay_in_their_sentence():
    source = read(str(REAL / "012_shpt_caizhengju_2024_dept_final_accounts.pdf"))
    assert "卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占15.16%；" in source.text
    rows = [_cells(source, b) for b in _blocks(source, page=6, kind="table_row")]
    assert ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"] in rows


def test_table_notes_stay_in_the_text():
    # "注：…" under a table is the table's note (and may hold an error), not a footnote.
    source = read(str(REAL / "009_shpt_wanli_jiedao_2024_dept_budget.pdf"))
    assert "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。" in source.text.splitlines()
    template = read(str(REAL / "014_shpt_dept_final_accounts_template_2024.pdf"))
    assert "仍保留该表格式" in template.text and not [f for f in template.furniture if f.kind == "footnote"]


def test_a_text_heading_wrapped_onto_two_lines_keeps_its_department_and_year(tmp_path, builtin_rules):
    from budgetcheck.document import split_documents
    from budgetcheck.engine import lint_paths

    seed = (SAMPLES / "003_d0cdb9e489cb1e09.txt").read_text(encoding="utf-8")
    long_name = "云南省玉溪市新平彝族傣族自治县云南新平产业园区管理委员会"
    text = seed.replace("云南新平产业园区管理委员会2026年", long_name + "2026年", 1)
    path = write_pdf(text, tmp_path / "wrapped.pdf")
    (doc,) = split_documents(read(str(path)))
    assert (doc.department, doc.year) == (long_name, 2026)
    plain = tmp_path / "wrapped.txt"
    plain.write_text(text, encoding="utf-8")
    codes = lambda p: sorted(f.code for f in lint_paths([str(p)], builtin_rules).findings)  # noqa: E731
    assert codes(path) == codes(plain)


def test_a_space_between_a_year_and_its_character_is_layout(tmp_path, builtin_rules):
    from budgetcheck.engine import lint_paths

    path = write_pdf("2026年部门预算重点领域财政项目文本（一）\n一、项目名称\n2026 年社区服务经费\n", tmp_path / "spaced.pdf")
    result = lint_paths([str(path)], builtin_rules)
    assert result.texts[0].title == "2026年社区服务经费"
    assert [f.code for f in result.findings if f.code == "N102"] == []  # no "含有空格" from the text layer


def _pages_pdf(path: Path, pages: list[str]) -> Path:
    """A PDF of one page per entry: "text:…" writes that line, "blank" leaves the page empty,
    "picture" draws only an image (a scanned page has no characters, yet is not blank)."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    canvas = Canvas(str(path), pagesize=A4)
    for page in pages:
        if page.startswith("text:"):
            canvas.setFont("STSong-Light", 12)
            canvas.drawString(72, 760, page[5:])
        elif page == "picture":
            canvas.drawImage(ImageReader(Image.new("RGB", (40, 40), "gray")), 72, 500, 200, 200)
        canvas.showPage()
    canvas.save()
    return path


def test_a_page_with_nothing_on_it_is_blank_and_a_picture_page_is_not(tmp_path):
    pdf = _pages_pdf(tmp_path / "p.pdf", ["text:收入支出决算总表", "text:财政拨款收支总表", "blank", "picture",
                                          "text:一般公共预算财政拨款支出决算表"])
    source = read(str(pdf))
    assert source.layout is not None and source.layout.pages == 5
    count, blanks = source.pages
    assert count == 5 and [page for page, _ in blanks] == [3]
    assert source.text[blanks[0][1]:].startswith("一般公共预算财政拨款支出决算表")  # where the text goes on
