"""Checking many files on several cores, with the same result as checking them in one process.

Workers run the per-file work (``engine.check_item``) on chunks of inputs and send back
each file's findings, run-wide marks, text infos and problems; the parent merges them
in input order and runs the run-wide rules over all the marks, exactly as
``engine.lint_paths`` does in one process. Rules are sent once per worker.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice

from budgetcheck.catalogue import Rule
from budgetcheck.engine import FileResult, LintResult, check_item, finish, new_marks
from budgetcheck.inputs import InputProblem, expand

CHUNK = 32  # files per task: enough work per round trip that 10,000 small files don't drown in IPC
IN_FLIGHT = 4  # chunks queued per worker: keeps workers busy while bounding memory


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_paths(paths: list[str], rules: list[Rule], jobs: int = 1) -> LintResult:
    """Check every input; with ``jobs`` > 1 and enough files, in worker processes."""
    result = LintResult(rules=rules)
    marks = new_marks(rules)
    items = expand(paths)
    head = list(islice(items, CHUNK * 2))
    # A pool costs more than it saves on a few files (the interactive, one-text case).
    parts = _in_process(chain(head, items), rules) if jobs <= 1 or len(head) < CHUNK * 2 else None
    try:
        if parts is not None:
            for part in parts:
                result.add(part, marks)
        else:
            with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(rules,)) as pool:
                try:
                    for part in _in_pool(pool, chain(head, items), jobs):
                        result.add(part, marks)
                except BaseException:
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise
    except KeyboardInterrupt:
        result.interrupted = True
    return finish(result, rules, marks)


def _in_process(items: Iterable[str | InputProblem], rules: list[Rule]) -> Iterator[FileResult]:
    for item in items:
        yield check_item(item, rules)


def _in_pool(pool: ProcessPoolExecutor, items: Iterable[str | InputProblem], jobs: int) -> Iterator[FileResult]:
    """Results in input order, with a bounded number of chunks queued at a time."""
    chunks = iter(lambda: list(islice(items, CHUNK)), [])
    pending: deque[Future[list[FileResult]]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(_check_chunk, chunk))
        if len(pending) >= jobs * IN_FLIGHT:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


_rules: list[Rule] = []


def _start_worker(rules: list[Rule]) -> None:
    global _rules
    _rules = rules
    # Ctrl-C reaches the whole process group: only the parent handles it, then stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_chunk(items: list[str | InputProblem]) -> list[FileResult]:
    return [check_item(item, _rules) for item in items]
