"""Optional speed hooks of a checker: what the speed wing may ask of one that is already correct."""

from __future__ import annotations

from ..core.document import Document


class SpeedHooks:
    """Each hook must leave the findings as they are (and is tested that way); the defaults do nothing.

    A newcomer's checker needs none of them: they only let the linter skip a rule without calling it, or do
    before --jobs workers fork what each worker would otherwise do again.
    """

    def prepare(self) -> None:
        """Work out now what `check` would work out on its first documents (before --jobs workers fork, so
        they inherit it instead of each deriving it)."""

    def warm(self, doc: Document) -> None:
        """Compile now what `check(doc)` would compile on first use (its patterns), finding nothing.

        A process about to fork --jobs workers warms the rules on the first documents of the run, so each
        worker inherits the compiled patterns instead of compiling them itself. Only what pickles compiled
        (a `regex` pattern unpickles without being parsed again) is worth warming here.
        """

    def document_pattern(self) -> tuple[str, int] | None:
        """A regular expression (and its `regex` flags) that matches in every document `check` finds anything
        in; None when there is none. The linter skips a rule whose pattern cannot match in a document without
        calling it (see speed.select)."""
        return None
