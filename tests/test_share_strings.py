"""A run's findings and cross-document facts that come back from different worker batches hold one copy of each
text they repeat."""

from __future__ import annotations

import pickle
from typing import NamedTuple

from lintnews.core.findings import Finding, Severity
from lintnews.engine.runner import share_strings
from lintnews.speed.shared import shared


def _batch() -> list[Finding]:
    made = [
        Finding("a.txt", "p.r", "calque", Severity.INFO, "say it", n, 1, 1, n + 1, 1, n + 2, ("x",), source="why")
        for n in range(3)
    ]
    # as a worker's batch arrives: its own copies, equal to another batch's but not the same objects
    loaded: list[Finding] = pickle.loads(pickle.dumps(made))
    return loaded


def test_batches_share_their_texts() -> None:
    first, second = _batch(), _batch()
    assert first[0].source is not second[0].source
    expected = [pickle.dumps(f) for f in first + second]
    strings: dict[object, object] = {}
    share_strings(first, strings)
    share_strings(second, strings)
    for field in ("path", "rule", "category", "source", "message", "suggestions"):
        assert getattr(first[0], field) is getattr(second[2], field)
    assert [pickle.dumps(f) for f in first + second] == expected
    assert first[1] == second[1] and hash(first[1]) == hash(second[1])


class _Place(NamedTuple):
    start: int
    form: str


def test_facts_keep_their_shape_and_share_their_texts() -> None:
    one = pickle.loads(pickle.dumps({("Ana", "Lima"): [_Place(0, "Ana Lima"), _Place(9, "Ana Lima")], "n": 3}))
    two = pickle.loads(pickle.dumps({("Ana", "Lima"): [_Place(4, "Ana Lima")], "n": 3}))
    strings: dict[object, object] = {}
    a, b = shared(one, strings), shared(two, strings)
    assert a == one and b == two
    assert type(a[("Ana", "Lima")][0]) is _Place and isinstance(a[("Ana", "Lima")], list)
    key_a, key_b = next(iter(a)), next(iter(b))
    assert key_a is key_b
    assert a[key_a][0].form is a[key_a][1].form is b[key_b][0].form
