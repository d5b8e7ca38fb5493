"""Only the commands print: no module below them writes to the terminal (the layers are in [tool.importlinter])."""

from __future__ import annotations

import ast
from pathlib import Path

import lintnews

PACKAGE = Path(lintnews.__file__).parent
# Modules above or beside the commands that own the terminal: the entry points report errors (launch.py, the
# console script, when a warm run is lost or falls back), the process tuning flushes the streams at exit, and a
# run forked by the warm server builds its standard streams over the client's descriptors.
TERMINAL_OWNERS = {"commands/cli.py", "launch.py", "speed/tuning.py", "speed/warm_child.py"}


def terminal_writes(path: Path) -> list[int]:
    """Lines of `path` that call print() or touch sys.stdout / sys.stderr."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        is_print = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
        is_stream = (
            isinstance(node, ast.Attribute)
            and node.attr in ("stdout", "stderr")
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
        )
        if is_print or is_stream:
            lines.append(node.lineno)
    return sorted(lines)


def test_only_commands_print() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] != "commands" and str(path.relative_to(PACKAGE)) not in TERMINAL_OWNERS
        for line in terminal_writes(path)
    ]
    assert offenders == [], "return text to a command instead of printing: " + ", ".join(offenders)


def test_the_scan_sees_a_print(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import sys\nprint('x')\nsys.stderr.write('y')\n", encoding="utf-8")
    assert terminal_writes(module) == [2, 3]
