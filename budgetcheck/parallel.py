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
from dataclasses import replace
from itertools import chain, islice
from typing import TYPE_CHECKING

from budgetcheck.catalogue import Rule
from budgetcheck.engine import RunOptions, check_item, finish, inputs, new_marks
from budgetcheck.inputs import InputProblem
from budgetcheck.results import FileResult, LintResult

if TYPE_CHECKING:
    from concurrent.futures import Future

CHUNK = 32  # files per task: enough work per round trip that 10,000 small files don't drown in IPC
IN_FLIGHT = 4  # chunks queued per worker: keeps workers busy while bounding memory


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_paths(paths: list[str], rules: list[Rule], options: RunOptions = RunOptions(), jobs: int = 1) -> LintResult:
    """Check every input; with ``jobs`` > 1 and enough files, in worker processes."""
    result = LintResult(rules=rules)
    marks = new_marks(rules)
    items = iter(inputs(paths, options))
    head = list(islice(items, CHUNK * 2))
    items = chain(head, items)
    # A pool costs more than it saves on a few files (the interactive, one-text case).
    pooled = jobs > 1 and len(head) == CHUNK * 2
    try:
        for part in _in_pool(items, rules, options, jobs) if pooled else _in_process(items, rules, options):
            result.add(part, marks)
    except KeyboardInterrupt:
        result.interrupted = True
    return finish(result, rules, marks)


def _in_process(items: Iterable[str | InputProblem], rules: list[Rule], options: RunOptions) -> Iterator[FileResult]:
    for item in items:
        yield check_item(item, rules, options)


def _in_pool(items: Iterable[str | InputProblem], rules: list[Rule], options: RunOptions, jobs: int) -> Iterator[FileResult]:
    """Results in input order, with a bounded number of chunks queued at a time."""
    # Imported here: multiprocessing costs a one-file run noticeable start-up time.
    from concurrent.futures import ProcessPoolExecutor

    # The progress display stays in this process (it wraps ``items``); workers get the rest.
    shipped = replace(options, progress=None)
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(rules, shipped)) as pool:
        pending: deque[Future[list[FileResult]]] = deque()
        try:
            for chunk in iter(lambda: list(islice(items, CHUNK)), []):
                pending.append(pool.submit(_check_chunk, chunk))
                if len(pending) >= jobs * IN_FLIGHT:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:  # Ctrl-C or a closed generator: drop the queued chunks, don't start them
            # Waiting costs nothing: the interpreter joins the pool's thread at exit anyway (after the
            # chunks under way), and without the wait its exit hook can write to a pipe the thread
            # already closed ("Exception ignored … Bad file descriptor" on Python 3.11).
            pool.shutdown(wait=True, cancel_futures=True)
            raise


_rules: list[Rule] = []
_options = RunOptions()


def _start_worker(rules: list[Rule], options: RunOptions) -> None:
    global _rules, _options
    _rules, _options = rules, options
    # Ctrl-C reaches the whole process group: only the parent handles it, then stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_chunk(items: list[str | InputProblem]) -> list[FileResult]:
    return [check_item(item, _rules, _options) for item in items]
