"""
Idempotent delete (decisions.md, "Idempotent delete"): the result type, the bounded memory of
ids this client deleted, and the sharing of one in-flight DELETE among concurrent callers.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from ._exceptions import NotFoundError

if TYPE_CHECKING:
    import asyncio

DEFAULT_DELETE_MEMORY = 10_000


class DeleteResult:
    """
    The outcome of a delete.

    ``already_gone`` is False when this call deleted the object, True when it was gone
    before (deleted earlier by this client, by a concurrent or ambiguous earlier attempt, or
    missing with ``missing_ok=True``).
    """

    __slots__ = ("id", "object", "already_gone", "request_id")

    def __init__(
        self, id: str, object: str, already_gone: bool, request_id: str | None = None
    ) -> None:
        self.id = id
        self.object = object
        self.already_gone = already_gone
        self.request_id = request_id

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DeleteResult):
            return NotImplemented
        return (self.id, self.object, self.already_gone, self.request_id) == (
            other.id,
            other.object,
            other.already_gone,
            other.request_id,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"DeleteResult(id={self.id!r}, object={self.object!r}, "
            f"already_gone={self.already_gone!r}, request_id={self.request_id!r})"
        )

    @property
    def deleted(self) -> bool:
        """Always True: after a successful call the object does not exist."""
        return True


class DeleteTracker:
    """
    Remembers up to *capacity* deleted ids (oldest forgotten first) and in-flight deletes.
    """

    def __init__(self, capacity: int = DEFAULT_DELETE_MEMORY) -> None:
        self._capacity = capacity
        self._deleted: OrderedDict[str, None] = OrderedDict()
        self._inflight: dict[str, asyncio.Future[DeleteResult]] = {}

    def remember(self, key: str) -> None:
        """Record that *key* was deleted by a 200 this client saw."""
        self._deleted[key] = None
        self._deleted.move_to_end(key)
        while len(self._deleted) > self._capacity:
            self._deleted.popitem(last=False)

    def was_deleted(self, key: str) -> bool:
        """True when this client saw a 200 for deleting *key* (and still remembers it)."""
        return key in self._deleted

    def __len__(self) -> int:
        return len(self._deleted)

    async def run(
        self,
        key: str,
        action: Callable[[], Awaitable[DeleteResult]],
        *,
        kind: str,
        missing_ok: bool,
    ) -> DeleteResult:
        """
        Run *action* for *key*, or, when a delete of *key* is already in flight, share it.

        A caller that shares another's delete gets ``already_gone=True``; if the leader is
        cancelled, a waiting caller takes over and sends its own request.
        """
        import asyncio

        while (pending := self._inflight.get(key)) is not None:
            try:
                result = await asyncio.shield(pending)
            except asyncio.CancelledError:
                if pending.cancelled():
                    continue
                raise
            except NotFoundError:
                if missing_ok:
                    return DeleteResult(id=key, object=kind, already_gone=True)
                raise
            return DeleteResult(id=result.id, object=result.object, already_gone=True)

        future: asyncio.Future[DeleteResult] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            result = await action()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # followers may be none: mark it retrieved
            raise
        else:
            future.set_result(result)
            return result
        finally:
            del self._inflight[key]
