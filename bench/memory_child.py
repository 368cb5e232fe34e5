"""
One side of the memory figure, run by ``bench/run.py`` in a fresh interpreter per side.

Usage: ``python bench/memory_child.py {sdk,sdk_aiohttp,raw} BASE_URL N GATE``

Imports, builds one client, records the idle RSS as the baseline (and resets the peak-RSS
mark to it), then awaits N concurrent ``delete`` calls at once with ``asyncio.gather`` and
prints one JSON line: baseline and peak RSS in KiB, peak above baseline, elapsed seconds.

``GATE`` > 0 puts an admission gate between the client and its connection pool (the same
`GatedTransport` on both sides): every call is started and holds its state, but at most GATE
requests are inside httpcore's pool at once. Without it httpx 0.28's pool spends
O(queued x connections) CPU per state change once the calls outnumber the pool's
connections, and 10,000 queued calls do not finish in any useful time (see results.md).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any

import httpx

from aurous_async._constants import DEFAULT_CONNECTION_LIMITS, DEFAULT_TIMEOUT

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from clients import HEADERS, BenchClient, make_sdk  # noqa: E402


class _ReleasingStream(httpx.AsyncByteStream):
    """Hands a response body through and frees the gate slot when the body is closed."""

    def __init__(self, inner: httpx.AsyncByteStream, release: Any) -> None:
        self._inner = inner
        self._release = release

    async def __aiter__(self) -> Any:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            self._release()


class GatedTransport(httpx.AsyncBaseTransport):
    """Admits at most *limit* requests into *inner* at once; a slot lasts until body close."""

    def __init__(self, inner: httpx.AsyncBaseTransport, limit: int) -> None:
        self._inner = inner
        self._gate = asyncio.Semaphore(limit)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await self._gate.acquire()
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                self._gate.release()

        try:
            response = await self._inner.handle_async_request(request)
        except BaseException:
            release()
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _ReleasingStream(response.stream, release)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); False if the kernel refuses."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


async def run(kind: str, base_url: str, n: int, gate: int) -> dict[str, Any]:
    if kind in ("sdk", "sdk_aiohttp"):
        client = make_sdk(base_url, **({"http_backend": "aiohttp"} if kind != "sdk" else {}))
        if gate:
            # The SDK has no transport argument: wrap its own pool transport in place.
            transport = client.native._shared.transport
            # ``inner`` builds the pool if the SDK defers it; older layouts hold ``_inner``.
            inner = transport.inner if hasattr(type(transport), "inner") else transport._inner
            transport._inner = GatedTransport(inner, gate)
    else:
        inner: httpx.AsyncBaseTransport = httpx.AsyncHTTPTransport(limits=DEFAULT_CONNECTION_LIMITS)
        http = httpx.AsyncClient(
            base_url=base_url,
            headers=HEADERS,
            timeout=DEFAULT_TIMEOUT,
            transport=GatedTransport(inner, gate) if gate else inner,
        )

        async def delete(cid: str) -> Any:
            response = await http.delete(f"/v1/characters/{cid}")
            response.raise_for_status()
            return response.json()

        client = BenchClient(delete, delete, http.aclose, http)

    baseline = _status_kib("VmRSS")
    reset = _reset_peak()
    started = time.perf_counter()
    results = await asyncio.gather(*(client.delete(f"char_{i:08d}") for i in range(n)))
    elapsed = time.perf_counter() - started
    peak = _status_kib("VmHWM")
    await client.aclose()
    if len(results) != n:
        raise RuntimeError("not every delete answered")
    return {
        "kind": kind,
        "n": n,
        "gate": gate,
        "baseline_kib": baseline,
        "peak_kib": peak,
        "delta_kib": peak - baseline,
        "peak_reset": reset,
        "elapsed": elapsed,
    }


def main() -> None:
    kind, base_url, n, gate = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    print(json.dumps(asyncio.run(run(kind, base_url, n, gate))))


if __name__ == "__main__":
    main()
