"""
``make bench``: the SDK against raw httpx on the same loopback server, in one run.

Starts ``bench/server.py`` in its own process, measures every figure of issue 6 with a
warm-up, several repetitions and the median, prints a table and writes ``bench/results.md``
(date, machine, versions, the table and the verdict per target). A hand-written section of
results.md between ``<!-- notes:start -->`` and ``<!-- notes:end -->`` is kept across runs.

Figures (see ``--help`` for the knobs):

- per-call overhead: 2,000 sequential ``get_character`` calls: SDK, raw ``httpx.AsyncClient``
  (the SDK's pool limits, timeout and headers; request + ``json`` decode) and the generated
  ``asyncio_detailed`` call alone.
- concurrency: 4,000 calls by 1, 10 and 100 workers: requests/s, p50 and p99 latency.
- import time: fresh interpreters, median of 20, ``.pyc`` present on both sides.
- rate-limit efficiency: 300 concurrent deletes against a server limited to 30/s, burst 60,
  with the SDK's client-side limiter on and off.
- memory: 10,000 concurrent ``delete_character`` calls, each side in a fresh interpreter
  (``bench/memory_child.py``), peak RSS above the idle baseline.
- regeneration: ``make generate`` and ``make check-generated`` on a temporary copy of the
  repo (the real tree is never touched).

Nothing here runs under ``make test``; timings depend on the machine, so only ratios are
compared with targets.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import gc
import importlib.metadata
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from clients import MAKERS, make_sdk

import aurous_async
from aurous_async import RateLimiter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.md"
NOTES_START, NOTES_END = "<!-- notes:start -->", "<!-- notes:end -->"


# --------------------------------------------------------------------------- helpers


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted sequence."""
    index = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def character_ids(n: int, prefix: str = "") -> list[str]:
    return [f"char_01HXMQ7Z3K{prefix}{i:010d}" for i in range(n)]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Row:
    """One line of the results table."""

    figure: str
    measure: str
    sdk: str
    raw: str
    generated: str = "–"
    ratio: str = "–"
    target: str = "reported"
    met: bool | None = None

    def cells(self) -> list[str]:
        verdict = "–" if self.met is None else ("yes" if self.met else "**NO**")
        return [
            self.figure,
            self.measure,
            self.sdk,
            self.raw,
            self.generated,
            self.ratio,
            self.target,
            verdict,
        ]


HEADER = ["figure", "measure", "SDK", "raw httpx", "generated", "SDK / raw", "target", "met"]


# --------------------------------------------------------------------------- server


