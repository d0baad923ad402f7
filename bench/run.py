"""Time budgetcheck against a floor program and bare Python start-up; print ratios and peak memory.

Usage (from the repository, with budgetcheck installed in the running Python):

    python bench/run.py --n 1000 10000 [--repeat 3] [--jobs N]

For each N it writes a synthetic corpus of N texts (bench/corpus.py) to a temporary
folder and times, in alternation (each round runs every command once):

  (a)  budgetcheck lint --no-cache --format json FOLDER   (default --jobs, and --jobs 1): cold
  (w)  the same with the results cache filled, one file in a hundred changed before each run
  (b)  python bench/floor.py FOLDER               (read, decode, one amount regex)
  (c)  budgetcheck lint on one small file (--no-cache, and from the cache), against python -c
       pass and an empty typer command (the start-up of the CLI stack itself) Last, it checks each corpus in-process and says how
many texts got exactly the findings of their injected slip, and how many clean texts got one;
the same for whole publications (bench/publications.py: .txt and .docx, one slip each).

Each command runs --repeat times and the fastest run is reported (other load on the
machine only ever adds time, so the minimum is the steadiest estimate). The commands a ratio
compares run in the same rounds, so a machine whose speed drifts moves both alike. Peak memory is the
largest resident set of the run's processes (``ru_maxrss`` from ``os.wait4``, which
covers the worker processes the run waited for). The targets of issue 15 are checked
at the end: (w)/(b) ≤ 3 and (a)/(b) ≤ 20 at the largest N, (c) ≤ 1.5× the empty typer
command, --jobs 2 at least 1.7× faster than --jobs 1, peak memory under 150 MiB, and
per-text time that does not grow with N. The cache lives in the temporary folder.
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
from typing import Any

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


def measure(command: list[str], repeat: int, before=None) -> Timing:
    return measure_together({"it": (command, before)}, repeat)["it"]


def measure_together(commands: dict[str, tuple[list[str], Any]], repeat: int) -> dict[str, Timing]:
    """Each command ``repeat`` times, in rounds that run every command once (``before(run)``
    first, if given), so that commands compared in a ratio ran in the same minutes: this
    machine's speed drifts by a third within minutes, and one measured after the other in
    a block of its own carried the drift into the ratio."""
    runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for run in range(repeat):
        for name, (command, before) in commands.items():
            if before is not None:
                before(run)
            runs[name].append(_run(command))
    timings = {}
    for name, done in runs.items():
        wall, cpu, _ = min(done)
        timings[name] = Timing(wall, cpu, max(peak for _, _, peak in done) * 1024 / MIB)
    return timings


def _run(command: list[str]) -> tuple[float, float, int]:
    """Wall time, CPU time (workers included) and peak resident set in KiB of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} exited {process.returncode}:\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss  # KiB on Linux


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


