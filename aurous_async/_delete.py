"""
Idempotent delete (decisions.md, "Idempotent delete"): the result type, the bounded memories
of ids this client deleted and of ids it possibly deleted, and the sharing of one in-flight
DELETE among concurrent callers.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Protocol

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


class DeleteMemory(Protocol):
    """
    What `AsyncAurous(delete_memory=...)` accepts: delete evidence shared beyond one client.

    For example `aurous_async.redis.RedisDeleteMemory`, shared by every worker using one API
    key. The client always keeps its own in-process memory too and asks this one only when
    that does not know: after a 404 (`is_gone`), and to record a 200 (`remember`) or an
    unknown outcome (`remember_possibly`). `begin` marks a DELETE about to be sent and
    returns a mark (or ``None``) that ends with exactly one of `remember`,
    `remember_possibly` or `end`: while marked, another worker's 404 for the same id waits
    for the outcome, or counts it as possibly deleted. An object with a
    ``bind(api_key, base_url)`` method is bound by the client first, and the bound memory
    is used instead (so it can keep one team's evidence apart from another's). None of
    these may raise; a memory that cannot reach its store answers from local evidence.
    """

    async def begin(self, key: str) -> object | None:
        """Mark a DELETE of *key* about to be sent; return the mark for the calls below."""
        ...

    async def end(self, key: str, mark: object | None) -> None:
        """Drop *mark*: its DELETE did not delete anything (a 404, or a clean failure)."""
        ...

    async def remember(self, key: str, mark: object | None = None) -> None:
        """Record that *key* was deleted (a 200 was seen), dropping *mark*."""
        ...

    async def remember_possibly(self, key: str, mark: object | None = None) -> None:
        """Record that a DELETE of *key* may have taken effect unseen, dropping *mark*."""
        ...

    async def is_gone(self, key: str) -> bool:
        """True when *key* was deleted, seen or possibly, by anyone sharing this memory."""
        ...

    async def was_deleted(self, key: str) -> bool:
        """True when a 200 for deleting *key* was seen by anyone sharing this memory."""
        ...


class DeleteTracker:
    """
    Remembers up to *capacity* deleted ids and as many possibly deleted ids (oldest
    forgotten first), and the deletes in flight.

    A delete first `claim`s its id. While one is in flight, later callers `follow` it and
    share its outcome instead of sending their own request; the leader `release`s the id
    with its outcome. Followers get a future only when they exist, so a lone delete costs
    one dict entry.
    """

    def __init__(
        self, capacity: int = DEFAULT_DELETE_MEMORY, *, shared: DeleteMemory | None = None
    ) -> None:
        self._capacity = capacity
        #: Evidence shared with other clients (`DeleteMemory`), consulted after local memory.
        self.shared = shared
        self._deleted: OrderedDict[str, None] = OrderedDict()
        # Rule 3: a DELETE of this client may have taken effect (answer lost, 5xx, cancelled
        # after the request was written) without the client seeing the 200.
        self._possibly: OrderedDict[str, None] = OrderedDict()
        self._inflight: dict[str, list[asyncio.Future[object]]] = {}

    def _add(self, memory: OrderedDict[str, None], key: str) -> None:
        memory[key] = None
        memory.move_to_end(key)
        while len(memory) > self._capacity:
            memory.popitem(last=False)

    def remember(self, key: str) -> None:
        """Record that *key* was deleted by a 200 this client saw."""
        self._possibly.pop(key, None)
        self._add(self._deleted, key)

    def remember_possibly(self, key: str) -> None:
        """Record that a DELETE of *key* may have taken effect unseen."""
        if key not in self._deleted:
            self._add(self._possibly, key)

    def was_deleted(self, key: str) -> bool:
        """True when this client saw a 200 for deleting *key* (and still remembers it)."""
        return key in self._deleted

    def is_gone(self, key: str) -> bool:
        """True when this client deleted *key*, seen or possibly (a later 404 is no error)."""
        return key in self._deleted or key in self._possibly

    # The async steps of one delete: with no shared memory each is a local lookup, and
    # only a 404 or a recorded outcome ever reaches the shared one.

    async def begin(self, key: str) -> object | None:
        """Mark a DELETE of *key* in the shared memory; the mark for the steps below."""
        return None if self.shared is None else await self.shared.begin(key)

    async def confirm(self, key: str, mark: object | None) -> None:
        """Record a 200 for *key*, here and in the shared memory."""
        self.remember(key)
        if self.shared is not None:
            await self.shared.remember(key, mark)

    async def unsure(self, key: str, mark: object | None) -> None:
        """Record an unknown outcome for *key*, here and in the shared memory."""
        self.remember_possibly(key)
        if self.shared is not None:
            await self.shared.remember_possibly(key, mark)

    async def end(self, key: str, mark: object | None) -> None:
        """Drop *mark*: its DELETE did not delete *key*."""
        if mark is not None and self.shared is not None:
            await self.shared.end(key, mark)

    async def gone(self, key: str) -> bool:
        """After a 404: was *key* deleted (seen or possibly) here or by a sharing client?"""
        if self.is_gone(key):
            return True
        return self.shared is not None and await self.shared.is_gone(key)

    def __len__(self) -> int:
        return len(self._deleted)

    def claim(self, key: str) -> bool:
        """Become the one caller deleting *key*; False when another delete is in flight."""
        if key in self._inflight:
            return False
        self._inflight[key] = []
        return True

    def release(self, key: str, outcome: DeleteResult | BaseException | None) -> None:
        """
        End the leader's delete of *key*: followers get *outcome*; a cancelled or unfinished
        leader (``None`` or ``CancelledError``) makes them try again themselves.
        """
        import asyncio

        if isinstance(outcome, asyncio.CancelledError):
            outcome = None
        for waiter in self._inflight.pop(key):
            if not waiter.done():
                waiter.set_result(outcome)

    async def follow(self, key: str, *, kind: str, missing_ok: bool) -> DeleteResult | None:
        """
        Wait for the in-flight delete of *key*; ``None`` means "claim it and try yourself".
        """
        import asyncio

        waiter: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        self._inflight[key].append(waiter)
        outcome = await waiter
        if outcome is None:
            return None
        if isinstance(outcome, NotFoundError) and missing_ok:
            return DeleteResult(key, kind, True, outcome.request_id)
        if isinstance(outcome, BaseException):
            raise outcome
        assert isinstance(outcome, DeleteResult)
        return DeleteResult(outcome.id, outcome.object, True, outcome.request_id)
