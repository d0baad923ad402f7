"""Time each real PDF: budgetcheck's whole lint and its reader (pypdfium2) against pdfplumber's extract_text.

    python bench/pdf_read.py [--repeat 5] [--wall-repeat 3] [files...]   (default: tests/data/real-docs/*.pdf)

In process, CPU time (time.process_time: the machine is shared, and other load adds wall time
but hardly CPU time), the fastest of --repeat rounds, each round running the three in turn
(the machine's speed drifts: taken in turn, the contenders see the same drift):
  lint    engine.lint_paths([path], rules), the built-in rules loaded beforehand: reading and checking
  reader  budgetcheck.readers.read(path) alone
  plumber pdfplumber's extract_text over all pages
and "ratio" = plumber / lint: the issue's target is at least 10.

Then (unless --wall-repeat 0), wall time of the whole commands, interpreter start-up included (fastest of --wall-repeat):
`budgetcheck lint FILE` against `python -c` opening the file with pdfplumber and extracting every page.

pdfplumber is not a dependency of budgetcheck; install it in the bench environment only
(pip install pdfplumber). Without it only budgetcheck is timed.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import time
from pathlib import Path

REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "real-docs"
PLUMBER = "import sys, pdfplumber\nwith pdfplumber.open(sys.argv[1]) as pdf:\n    [page.extract_text() for page in pdf.pages]"


def best(function, repeat: int, clock=time.process_time) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        function()
        times.append(clock() - start)
    return min(times)


def interleaved(functions: dict, repeat: int) -> dict[str, float]:
    """The fastest CPU time of each function over ``repeat`` rounds, one run of each per round.

    On a shared machine the speed of the same code drifts by a third within minutes; timing
    the contenders in turn, rather than one after the other, lets the drift touch them alike."""
    fastest = dict.fromkeys(functions, float("inf"))
    for _ in range(repeat):
        for name, function in functions.items():
            gc.collect()  # each starts from a clean heap, not with the garbage of the one before
            fastest[name] = min(fastest[name], best(function, 1))
    return fastest


def plumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def command(args: list[str]) -> None:
    # lint exits 1 when it finds something: that is its normal outcome here
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--wall-repeat", type=int, default=3)
    args = parser.parse_args()
    import pypdfium2

    from budgetcheck.catalogue import builtin_rules_dir, load_rules
    from budgetcheck.engine import lint_paths
    from budgetcheck.readers import read

    try:
        import pdfplumber  # noqa: F401
        have_plumber = True
    except ImportError:
        have_plumber = False
    rules = load_rules([builtin_rules_dir()])
    files = args.files or sorted(REAL.glob("*.pdf"))
    print("CPU time in process, fastest of", args.repeat, "rounds (lint, reader and pdfplumber in turn in each)")
    print(f"{'file':<50} {'pages':>5} {'lint':>7} {'reader':>7} {'plumber':>8} {'ratio':>6}")
    for path in files:
        lint_paths([str(path)], rules)  # the first run imports the reader's and the rules' modules
        contenders = {"lint": lambda path=path: lint_paths([str(path)], rules), "reader": lambda path=path: read(str(path))}
        if have_plumber:
            contenders["plumber"] = lambda path=path: plumber(path)
        fastest = interleaved(contenders, args.repeat)
        lint, ours, theirs = fastest["lint"], fastest["reader"], fastest.get("plumber", float("nan"))
        pages = len(pypdfium2.PdfDocument(path))
        verdict = "meets 1/10" if theirs / lint >= 10 else "misses 1/10" if have_plumber else ""
        print(f"{path.name:<50} {pages:>5} {lint:>6.3f}s {ours:>6.3f}s {theirs:>7.2f}s {theirs / lint:>5.1f}×  {verdict}")
    if args.wall_repeat < 1:
        return
    cli = str(Path(sys.executable).with_name("budgetcheck"))
    print("\nwall time of the whole command, start-up included, fastest of", args.wall_repeat)
    print(f"{'file':<50} {'budgetcheck lint':>16} {'python -c pdfplumber':>21} {'ratio':>6}")
    for path in files:
        ours = best(lambda path=path: command([cli, "lint", str(path)]), args.wall_repeat, time.perf_counter)
        theirs = (best(lambda path=path: command([sys.executable, "-c", PLUMBER, str(path)]), args.wall_repeat,
                       time.perf_counter) if have_plumber else float("nan"))
        print(f"{path.name:<50} {ours:>15.2f}s {theirs:>20.2f}s {theirs / ours:>5.1f}×")


if __name__ == "__main__":
    main()