def touch_one_in_a_hundred(files: list[Path]):
    """Before each warm run: a different one file in a hundred gets new bytes (a line end appended)."""
    def change(run: int) -> None:
        for path in files[run % 100 :: 100]:
            with open(path, "ab") as handle:
                handle.write(b"\n")
    return change


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
    parser.add_argument("--skip-findings", action="store_true", help="skip the in-process check of each text's findings (a cold run per N)")
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
        cache = ["--cache-dir", str(Path(tmp) / "cache")]
        single = generate(Path(tmp) / "single", 1, seed=1)[0]
        measure(lint(*cache, str(single)), 1)  # fills the cache
        start_up = measure_together({
            "bare": ([PY, "-c", "pass"], None),
            "one": (lint("--no-cache", str(single)), None),
            "one_hit": (lint(*cache, str(single)), None),
            "stack": ([PY, "-c", EMPTY_TYPER_COMMAND], None),
        }, options.repeat * 3)
        bare, one, one_hit, stack = (start_up[name] for name in ("bare", "one", "one_hit", "stack"))
        for n in options.n:
            folder = Path(tmp) / f"n{n}"
            slips: dict[tuple[str, int], str | None] = {}
            files = generate(folder, n, slips=slips)
            if not options.skip_findings:
                accuracy[n] = judge(folder, slips)
            measure(lint(*cache, "--format", "json", *jobs, str(folder)), 1)  # fills the cache
            timed = measure_together({
                "a": (lint("--no-cache", "--format", "json", *jobs, str(folder)), None),
                "a1": (lint("--no-cache", "--format", "json", "--jobs", "1", str(folder)), None),
                "w": (lint(*cache, "--format", "json", *jobs, str(folder)), touch_one_in_a_hundred(files)),
                "b": ([PY, str(FLOOR), str(folder)], None),
            }, options.repeat)
            a, a1, w, b = (timed[name] for name in ("a", "a1", "w", "b"))
            rows[n] = (len(files), a, a1, b, w)
        published: dict[str, str | None] = {}
        publications.generate(Path(tmp) / "publications", 3 * len(publications.SLIPS), slips=published)
        accuracy_publications = judge_publications(Path(tmp) / "publications", published)

    print()
    print(f"{'texts':>7} {'files':>6} | {'(a) cold':>9} {'cpu':>7} {'MiB':>5} | {'jobs 1':>7} {'cpu':>7} {'MiB':>5} | "
          f"{'(w) warm':>8} {'cpu':>6} {'MiB':>5} | {'(b) floor':>9} {'cpu':>5} | {'(a)/(b)':>7} | {'(w)/(b)':>7} | {'j1/j2':>5} | {'µs/text':>8}")
    for n, (files, a, a1, b, w) in rows.items():
        print(f"{n:>7} {files:>6} | {a.seconds:>8.2f}s {a.cpu:>6.2f}s {a.peak_mib:>5.0f} | {a1.seconds:>6.2f}s {a1.cpu:>6.2f}s {a1.peak_mib:>5.0f} | "
              f"{w.seconds:>7.2f}s {w.cpu:>5.2f}s {w.peak_mib:>5.0f} | {b.seconds:>8.2f}s {b.cpu:>5.2f} | {a.seconds / b.seconds:>7.1f} | "
              f"{w.seconds / b.seconds:>7.1f} | {a1.seconds / a.seconds:>5.2f} | {a.seconds / n * 1e6:>8.0f}")
    print()
    print(f"(c) one small file: budgetcheck lint --no-cache {one.seconds * 1000:.0f} ms (cpu {one.cpu * 1000:.0f} ms), "
          f"from the cache {one_hit.seconds * 1000:.0f} ms (cpu {one_hit.cpu * 1000:.0f} ms); python -c pass {bare.seconds * 1000:.0f} ms; "
          f"{one.seconds / bare.seconds:.1f}× bare start-up (peak {one.peak_mib:.0f} MiB)")
    print(f"    an empty typer command: {stack.seconds * 1000:.0f} ms (cpu {stack.cpu * 1000:.0f} ms), {stack.seconds / bare.seconds:.1f}× bare start-up; "
          f"one-file lint / empty typer command: {one.seconds / stack.seconds:.2f}× (cpu {one.cpu / stack.cpu:.2f}×)")
    print(f"    load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    for n, (slipped, caught, clean, cried) in accuracy.items():
        print(f"findings at N = {n}: {caught} of {slipped} texts with an injected slip get exactly its findings; "
              f"{cried} of {clean} clean texts get a finding")
    slipped, caught, clean, cried = accuracy_publications
    print(f"findings on whole publications: {caught} of {slipped} with an injected slip get exactly its findings; "
          f"{cried} of {clean} clean publications get a finding")

    sizes = sorted(rows)
    small, large = sizes[0], sizes[-1]
    _, a, a1, b, w = rows[large]
    checks = [(f"(w) warm cache at N = {large}, one file in a hundred changed ≤ 3× the floor", w.seconds / b.seconds <= 3, f"{w.seconds / b.seconds:.1f}"),
              (f"(a) cold at N = {large} ≤ 20× the floor", a.seconds / b.seconds <= 20, f"{a.seconds / b.seconds:.1f}"),
              ("(c) one-file lint ≤ 1.5× an empty typer command", one.seconds / stack.seconds <= 1.5, f"{one.seconds / stack.seconds:.2f}×"),
              (f"--jobs 2 ≥ 1.7× faster than --jobs 1 at N = {large} (wall; needs an idle machine)", a1.seconds / a.seconds >= 1.7,
               f"{a1.seconds / a.seconds:.2f}×"),
              (f"peak memory at N = {large} < 150 MiB", max(a.peak_mib, a1.peak_mib, w.peak_mib) < 150,
               f"{max(a.peak_mib, a1.peak_mib, w.peak_mib):.0f} MiB")]
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
