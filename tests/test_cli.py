"""
The installed ``aurous`` command, run as a process against one loopback fake per module:
every subcommand, ``--json`` parsed, exit codes, stdin input, and the progress bar on a
pseudo-terminal.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from aurous_async import __version__
from aurous_async._cli import build_parser, main
from aurous_async.testing import DEFAULT_KEYS
from aurous_async.testing._media import png
from aurous_async.webhooks import sign

AUROUS = Path(sys.executable).parent / "aurous"
KEY = DEFAULT_KEYS["team_a"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _start(*command: str) -> tuple[subprocess.Popen[str], str]:
    """Start a fake server process; return it and its URL from its first line."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 20)
    assert ready, "the fake server did not start"
    first = process.stdout.readline()
    assert "listening on" in first, first
    return process, first.split()[-1]


def _stop(process: subprocess.Popen[str]) -> int:
    """Interrupt the server as Ctrl-C would; return its exit code (pipes closed)."""
    process.send_signal(signal.SIGINT)
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate(timeout=5)
    return process.returncode


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """One loopback fake for the whole module (real-time clock, plenty of credits)."""
    process, url = _start(
        sys.executable, "-m", "aurous_async.testing", "--port", "0", "--credits", "100000"
    )
    try:
        yield url
    finally:
        _stop(process)


@pytest.fixture
def env(server: str) -> dict[str, str]:
    """The environment a user would set: the fake's URL and team_a's key."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AUROUS_")}
    return {**clean, "AUROUS_BASE_URL": server, "AUROUS_API_KEY": KEY}


def aurous(
    env: dict[str, str], *args: str, input: str | bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed command with *args*; text output, bounded by a timeout."""
    assert AUROUS.exists(), "aurous is not installed: run make install"
    data = input.decode() if isinstance(input, bytes) else input
    return subprocess.run(
        [str(AUROUS), *args], env=env, input=data, capture_output=True, text=True, timeout=60
    )


