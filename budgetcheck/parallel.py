"""Checking many files on several cores, with the same result as checking them in one process.

Workers run the per-file work (``engine.check_item``) on chunks of inputs and send back
each file's findings, run-wide marks, text infos and problems; the parent merges them
in input order and runs the run-wide rules over all the marks, exactly as
``engine.lint_paths`` does in one process. Rules are sent once per worker.
"""

from __future__ import annotations

import gc
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from itertools import chain, islice
from typing import TYPE_CHECKING

from budgetcheck.catalogue import Rule
from budgetcheck.engine import RunOptions, check_item, finish, inputs, new_marks
from budgetcheck.inputs import InputProblem
from budgetcheck.results import FileResult, LintResult

if TYPE_CHECKING:
    from concurrent.futures import Future

    from budgetcheck.cache import ResultsCache

# Small tasks: a run from the cache has its few changed files spread over the workers while this
# process still looks the others up. Larger ones gained nothing on 10,000 small files.
CHUNK, CHUNK_BYTES = 8, 64 * 1024  # files per task, fewer if they are large: a PDF is a task of its own
IN_FLIGHT = 4  # chunks queued per worker: keeps workers busy while bounding memory
POOL_FROM = 16  # files to check before workers are started: a run with fewer checks them in this process,
POOL_FROM_BYTES = 256 * 1024  # unless they are this large together (a few PDFs take seconds each)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_paths(
    paths: list[str], rules: list[Rule], options: RunOptions = RunOptions(), jobs: int = 1, cache: ResultsCache | None = None
) -> LintResult:
    """Check every input; with ``jobs`` > 1 and enough files to check, in worker processes.

    With a ``cache``, an input whose stored result still holds is not checked again: its
    result takes its place in input order, so the report is the one a full check gives.
    """
    with few_full_collections():
        return _lint_paths(paths, rules, options, jobs, cache)


@contextmanager
def few_full_collections() -> Iterator[None]:
    """Run with the oldest generation collected a tenth as often as by default.

    A run keeps every file's results (findings, texts, marks) until the report, so the
    objects that survive keep growing, and each full collection walks them all again:
    with 5,000 files from the cache, full collections took a third of the run. Young
    cycles are still collected as often as ever.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, 100))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


def _lint_paths(paths: list[str], rules: list[Rule], options: RunOptions, jobs: int, cache: ResultsCache | None) -> LintResult:
    result = LintResult(rules=rules)
    marks = new_marks(rules)
    plan: deque[tuple[str | InputProblem, FileResult | None]] = deque()  # inputs in order, with a stored result or None
    todo = _to_check(inputs(paths, options), cache, plan)
    head = list(islice(todo, POOL_FROM))
    todo = chain(head, todo)
    # A pool costs more than it saves on a few files (the interactive, one-text case). The files
    # found in the cache do not count: with 16 of 5,000 changed, the workers check them meanwhile.
    pooled = jobs > 1 and (len(head) == POOL_FROM or (len(head) > 1 and sum(map(_bytes, head)) >= POOL_FROM_BYTES))
    try:
        for part in _in_pool(todo, rules, options, jobs) if pooled else _in_process(todo, rules, options):
            while plan[0][1] is not None:
                result.add(plan.popleft()[1], marks)  # type: ignore[arg-type]
            item = plan.popleft()[0]
            if cache is not None:
                cache.put(item, part)
            result.add(part, marks)
        for _, stored in plan:
            result.add(stored, marks)  # type: ignore[arg-type]
    except KeyboardInterrupt:
        result.interrupted = True
    if cache is not None:
        cache.save()
    return finish(result, rules, marks)


def _bytes(item: str | InputProblem) -> int:
    """The size of an input file; one that cannot be stat'ed counts nothing (its check will say why)."""
    if isinstance(item, str):
        with suppress(OSError):
            return os.stat(item).st_size
    return 0


def _to_check(
    items: Iterable[str | InputProblem], cache: ResultsCache | None, plan: deque[tuple[str | InputProblem, FileResult | None]]
) -> Iterator[str | InputProblem]:
    """The inputs that need checking; each input, checked or stored, is queued on ``plan`` in order."""
    for item in items:
        stored = cache.get(item) if cache is not None else None
        plan.append((item, stored))
        if stored is None:
            yield item


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
            for chunk in _chunks(items):
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


def _chunks(items: Iterable[str | InputProblem]) -> Iterator[list[str | InputProblem]]:
    chunk: list[str | InputProblem] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += _bytes(item)
        if len(chunk) == CHUNK or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


_rules: list[Rule] = []
_options = RunOptions()


def _start_worker(rules: list[Rule], options: RunOptions) -> None:
    global _rules, _options
    _rules, _options = rules, options
    # Ctrl-C reaches the whole process group: only the parent handles it, then stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_chunk(items: list[str | InputProblem]) -> list[FileResult]:
    return [check_item(item, _rules, _options) for item in items]