class Server:
    """``bench/server.py`` in a child process; ends when we close its stdin."""

    def __init__(self, *args: str) -> None:
        self.args = args
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""
        self.loop = ""

    def __enter__(self) -> Server:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "server.py"), *self.args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        words = self.proc.stdout.readline().split()
        if len(words) < 4 or words[0] != "PORT":
            raise RuntimeError(f"bench server did not start: {words!r}")
        self.url = f"http://127.0.0.1:{words[1]}"
        self.loop = words[3]
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            self.proc.wait(timeout=10)

    def cpu_seconds(self) -> float:
        assert self.proc is not None
        with open(f"/proc/{self.proc.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stats(self) -> dict[str, Any]:
        return httpx.get(f"{self.url}/_bench/stats").json()  # type: ignore[no-any-return]

    def reset(self) -> None:
        httpx.post(f"{self.url}/_bench/reset").raise_for_status()


@dataclass
class Rep:
    """
    One repetition of one client: wall time of its calls, each call's latency, and the
    steady-state part (calls completed, and time, until the last call was handed out).
    """

    elapsed: float
    latencies: list[float]
    steady_calls: int = 0
    steady_elapsed: float = 0.0
    cpu: float = 0.0  # process CPU seconds while this client's calls ran
    calls: int = 0

    @property
    def cpu_us(self) -> float:
        """Client-process CPU per call, µs (the server runs in another process)."""
        return self.cpu / max(1, self.calls) * 1e6

    @property
    def throughput(self) -> float:
        """Requests per second in steady state: the drain at the end of a turn (a few
        starved requests of httpcore's pool can take seconds) is left out."""
        return self.steady_calls / self.steady_elapsed


async def _calls(get: Any, ids: Sequence[str], concurrency: int, rep: Rep | None) -> None:
    """Await ``get`` for every id with *concurrency* workers, recording into *rep*."""
    clock = time.perf_counter
    next_index = 0
    completed = 0
    started = clock()
    cpu_started = time.process_time()

    async def worker() -> None:
        nonlocal next_index, completed
        while next_index < len(ids):
            cid = ids[next_index]
            next_index += 1
            if rep is not None and next_index == len(ids):
                rep.steady_calls += completed
                rep.steady_elapsed += clock() - started
            call_started = clock()
            await get(cid)
            completed += 1
            if rep is not None:
                rep.latencies.append(clock() - call_started)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    if rep is not None:
        rep.elapsed += clock() - started
        rep.cpu += time.process_time() - cpu_started
        rep.calls += len(ids)


async def interleaved(
    url: str, kinds: Sequence[str], ids: Sequence[str], concurrency: int, chunk: int, rep: int
) -> dict[str, Rep]:
    """
    One repetition for every kind: all clients live in one loop and take turns, *chunk*
    calls at a time, so a slow moment of the machine hits all alike. The order rotates
    every turn and every repetition (at c=100 the first client of a pair runs measurably
    faster than the second; rotation spreads that evenly).
    """
    clients = {kind: MAKERS[kind](url) for kind in kinds}
    reps = {kind: Rep(0.0, []) for kind in kinds}
    warmup = [f"warm_{i}" for i in range(max(200, 2 * concurrency))]
    try:
        for kind in kinds:  # connections opened, lazy imports done
            await _calls(clients[kind].get, warmup, concurrency, None)
        gc.collect()
        for turn, first in enumerate(range(0, len(ids), chunk)):
            part = ids[first : first + chunk]
            for kind in rotated(kinds, turn + rep):
                await _calls(clients[kind].get, part, concurrency, reps[kind])
    finally:
        for client in clients.values():
            await client.aclose()
    return reps


def rotated(kinds: Sequence[str], turn: int) -> list[str]:
    """The kinds in another order each turn, so no kind always runs first or last."""
    shift = turn % len(kinds)
    return list(kinds[shift:]) + list(kinds[:shift])


# --------------------------------------------------------------------------- figures


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rows: list[Row] = []
        self.backend_rows: list[list[str]] = []
        self.notes: list[str] = []
        self.server_share = 0.0

    def run_load(
        self, server: Server, kinds: Sequence[str], ids: Sequence[str], concurrency: int, rep: int
    ) -> dict[str, Rep]:
        chunk = max(self.args.chunk, concurrency * 20)
        cpu, started = server.cpu_seconds(), time.perf_counter()
        reps = asyncio.run(interleaved(server.url, kinds, ids, concurrency, chunk, rep))
        share = (server.cpu_seconds() - cpu) / (time.perf_counter() - started)
        self.server_share = max(self.server_share, share)
        return reps

    # ---- per-call overhead

    def per_call(self, server: Server) -> None:
        n, reps = self.args.calls, self.args.reps
        kinds = ["sdk", "raw", "generated", "sdk_aiohttp", "raw_httpx_aiohttp"]
        log(f"per-call overhead: {n} sequential calls per client x {reps} repetitions")
        ids = character_ids(n)
        us: dict[str, list[float]] = {kind: [] for kind in kinds}
        for rep in range(reps):
            result = self.run_load(server, kinds, ids, 1, rep)
            for kind in kinds:
                us[kind].append(result[kind].elapsed / n * 1e6)
            log(f"  rep {rep + 1} " + "  ".join(f"{k} {us[k][-1]:5.0f} us" for k in kinds))
        sdk, raw, gen = (median(us[k]) for k in kinds[:3])
        # Ratios are paired within a repetition (same minutes of machine time), then the median.
        ratios = [s / r for s, r in zip(us["sdk"], us["raw"], strict=True)]
        ratio = median(ratios)
        gen_ratio = median([g / r for g, r in zip(us["generated"], us["raw"], strict=True)])
        self.rows.append(
            Row(
                "per-call overhead",
                f"µs per call, {n:,} sequential GET",
                f"{sdk:.0f}",
                f"{raw:.0f}",
                f"{gen:.0f} ({gen_ratio:.3f}×)",
                f"{ratio:.3f}× (reps {min(ratios):.3f}–{max(ratios):.3f})",
                "≤ 1.10×",
                ratio <= 1.10,
            )
        )
        self.rows.append(
            Row(
                "", "SDK µs above raw / above generated", f"{sdk - raw:+.0f} / {sdk - gen:+.0f}", ""
            )
        )
        aio, twin = median(us["sdk_aiohttp"]), median(us["raw_httpx_aiohttp"])
        aio_ratios = [
            s / r for s, r in zip(us["sdk_aiohttp"], us["raw_httpx_aiohttp"], strict=True)
        ]
        self.rows.append(
            Row(
                "per-call overhead, aiohttp backend",
                f"µs per call, {n:,} sequential GET; raw = raw httpx over the same transport",
                f"{aio:.0f}",
                f"{twin:.0f}",
                ratio=f"{median(aio_ratios):.3f}× (reps {min(aio_ratios):.3f}–"
                f"{max(aio_ratios):.3f})",
                target="≤ 1.10×",
                met=median(aio_ratios) <= 1.10,
            )
        )

    # ---- concurrency

    def concurrency(self, server: Server) -> None:
        n, reps = self.args.concurrent_calls, self.args.concurrency_reps
        kinds = list(CONCURRENCY_KINDS)
        ids = character_ids(n)
        for level in self.args.levels:
            log(f"concurrency {level}: {n} calls per client x {reps} repetitions")
            rps: dict[str, list[float]] = {kind: [] for kind in kinds}
            p50: dict[str, list[float]] = {kind: [] for kind in kinds}
            p99: dict[str, list[float]] = {kind: [] for kind in kinds}
            cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
            for rep in range(reps):
                result = self.run_load(server, kinds, ids, level, rep)
                for kind in kinds:
                    ordered = sorted(result[kind].latencies)
                    rps[kind].append(result[kind].throughput)
                    p50[kind].append(percentile(ordered, 0.50) * 1e3)
                    p99[kind].append(percentile(ordered, 0.99) * 1e3)
                    cpu[kind].append(result[kind].cpu_us)
                log(
                    f"  rep {rep + 1} "
                    + "  ".join(f"{k} {rps[k][-1]:5.0f}/s p99 {p99[k][-1]:.1f} ms" for k in kinds)
                )
            self.backend_rows.append(
                [f"{level}"]
                + [
                    f"{median(rps[k]):.0f} / {median(p50[k]):.1f} / {median(p99[k]):.1f} / "
                    f"{median(cpu[k]):.0f}"
                    for k in kinds
                ]
            )

            def ratio(a: str, b: str, values: dict[str, list[float]] = rps) -> float:
                # Paired within a repetition, then the median.
                return median([x / y for x, y in zip(values[a], values[b], strict=True)])

            sdk_raw = ratio("sdk", "raw")
            self.rows.append(
                Row(
                    f"concurrency {level}",
                    f"req/s, {n:,} calls (default backend)",
                    f"{median(rps['sdk']):.0f}",
                    f"{median(rps['raw']):.0f}",
                    ratio=f"{sdk_raw:.2f}×",
                    target="≥ 0.95×" if level >= 10 else "reported (per-call target)",
                    met=sdk_raw >= 0.95 if level >= 10 else None,
                )
            )
            self.rows.append(
                Row(
                    "",
                    "p50 / p99 latency, ms (default backend)",
                    f"{median(p50['sdk']):.1f} / {median(p99['sdk']):.1f}",
                    f"{median(p50['raw']):.1f} / {median(p99['raw']):.1f}",
                )
            )
            twin = ratio("sdk_aiohttp", "raw_httpx_aiohttp")
            self.rows.append(
                Row(
                    "",
                    "req/s, SDK on aiohttp vs raw httpx over the same transport",
                    f"{median(rps['sdk_aiohttp']):.0f}",
                    f"{median(rps['raw_httpx_aiohttp']):.0f} (twin)",
                    ratio=f"{twin:.2f}×",
                    target="≥ 0.90×",
                    met=twin >= 0.90,
                )
            )
            if level == 100:
                speedup = ratio("sdk_aiohttp", "raw")
                self.rows.append(
                    Row(
                        "",
                        "req/s, SDK on aiohttp vs raw httpx",
                        f"{median(rps['sdk_aiohttp']):.0f}",
                        f"{median(rps['raw']):.0f}",
                        ratio=f"{speedup:.1f}×",
                        target="≥ 8×",
                        met=speedup >= 8,
                    )
                )
                share = ratio("sdk_aiohttp", "raw_aiohttp")
                self.rows.append(
                    Row(
                        "",
                        "req/s, SDK on aiohttp vs raw aiohttp",
                        f"{median(rps['sdk_aiohttp']):.0f}",
                        f"{median(rps['raw_aiohttp']):.0f} (raw aiohttp)",
                        ratio=f"{share:.2f}×",
                        target="stretch ≥ 0.5×",
                        met=None,
                    )
                )
                tail = median(p99["sdk_aiohttp"]) / median(p99["raw"])
                self.rows.append(
                    Row(
                        "",
                        "p99 latency, ms, SDK on aiohttp vs raw httpx",
                        f"{median(p99['sdk_aiohttp']):.1f}",
                        f"{median(p99['raw']):.1f}",
                        ratio=f"{tail:.3f}×",
                        target="≤ 0.1×",
                        met=tail <= 0.1,
                    )
                )

    # ---- import time

    def import_time(self) -> None:
        runs = self.args.import_runs
        log(f"import time: {runs} fresh interpreters per snippet")
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "aurous_async"], cwd=ROOT, check=True
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("AUROUS_")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        snippets = {
            "httpx": "import httpx",
            "httpx+client": "import httpx; httpx.AsyncClient()",
            "sdk": "import aurous_async",
            "sdk+client": "import aurous_async; aurous_async.AsyncAurous(api_key='al_live_x')",
        }
        code = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"

        def once(snippet: str) -> float:
            out = subprocess.run(
                [sys.executable, "-c", code.format(snippet)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            return float(out.split()[-1]) * 1e3

        for snippet in snippets.values():  # warm-up: disk cache and any missing .pyc
            once(snippet)
        times: dict[str, list[float]] = {name: [] for name in snippets}
        for rep in range(runs):
            for name in rotated(list(snippets), rep):
                times[name].append(once(snippets[name]))
        ms = {name: median(values) for name, values in times.items()}
        log("  " + "  ".join(f"{name} {value:.1f} ms" for name, value in ms.items()))

        def paired(a: str, b: str) -> float:
            """Median of the per-round ratios: each round ran every snippet back to back."""
            return median([x / y for x, y in zip(times[a], times[b], strict=True)])

        ratio = paired("sdk+client", "httpx")
        self.rows.append(
            Row(
                "import time",
                f"ms, median of {runs}: `import aurous_async; AsyncAurous(...)` vs `import httpx`",
                f"{ms['sdk+client']:.1f}",
                f"{ms['httpx']:.1f}",
                ratio=f"{ratio:.2f}×",
                target="≤ 1.3×",
                met=ratio <= 1.3,
            )
        )
        self.rows.append(
            Row(
                "",
                "ms, `import aurous_async` alone",
                f"{ms['sdk']:.1f}",
                "",
                ratio=f"{paired('sdk', 'httpx'):.2f}×",
            )
        )
        self.rows.append(
            Row(
                "",
                "ms, with a client on both sides: raw is `import httpx; httpx.AsyncClient()`",
                f"{ms['sdk+client']:.1f}",
                f"{ms['httpx+client']:.1f}",
                ratio=f"{paired('sdk+client', 'httpx+client'):.2f}×",
            )
        )
        self.notes.append(
            "Import times: fresh interpreter per run, `.pyc` present on both sides "
            "(`python -m compileall -q aurous_async` first, PYTHONDONTWRITEBYTECODE unset "
            "for the children), time.perf_counter() around the statement inside the child."
        )

    # ---- rate-limit efficiency

    def rate_limit(self) -> None:
        n, rate, burst = self.args.deletes, 30.0, 60
        bound = (n - burst) / rate
        log(f"rate limit: {n} deletes against {rate:.0f}/s burst {burst}, limiter on and off")
        args = ("--limit-rate", str(rate), "--limit-burst", str(burst))
        results: dict[bool, list[tuple[float, int, int]]] = {True: [], False: []}
        with Server(*args) as server:
            for rep in range(self.args.rate_reps):
                for limiter_on in (True, False):
                    server.reset()
                    ids = character_ids(n, prefix=f"{rep}{int(limiter_on)}")
                    elapsed = asyncio.run(self._bulk_delete(server.url, ids, limiter_on))
                    stats = server.stats()
                    limited = stats["by_status"].get("429", 0)
                    results[limiter_on].append((elapsed, limited, stats["requests"]))
                    log(
                        f"  rep {rep + 1} limiter {'on ' if limiter_on else 'off'} "
                        f"{elapsed:6.2f} s  429s {limited:5d}  requests {stats['requests']}"
                    )
        on_time = median([r[0] for r in results[True]])
        on_429 = max(r[1] for r in results[True])
        off_time = median([r[0] for r in results[False]])
        off_429 = median([r[1] for r in results[False]])
        ratio = on_time / bound
        self.rows.append(
            Row(
                "rate limit, limiter on",
                f"s for {n} deletes at {rate:.0f}/s burst {burst} (bound {bound:.1f} s); 429s",
                f"{on_time:.2f} s; {on_429} × 429",
                f"bound {bound:.1f} s",
                ratio=f"{ratio:.2f}× bound",
                target="≤ 1.10× bound, 0 × 429",
                met=ratio <= 1.10 and on_429 == 0,
            )
        )
        self.rows.append(
            Row(
                "rate limit, limiter off",
                "same, server 429s retried after Retry-After",
                f"{off_time:.2f} s; {off_429:.0f} × 429",
                "",
                ratio=f"{off_time / bound:.2f}× bound",
            )
        )

    @staticmethod
    async def _bulk_delete(url: str, ids: list[str], limiter_on: bool) -> float:
        limiter = RateLimiter(limits={"characters_post": (30.0, 60)}) if limiter_on else False
        client = make_sdk(url, rate_limit=limiter, max_retries=50)
        try:
            await client.get(ids[0])  # connection and lazy imports; GETs are not limited
            started = time.perf_counter()
            await asyncio.gather(*(client.delete(cid) for cid in ids))
            return time.perf_counter() - started
        finally:
            await client.aclose()

    # ---- memory

    def memory(self, server: Server) -> None:
        n, gate, runs = self.args.memory_calls, self.args.gate, self.args.memory_reps
        kinds = ("raw", "sdk", "sdk_aiohttp")
        log(f"memory: {n} concurrent deletes per side, fresh interpreter each, gate {gate}")
        deltas: dict[str, list[float]] = {kind: [] for kind in kinds}
        for run in range(runs):
            # All sides at once (RSS does not depend on sharing the CPU); saves time.
            children = {
                kind: subprocess.Popen(
                    [sys.executable, str(HERE / "memory_child.py"), kind, server.url]
                    + [str(n), str(gate)],
                    cwd=ROOT,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                for kind in kinds
            }
            for kind, child in children.items():
                out, _ = child.communicate()
                if child.returncode != 0:
                    raise RuntimeError(f"memory child {kind} failed ({child.returncode})")
                result = json.loads(out.splitlines()[-1])
                deltas[kind].append(result["delta_kib"] / 1024)
                log(
                    f"  run {run + 1} {kind}: baseline {result['baseline_kib'] / 1024:.1f} MiB, "
                    f"peak +{deltas[kind][-1]:.1f} MiB in {result['elapsed']:.1f} s"
                )
        raw = median(deltas["raw"])
        for kind, label in (("sdk", "default backend"), ("sdk_aiohttp", "aiohttp backend")):
            sdk = median(deltas[kind])
            self.rows.append(
                Row(
                    "memory" if kind == "sdk" else "",
                    f"peak RSS above idle, MiB, {n:,} concurrent deletes, median of {runs}, "
                    f"SDK on the {label}",
                    f"{sdk:.1f}",
                    f"{raw:.1f}",
                    ratio=f"{sdk / raw:.2f}×",
                    target="≤ 1.3×",
                    met=sdk / raw <= 1.3,
                )
            )
        if gate:
            self.notes.append(
                f"Memory: all {n:,} calls are started at once and hold their state, but a "
                f"gate in front of the connection pool (the same on both sides, "
                f"`memory_child.GatedTransport`) lets at most {gate} into httpcore at a time. "
                "Without it httpx 0.28's pool does O(queued × connections) work per request "
                "state change and the run does not finish (see the notes below)."
            )

    # ---- overload (opt-in): more concurrent calls than the pool has connections

    def overload(self, server: Server) -> None:
        limit = self.args.overload_timeout
        log(f"overload: ungated concurrent deletes, pool of 1000 connections, {limit} s cap")
        for n in self.args.overload_calls:
            cells: dict[str, str] = {}
            for kind in ("raw", "sdk"):
                command = [
                    sys.executable,
                    str(HERE / "memory_child.py"),
                    kind,
                    server.url,
                    str(n),
                    "0",
                ]
                try:
                    out = subprocess.run(
                        command, cwd=ROOT, check=True, capture_output=True, text=True, timeout=limit
                    ).stdout
                    cells[kind] = f"{json.loads(out.splitlines()[-1])['elapsed']:.1f} s"
                except subprocess.TimeoutExpired:
                    cells[kind] = f"> {limit:.0f} s (stopped)"
                log(f"  {n} {kind}: {cells[kind]}")
            self.rows.append(
                Row(
                    f"overload {n:,}",
                    f"s for {n:,} concurrent deletes, no gate, pool max 1000",
                    cells["sdk"],
                    cells["raw"],
                )
            )

    # ---- regeneration

    def regeneration(self) -> None:
        reps = self.args.regen_reps
        venv = Path(sys.prefix)
        stamp = venv / ".installed"
        log(f"regeneration: make generate / check-generated on a temporary copy x {reps}")
        if not stamp.exists():
            self.notes.append(f"Regeneration skipped: {stamp} missing (run `make install`).")
            return
        times: dict[str, list[float]] = {"generate": [], "check-generated": []}
        with _repo_copy(stamp) as tmp:
            make = ["make", "--no-print-directory", "-C", str(tmp), f"VENV={venv}"]
            # Never let make reinstall the real venv from the copy.
            if subprocess.run([*make, "-q", str(stamp)]).returncode != 0:
                self.notes.append("Regeneration skipped: make wanted to reinstall the venv.")
                return
            for _ in range(reps):
                for target in times:
                    started = time.perf_counter()
                    subprocess.run([*make, target], check=True, capture_output=True)
                    times[target].append(time.perf_counter() - started)
        for target, values in times.items():
            seconds = median(values)
            log(f"  make {target}: {seconds:.2f} s")
            self.rows.append(
                Row(
                    f"make {target}",
                    f"wall s, median of {reps}",
                    f"{seconds:.2f}",
                    "",
                    target="≤ 5 s",
                    met=seconds <= 5.0,
                )
            )


@contextmanager
def _repo_copy(stamp: Path) -> Iterator[Path]:
    """What ``make generate`` needs, copied to a temporary folder; removed afterwards."""
    tmp = Path(tempfile.mkdtemp(prefix="aurous-bench-regen-"))
    try:
        for name in ("Makefile", "openapi.yaml", "generator-config.yml", "pyproject.toml"):
            shutil.copy2(ROOT / name, tmp / name)
        # Older than the venv stamp, so `$(STAMP): pyproject.toml` stays satisfied.
        old = stamp.stat().st_mtime - 60
        os.utime(tmp / "pyproject.toml", (old, old))
        ignore = shutil.ignore_patterns("__pycache__", ".ruff_cache", ".mypy_cache")
        for name in ("templates", "aurous_async", "tools"):
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, tmp / name, ignore=ignore)
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    model = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as meminfo:
        mem_kib = int(meminfo.readline().split()[1])
    versions = {
        name: importlib.metadata.version(name)
        for name in ("httpx", "httpcore", "h11", "anyio", "aiohttp", "yarl", "multidict")
    }
    sniffio = importlib.util.find_spec("sniffio") is not None
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "diff", "--quiet", "HEAD", "--", "aurous_async"], cwd=ROOT
        ).returncode
        commit += " (aurous_async/ has uncommitted changes)" if dirty else ""
    except OSError:
        commit = "unknown"
    return {
        "CPU": f"{model}, {os.cpu_count()} logical CPUs, {mem_kib / 1024**2:.0f} GiB RAM",
        "OS": f"Linux {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "HTTP stack": ", ".join(f"{k} {v}" for k, v in versions.items())
        + f", sniffio {'installed' if sniffio else 'not installed'}",
        "SDK": f"aurous-async {aurous_async.__version__}, commit {commit}",
    }


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def backend_table(bench: Bench) -> str:
    if not bench.backend_rows:
        return ""
    head = ["concurrency", *CONCURRENCY_KINDS]
    lines = [
        "Every client at each concurrency, in one run: req/s / p50 ms / p99 ms / client CPU "
        "µs per call (`sdk` = the SDK on httpx's pool, `sdk_aiohttp` = the SDK on its aiohttp "
        "backend, `raw_httpx_aiohttp` = raw httpx over the SDK's aiohttp transport).\n",
        "| " + " | ".join(head) + " |",
        "|" + " --- |" * len(head),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in bench.backend_rows]
    return "\n".join(lines) + "\n\n"


