"""claimtrack.budget: a time budget that interrupts pure-Python work in any thread."""

from __future__ import annotations

import threading
import time

import pytest

from claimtrack.budget import TimeBudgetExceeded, time_budget


def _spin_forever() -> None:
    while True:
        time.sleep(0)


def test_the_block_is_interrupted_with_a_clear_message() -> None:
    with pytest.raises(TimeBudgetExceeded, match="the spin took longer than its 0.1 s budget"):
        with time_budget(0.1, what="the spin"):
            _spin_forever()


def test_it_works_outside_the_main_thread() -> None:
    caught: list[BaseException] = []

    def worker() -> None:
        try:
            with time_budget(0.1):
                _spin_forever()
        except TimeBudgetExceeded as exc:
            caught.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert len(caught) == 1


def test_a_broad_except_exception_in_the_guarded_code_does_not_swallow_it() -> None:
    def stubborn() -> None:
        while True:
            try:
                _spin_forever()
            except Exception:  # noqa: BLE001 - what a careless library might do
                continue

    with pytest.raises(TimeBudgetExceeded):
        with time_budget(0.1):
            stubborn()


def test_a_block_that_finishes_in_time_leaves_nothing_behind() -> None:
    with time_budget(0.2):
        total = sum(range(1000))
    # Past the budget, outside the block: no exception may surface here.
    deadline = time.monotonic() + 0.4
    while time.monotonic() < deadline:
        total += 1
    assert total > 1000


@pytest.mark.parametrize("seconds", [None, 0, -1])
def test_no_budget_means_no_limit(seconds: float | None) -> None:
    with time_budget(seconds):
        assert sum(range(10)) == 45


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_exception_swallowed_by_a_finalizer_is_raised_again() -> None:
    """Python drops an exception raised while a finalizer runs ("Exception ignored in");
    the budget must still end the block."""
    import gc
    import weakref

    class Noisy:
        pass

    def churn() -> None:
        # Bounded, so that a budget whose every exception lands in a finalizer cannot hang
        # the suite: the block's end must then still report the overrun.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            for _ in range(200):
                weakref.finalize(Noisy(), time.sleep, 0.002)  # finalizers that take a while
            gc.collect()

    with pytest.raises(TimeBudgetExceeded):
        with time_budget(0.1):
            churn()
