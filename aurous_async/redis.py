"""
Many workers, one team budget: a Redis-backed rate limiter and shared delete memory.

Needs the optional extra: ``pip install "aurous-async[redis]"`` (the ``redis`` package's
asyncio client); ``import aurous_async`` alone never imports it.

- `RedisRateLimiter`, for ``AsyncAurous(rate_limit=...)``: the in-process limiter's GCRA,
  run atomically on the Redis server (one Lua script per acquire, on the server's clock), so
  every process on every machine using one API key shares the team's budget.
- `RedisDeleteMemory`, for ``AsyncAurous(delete_memory=...)``: the idempotent-delete
  evidence ("deleted", "possibly deleted", "a DELETE is in flight") shared by every worker,
  so a 404 after another worker's 200 is ``already_gone=True``.

Budgets and evidence are keyed by a SHA-256 hash of the API key and the base URL's origin
(never the key itself), or by ``team="..."`` so that several keys of one team share them.

When Redis is unreachable or slower than ``timeout`` (0.25 s by default, on every call):
the limiter logs one warning per outage and paces in process (a `RateLimiter` with the same
limits, so N processes then pace at N times the team's rate), or with
``on_unavailable="fail"`` raises `RateLimiterUnavailableError` before sending anything; the
delete memory logs one warning and keeps its evidence in process. After a failure Redis is
tried again after ``retry_interval`` seconds (1 s). No call waits on Redis longer than
``timeout``.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Literal

import httpx

from ._constants import HEADER_API_KEY
from ._delete import DEFAULT_DELETE_MEMORY, DeleteTracker
from ._exceptions import AurousError
from ._logging import logger
from ._ratelimit import (
    LimitSpec,
    RateLimiter,
    bucket_for,
    check_max_wait,
    gcra_figures,
    too_long,
)
from ._validation import InvalidArgumentError, type_name


class MissingDependencyError(AurousError, ImportError):
    """
    The optional ``redis`` package is not installed: ``pip install "aurous-async[redis]"``.
    """


try:
    import redis.asyncio as aioredis
    from redis.exceptions import RedisError
except ImportError as exc:  # pragma: no cover - exercised in a subprocess without redis
    raise MissingDependencyError(
        'aurous_async.redis needs the redis package: pip install "aurous-async[redis]"'
    ) from exc

__all__ = [
    "MissingDependencyError",
    "RateLimiterUnavailableError",
    "RedisDeleteMemory",
    "RedisRateLimiter",
]


class RateLimiterUnavailableError(AurousError):
    """
    The shared rate limiter could not be reached (``on_unavailable="fail"``); nothing was sent.
    """


_US = 1_000_000

# GCRA reservation, in integer microseconds of the server's clock (exact in a double).
# KEYS[1]: the bucket; ARGV: interval, tolerance, max_wait (-1: none).
# Returns {admitted (0/1), delay, tat before this reservation}.
_ACQUIRE = """
if redis.replicate_commands then pcall(redis.replicate_commands) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local max_wait = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local delay = tat - tolerance - now
if delay < 0 then delay = 0 end
if max_wait >= 0 and delay > max_wait then return {0, delay, tat} end
local new = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', new), 'PX', math.ceil((new - now) / 1000) + 1000)
return {1, delay, tat}
"""

# Give back one interval, only while no reservation since this slot's can have found the
# bucket idle (server time <= the slot's tat + interval): then every later reservation was
# pushed back by exactly this slot, and taking it back admits nothing early.
# KEYS[1]: the bucket; ARGV: interval, the slot's tat. Returns 1 when refunded.
_REFUND = """
if redis.replicate_commands then pcall(redis.replicate_commands) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
if now > tonumber(ARGV[2]) + interval then return 0 end
local current = redis.call('GET', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if not current or ttl <= 0 then return 0 end
redis.call('SET', KEYS[1], string.format('%.0f', tonumber(current) - interval), 'PX', ttl)
return 1
"""

# KEYS[1]: the id's evidence ('d' deleted, 'p' possibly); KEYS[2]: its in-flight marks.
# ARGV: evidence to record ('d', 'p' or '' for none), ttl in ms, a mark to drop ('' none),
# a mark to add ('' none). Returns 1.
_RECORD = """
if ARGV[1] ~= '' and (ARGV[1] == 'd' or redis.call('GET', KEYS[1]) ~= 'd') then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
if ARGV[3] ~= '' then redis.call('HDEL', KEYS[2], ARGV[3]) end
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[4], '1')
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
end
return 1
"""

# Returns 2 when the id is deleted (seen), 1 possibly deleted, 3 when not known to be gone
# but another worker's DELETE of it is in flight, 0 otherwise.
_LOOKUP = """
local value = redis.call('GET', KEYS[1])
if value == 'd' then return 2 end
if value == 'p' then return 1 end
if redis.call('HLEN', KEYS[2]) > 0 then return 3 end
return 0
"""


class _Unavailable(Exception):
    pass


def _origin(url: httpx.URL) -> str:
    port = url.port or (443 if url.scheme == "https" else 80)
    return f"{url.scheme}://{url.host}:{port}"


def _scope(api_key: str, url: httpx.URL) -> str:
    digest = hashlib.sha256(f"{api_key}\n{_origin(url)}".encode()).hexdigest()
    return digest[:32]


def _check_number(name: str, value: object, *, positive: bool = True) -> float:
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not (value > 0 if positive else value >= 0)
        or value == float("inf")
    ):
        bound = "> 0" if positive else ">= 0"
        raise InvalidArgumentError(name, f"must be a finite number {bound}, got {value!r}")
    return float(value)


def _check_text(name: str, value: object) -> str:
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        raise InvalidArgumentError(
            name, f"must be a non-empty str without spaces, got {type_name(value)}"
        )
    return value


class _Link:
    """
    One Redis client, the per-call timeout, and the outage state shared by bound copies.
    """

    def __init__(self, url_or_client: object, timeout: object, what: str) -> None:
        self.timeout = _check_number("timeout", timeout)
        self.what = what
        self.retry_interval = 1.0
        if isinstance(url_or_client, str):
            try:
                self.redis: Any = aioredis.Redis.from_url(
                    url_or_client,
                    socket_timeout=self.timeout,
                    socket_connect_timeout=self.timeout,
                )
            except ValueError:
                # The message would echo the URL, which may carry a password.
                raise InvalidArgumentError(
                    "url_or_client", "is not a valid Redis URL (redis://host:port/db)"
                ) from None
            self.owns = True
        elif callable(getattr(url_or_client, "register_script", None)):
            self.redis = url_or_client
            self.owns = False
        else:
            raise InvalidArgumentError(
                "url_or_client",
                f"must be a Redis URL or a redis.asyncio.Redis client, got "
                f"{type_name(url_or_client)}",
            )
        self.down_until = 0.0
        self.down = False
        self.scripts: dict[str, Any] = {}
        self.tasks: set[asyncio.Task[Any]] = set()

    async def run(self, source: str, keys: list[str], args: list[object]) -> Any:
        """
        Run a Lua script (EVALSHA, loading it when the server lacks it) within the timeout.

        Raise `_Unavailable` when Redis failed or was too slow, or failed less than
        ``retry_interval`` seconds ago.
        """
        if self.down and time.monotonic() < self.down_until:
            raise _Unavailable
        script = self.scripts.get(source)
        if script is None:
            script = self.scripts[source] = self.redis.register_script(source)
        try:
            async with asyncio.timeout(self.timeout):
                result = await script(keys=keys, args=args)
        except (RedisError, OSError, TimeoutError) as exc:
            self.failed(exc)
            raise _Unavailable from None
        if self.down:
            self.down = False
            logger.info("%s: Redis is reachable again", self.what)
        return result

    def failed(self, exc: BaseException) -> None:
        self.down_until = time.monotonic() + self.retry_interval
        if not self.down:
            self.down = True
            # The exception's type only: its text may name the server or carry credentials.
            logger.warning(
                "%s: Redis unavailable (%s); %s until it answers again",
                self.what,
                type(exc).__name__,
                "falling back to in-process state",
            )

    def spawn(self, coroutine: Awaitable[Any]) -> asyncio.Task[Any]:
        """Run *coroutine* to its end even if the caller is cancelled (kept referenced)."""
        task = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    async def aclose(self) -> None:
        if self.tasks:
            await asyncio.wait(list(self.tasks), timeout=self.timeout)
        if self.owns:
            await self.redis.aclose()


class _Slot:
    __slots__ = ("key", "interval", "tat", "spent")

    def __init__(self, key: str, interval: int, tat: int) -> None:
        self.key = key
        self.interval = interval
        self.tat = tat
        self.spent = False

    def __repr__(self) -> str:
        return f"<redis slot {self.key.rsplit(':', 1)[-1]}>"


class RedisRateLimiter:
    """
    A `Limiter` whose budget lives in Redis: one per documented bucket and team.

    Usage::

        limiter = RedisRateLimiter("redis://localhost:6379/0")
        async with AsyncAurous(rate_limit=limiter) as client:
            ...
        await limiter.aclose()

    Args:
        url_or_client: A Redis URL, or a ``redis.asyncio.Redis`` client (never closed here).
        key_prefix: Prefix of every Redis key (default ``"aurous"``).
        limits: Overrides per bucket, each a `RateLimit` (or ``(requests per second,
            burst)``), exactly as for `RateLimiter`; with ``safety`` and ``burst_margin``
            the same figures.
        team: A name replacing the hash of API key and origin, so that several keys (of
            one team) share one budget.
        timeout: The longest any one Redis call may take, in seconds (default 0.25).
        on_unavailable: ``"fallback"`` (default) paces in process while Redis is
            unreachable, after one logged warning; ``"fail"`` raises
            `RateLimiterUnavailableError` instead, before anything is sent.
        max_wait: The longest a call may wait for its slot (default: no bound); a slot
            further ahead raises `RateLimitError` at once and is never reserved.

    One limiter may serve several clients (and several API keys) on one event loop.
    """

    def __init__(
        self,
        url_or_client: object,
        *,
        key_prefix: str = "aurous",
        limits: Mapping[str, LimitSpec] | None = None,
        team: str | None = None,
        timeout: float = 0.25,
        on_unavailable: Literal["fallback", "fail"] = "fallback",
        max_wait: float | None = None,
        safety: float = 0.98,
        burst_margin: float = 0.05,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        check_max_wait(max_wait)
        if on_unavailable not in ("fallback", "fail"):
            raise InvalidArgumentError(
                "on_unavailable", f"must be 'fallback' or 'fail', got {on_unavailable!r}"
            )
        self._prefix = _check_text("key_prefix", key_prefix)
        self._team = None if team is None else _check_text("team", team)
        self._figures = gcra_figures(limits, safety, burst_margin)
        self._limits = dict(limits or {})
        self._safety = safety
        self._burst_margin = burst_margin
        self.max_wait = max_wait
        self.on_unavailable = on_unavailable
        self._link = _Link(url_or_client, timeout, "RedisRateLimiter")
        self._sleep = sleep or asyncio.sleep
        self._fallbacks: dict[str, RateLimiter] = {}

    def __repr__(self) -> str:
        return f"<RedisRateLimiter prefix={self._prefix!r} on_unavailable={self.on_unavailable!r}>"

    @property
    def retry_interval(self) -> float:
        """Seconds after a Redis failure before Redis is tried again (default 1)."""
        return self._link.retry_interval

    @retry_interval.setter
    def retry_interval(self, value: float) -> None:
        self._link.retry_interval = _check_number("retry_interval", value, positive=False)

    def _scope_of(self, request: httpx.Request) -> str:
        if self._team is not None:
            return f"team:{self._team}"
        return _scope(request.headers.get(HEADER_API_KEY, ""), request.url)

    def _fallback(self, scope: str) -> RateLimiter:
        limiter = self._fallbacks.get(scope)
        if limiter is None:
            limiter = self._fallbacks[scope] = RateLimiter(
                self._limits,
                safety=self._safety,
                burst_margin=self._burst_margin,
                max_wait=self.max_wait,
                sleep=self._sleep,
            )
        return limiter

    async def acquire(self, request: httpx.Request) -> object | None:
        """
        Reserve *request*'s slot in its shared bucket and wait for it; return the slot.
        """
        name = bucket_for(request)
        figures = self._figures.get(name) if name is not None else None
        if figures is None or name is None:
            return None
        scope = self._scope_of(request)
        key = f"{self._prefix}:rl:{{{scope}}}:{name}"
        interval, tolerance = round(figures[0] * _US), round(figures[1] * _US)
        max_wait = -1 if self.max_wait is None else round(self.max_wait * _US)
        link = self._link
        reserve = link.spawn(link.run(_ACQUIRE, [key], [interval, tolerance, max_wait]))
        try:
            admitted, delay, tat = await asyncio.shield(reserve)
        except _Unavailable:
            if self.on_unavailable == "fail":
                raise RateLimiterUnavailableError(
                    f"the shared rate limiter's Redis is unavailable; the {name} request "
                    "was not sent (on_unavailable='fail')"
                ) from None
            return await self._fallback(scope).acquire(request)
        except asyncio.CancelledError:
            # The script may still run: give back whatever it reserves.
            reserve.add_done_callback(lambda done: self._refund_orphan(done, key, interval))
            raise
        if not admitted:
            raise too_long(request, name, delay / _US, self.max_wait or 0.0)
        slot = _Slot(key, interval, int(tat))
        if delay > 0:
            try:
                await self._sleep(delay / _US)
            except BaseException:
                await asyncio.shield(link.spawn(self.refund(slot)))
                raise
        return slot

    def _refund_orphan(self, done: asyncio.Future[Any], key: str, interval: int) -> None:
        if done.cancelled() or done.exception() is not None:
            return
        admitted, _, tat = done.result()
        if admitted:
            self._link.spawn(self.refund(_Slot(key, interval, int(tat))))

    async def refund(self, slot: object) -> None:
        """Give back a slot whose request was never sent (at most once per slot)."""
        if isinstance(slot, _Slot):
            if slot.spent:
                return
            slot.spent = True
            try:
                await self._link.run(_REFUND, [slot.key], [slot.interval, slot.tat])
            except _Unavailable:
                pass
        elif slot is not None:
            for limiter in self._fallbacks.values():
                await limiter.refund(slot)
                break

    async def aclose(self) -> None:
        """Close the Redis client when this limiter created it from a URL."""
        await self._link.aclose()

    async def __aenter__(self) -> RedisRateLimiter:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


class RedisDeleteMemory:
    """
    A `DeleteMemory` in Redis: every worker using one API key shares its delete evidence.

    Usage::

        memory = RedisDeleteMemory("redis://localhost:6379/0")
        async with AsyncAurous(delete_memory=memory) as client:
            await client.delete_character(id)   # another worker's 404 is "already gone"

    Args:
        url_or_client: A Redis URL, or a ``redis.asyncio.Redis`` client (never closed here).
        key_prefix: Prefix of every Redis key (default ``"aurous"``).
        ttl: Seconds each piece of evidence is kept (default one day).
        team: A name replacing the hash of API key and origin (see `RedisRateLimiter`).
        timeout: The longest any one Redis call may take, in seconds (default 0.25).
        inflight_wait: After a 404 while another worker's DELETE of the same id is still
            in flight, how long to wait for its outcome (default 2 s); still unresolved
            then, the id counts as possibly deleted.

    The client binds the memory to its API key and origin (``bind``); one memory object may
    serve several clients. While Redis is unavailable the evidence is kept in process.
    """

    def __init__(
        self,
        url_or_client: object,
        *,
        key_prefix: str = "aurous",
        ttl: float = 86_400,
        team: str | None = None,
        timeout: float = 0.25,
        inflight_wait: float = 2.0,
    ) -> None:
        self._prefix = _check_text("key_prefix", key_prefix)
        self._ttl_ms = max(1, round(_check_number("ttl", ttl) * 1000))
        self._team = None if team is None else _check_text("team", team)
        self._inflight_wait = _check_number("inflight_wait", inflight_wait, positive=False)
        self._link = _Link(url_or_client, timeout, "RedisDeleteMemory")
        self._scope = f"team:{self._team}" if self._team is not None else "unbound"
        self._locals: dict[str, DeleteTracker] = {}

    def __repr__(self) -> str:
        return f"<RedisDeleteMemory prefix={self._prefix!r}>"

    def bind(self, api_key: str, base_url: httpx.URL) -> RedisDeleteMemory:
        """
        This memory for one API key and origin (or for ``team``): same connection, own keys.
        """
        bound = object.__new__(type(self))
        bound.__dict__.update(self.__dict__)
        if self._team is None:
            bound._scope = _scope(api_key, httpx.URL(str(base_url)))
        return bound

    def _keys(self, key: str) -> list[str]:
        tag = f"{{{self._scope}:{key}}}"
        return [f"{self._prefix}:del:{tag}", f"{self._prefix}:delw:{tag}"]

    def _local(self) -> DeleteTracker:
        local = self._locals.get(self._scope)
        if local is None:
            local = self._locals[self._scope] = DeleteTracker(DEFAULT_DELETE_MEMORY)
        return local

    async def _record(self, key: str, value: str, drop: object, add: str = "") -> bool:
        args = [value, self._ttl_ms, drop if isinstance(drop, str) else "", add]
        try:
            await self._link.run(_RECORD, self._keys(key), args)
        except _Unavailable:
            return False
        return True

    async def begin(self, key: str) -> object | None:
        """Mark a DELETE of *key* in flight; the mark (``None`` when Redis is down)."""
        mark = os.urandom(8).hex()
        return mark if await self._record(key, "", "", mark) else None

    async def end(self, key: str, mark: object | None) -> None:
        """Drop *mark*: its DELETE did not delete *key*."""
        if mark is not None:
            await self._record(key, "", mark)

    async def remember(self, key: str, mark: object | None = None) -> None:
        """Record that *key* was deleted (a 200 was seen)."""
        if not await self._record(key, "d", mark):
            self._local().remember(key)

    async def remember_possibly(self, key: str, mark: object | None = None) -> None:
        """Record that a DELETE of *key* may have taken effect unseen."""
        if not await self._record(key, "p", mark):
            self._local().remember_possibly(key)

    async def _lookup(self, key: str) -> int:
        try:
            return int(await self._link.run(_LOOKUP, self._keys(key), []))
        except _Unavailable:
            local = self._local()
            return 2 if local.was_deleted(key) else 1 if local.is_gone(key) else 0

    async def is_gone(self, key: str) -> bool:
        """
        True when *key* was deleted, seen or possibly, by any worker sharing this memory.

        While another worker's DELETE of *key* is in flight, wait (at most
        ``inflight_wait`` seconds) for its outcome; unresolved, it counts as possibly done.
        """
        deadline = time.monotonic() + self._inflight_wait
        pause = 0.01
        while True:
            state = await self._lookup(key)
            if state != 3:
                return state in (1, 2)
            if time.monotonic() >= deadline:
                return True
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.2)

    async def was_deleted(self, key: str) -> bool:
        """True when a 200 for deleting *key* was seen by any worker sharing this memory."""
        return await self._lookup(key) == 2

    async def aclose(self) -> None:
        """Close the Redis client when this memory created it from a URL."""
        await self._link.aclose()

    async def __aenter__(self) -> RedisDeleteMemory:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