def render(bench: Bench, info: dict[str, str], started: datetime.datetime, took: float) -> str:
    verdicts = [row for row in bench.rows if row.met is not None]
    missed = [row for row in verdicts if not row.met]
    summary = (
        f"{len(verdicts) - len(missed)} of {len(verdicts)} targets met"
        + (": missed " + "; ".join(r.figure or r.measure for r in missed) if missed else "")
        + "."
    )
    notes = "\n".join(f"- {note}" for note in bench.notes)
    return (
        "# Benchmark results\n\n"
        "Reproduce with `make bench` (about five minutes; `bench/run.py --help` for the "
        "knobs). Written by `bench/run.py`; only the notes section below is hand-written.\n\n"
        f"Run: {started:%Y-%m-%d %H:%M} UTC, {took:.0f} s in all.\n\n"
        + "\n".join(f"- {key}: {value}" for key, value in info.items())
        + f"\n- Server: `bench/server.py`, {bench.args.server_loop} loop, own process; its "
        f"CPU use peaked at {bench.server_share:.0%} of one core during the HTTP figures "
        "(the client process, not the server, is the bottleneck).\n\n"
        "Medians of the repetitions; every client talks to the same loopback server; the "
        "raw httpx client uses the SDK's pool limits (1000 / 100 keep-alive), timeout and "
        "headers. Client and server share the machine's cores, so absolute numbers are "
        "relative CPU costs, not capacity.\n\n"
        + table(bench.rows)
        + f"\n\n**{summary}**\n\n"
        + backend_table(bench)
        + (notes + "\n\n" if notes else "")
    )


