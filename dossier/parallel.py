"""Spread work over the machine's cores with forked workers.

Forking shares the parent's read-only state (the parsed site, the alias table,
the Jinja2 environment) with the workers without pickling it; only the items'
results travel back. Work is dealt round-robin so both cores stay busy.
"""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Callable, Sequence
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

BATCH = 64
MIN_PARALLEL = 48      # fewer items than this: not worth a fork


class WorkerFailed(RuntimeError):
    pass


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def fork_map(func: Callable[[T], R], items: Sequence[T], jobs: int,
             progress: Callable[[int, int], None] | None = None) -> list[R]:
    """``[func(x) for x in items]``, in order, over ``jobs`` forked processes."""
    total = len(items)
    if jobs <= 1 or total < MIN_PARALLEL or "fork" not in _methods():
        results = []
        for done, item in enumerate(items, start=1):
            results.append(func(item))
            if progress and done % BATCH == 0:
                progress(done, total)
        return results
    context = get_context("fork")
    pipes: list[Connection] = []
    workers = []
    for worker in range(jobs):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_work, args=(func, items, worker, jobs, sender),
                                  daemon=True)
        process.start()
        sender.close()
        pipes.append(receiver)
        workers.append(process)
    results: list[R | None] = [None] * total
    done = 0
    open_pipes = list(pipes)
    try:
        while open_pipes:
            for conn in wait(open_pipes):
                assert isinstance(conn, Connection)
                try:
                    message = conn.recv()
                except EOFError:
                    open_pipes.remove(conn)
                    continue
                if message[0] == "error":
                    raise WorkerFailed(message[1])
                for index, result in message[1]:
                    results[index] = result
                done += len(message[1])
                if progress:
                    progress(done, total)
    except BaseException:
        # interrupted, or a worker failed: stop the others now (they would block
        # on a pipe nobody reads any more)
        for process in workers:
            if process.is_alive():
                process.terminate()
        raise
    finally:
        for conn in pipes:
            conn.close()
        for process in workers:
            process.join()
    if done != total:
        raise WorkerFailed(f"a worker stopped early: {done} of {total} items done")
    return results  # type: ignore[return-value]


def _methods() -> list[str]:
    from multiprocessing import get_all_start_methods
    return get_all_start_methods()


def _work(func: Callable[[T], R], items: Sequence[T], worker: int, jobs: int,
          sender: Connection) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)   # the parent's handler is not ours
    batch: list[tuple[int, R]] = []
    try:
        for index in range(worker, len(items), jobs):
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
