"""The warm server's wire format: one request (a length, the JSON, the client's stdio descriptors), reply lines."""

from __future__ import annotations

import json
import os
import socket
import struct
from typing import Any

# a request is at most this big (argv and environment): anything larger is not a lintnews client
MAX_REQUEST = 4 << 20
_LENGTH = struct.Struct(">I")


class WireError(Exception):
    """A request or reply that does not follow the format."""


def send_request(sock: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
    """The request's length goes with the descriptors (SCM_RIGHTS), the JSON after it."""
    body = json.dumps(request).encode()
    socket.send_fds(sock, [_LENGTH.pack(len(body))], fds)
    sock.sendall(body)


def recv_request(sock: socket.socket, max_fds: int = 3) -> tuple[dict[str, Any], list[int]]:
    """The request and the descriptors that came with it (the caller owns and closes them)."""
    head, fds, _, _ = socket.recv_fds(sock, _LENGTH.size, max_fds)
    try:
        if len(head) != _LENGTH.size:
            raise WireError("short header")
        (size,) = _LENGTH.unpack(head)
        if size > MAX_REQUEST:
            raise WireError("request too large")
        body = _recv_exactly(sock, size)
        request = json.loads(body)
        if not isinstance(request, dict):
            raise WireError("request is not an object")
    except (WireError, ValueError, OSError):
        for fd in fds:
            _close(fd)
        raise
    return request, fds


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    parts: list[bytes] = []
    while size:
        chunk = sock.recv(min(size, 1 << 16))
        if not chunk:
            raise WireError("request cut short")
        parts.append(chunk)
        size -= len(chunk)
    return b"".join(parts)


def reply(sock: socket.socket, word: str, value: Any = None) -> None:
    """One reply line: a word, then optionally a JSON value."""
    line = word if value is None else f"{word} {json.dumps(value)}"
    sock.sendall(line.encode() + b"\n")


def parse_reply(line: bytes) -> tuple[str, Any]:
    text = line.decode("utf-8", "replace").rstrip("\n")
    word, _, rest = text.partition(" ")
    try:
        return word, json.loads(rest) if rest else None
    except ValueError:
        raise WireError(f"bad reply {text[:80]!r}") from None


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass
