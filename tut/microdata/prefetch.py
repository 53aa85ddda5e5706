"""Read the next batch while the current one is summed.

Reading a batch (polars-readstat) and summing its replicate weights (one BLAS product)
both release the GIL, so on two cores a reader thread one or two batches ahead hides most
of the reading behind the arithmetic. Errors raised by the reader (a damaged file) are
raised again in the caller, at the batch where they happened.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator, Iterable
from typing import TypeVar

T = TypeVar("T")

_DONE = object()


def prefetch(
    items: Iterable[T], depth: int = 2, meanwhile: Callable[[], None] | None = None
) -> Generator[T, None, None]:
    """Iterate ``items`` from a background thread, at most ``depth`` items ahead.

    ``meanwhile`` runs once the thread has started, before the first item is awaited (work
    that would otherwise leave the reader idle); its error stops the thread."""
    q: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def work() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                q.put(item)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            q.put(_Failure(exc))
            return
        q.put(_DONE)

    thread = threading.Thread(target=work, name="tut-prefetch", daemon=True)
    thread.start()
    try:
        if meanwhile is not None:
            meanwhile()
        while True:
            item = q.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.exc
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while thread.is_alive():  # let a blocked reader finish its put and see stop
            try:
                q.get(timeout=0.05)
            except queue.Empty:
                pass
        thread.join()


class _Failure:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
