"""Time reading each real PDF: budgetcheck's reader (pypdfium2) against pdfplumber's extract_text alone.

    python bench/pdf_read.py [--repeat 3] [files...]   (default: tests/data/real-docs/*.pdf)

pdfplumber is not a dependency of budgetcheck; install it in the bench environment only
(pip install pdfplumber). Without it only the reader is timed. The fastest of --repeat runs
is reported, as in run.py: other load on the machine only adds time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "real-docs"


def best(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def plumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import pypdfium2

    from budgetcheck.readers import read

    try:
        import pdfplumber  # noqa: F401
        have_plumber = True
    except ImportError:
        have_plumber = False
    print(f"{'file':<52} {'pages':>5} {'reader':>8} {'pdfplumber':>11} {'ratio':>6}")
    for path in args.files or sorted(REAL.glob("*.pdf")):
        read(str(path))  # the first read imports the reader's modules
        ours = best(lambda path=path: read(str(path)), args.repeat)
        pages = len(pypdfium2.PdfDocument(path))
        theirs = best(lambda path=path: plumber(path), args.repeat) if have_plumber else float("nan")
        print(f"{path.name:<52} {pages:>5} {ours:>7.3f}s {theirs:>10.2f}s {theirs / ours:>5.0f}×")


if __name__ == "__main__":
    main()
