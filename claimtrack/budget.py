"""A time budget for a block of pure-Python work (the quote engine, feed parsing).

    with time_budget(30, what="quote extraction"):
        run_engine(text)

When the block runs past its budget, ``TimeBudgetExceeded`` is raised inside it, at the
next Python instruction. It works in any thread (Celery's solo pool, eager tasks inside a
web request's thread, the prefork pool's main thread) because it does not use signals: a
watchdog timer asks the interpreter to raise the exception in the guarded thread
(``PyThreadState_SetAsyncExc``, the C API's documented way to do that). A long call into
C code is interrupted only when it returns, so callers bound their inputs as well.

No Django import.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["TimeBudgetExceeded", "time_budget"]


class TimeBudgetExceeded(Exception):  # noqa: N818 - reads better at the raise site
    """The guarded block ran longer than its budget."""


def _set_async_exc(thread_id: int, exc: type[BaseException]) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc))


def _clear_pending(thread_id: int) -> None:
    # A NULL exception (None, without argtypes) clears one the watchdog set but that was
    # not raised yet.
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)


@contextmanager
def time_budget(seconds: float | None, *, what: str = "the work") -> Iterator[None]:
    """Raise TimeBudgetExceeded in this thread if the block is still running after
    ``seconds``. ``None`` or a value <= 0 means no budget."""
    if not seconds or seconds <= 0:
        yield
        return
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _set_async_exc(thread_id, TimeBudgetExceeded)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except TimeBudgetExceeded:
        raise TimeBudgetExceeded(f"{what} took longer than its {seconds:g} s budget") from None
    finally:
        # The exception may land while we stand down; absorb it here so that it can
        # never surface in the caller's unrelated code.
        while True:
            try:
                with lock:
                    state["active"] = False
                    fired = state["fired"]
                timer.cancel()
                if fired:
                    _clear_pending(thread_id)
                break
            except TimeBudgetExceeded:
                continue
