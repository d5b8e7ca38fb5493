"""Spans of a text kept as three columns (starts, ends, texts), each span's tuple made only when it is read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar, overload

T = TypeVar("T")


class SpanColumns(Sequence[T]):
    """The spans as `make(start, end, text)`, each made when read: most readers want the texts and a few spans
    (a file of a quarter of a million headings, a paragraph of thousands of words, need not make them all)."""

    __slots__ = ("ends", "make", "starts", "texts")

    def __init__(self, make: Callable[[int, int, str], T], starts: list[int], ends: list[int], texts: list[str]):
        self.make, self.starts, self.ends, self.texts = make, starts, ends, texts

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...
    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return list(map(self.make, self.starts[i], self.ends[i], self.texts[i]))
        return self.make(self.starts[i], self.ends[i], self.texts[i])

    def __iter__(self) -> Iterator[T]:
        return map(self.make, self.starts, self.ends, self.texts)

    def __eq__(self, other: object) -> bool:
        # equal to any sequence of the same spans, a list of them too
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to a list, which has no hash
