"""A cue's answer for a text, remembered across the documents of a run (a sentence another document holds again)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")

# distinct texts remembered per rule: the keys are the documents' own sentence strings (each rule's memo holds
# the same objects), so a full memo of every model rule holds a few MB
SIZE = 4096


class TextMemo(Generic[T]):
    """The answers of a pure function of a text (a rule's cue: its options are fixed, the lexicon too), the last
    `size` distinct texts' at most. Full, it is emptied at once: no order to keep per lookup, and a clear is one
    step, so a thread that reads it meanwhile sees an answer or none. Pickled empty (a Linter cached on disk or
    sent to a worker carries no texts)."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._seen: dict[str, T] = {}

    def get(self, text: str, compute: Callable[[str], T]) -> T:
        """compute(text), from memory when this text was asked before; the answer must not be changed by the
        caller (a tuple, not a list)."""
        seen = self._seen
        # the memo itself stands for no answer: most texts of a run are asked once, and a KeyError raised and
        # caught per text cost more than the lookup
        known = seen.get(text, self)
        if known is not self:
            return known  # type: ignore[return-value]
        value = compute(text)
        if len(seen) >= self.size:
            seen.clear()
        seen[text] = value
        return value

    def get_many(self, texts: Sequence[str], compute: Callable[[list[str]], Sequence[T]]) -> list[T]:
        """The answer for each of these texts: those not asked before computed by one call on them (each
        distinct text once), which answers for each in order."""
        seen = self._seen
        answers: dict[str, T] = {}
        missing: list[str] = []
        for text in dict.fromkeys(texts):
            value = seen.get(text, self)  # the memo itself: no answer
            if value is self:
                missing.append(text)
            else:
                answers[text] = value  # type: ignore[assignment]
        if missing:
            new = dict(zip(missing, compute(missing), strict=True))
            answers.update(new)
            if len(seen) + len(new) > self.size:
                seen.clear()
            seen.update(new)
        return [answers[text] for text in texts]

    def __len__(self) -> int:
        return len(self._seen)

    def __reduce__(self) -> tuple[type[TextMemo[T]], tuple[int]]:
        return (TextMemo, (self.size,))
