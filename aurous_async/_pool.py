"""
httpx's default pool with a linear-time assignment step: the httpx backend's inner transport.

httpcore 1.0's ``AsyncConnectionPool._assign_requests_to_connections`` runs on every request
arrival, completion and cancellation. It costs O(idle x connections) (for each idle
connection it rebuilds a list of every connection to count them), polls the socket of every
idle connection (anyio builds a dict of lambdas for each poll), and hands the same idle
HTTP/1.1 connection to every queued request of a pass, so all but one of them fail with
``ConnectionNotAvailable`` and go round again (each time paying a failed ``import sniffio``
in ``httpcore._synchronization``). With the SDK's gate of 100 requests in flight and 100
connections open, that step was two thirds of the client's CPU at concurrency 1,000
(bench/results.md, notes).

`FastConnectionPool` replaces only that step, with the same rules in one pass: closed
connections are dropped, an idle one that expired or that the server closed is closed (each
pass checks a few idle connections in turn and every one it hands out, instead of polling
all of them every time),
idle connections beyond ``max_keepalive_connections`` are closed (httpcore's check counts
every connection instead of the idle ones, so it closes each idle connection as soon as the
pool holds more than that many at all), and queued requests take, in arrival order, an idle
connection not already promised to another request, a connection that multiplexes, a new
connection while under ``max_connections``, or else the place of an idle connection to
another origin. Waiting, timeouts, cancellation and the retry on ``ConnectionNotAvailable``
stay httpcore's own.
"""

from __future__ import annotations

from typing import Any

import httpcore
import httpx

# The pool internals the replacement step reads and writes; without them (another httpcore
# release) the stock pool is kept.
_NEEDS = ("_connections", "_requests", "_max_connections", "_max_keepalive_connections")
# Idle connections whose keep-alive expiry and socket a pass checks besides those it hands out.
_CHECKS_PER_PASS = 4


class FastConnectionPool(httpcore.AsyncConnectionPool):
    """
    ``httpcore.AsyncConnectionPool`` whose request assignment is linear in its size.
    """

    def _assign_requests_to_connections(self) -> list[Any]:
        closing: list[Any] = []
        kept: list[Any] = []
        idle: list[Any] = []
        for connection in self._connections:
            if connection.is_closed():
                continue
            if connection.is_idle():
                idle.append(connection)
            kept.append(connection)
        if idle:
            # Only an idle connection can have expired (a busy one has no keep-alive
            # deadline and is not polled for a server-side close). Each check polls the
            # socket, so a pass checks a few idle connections in turn, and every one it
            # hands out (`_take`): httpcore checked all of them on every pass, which at
            # 100 connections was a third of the client's CPU.
            count = min(len(idle), _CHECKS_PER_PASS)
            start = getattr(self, "_next_check", 0) % len(idle)
            self._next_check = start + count
            expired = [
                connection
                for connection in (idle[(start + i) % len(idle)] for i in range(count))
                if connection.has_expired()
            ]
            if expired:
                closing.extend(expired)
                kept = [c for c in kept if c not in expired]
                idle = [c for c in idle if c not in expired]
        surplus = len(idle) - self._max_keepalive_connections
        if surplus > 0:
            for connection in idle[:surplus]:
                kept.remove(connection)
                closing.append(connection)
            del idle[:surplus]
        self._connections = kept

        requests = self._requests
        promised = {id(r.connection) for r in requests if r.connection is not None}
        free = [connection for connection in idle if id(connection) not in promised]
        # Busy connections that take more requests (HTTP/2); none on HTTP/1.1.
        shared = [c for c in kept if not c.is_idle() and c.is_available()]
        for pool_request in requests:
            if pool_request.connection is not None:
                continue
            if not free and not shared and len(kept) >= self._max_connections:
                break  # nothing left to hand out: the rest stay queued
            origin = pool_request.request.url.origin
            chosen = _take(free, origin, closing, kept)
            if chosen is None:
                chosen = next((c for c in shared if c.can_handle_request(origin)), None)
            if chosen is None:
                if len(kept) >= self._max_connections:
                    if not free:
                        continue  # only multiplexed connections to other origins
                    # Make room: an idle connection to another origin gives way.
                    old = free.pop(0)
                    kept.remove(old)
                    closing.append(old)
                chosen = self.create_connection(origin)
                kept.append(chosen)
            pool_request.assign_to_connection(chosen)
        return closing


def _take(free: list[Any], origin: httpcore.Origin, closing: list[Any], kept: list[Any]) -> Any:
    """The first free connection to *origin* that has not expired (expired ones close)."""
    index = 0
    while index < len(free):
        connection = free[index]
        if not connection.can_handle_request(origin):
            index += 1
            continue
        del free[index]
        if not connection.has_expired():
            return connection
        kept.remove(connection)
        closing.append(connection)
    return None


def pool_transport(limits: httpx.Limits, verify: Any) -> httpx.AsyncHTTPTransport:
    """
    ``httpx.AsyncHTTPTransport(limits=..., verify=...)`` on a `FastConnectionPool`.
    """
    transport = httpx.AsyncHTTPTransport(limits=limits, verify=verify)
    pool = transport._pool
    if type(pool) is httpcore.AsyncConnectionPool and all(hasattr(pool, a) for a in _NEEDS):
        # Same class layout, one method replaced: every setting httpx gave the pool stays.
        pool.__class__ = FastConnectionPool
    return transport