def json_of(result: subprocess.CompletedProcess[str]) -> Any:
    """The one JSON document on stdout."""
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def json_lines(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    """Every JSON line on stdout."""
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def new_characters(server: str, count: int) -> list[str]:
    """Create *count* characters by synthesis (they settle in reviewing at once)."""
    with httpx.Client(base_url=server, headers={"X-Api-Key": KEY}) as http:
        ids = []
        for index in range(count):
            response = http.post(
                "/v1/characters", json={"name": f"cli-{index}", "generate": True, "attributes": {}}
            )
            assert response.status_code == 201, response.text
            ids.append(response.json()["id"])
    return ids


def status_of(server: str, cid: str) -> int:
    """The HTTP status of GET /v1/characters/{cid}."""
    with httpx.Client(base_url=server, headers={"X-Api-Key": KEY}) as http:
        return http.get(f"/v1/characters/{cid}").status_code


# -- help, version, usage errors -------------------------------------------------------------


def test_version_and_top_level_help(env: dict[str, str]) -> None:
    """--version names the SDK version; --help lists every command group."""
    version = aurous(env, "--version")
    helped = aurous(env, "--help")

    assert version.returncode == 0 and __version__ in version.stdout
    assert helped.returncode == 0
    for group in ("characters", "images", "videos", "files", "balance", "usage", "webhooks"):
        assert group in helped.stdout
    assert "fake-server" in helped.stdout and "Exit codes" in helped.stdout


def _commands() -> list[list[str]]:
    found: list[list[str]] = []

    def walk(parser: Any, prefix: list[str]) -> None:
        actions = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
        if not actions:
            found.append(prefix)
        for action in actions:
            for name, sub in action.choices.items():
                walk(sub, [*prefix, name])

    walk(build_parser(), [])
    return found


def test_every_command_of_the_issue_exists() -> None:
    """The command tree holds every command the issue names."""
    names = {" ".join(command) for command in _commands()}

    assert {
        "characters list",
        "characters get",
        "characters delete",
        "characters save",
        "characters wait",
        "images create",
        "images get",
        "images cancel",
        "images download",
        "videos create",
        "videos download",
        "files upload",
        "files get",
        "files delete",
        "balance",
        "usage",
        "webhooks verify",
        "fake-server",
    } <= names


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` works on every command and subcommand and exits 0."""
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])

    assert exited.value.code == 0
    assert f"usage: aurous {' '.join(command)}" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["characters", "frobnicate"], id="unknown-subcommand"),
        pytest.param(["images", "create"], id="missing-prompt"),
        pytest.param(["images", "create", "--prompt", "p", "--field", "oops"], id="bad-field"),
        pytest.param(["images", "create", "--prompt", "p", "--field", "nope=1"], id="unknown"),
        pytest.param(["images", "create", "--prompt", "p", "--width", "wide"], id="int"),
        pytest.param(["characters", "delete", "-", "--concurrency", "0"], id="concurrency"),
        pytest.param(["webhooks", "verify", "--signature", "t=1,v1=00", "--secret", "s"], id="sec"),
    ],
)
def test_usage_errors_exit_2(env: dict[str, str], args: list[str]) -> None:
    """A malformed command line exits 2 with a message and sends nothing useful."""
    result = aurous(env, *args, input="char_x\n")

    assert result.returncode == 2, result.stderr
    assert "error" in result.stderr


def test_missing_api_key_exits_2(env: dict[str, str]) -> None:
    """Without a key anywhere the command says so and exits 2."""
    del env["AUROUS_API_KEY"]

    result = aurous(env, "balance")

    assert result.returncode == 2
    assert "AUROUS_API_KEY" in result.stderr


# -- API commands ---------------------------------------------------------------------------


def test_balance_as_json_and_table(env: dict[str, str]) -> None:
    """balance prints one JSON document with --json, and key/value lines without."""
    document = json_of(aurous(env, "--json", "balance"))
    table = aurous(env, "balance")

    assert document["available_credits"] > 0
    assert "available_credits" in table.stdout and table.returncode == 0


def test_options_after_the_command_and_from_flags(env: dict[str, str], server: str) -> None:
    """--api-key/--base-url/--json work after the subcommand and override the environment."""
    bare = {k: v for k, v in env.items() if not k.startswith("AUROUS_")}

    result = aurous(bare, "balance", "--json", "--api-key", KEY, "--base-url", server)

    assert json_of(result)["currency"] == "credit"


def test_characters_get_wait_save_and_list(env: dict[str, str], server: str) -> None:
    """get, wait, save and list a character; list gives JSON lines and a table."""
    (cid,) = new_characters(server, 1)

    got = json_of(aurous(env, "characters", "get", cid, "--json"))
    waited = json_of(
        aurous(env, "characters", "wait", cid, "--status", "reviewing", "--json", "--max-wait", "5")
    )
    saved = json_of(aurous(env, "characters", "save", cid, "--json"))
    listed = aurous(env, "--json", "characters", "list", "--status", "ready")
    table = aurous(env, "characters", "list", "--limit", "3")

    assert got["id"] == cid and got["status"] == "reviewing"
    assert waited["status"] == "reviewing"
    assert saved["status"] == "ready"
    assert cid in [row["id"] for row in json_lines(listed)]
    assert table.returncode == 0
    assert table.stdout.splitlines()[0].split() == ["ID", "NAME", "STATUS", "CREATED_AT"]
    assert 1 <= len(table.stdout.splitlines()) - 1 <= 3


def test_api_error_exits_3_and_prints_the_request_id(env: dict[str, str]) -> None:
    """A 404 exits 3; the message and the JSON error both carry the request id."""
    plain = aurous(env, "characters", "get", "char_unknown")
    as_json = aurous(env, "--json", "characters", "get", "char_unknown")

    assert plain.returncode == 3
    assert "404" in plain.stderr and "request_id=req_" in plain.stderr
    error = json.loads(as_json.stderr)["error"]
    assert as_json.returncode == 3
    assert error["status"] == 404 and error["request_id"].startswith("req_")


def test_network_error_exits_4(env: dict[str, str]) -> None:
    """Nothing listening on the port: a connection error, exit 4."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env["AUROUS_BASE_URL"] = f"http://127.0.0.1:{port}"

    result = aurous(env, "balance", "--timeout", "2")

    assert result.returncode == 4
    assert "APIConnectionError" in result.stderr or "Connection" in result.stderr


def test_delete_reads_ids_from_stdin_and_prints_json_lines(
    env: dict[str, str], server: str
) -> None:
    """Ids on stdin (lines and spaces) are deleted; one JSON line each; no bar when piped."""
    ids = new_characters(server, 3)

    result = aurous(
        env, "characters", "delete", "-", "--json", input=f"{ids[0]}\n{ids[1]} {ids[2]}\n"
    )

    assert result.returncode == 0, result.stderr
    lines = json_lines(result)
    assert [line["id"] for line in lines] == ids
    assert {line["result"] for line in lines} == {"deleted"}
    assert all(line["request_id"].startswith("req_") for line in lines)
    assert "3 ids: 3 deleted, 0 already gone, 0 failed" in result.stderr
    assert "\r" not in result.stderr
    assert [status_of(server, cid) for cid in ids] == [404, 404, 404]


def test_delete_partial_failure_exits_5(env: dict[str, str], server: str) -> None:
    """One unknown id among real ones: exit 5, that id failed with its request id."""
    ids = new_characters(server, 2)

    result = aurous(env, "--json", "characters", "delete", ids[0], "char_unknown", ids[1])
    again = aurous(env, "characters", "delete", ids[0], "char_unknown", "--missing-ok")

    assert result.returncode == 5
    lines = json_lines(result)
    assert [line["result"] for line in lines] == ["deleted", "failed", "deleted"]
    assert lines[1]["error"]["status"] == 404
    assert lines[1]["error"]["request_id"].startswith("req_")
    assert again.returncode == 0
    assert again.stdout.split("\n")[1].split()[:2] == [ids[0], "already_gone"]


def test_delete_shows_a_progress_bar_on_a_terminal(env: dict[str, str], server: str) -> None:
    """With stderr on a pseudo-terminal, delete draws a bar that ends at n/n."""
    ids = new_characters(server, 12)
    main_fd, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [str(AUROUS), "characters", "delete", *ids, "--rate-limit"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=terminal,
        )
        os.close(terminal)
        seen = b""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 1)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            seen += chunk
        stdout, _ = process.communicate(timeout=30)
    finally:
        os.close(main_fd)

    text = seen.decode()
    assert process.returncode == 0, text
    assert "\rdeleting [" in text
    assert "12/12 failed 0" in text and "#" * 30 in text
    assert "12 ids: 12 deleted" in text
    assert stdout.decode().count("deleted") == 12


def test_images_create_wait_get_download_and_cancel(env: dict[str, str], tmp_path: Path) -> None:
    """create --output waits and saves a PNG; get, download (file and stdout) and cancel."""
    first = tmp_path / "first.png"
    created = json_of(
        aurous(
            env,
            "--json",
            "images",
            "create",
            "--prompt",
            "a lighthouse",
            "--size",
            "2k_1_1",
            "--field",
            "enhance_prompt=false",
            "--output",
            str(first),
        )
    )
    image_id = created["id"]
    got = json_of(aurous(env, "--json", "images", "get", image_id))
    second = tmp_path / "second.png"
    downloaded = aurous(env, "images", "download", image_id, "-o", str(second))
    piped = subprocess.run(
        [str(AUROUS), "images", "download", image_id, "-o", "-"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    cancelled = aurous(env, "--json", "images", "cancel", image_id)

    assert created["status"] == "succeeded" and created["size_preset"] == "2k_1_1"
    assert got["id"] == image_id
    assert first.read_bytes().startswith(PNG_MAGIC)
    assert downloaded.returncode == 0 and second.read_bytes() == first.read_bytes()
    assert piped.returncode == 0 and piped.stdout == first.read_bytes()
    # Cancelling a finished generation: the API's answer decides; either way it is reported.
    assert cancelled.returncode in (0, 3)
    if cancelled.returncode == 3:
        assert "request_id" in cancelled.stderr


def test_videos_create_and_download(env: dict[str, str], tmp_path: Path) -> None:
    """videos create --wait, then download the output to a file."""
    created = json_of(
        aurous(
            env,
            "--json",
            "videos",
            "create",
            "--video-lora-id",
            "seedance-1-pro",
            "--prompt",
            "waves",
            "--duration",
            "5",
            "--wait",
        )
    )
    target = tmp_path / "waves.mp4"
    downloaded = aurous(env, "videos", "download", created["id"], "--output", str(target))

    assert created["status"] == "succeeded" and created["media_type"] == "video"
    assert downloaded.returncode == 0
    assert target.stat().st_size > 0
    assert f"saved {target.stat().st_size} bytes" in downloaded.stderr


def test_files_upload_get_delete(env: dict[str, str], tmp_path: Path) -> None:
    """Upload a PNG with metadata, read it back, delete it; then get is a 404 (exit 3)."""
    path = tmp_path / "face.png"
    path.write_bytes(png(16, 16))

    uploaded = json_of(
        aurous(env, "--json", "files", "upload", str(path), "--metadata", '{"shoot": "42"}')
    )
    got = json_of(aurous(env, "--json", "files", "get", uploaded["id"]))
    deleted = aurous(env, "--json", "files", "delete", uploaded["id"])
    after = aurous(env, "files", "get", uploaded["id"])

    assert uploaded["purpose"] == "reference"
    assert got["id"] == uploaded["id"]
    assert json_of(deleted)["id"] == uploaded["id"]
    assert after.returncode == 3


def test_usage_prints_json_lines(env: dict[str, str]) -> None:
    """usage --json prints one JSON line per bucket; the table has its header."""
    as_json = aurous(env, "--json", "usage", "--start-time", "2026-01-01T00:00:00Z")
    table = aurous(env, "usage", "--start-time", "2026-01-01", "--bucket-width", "1d")

    assert as_json.returncode == 0, as_json.stderr
    lines = json_lines(as_json)
    assert lines and all(line["object"] == "usage.bucket" for line in lines)
    assert table.returncode == 0 and table.stdout.startswith("BUCKET_START")


# -- offline commands -----------------------------------------------------------------------


def test_webhooks_verify_reads_stdin_and_the_secret_from_env_or_file(
    env: dict[str, str], tmp_path: Path
) -> None:
    """A signed body verifies (exit 0, the event printed); tampered exits 1; no secret 2."""
    secret = "whsec_" + "s" * 32
    body = json.dumps({"id": "evt_1", "type": "image.completed", "data": {}})
    signature = sign(body, secret)
    secret_file = tmp_path / "secret"
    secret_file.write_text(secret + "\n")

    from_env = aurous(
        {**env, "AUROUS_WEBHOOK_SECRET": secret},
        "--json",
        "webhooks",
        "verify",
        "--signature",
        signature,
        input=body,
    )
    from_file = aurous(
        env,
        "webhooks",
        "verify",
        "--signature",
        signature,
        "--secret-file",
        str(secret_file),
        input=body,
    )
    tampered = aurous(
        {**env, "AUROUS_WEBHOOK_SECRET": secret},
        "webhooks",
        "verify",
        "--signature",
        signature,
        input=body.replace("1", "2"),
    )
    no_secret = aurous(env, "webhooks", "verify", "--signature", signature, input=body)

    assert json_of(from_env)["id"] == "evt_1"
    assert from_file.returncode == 0 and "image.completed" in from_file.stdout
    assert tampered.returncode == 1 and "does not match" in tampered.stderr
    assert no_secret.returncode == 2 and "AUROUS_WEBHOOK_SECRET" in no_secret.stderr
    assert secret not in from_env.stdout + from_env.stderr + tampered.stderr


def test_fake_server_serves_until_interrupted(env: dict[str, str]) -> None:
    """`aurous fake-server --port 0` prints its URL, answers, and stops on Ctrl-C with 0."""
    process, url = _start(str(AUROUS), "fake-server", "--port", "0")
    try:
        balance = aurous({**env, "AUROUS_BASE_URL": url}, "--json", "balance")
    finally:
        code = _stop(process)

    assert url.startswith("http://127.0.0.1:")
    assert json_of(balance)["available_credits"] == 1000.0
    assert code == 0
