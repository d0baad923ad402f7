"""Time budgetcheck against a floor program and bare Python start-up; print ratios and peak memory.

Usage (from the repository, with budgetcheck installed in the running Python):

    python bench/run.py --n 1000 10000 [--repeat 3] [--jobs N]

For each N it writes a synthetic corpus of N texts (bench/corpus.py) to a temporary
folder and times, side by side:

  (a)  budgetcheck lint --format json FOLDER     (default --jobs, and --jobs 1)
  (b)  python bench/floor.py FOLDER               (read, decode, one amount regex)
  (c)  budgetcheck lint on one small file, against python -c pass

and, to show where the floors of the design lie: lint with one cheap rule (--select
S101: reading, splitting, genre detection, no quantities), and an empty typer command
(the start-up of the CLI stack itself). Last, it checks each corpus in-process and says how
many texts got exactly the findings of their injected slip, and how many clean texts got one;
the same for whole publications (bench/publications.py: .txt and .docx, one slip each).

Each command runs --repeat times and the fastest run is reported (other load on the
machine only ever adds time, so the minimum is the steadiest estimate). Peak memory is the
largest resident set of the run's processes (``ru_maxrss`` from ``os.wait4``, which
covers the worker processes the run waited for). The targets of issue 6 are checked
at the end: (a)/(b) ≤ 3 at the largest N, (c) ≤ 10× bare start-up, peak memory under
150 MiB, and per-text time that does not grow with N.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import publications
from bench.corpus import generate, misjudged, name_key

FLOOR = Path(__file__).resolve().parent / "floor.py"
PY = sys.executable
MIB = 1024 * 1024


@dataclass
class Timing:
    seconds: float  # fastest wall time
    cpu: float  # user + system time of that run, its workers included
    peak_mib: float  # largest ru_maxrss seen over the repeats


def measure(command: list[str], repeat: int) -> Timing:
    walls, cpus, peak = [], [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        if process.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} exited {process.returncode}:\n{stderr}")
        cpus.append(usage.ru_utime + usage.ru_stime)
        peak = max(peak, usage.ru_maxrss)  # KiB on Linux
    best = walls.index(min(walls))
    return Timing(walls[best], cpus[best], peak * 1024 / MIB)


def judge(folder: Path, slips: dict[tuple[str, int], str | None]) -> tuple[int, int, int, int]:
    """(texts with a slip, those with exactly its findings, clean texts, clean texts with a finding)."""
    from budgetcheck.parallel import default_jobs, lint_paths
    from budgetcheck.settings import Options, resolve

    settings = resolve(Options())
    result = lint_paths([str(folder)], settings.rules, settings.run, default_jobs())
    found: dict[tuple[str, int], set[str]] = {}
    for finding in result.findings:
        found.setdefault((finding.path, finding.document), set()).add(finding.code)
    titles = {(info.path, info.index): name_key(info.title) for info in result.texts}
    wrong = misjudged(slips, found, titles)
    slipped = [key for key, slip in slips.items() if slip]
    clean = [key for key, slip in slips.items() if not slip]
    return len(slipped), sum(key not in wrong for key in slipped), len(clean), sum(key in wrong for key in clean)


def judge_publications(folder: Path, slips: dict[str, str | None]) -> tuple[int, int, int, int]:
    """The same four counts for whole publications (bench/publications.py), judged per file."""
    from budgetcheck.parallel import default_jobs, lint_paths
    from budgetcheck.settings import Options, resolve

    settings = resolve(Options())
    result = lint_paths([str(folder)], settings.rules, settings.run, default_jobs())
    found: dict[str, set[str]] = {}
    for finding in result.findings:
        found.setdefault(finding.path, set()).add(finding.code)
    wrong = publications.misjudged(slips, found)
    slipped = [path for path, slip in slips.items() if slip]
    clean = [path for path, slip in slips.items() if not slip]
    return len(slipped), sum(path not in wrong for path in slipped), len(clean), sum(path in wrong for path in clean)


def lint(*args: str) -> list[str]:
    return [PY, "-m", "budgetcheck", "lint", *args]


# What any typer command costs before it does anything: typer parses options through
# pydantic, so this is the start-up floor of the CLI stack itself (compare with (c)).
EMPTY_TYPER_COMMAND = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def main(name: str = "x") -> None:
    pass
app(["--name", "y"], standalone_mode=False)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (texts)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (fastest reported)")
    parser.add_argument("--jobs", type=int, default=None, help="--jobs for run (a) (default: budgetcheck's own)")
    options = parser.parse_args()
    jobs = ["--jobs", str(options.jobs)] if options.jobs else []

    print(f"machine: {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, Python {platform.python_version()}")
    print(f"command: python bench/run.py --n {' '.join(map(str, options.n))} --repeat {options.repeat}"
          + (f" --jobs {options.jobs}" if options.jobs else ""))
    rows, accuracy = {}, {}
    # pip compiles an installed package's modules once; an editable install under
    # PYTHONDONTWRITEBYTECODE=1 would recompile them on every run and time the compiler.
    import budgetcheck

    compileall.compile_dir(Path(budgetcheck.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory(prefix="budgetcheck-bench-") as tmp:
        single = generate(Path(tmp) / "single", 1, seed=1)[0]
        bare = measure([PY, "-c", "pass"], options.repeat * 3)
        one = measure(lint(str(single)), options.repeat * 3)
        stack = measure([PY, "-c", EMPTY_TYPER_COMMAND], options.repeat * 3)
        for n in options.n:
            folder = Path(tmp) / f"n{n}"
            slips: dict[tuple[str, int], str | None] = {}
            files = len(generate(folder, n, slips=slips))
            accuracy[n] = judge(folder, slips)
            a = measure(lint("--format", "json", *jobs, str(folder)), options.repeat)
            a1 = measure(lint("--format", "json", "--jobs", "1", str(folder)), options.repeat)
            # Reading, splitting, genre detection and one cheap rule: the pipeline before the catalogue.
            a0 = measure(lint("--format", "json", "--select", "S101", *jobs, str(folder)), options.repeat)
            b = measure([PY, str(FLOOR), str(folder)], options.repeat)
            rows[n] = (files, a, a1, b, a0)
        published: dict[str, str | None] = {}
        publications.generate(Path(tmp) / "publications", 3 * len(publications.SLIPS), slips=published)
        accuracy_publications = judge_publications(Path(tmp) / "publications", published)

    print()
    print(f"{'texts':>7} {'files':>6} | {'(a) lint':>9} {'cpu':>7} {'MiB':>5} | {'jobs 1':>7} {'MiB':>5} | "
          f"{'(b) floor':>9} | {'(a)/(b)':>7} | {'µs/text':>8} | {'S101 only':>9} {'/(b)':>5}")
    for n, (files, a, a1, b, a0) in rows.items():
        print(f"{n:>7} {files:>6} | {a.seconds:>8.2f}s {a.cpu:>6.2f}s {a.peak_mib:>5.0f} | {a1.seconds:>6.2f}s {a1.peak_mib:>5.0f} | "
              f"{b.seconds:>8.2f}s | {a.seconds / b.seconds:>7.1f} | {a.seconds / n * 1e6:>8.0f} | "
              f"{a0.seconds:>8.2f}s {a0.seconds / b.seconds:>5.1f}")
    print()
    print(f"(c) one small file: budgetcheck lint {one.seconds * 1000:.0f} ms, python -c pass {bare.seconds * 1000:.0f} ms: "
          f"{one.seconds / bare.seconds:.1f}× (peak {one.peak_mib:.0f} MiB)")
    print(f"    an empty typer command: {stack.seconds * 1000:.0f} ms, {stack.seconds / bare.seconds:.1f}× bare start-up")
    print()
    for n, (slipped, caught, clean, cried) in accuracy.items():
        print(f"findings at N = {n}: {caught} of {slipped} texts with an injected slip get exactly its findings; "
              f"{cried} of {clean} clean texts get a finding")
    slipped, caught, clean, cried = accuracy_publications
    print(f"findings on whole publications: {caught} of {slipped} with an injected slip get exactly its findings; "
          f"{cried} of {clean} clean publications get a finding")

    sizes = sorted(rows)
    small, large = sizes[0], sizes[-1]
    checks = [(f"(a)/(b) at N = {large} ≤ 3", rows[large][1].seconds / rows[large][3].seconds <= 3,
               f"{rows[large][1].seconds / rows[large][3].seconds:.1f}"),
              ("(c) single-file lint ≤ 10× bare start-up", one.seconds / bare.seconds <= 10, f"{one.seconds / bare.seconds:.1f}×"),
              (f"peak memory at N = {large} < 150 MiB", rows[large][1].peak_mib < 150, f"{rows[large][1].peak_mib:.0f} MiB")]
    if large != small:
        # Start-up is paid once per run: compare the per-text cost net of it. CPU time, not wall
        # time: other load on the machine stretches a short run's wall time the most.
        per_text = [(rows[n][2].cpu - one.cpu) / n for n in (small, large)]
        growth = per_text[1] / per_text[0]
        checks.append((f"linear: per-text CPU time (jobs 1, net of start-up) at {large} / at {small} ≤ 1.2", growth <= 1.2, f"{growth:.2f}"))
    print()
    for label, ok, value in checks:
        print(f"{'PASS' if ok else 'MISS'}  {label}: {value}")


if __name__ == "__main__":
    main()
