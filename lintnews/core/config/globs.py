"""gitignore-like globs for include, exclude and per-file-ignores, matched against paths from the config's folder."""

from __future__ import annotations

import re
from functools import cache


@cache
def glob_regex(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, rel_path: str) -> bool:
    """gitignore-like globs: `*` stays within a folder, `**` crosses folders, a trailing `/` means "the folder".

    A pattern without `/` matches the file's name or any folder name on its path (`drafts`, `*.html`);
    one with `/` is matched against the whole path from the root (`archive/**/*.jsonl`).
    """
    pat = pattern.strip().removeprefix("./")
    if pat.endswith("/"):
        pat = pat.rstrip("/")
        parts = rel_path.split("/")[:-1]  # folders only
        if "/" not in pat:
            return any(glob_regex(pat).match(p) for p in parts)
        return any(glob_regex(pat).match("/".join(parts[: i + 1])) for i in range(len(parts)))
    if "/" not in pat:
        return any(glob_regex(pat).match(p) for p in rel_path.split("/"))
    pat = pat.lstrip("/")
    rx = glob_regex(pat)
    parts = rel_path.split("/")
    # a pattern naming a folder covers everything below it
    return any(rx.match("/".join(parts[: i + 1])) for i in range(len(parts)))
