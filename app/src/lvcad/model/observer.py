"""A tiny observer: callbacks subscribe to an :class:`Observable` and receive each event.

No Qt: the editor's canvas and undo stack subscribe to the document the same way tests do.

Example
-------
>>> seen = []
>>> changes = Observable[str]()
>>> subscription = changes.subscribe(seen.append)
>>> changes.notify("added")
>>> subscription.unsubscribe()
>>> changes.notify("ignored")
>>> seen
['added']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Observable", "Subscription"]

Event = TypeVar("Event")


class Subscription(Generic[Event]):
    """Handle returned by :meth:`Observable.subscribe`; also a context manager."""

    __slots__ = ("_callback", "_observable")

    def __init__(self, observable: Observable[Event], callback: Callable[[Event], None]) -> None:
        self._observable = observable
        self._callback = callback

    def unsubscribe(self) -> None:
        """Stop the callback from receiving events (safe to call twice)."""
        self._observable.unsubscribe(self._callback)

    def __enter__(self) -> Subscription[Event]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.unsubscribe()


class Observable(Generic[Event]):
    """A list of callbacks that :meth:`notify` calls in subscription order.

    Every callback is called even when an earlier one raises; afterwards the error is
    re-raised (several errors as an :class:`ExceptionGroup`), so a faulty listener cannot
    silently desynchronise the others.
    """

    __slots__ = ("_callbacks",)

    def __init__(self) -> None:
        self._callbacks: list[Callable[[Event], None]] = []

    def subscribe(self, callback: Callable[[Event], None]) -> Subscription[Event]:
        """Call ``callback(event)`` for every future event; returns a handle to unsubscribe."""
        self._callbacks.append(callback)
        return Subscription(self, callback)

    def unsubscribe(self, callback: Callable[[Event], None]) -> None:
        """Remove ``callback`` (its first subscription); no error when it is not subscribed."""
        for index, subscribed in enumerate(self._callbacks):
            if subscribed == callback:
                del self._callbacks[index]
                return

    def __len__(self) -> int:
        return len(self._callbacks)

    def notify(self, event: Event) -> None:
        """Call every subscribed callback with ``event``."""
        errors: list[Exception] = []
        for callback in tuple(self._callbacks):  # callbacks may (un)subscribe while we loop
            try:
                callback(event)
            except Exception as error:
                errors.append(error)
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise ExceptionGroup(f"{len(errors)} change listeners failed", errors)
