"""The warm server: the same bytes and status as a run in one process, safety checks, signals, staleness, idle exit."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from lintnews import launch
from lintnews.speed import warm_client, warm_place
from lintnews.speed.warm_wire import parse_reply, send_request

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "corpus" / "articles"

# A server with the warm server's loop and a stand-in for the command line, so the protocol is tested without
# spaCy. The last argument says what the run does: "echo" (cwd, an environment variable, stdin to stdout), "exit:N",
# "sleep:SECONDS:PIDFILE" (its pid written first; Ctrl-C ends it with 130 as cli.main does).
STUB_SERVER = r"""
import os, sys, time
from lintnews.speed import warm_place, warm_server

def main(argv):
    what = argv[-1].split(":")
    try:
        if what[0] == "echo":
            print(os.getcwd(), os.environ.get("WARM_TEST", "-"), sys.stdin.read().strip())
            print("to stderr", file=sys.stderr)
            return 0
        if what[0] == "exit":
            return int(what[1])
        if what[0] == "sleep":
            with open(what[2] + ".tmp", "w") as fh:
                fh.write(str(os.getpid()))
            os.rename(what[2] + ".tmp", what[2])
            time.sleep(float(what[1]))
            return int(what[3]) if len(what) > 3 else 0
    except KeyboardInterrupt:
        print("lintnews: interrupted", file=sys.stderr)
        return 130
    return 99

def prepare():
    if sys.argv[1:] == ["fail"]:
        raise RuntimeError("cannot prepare")

if sys.argv[1:] == ["stale"]:
    warm_place.key = lambda: "the key of older code"