def keep_notes(old: str) -> str:
    start, end = old.find(NOTES_START), old.find(NOTES_END)
    if start < 0 or end < start:
        return f"{NOTES_START}\n## Notes\n\n(none yet)\n{NOTES_END}\n"
    return old[start : end + len(NOTES_END)] + "\n"


# --------------------------------------------------------------------------- main

CONCURRENCY_KINDS = ("sdk", "raw", "sdk_aiohttp", "raw_httpx_aiohttp", "raw_aiohttp")
FIGURES = ("per-call", "concurrency", "import", "rate-limit", "memory", "regeneration")
OPT_IN = ("overload",)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--reps", type=int, default=3, help="repetitions, per-call figure")
    parser.add_argument("--concurrency-reps", type=int, default=2)
    parser.add_argument(
        "--chunk", type=int, default=50, help="calls per turn when clients take turns"
    )
    parser.add_argument("--calls", type=int, default=2000, help="sequential calls, per-call")
    parser.add_argument("--concurrent-calls", type=int, default=2000)
    parser.add_argument(
        "--levels", type=lambda s: [int(x) for x in s.split(",")], default=[1, 10, 100, 1000]
    )
    parser.add_argument("--import-runs", type=int, default=20)
    parser.add_argument("--deletes", type=int, default=300)
    parser.add_argument("--rate-reps", type=int, default=1)
    parser.add_argument("--memory-calls", type=int, default=10_000)
    parser.add_argument("--memory-reps", type=int, default=3, help="memory: runs per side")
    parser.add_argument("--gate", type=int, default=10, help="memory: requests let into the pool")
    parser.add_argument("--regen-reps", type=int, default=3)
    parser.add_argument(
        "--overload-calls", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 1100]
    )
    parser.add_argument("--overload-timeout", type=float, default=120.0)
    parser.add_argument(
        "--only",
        default=",".join(FIGURES),
        help=f"comma-separated figures: {','.join(FIGURES)} (default all), or opt-in "
        f"{','.join(OPT_IN)}",
    )
    parser.add_argument("--no-write", action="store_true", help="print only, keep results.md")
    args = parser.parse_args(argv)
    args.only = set(args.only.split(","))
    unknown = args.only - set(FIGURES) - set(OPT_IN)
    if unknown:
        parser.error(f"unknown figures: {', '.join(sorted(unknown))}")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    clock = time.perf_counter()
    bench = Bench(args)
    with Server() as server:
        args.server_loop = server.loop
        if "per-call" in args.only:
            bench.per_call(server)
        if "concurrency" in args.only:
            bench.concurrency(server)
        if "memory" in args.only:
            bench.memory(server)
        if "overload" in args.only:
            bench.overload(server)
    if "import" in args.only:
        bench.import_time()
    if "rate-limit" in args.only:
        bench.rate_limit()
    if "regeneration" in args.only:
        bench.regeneration()
    took = time.perf_counter() - clock

    info = machine()
    report = render(bench, info, started, took)
    print()
    print(report)
    if not args.no_write:
        old = RESULTS.read_text() if RESULTS.exists() else ""
        RESULTS.write_text(report + keep_notes(old))
        print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
