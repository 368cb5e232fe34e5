"""
``make bench``, many workers: N processes with one API key against one team budget.

Each worker process (``tests/redis_worker.py``) has its own `AsyncAurous` and deletes its
share of the ids, five calls in flight, through either the in-process `RateLimiter` (each
process paces alone, so N processes send N times the team's rate) or `RedisRateLimiter`
(one budget in a real ``redis-server`` on loopback). The loopback API enforces
``characters_post`` scaled to 1,800/min, burst 60, per team, and counts its 429s.

Printed per mode: the aggregate time (first start to last finish) against the theoretical
bound ``(n - burst) / rate``, the 429s the server sent, and the calls that failed. Written to
``bench/results-multiworker.md``. Timings depend on the machine: a benchmark, never a test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import platform
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.loopback import serve  # noqa: E402
from tests.redis_server import INSTALL_HINT, RedisServer, find_redis_server  # noqa: E402
from tests.redis_worker import TeamServer  # noqa: E402
from tests.test_redis_workers import BURST, RATE, ids, run_workers  # noqa: E402

RESULTS = HERE / "results-multiworker.md"


async def measure(workers: int, deletes: int, mode: str, redis_url: str) -> dict[str, object]:
    team = TeamServer(RATE, BURST)
    share = deletes // workers
    batches = [ids(n * share, (n + 1) * share) for n in range(workers)]
    async with serve(team) as api:
        started = time.monotonic()
        results = await run_workers(
            api.url, redis_url, batches, "--limiter", mode, "--concurrency", "5"
        )
        seconds = time.monotonic() - started
    outcomes: Counter[str] = Counter()
    for result in results:
        outcomes.update(result["outcomes"])  # type: ignore[arg-type]
    slowest = max(float(r["seconds"]) for r in results)  # type: ignore[arg-type]
    return {
        "mode": mode,
        "seconds": slowest,
        "wall": seconds,
        "limited": team.limited,
        "failed": sum(v for k, v in outcomes.items() if k not in ("deleted", "already_gone")),
        "excess": team.worst_excess(),
    }


async def main_async(args: argparse.Namespace) -> list[dict[str, object]]:
    binary = find_redis_server()
    if binary is None:
        raise SystemExit(INSTALL_HINT)
    server = RedisServer(binary)
    server.start()
    try:
        rows = []
        for mode in ("local", "redis"):
            for _ in range(args.reps):
                rows.append(await measure(args.workers, args.deletes, mode, server.url))
        return rows
    finally:
        server.close()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--deletes", type=int, default=300)
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    bound = (args.deletes - BURST) / RATE
    rows = asyncio.run(main_async(args))
    names = {"local": "in-process RateLimiter", "redis": "RedisRateLimiter"}
    lines = [
        f"{args.workers} processes, {args.deletes} deletes, server {RATE * 60:.0f}/min burst "
        f"{BURST} per team; bound {bound:.1f} s",
        "",
        "| limiter | aggregate s | vs bound | server 429s | failed calls | worst window excess |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        seconds = float(row["seconds"])  # type: ignore[arg-type]
        lines.append(
            f"| {names[str(row['mode'])]} | {seconds:.2f} | {seconds / bound:.2f}x | "
            f"{row['limited']} | {row['failed']} | {float(row['excess']):+.1f} |"  # type: ignore[arg-type]
        )
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        header = (
            f"# Many workers: one team budget\n\n"
            f"{datetime.date.today().isoformat()}, {platform.machine()}, "
            f"Python {platform.python_version()}, `python bench/multiworker.py`\n\n"
        )
        RESULTS.write_text(header + text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
