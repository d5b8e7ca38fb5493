"""Start a LanguageTool server from a local LanguageTool folder (the user's own install), once per process.

LanguageTool is Java and no package registry carries it, so lintnews never downloads it: a user who
has unpacked LanguageTool points `languagetool-path` at the folder, and lintnews runs its HTTP server
(`java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port N`) on the loopback
address, waits for it to answer, and stops it when the process ends.
"""

from __future__ import annotations

import atexit
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

from .errors import BackendUnavailable

JAR = "languagetool-server.jar"
START_TIMEOUT = 90.0  # LanguageTool loads its rules for a while before it answers
_servers: dict[Path, tuple[subprocess.Popen[bytes], str]] = {}


def find_jar(folder: Path) -> Path | None:
    """The server jar in the folder itself or one level down (an unpacked LanguageTool-6.x/ inside it)."""
    direct = folder / JAR
    if direct.is_file():
        return direct
    found = sorted(folder.glob(f"*/{JAR}"))
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    try:
        with urlopen(url + "/v2/languages", timeout=2) as resp:
            return bool(resp.status == 200)
    except (URLError, OSError):
        return False


def server_url(folder: str | Path, timeout: float = START_TIMEOUT) -> str:
    """The base URL of a LanguageTool server started from `folder` (started on the first call)."""
    path = Path(folder).expanduser().resolve()
    running = _servers.get(path)
    if running is not None and running[0].poll() is None:
        return running[1]
    jar = find_jar(path)
    if jar is None:
        raise BackendUnavailable(f"no {JAR} in the LanguageTool folder {path}")
    java = shutil.which("java")
    if java is None:
        raise BackendUnavailable(f"the LanguageTool folder {path} needs Java, and no 'java' is on the PATH")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [java, "-cp", str(jar), "org.languagetool.server.HTTPServer", "--port", str(port), "--allow-origin", "*"]
    proc = subprocess.Popen(cmd, cwd=jar.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    atexit.register(_stop, proc)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BackendUnavailable(f"the LanguageTool server from {path} exited at start (status {proc.returncode})")
        if _answers(url):
            _servers[path] = (proc, url)
            return url
        time.sleep(0.2)
    _stop(proc)
    raise BackendUnavailable(f"the LanguageTool server from {path} did not answer within {timeout:.0f} s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
