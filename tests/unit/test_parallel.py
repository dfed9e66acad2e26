"""fork_map: results in order, each run of items in a worker of its own, failures
raised in the parent."""

from __future__ import annotations

import os
from itertools import pairwise

import pytest

from dossier import parallel
from dossier.parallel import BATCH, RUNS_PER_WORKER, WorkerFailed, fork_map


def square(x: int) -> int:
    return x * x


def test_results_come_back_in_order() -> None:
    items = list(range(1000))
    assert fork_map(square, items, 2) == [x * x for x in items]


def test_each_run_has_a_worker_of_its_own() -> None:
    """A worker ends with its run, so none lives long enough to copy much of the
    parent's memory; the next run gets a fresh fork."""
    items = list(range(BATCH * 2 * RUNS_PER_WORKER * 2))
    pids = fork_map(lambda _: os.getpid(), items, 2)
    assert len(set(pids)) == 2 * RUNS_PER_WORKER
    assert os.getpid() not in pids
    # a run is consecutive items: the pid changes only at a run's edge
    assert sum(a != b for a, b in pairwise(pids)) == 2 * RUNS_PER_WORKER - 1


def test_no_run_is_longer_than_the_most_a_worker_may_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MAX_RUN", BATCH)
    items = list(range(BATCH * 20))
    pids = fork_map(lambda _: os.getpid(), items, 2)
    assert len(set(pids)) == 20


def test_progress_counts_to_the_total() -> None:
    seen: list[tuple[int, int]] = []
    fork_map(square, list(range(500)), 2, lambda done, total: seen.append((done, total)))
    assert seen[-1] == (500, 500)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_failing_item_fails_the_map() -> None:
    def fail_at_300(x: int) -> int:
        if x == 300:
            raise ValueError("item 300")
        return x

    with pytest.raises(WorkerFailed, match="item 300"):
        fork_map(fail_at_300, list(range(1000)), 2)


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_result_is_handed_to_the_parent_as_it_arrives(jobs: int) -> None:
    parent = os.getpid()
    seen: list[int] = []

    def arrived(result: int) -> int:
        assert os.getpid() == parent
        seen.append(result)
        return -result

    items = list(range(300))
    assert fork_map(square, items, jobs, arrived=arrived) == [-x * x for x in items]
    assert sorted(seen) == sorted(x * x for x in items)
