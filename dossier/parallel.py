"""Spread work over the machine's cores with forked workers.

Forking shares the parent's read-only state (the parsed site, the alias table,
the Jinja2 environment) with the workers without pickling it; only the items'
results travel back. The items are cut into a few runs per worker (of at most
2,000 items), each done by a worker of its own, started as another ends: the
cores stay busy to the end whatever each run costs, and a worker never lives
long enough to copy much of the parent's memory (touching an object writes its
reference count, so every page of the site a worker reads becomes its own copy:
at 10,000 articles two workers rendering every page grew by 300 MB each).
"""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Callable, Sequence
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

BATCH = 64
MIN_PARALLEL = 48      # fewer items than this: not worth a fork
RUNS_PER_WORKER = 4    # runs the items are cut into, per worker
MAX_RUN = 2000         # items in a run at most: at 100,000 articles, runs of 21,000
                       # pages grew each rendering worker to 3.3 GB


class WorkerFailed(RuntimeError):
    pass


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def fork_map(func: Callable[[T], R], items: Sequence[T], jobs: int,
             progress: Callable[[int, int], None] | None = None,
             arrived: Callable[[R], R] | None = None) -> list[R]:
    """``[func(x) for x in items]``, in order, over ``jobs`` forked processes.
    ``arrived``: applied in the parent to each result as it comes back (to share
    its parts with the results before it, say), its return value kept instead."""
    total = len(items)
    if jobs <= 1 or total < MIN_PARALLEL or "fork" not in _methods():
        results = []
        for done, item in enumerate(items, start=1):
            result = func(item)
            results.append(arrived(result) if arrived else result)
            if progress and done % BATCH == 0:
                progress(done, total)
        return results
    context = get_context("fork")
    size = min(MAX_RUN, max(BATCH, -(-total // (jobs * RUNS_PER_WORKER))))
    runs = [(start, min(start + size, total)) for start in range(0, total, size)]
    runs.reverse()                         # popped from the end: in order
    live: dict[Connection, BaseProcess] = {}

    def start_next() -> None:
        start, stop = runs.pop()
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_work, args=(func, items, start, stop, sender),
                                  daemon=True)
        # known before it starts: an interruption right after the fork still stops it
        live[receiver] = process
        process.start()
        sender.close()

    results: list[R | None] = [None] * total
    done = 0
    try:
        while runs and len(live) < jobs:
            start_next()
        while live:
            for conn in wait(list(live)):
                assert isinstance(conn, Connection)
                try:
                    message = conn.recv()
                except EOFError:
                    conn.close()
                    live.pop(conn).join()
                    if runs:
                        start_next()
                    continue
                if message[0] == "error":
                    raise WorkerFailed(message[1])
                for index, result in message[1]:
                    results[index] = arrived(result) if arrived else result
                done += len(message[1])
                if progress:
                    progress(done, total)
    except BaseException:
        # interrupted, or a worker failed: stop the others now (they would block
        # on a pipe nobody reads any more)
        for process in live.values():
            if process.is_alive():
                process.terminate()
        raise
    finally:
        for conn, process in live.items():
            conn.close()
            if process.pid is not None:   # started
                process.join()
    if done != total:
        raise WorkerFailed(f"a worker stopped early: {done} of {total} items done")
    return results  # type: ignore[return-value]


def _methods() -> list[str]:
    from multiprocessing import get_all_start_methods
    return get_all_start_methods()


def _work(func: Callable[[T], R], items: Sequence[T], start: int, stop: int,
          sender: Connection) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)   # the parent's handler is not ours
    batch: list[tuple[int, R]] = []
    try:
        for index in range(start, stop):
            batch.append((index, func(items[index])))
            if len(batch) >= BATCH:
                sender.send(("ok", batch))
                batch = []
        if batch:
            sender.send(("ok", batch))
    except BaseException:  # report everything to the parent, which raises it
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()
        os._exit(0)