sys.exit(warm_server.run_server(main, prepare, lambda line: print(line, flush=True)))
"""


@pytest.fixture
def runtime() -> Iterator[dict[str, str]]:
    """The environment of a private runtime folder (short: a socket path has at most 108 bytes); every server
    started in it is stopped, and waited for, at the end."""
    base = tempfile.mkdtemp(prefix="lnw-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINTNEWS_WARM")}
    env.update(XDG_RUNTIME_DIR=base, LINTNEWS_WARM_IDLE="60")
    try:
        yield env
    finally:
        stop_servers(Path(base) / "lintnews")
        shutil.rmtree(base, ignore_errors=True)


def stop_servers(folder: Path, seconds: float = 90.0) -> None:
    """Ask every server of `folder` to stop until none holds its lock (one may still be loading the model)."""
    deadline = time.monotonic() + seconds
    for lock in folder.glob("*.lock"):
        while True:
            fd = os.open(lock, os.O_RDWR)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                pass
            finally:
                os.close(fd)
            assert time.monotonic() < deadline, f"a warm server at {lock} did not stop"
            request(Path(str(lock).removesuffix(".lock")), "stop")
            time.sleep(0.2)


def request(path: Path, op: str, key: str | None = None) -> tuple[str, Any] | None:
    sock = warm_client.connect(str(path))
    if sock is None:
        return None
    with sock:
        send_request(sock, {"op": op, "key": key or warm_place.key()}, [])
        with sock.makefile("rb") as replies:
            line = replies.readline()
    return parse_reply(line) if line else None


def socket_of(env: dict[str, str]) -> Path:
    return Path(env["XDG_RUNTIME_DIR"]) / "lintnews" / Path(warm_place.socket_path("/x")).name


def start_stub(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([sys.executable, "-c", STUB_SERVER, *args], env=env, stdout=subprocess.DEVNULL)
    path = socket_of(env)
    deadline = time.monotonic() + 30
    while not path.exists():
        assert server.poll() is None and time.monotonic() < deadline, "the stub server did not start"
        time.sleep(0.05)
    return server


def client(env: dict[str, str], *args: str, **kw: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "lintnews", "check", "--warm", "--verbose", *args],
        env=env,
        stdin=kw.pop("stdin", subprocess.DEVNULL),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kw,
    )


def wait_for(path: Path, seconds: float = 30.0) -> str:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)
    return path.read_text(encoding="ascii")


def gone(pid: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while Path(f"/proc/{pid}").exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


# -- the console script's decision, before anything is imported


@pytest.mark.parametrize(
    ("argv", "env", "warm"),
    [
        (["check", "--warm", "a.txt"], "", True),
        (["check", "a.txt", "--warm"], "", True),
        (["check", "--", "--warm"], "", False),  # a path named --warm
        (["check", "a.txt"], "1", True),
        (["check", "a.txt"], "0", False),
        (["rules", "--warm"], "1", False),
        ([], "1", False),
    ],
)
def test_which_runs_go_warm(monkeypatch: pytest.MonkeyPatch, argv: list[str], env: str, warm: bool) -> None:
    monkeypatch.setenv(launch.WARM_ENV, env)
    assert launch.wants_warm(argv) is warm


def test_the_console_script_imports_no_command_line_for_a_warm_run() -> None:
    code = "import sys, lintnews.launch as l; l.wants_warm(['check']); print('lintnews.commands.cli' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_process_holding_the_model_forks_no_model_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    from lintnews.speed import schedule

    monkeypatch.setattr(schedule, "cpu_count", lambda: 2)
    monkeypatch.setattr("lintnews.core.nlp.model_loaded", lambda: False)
    assert schedule.may_split(0, fixing=False) is schedule.fork_available()
    monkeypatch.setattr("lintnews.core.nlp.model_loaded", lambda: True)  # a run forked by the warm server
    assert schedule.may_split(0, fixing=False) is False


# -- the folder and the key


def test_the_folder_is_made_private(tmp_path: Path) -> None:
    folder = warm_place.private_dir(str(tmp_path / "lintnews"))
    assert os.stat(folder).st_mode & 0o777 == 0o700


@pytest.mark.parametrize("damage", ["open", "symlink", "file"])
def test_an_unsafe_folder_is_refused(tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "lintnews"
    if damage == "open":
        folder.mkdir(mode=0o700)
        folder.chmod(0o755)
    elif damage == "symlink":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        folder.symlink_to(tmp_path / "elsewhere")
    else:
        folder.write_text("", encoding="utf-8")
    with pytest.raises(warm_place.Unsafe):
        warm_place.private_dir(str(folder))


def test_an_unsafe_folder_makes_the_run_here(runtime: dict[str, str], tmp_path: Path) -> None:
    (Path(runtime["XDG_RUNTIME_DIR"]) / "lintnews").mkdir(mode=0o755)
    os.chmod(Path(runtime["XDG_RUNTIME_DIR"]) / "lintnews", 0o755)
    (tmp_path / ".lintnews.toml").write_text("", encoding="utf-8")
    (tmp_path / "a.txt").write_text("It rained. . Then it stopped.\n", encoding="utf-8")
    p = client(runtime, "--select", "punctuation.doubled-period", "a.txt", cwd=tmp_path)
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0
    assert b"a.txt:1:10: punctuation.doubled-period" in out
    assert err.decode().splitlines() == [
        f"lintnews: warm: {runtime['XDG_RUNTIME_DIR']}/lintnews is open to other users (mode 755, expected 700); "
        "running in this process"
    ]
    assert not list((Path(runtime["XDG_RUNTIME_DIR"]) / "lintnews").iterdir())  # no server was started there


def test_an_edited_file_changes_the_key(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    code = tmp_path / "sub" / "checker.py"
    code.write_text("A = 1\n", encoding="utf-8")

    def signature() -> str:
        h = hashlib.sha256()
        warm_place.package_signature(h, str(tmp_path))
        return h.hexdigest()

    before = signature()
    (tmp_path / "sub" / "__pycache__").mkdir()
    (tmp_path / "sub" / "__pycache__" / "checker.cpython-311.pyc").write_bytes(b"compiled")
    assert signature() == before  # bytecode is not code
    code.write_text("A = 2\n", encoding="utf-8")
    os.utime(code, ns=(1, 1))
    assert signature() != before


# -- the protocol, with the stand-in command line


def test_the_run_gets_the_clients_folder_environment_stdio_and_status(runtime: dict[str, str], tmp_path: Path) -> None:
    server = start_stub(runtime)
    p = client({**runtime, "WARM_TEST": "seen"}, "echo", cwd=tmp_path, stdin=subprocess.PIPE)
    out, err = p.communicate(b"from stdin\n", timeout=30)
    assert (p.returncode, out.decode(), err.decode()) == (0, f"{tmp_path} seen from stdin\n", "to stderr\n")
    p = client(runtime, "exit:3")
    assert p.communicate(timeout=30) == (b"", b"") and p.returncode == 3
    assert request(socket_of(runtime), "stop") is not None
    assert server.wait(timeout=30) == 0


def test_two_clients_at_once_each_get_their_own_run(runtime: dict[str, str], tmp_path: Path) -> None:
    server = start_stub(runtime)
    first = client(runtime, f"sleep:2:{tmp_path / 'one'}:3")
    second = client(runtime, f"sleep:2:{tmp_path / 'two'}:4")
    pids = {wait_for(tmp_path / "one"), wait_for(tmp_path / "two")}  # both running at once
    first.communicate(timeout=30)
    second.communicate(timeout=30)
    assert (first.returncode, second.returncode, len(pids)) == (3, 4, 2)
    status = request(socket_of(runtime), "status")
    assert status is not None and status[1]["served"] == 2 and status[1]["running"] == 0
    request(socket_of(runtime), "stop")
    server.wait(timeout=30)


def test_a_killed_client_gets_its_run_killed(runtime: dict[str, str], tmp_path: Path) -> None:
    server = start_stub(runtime)
    p = client(runtime, f"sleep:60:{tmp_path / 'pid'}")
    pid = int(wait_for(tmp_path / "pid"))
    p.kill()
    p.communicate(timeout=10)
    assert gone(pid)
    request(socket_of(runtime), "stop")
    server.wait(timeout=30)


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, -signal.SIGTERM)])
def test_ctrl_c_and_sigterm_reach_the_run(runtime: dict[str, str], tmp_path: Path, sig: int, status: int) -> None:
    server = start_stub(runtime)
    p = client(runtime, f"sleep:60:{tmp_path / 'pid'}")
    pid = int(wait_for(tmp_path / "pid"))
    p.send_signal(sig)
    _, err = p.communicate(timeout=30)
    assert p.returncode == status  # as the run ended: 130 after "interrupted", or killed by the same signal
    assert gone(pid)
    if sig == signal.SIGINT:
        assert err == b"lintnews: interrupted\n"
    request(socket_of(runtime), "stop")
    server.wait(timeout=30)


def test_an_idle_server_exits(runtime: dict[str, str]) -> None:
    server = start_stub({**runtime, "LINTNEWS_WARM_IDLE": "0.5"})
    assert server.wait(timeout=30) == 0
    assert not socket_of(runtime).exists()


def test_a_stale_server_retires_and_the_client_runs_here(
    runtime: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = start_stub(runtime, "stale")
    monkeypatch.setenv("XDG_RUNTIME_DIR", runtime["XDG_RUNTIME_DIR"])
    started: list[bool] = []
    monkeypatch.setattr(warm_client, "start_server", lambda: started.append(True))
    with pytest.raises(warm_client.Fallback, match="older code"):
        warm_client.run(["check", "--warm", "exit:0"], [["utf-8", "strict"]] * 3)
    assert started == [True]  # a current one is started for the next run
    assert server.wait(timeout=30) == 0
    assert not socket_of(runtime).exists()


def test_after_a_failed_start_clients_start_none_for_a_while(
    runtime: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = subprocess.Popen([sys.executable, "-c", STUB_SERVER, "fail"], env=runtime, stdout=subprocess.DEVNULL)
    assert server.wait(timeout=30) == 1
    monkeypatch.setenv("XDG_RUNTIME_DIR", runtime["XDG_RUNTIME_DIR"])
    started: list[bool] = []
    monkeypatch.setattr(warm_client, "start_server", lambda: started.append(True))
    with pytest.raises(warm_client.Fallback, match="failed to start"):
        warm_client.run(["check", "--warm", "exit:0"], [["utf-8", "strict"]] * 3)
    assert started == []
    path = str(socket_of(runtime))
    assert not warm_place.failed_recently(path, "another key")  # an upgrade or an edit tries again at once
    warm_place.clear_failed(path)
    with pytest.raises(warm_client.Fallback, match="one is starting"):
        warm_client.run(["check", "--warm", "exit:0"], [["utf-8", "strict"]] * 3)
    assert started == [True]


def test_another_users_request_is_not_served() -> None:
    # SO_PEERCRED is checked before the request is read; a second user cannot be made here, so the check
    # itself is tested: the credentials of our own connection are ours
    import socket
    import struct

    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    with a, b:
        _, uid, _ = struct.unpack("3i", a.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
    assert uid == os.getuid()


# -- the real server: the same bytes as a run in this process


def _inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / ".lintnews.toml").write_text("", encoding="utf-8")
    for name in ("000", "001", "002"):
        (src,) = ARTICLES.glob(f"{name}_*.txt")
        shutil.copy(src, folder / f"{name}.txt")
    shutil.copy(ROOT / "tests" / "data" / "clean_news_own.txt", folder / "clean.txt")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04\xff\xfe" * 20)


CASES: dict[str, tuple[list[str], bytes | None]] = {
    "text": (["001.txt"], None),
    "json": (["--format", "json", "002.txt"], None),
    "fixture": (["--format", "json", "clean.txt"], None),
    "bad-flag": (["--no-such-flag", "001.txt"], None),
    "binary": (["binary.txt"], None),
    "stdin": (
        ["--format", "json", "--stdin-filename", "piped.txt", "-"],
        (ARTICLES / "003_28ee8bba0a41b224.txt").read_bytes(),
    ),
    "fix": (["--fix", "000.txt"], None),
}


@pytest.fixture(scope="module")
def warm_server() -> Iterator[Callable[[str], tuple[tuple[int, bytes, bytes, bytes], tuple[int, bytes, bytes, bytes]]]]:
    base = Path(tempfile.mkdtemp(prefix="lnw-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINTNEWS_WARM")}
    env.update(XDG_RUNTIME_DIR=str(base), LINTNEWS_WARM_IDLE="120")
    _inputs(base / "here")
    _inputs(base / "warm")

    def both(case: str) -> tuple[tuple[int, bytes, bytes, bytes], tuple[int, bytes, bytes, bytes]]:
        args, stdin = CASES[case]
        out = []
        for mode, cache in (("here", "cache-here"), ("warm", "cache-warm")):
            flags = ["--warm"] if mode == "warm" else []
            p = subprocess.run(
                [sys.executable, "-m", "lintnews", "check", *flags, "--verbose", *args],
                cwd=base / mode,
                env={**env, "LINTNEWS_CACHE_DIR": str(base / cache)},
                input=stdin,
                capture_output=True,
                timeout=300,
                check=False,
            )
            out.append((p.returncode, p.stdout, p.stderr, (base / mode / "000.txt").read_bytes()))
        return out[0], out[1]

    try:
        started = subprocess.run(
            [sys.executable, "-m", "lintnews", "warm", "start"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert started.returncode == 0, started.stderr
        yield both
    finally:
        stop_servers(base / "lintnews")
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_a_warm_run_is_byte_for_byte_a_run_here(warm_server: Any, case: str) -> None:
    here, warm = warm_server(case)
    assert warm == here
    assert b"running in this process" not in warm[2]  # --verbose would say so had the run not been warm
    code, _, err, fixed = here
    if case in ("bad-flag", "binary"):
        assert code == 2 and len(err.decode().splitlines()) == 1 and b"Traceback" not in err
    original = next(ARTICLES.glob("000_*.txt")).read_bytes()
    assert (fixed != original) is (case == "fix")  # the safe fixes were written, by either process alike


@pytest.mark.slow
def test_the_first_warm_run_starts_a_server_and_runs_here(runtime: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / ".lintnews.toml").write_text("", encoding="utf-8")
    (tmp_path / "a.txt").write_text("It rained. . Then it stopped.\n", encoding="utf-8")
    p = client(runtime, "--select", "punctuation.doubled-period", "a.txt", cwd=tmp_path)
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0 and b"a.txt:1:10: punctuation.doubled-period" in out
    assert err.decode() == "lintnews: warm: no warm server was running: one is starting; running in this process\n"
    deadline = time.monotonic() + 120
    while request(socket_of(runtime), "status") is None:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.2)
    p = client(runtime, "--select", "punctuation.doubled-period", "a.txt", cwd=tmp_path)
    warm_out, warm_err = p.communicate(timeout=120)
    assert (p.returncode, warm_out, warm_err) == (0, out, b"")
