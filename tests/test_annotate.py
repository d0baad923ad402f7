"""budgetcheck annotate: one note per finding, on the finding's words; inputs never written."""

from __future__ import annotations

import ctypes
import hashlib
import re
import shutil
import zipfile

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from builders import write_pdf, write_word
from conftest import REPO, SAMPLES
from typer.testing import CliRunner

from budgetcheck.annotate.spans import words
from budgetcheck.cli import app
from budgetcheck.engine import lint_paths
from budgetcheck.readers import read
from budgetcheck.settings import Options, resolve

SEED = next(SAMPLES.glob("003_*.txt"))
SEEDS = sorted(SAMPLES.glob("*.txt"))
PDF = REPO / "tests" / "data" / "real-docs" / "009_shpt_wanli_jiedao_2024_dept_budget.pdf"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def findings_of(path):
    settings = resolve(Options())
    return lint_paths([str(path)], settings.rules).findings


def anchored_texts(docx) -> dict[str, str]:
    """Comment id → the document text between its commentRangeStart and commentRangeEnd."""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    texts = {}
    for start in re.finditer(r'<w:commentRangeStart w:id="(\d+)"/>', xml):
        end = xml.index(f'<w:commentRangeEnd w:id="{start.group(1)}"/>', start.end())
        texts[start.group(1)] = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml[start.end() : end]))
    return texts


def test_a_text_gets_a_word_copy_with_a_comment_on_each_findings_words(tmp_path):
    source = tmp_path / SEED.name
    shutil.copy(SEED, source)
    before = digest(source)
    result = CliRunner().invoke(app, ["annotate", str(source)])
    assert result.exit_code == 1, result.output  # findings, as lint
    copy = source.with_suffix(".reviewed.docx")
    findings = findings_of(source)
    anchored = anchored_texts(copy)
    assert len(anchored) == len(findings) > 0
    lines = source.read_text(encoding="utf-8").splitlines()
    words = sorted(lines[f.line - 1][f.column - 1 : f.end_column - 1] for f in findings if f.line == f.end_line)
    assert sorted(anchored.values()) == words
    comments = zipfile.ZipFile(copy).read("word/comments.xml").decode()
    assert all(f.code in comments for f in findings) and 'w:author="budgetcheck"' in comments
    assert digest(source) == before


def test_a_pdf_gets_a_highlight_on_each_finding_and_stays_unchanged(tmp_path):
    before = digest(PDF)
    result = CliRunner().invoke(app, ["annotate", str(PDF), "-o", str(tmp_path)])
    assert result.exit_code == 1, result.output
    copy = tmp_path / "009_shpt_wanli_jiedao_2024_dept_budget.reviewed.pdf"
    document = pdfium.PdfDocument(str(copy))
    highlights = 0
    for page in document:
        for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
            annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
            highlights += pdfium_c.FPDFAnnot_GetSubtype(annotation) == pdfium_c.FPDF_ANNOT_HIGHLIGHT
            pdfium_c.FPDFPage_CloseAnnot(annotation)
    assert highlights == len(findings_of(PDF)) > 0
    assert digest(PDF) == before


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_each_seed_as_word_gets_a_comment_on_each_findings_words(tmp_path, seed):
    source = write_word(seed.read_text(encoding="utf-8"), tmp_path / f"{seed.stem}.docx", numbered=("sections", "items"))
    before = digest(source)
    result = CliRunner().invoke(app, ["annotate", str(source)])
    assert result.exit_code == 1, result.output
    findings, text = findings_of(source), read(str(source))
    anchored = anchored_texts(source.with_suffix(".reviewed.docx"))
    assert len(anchored) == len(findings) > 0
    # Word draws an auto-number ("四、", "（二）") from numbering.xml: a comment can only start after it
    expected = sorted(_AUTO_NUMBER.sub("", squashed(words(text, f))) for f in findings)
    assert sorted(_AUTO_NUMBER.sub("", squashed(a)) for a in anchored.values()) == expected
    assert digest(source) == before


_AUTO_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def highlighted(copy) -> list[tuple[str, str]]:
    """(note, page text under the highlight's quadrilaterals) of each highlight, sticky notes as ("", note)."""
    found = []
    document = pdfium.PdfDocument(str(copy))
    for page in document:
        textpage = page.get_textpage()
        for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
            annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
            contents = _annotation_text(annotation)
            if pdfium_c.FPDFAnnot_GetSubtype(annotation) == pdfium_c.FPDF_ANNOT_HIGHLIGHT:
                quad, under = pdfium_c.FS_QUADPOINTSF(), []
                for q in range(pdfium_c.FPDFAnnot_CountAttachmentPoints(annotation)):
                    pdfium_c.FPDFAnnot_GetAttachmentPoints(annotation, q, quad)
                    xs, ys = (quad.x1, quad.x2, quad.x3, quad.x4), (quad.y1, quad.y2, quad.y3, quad.y4)
                    under.append(textpage.get_text_bounded(min(xs) + 0.5, min(ys) + 0.5, max(xs) - 0.5, max(ys) - 0.5))
                found.append((contents, "".join(under)))
            else:
                found.append(("", contents))
            pdfium_c.FPDFPage_CloseAnnot(annotation)
        textpage.close()
    document.close()
    return found


def _annotation_text(annotation) -> str:
    size = pdfium_c.FPDFAnnot_GetStringValue(annotation, b"Contents", None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFAnnot_GetStringValue(annotation, b"Contents", ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size)
    return buffer.raw[: size - 2].decode("utf-16-le")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_each_seed_as_pdf_gets_a_highlight_on_each_findings_words(tmp_path, seed):
    source = write_pdf(seed.read_text(encoding="utf-8"), tmp_path / f"{seed.stem}.pdf")
    before = digest(source)
    result = CliRunner().invoke(app, ["annotate", str(source)])
    assert result.exit_code == 1, result.output
    findings, text = findings_of(source), read(str(source))
    notes = highlighted(source.with_suffix(".reviewed.pdf"))
    assert all(contents for contents, _ in notes)  # every note is a highlight, none fell back to a sticky note
    assert len(notes) == len(findings) > 0
    expected = sorted((f.code, squashed(words(text, f))) for f in findings)
    assert sorted((contents.split("（", 1)[0], squashed(under)) for contents, under in notes) == expected
    assert digest(source) == before
