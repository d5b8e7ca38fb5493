"""What a one-article run with the compiled rules cached imports: no YAML reader, the word tables from the cache."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lintnews.rules.pack_yaml import Loader

PROBE = """
import contextlib, io, sys
from lintnews.commands import cli
with contextlib.redirect_stdout(io.StringIO()):
    cli.main(["check", sys.argv[1]])
print(" ".join(m for m in ("yaml", "lintnews.rules.pack_yaml", "spacy") if m in sys.modules))
"""


def test_a_pack_mapping_pickles_as_a_plain_dict() -> None:
    data = yaml.load("rules:\n  - id: a.b\n    options: {words: [x]}\n", Loader=Loader)
    assert data.line == 1
    again = pickle.loads(pickle.dumps(data))
    assert type(again) is dict and type(again["rules"][0]) is dict and type(again["rules"][0]["options"]) is dict
    assert again == data


@pytest.mark.slow  # two processes, the first building the word tables in an empty cache folder
def test_a_cached_run_reads_no_yaml(tmp_path: Path) -> None:
    env = {**os.environ, "LINTNEWS_CACHE_DIR": str(tmp_path / "cache")}
    texts = []
    for n, body in enumerate(("The minister spoke on Monday.", "The mayor left on Tuesday.")):
        p = tmp_path / f"a{n}.txt"
        p.write_text(body + "\n", encoding="utf-8")
        texts.append(p)
    run = [sys.executable, "-c", PROBE]
    first = subprocess.run([*run, str(texts[0])], env=env, capture_output=True, text=True, check=True)
    assert "yaml" in first.stdout.split()  # the packs were read: the probe can see it
    second = subprocess.run([*run, str(texts[1])], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.split() == [], second.stdout
