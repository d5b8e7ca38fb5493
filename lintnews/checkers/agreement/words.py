"""The English word tables of the agreement checks, read from words.yaml and irregular-verbs.tsv beside this file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from ...core.errors import LintnewsError
from ...core.lexicon import cached_value


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _irregular_verbs() -> list[tuple[str, str, str]]:
    rows = []
    for n, line in enumerate(_read("irregular-verbs.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3:
            raise LintnewsError(f"irregular-verbs.tsv:{n}: expected base, past and participle separated by tabs")
        rows.append((cells[0], cells[1], cells[2]))
    return rows


def _parse_tables() -> Any:
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(_read("words.yaml"), Loader=loader)


def _tables() -> Any:
    """words.yaml parsed, kept in the cache folder as plain data: PyYAML's import and parse were 27 ms of every
    run that loads the agreement rules (a one-article pre-commit run took 0.2 s in this process)."""
    source = resources.files(__package__).joinpath("words.yaml")
    if not isinstance(source, Path):  # installed in a zip: no file to key a cached copy by
        return _parse_tables()
    return cached_value("agreement-words", source, _parse_tables)


_TABLES: dict[str, Any] = _tables()


def _words(key: str) -> frozenset[str]:
    value = _TABLES.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise LintnewsError(f"words.yaml: '{key}' must be a list of words")
    return frozenset(value)


def _mapping(key: str) -> dict[str, str]:
    value = _TABLES.get(key)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise LintnewsError(f"words.yaml: '{key}' must map words to words")
    return dict(value)


IRREGULAR_VERBS = _irregular_verbs()
PAST: dict[str, str] = {b: p for b, p, _ in IRREGULAR_VERBS}
PARTICIPLE: dict[str, str] = {b: pp for b, _, pp in IRREGULAR_VERBS}
BASE_OF: dict[str, str] = {}
for _base, _past, _participle in IRREGULAR_VERBS:
    BASE_OF.setdefault(_past, _base)
    BASE_OF.setdefault(_participle, _base)
# simple past forms that are never a past participle: wrong after have and passive be
PAST_ONLY = frozenset(p for b, p in PAST.items() if p != PARTICIPLE[b] and p not in PARTICIPLE.values()) - _words(
    "past_only_except"
)
# participles that are never a simple past: wrong straight after a modal or do
PARTICIPLE_ONLY = frozenset(
    pp for b, pp in PARTICIPLE.items() if pp != PAST[b] and pp != b and pp not in PAST.values()
) - _words("participle_only_except")
PAST_FORMS = frozenset(p for b, p in PAST.items() if p != b and p not in PARTICIPLE) - _words("past_forms_except")

ED_BASES = _words("ed_bases")
SAME_AS_PARTICIPLE = _words("same_as_participle")
BASE_IS_PAST = _words("base_is_past")
BE_PL = _words("be_pl")
SG3_VERB = _words("sg3_verb")
PL_VERB = _words("pl_verb")
PRONOUN_PERSON = _mapping("pronoun_person")
COLLECTIVE = _words("collective")
NOT_PLURAL = _words("not_plural")
ZERO_PLURAL = _words("zero_plural")
MEASURE = _words("measure")
DAY_WORDS = _words("day_words")
PLURAL_DETS = _words("plural_dets")
NUMBER_WORDS = _words("number_words")
NOT_COUNTED = _words("not_counted")
CAUSATIVE_OR_MANDATIVE = _words("causative_or_mandative")
MANDATIVE_ADJ = _words("mandative_adj")
CLAUSE_VERBS = _words("clause_verbs")
GERUND_VERBS = _words("gerund_verbs")
NOMINATIVE = _mapping("nominative")
ACCUSATIVE = _mapping("accusative")
