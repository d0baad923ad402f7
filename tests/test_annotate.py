"""budgetcheck annotate: one note per finding, on the finding's words; inputs never written."""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from conftest import REPO, SAMPLES
from typer.testing import CliRunner

from budgetcheck.cli import app
from budgetcheck.engine import lint_paths
from budgetcheck.settings import Options, resolve

SEED = next(SAMPLES.glob("003_*.txt"))
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
