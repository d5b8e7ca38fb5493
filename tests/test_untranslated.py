"""The untranslated checker: source-language words and other scripts left in English, found at any word."""

from __future__ import annotations

import regex

from lintnews.checkers.untranslated import UntranslatedChecker
from lintnews.core.foreign_lexicon import best_language, foreign_zipf

from .perturb import clean_sentences, findings, recall

LANGS = ("es", "fr", "pt", "it", "de")
# a small bilingual list written for this test: English noun -> its Spanish, French, Portuguese, Italian, German
# (German nouns keep their capital, as MT leaves them)
BILINGUAL: dict[str, tuple[str, str, str, str, str]] = {
    "army": ("ejército", "armée", "exército", "esercito", "Armee"),
    "boat": ("barco", "bateau", "barco", "barca", "Boot"),
    "bridge": ("puente", "pont", "ponte", "ponte", "Brücke"),
    "council": ("ayuntamiento", "mairie", "câmara", "comune", "Gemeinderat"),
    "country": ("país", "pays", "país", "paese", "Land"),
    "danger": ("peligro", "danger", "perigo", "pericolo", "Gefahr"),
    "doctors": ("médicos", "médecins", "médicos", "medici", "Ärzte"),
    "fields": ("campos", "champs", "campos", "campi", "Felder"),
    "fuel": ("combustible", "carburant", "combustível", "carburante", "Kraftstoff"),
    "harvest": ("cosecha", "récolte", "colheita", "raccolto", "Ernte"),
    "hours": ("horas", "heures", "horas", "ore", "Stunden"),
    "house": ("casa", "maison", "casa", "casa", "Haus"),
    "kitchen": ("cocina", "cuisine", "cozinha", "cucina", "Küche"),
    "mayor": ("alcalde", "maire", "prefeito", "sindaco", "Bürgermeister"),
    "meeting": ("reunión", "réunion", "reunião", "riunione", "Sitzung"),
    "money": ("dinero", "argent", "dinheiro", "soldi", "Geld"),
    "morning": ("mañana", "matin", "manhã", "mattina", "Morgen"),
    "night": ("noche", "nuit", "noite", "notte", "Nacht"),
    "parents": ("padres", "parents", "pais", "genitori", "Eltern"),
    "people": ("gente", "gens", "pessoas", "persone", "Menschen"),
    "rain": ("lluvia", "pluie", "chuva", "pioggia", "Regen"),
    "region": ("región", "région", "região", "regione", "Region"),
    "report": ("informe", "rapport", "relatório", "rapporto", "Bericht"),
    "river": ("río", "fleuve", "rio", "fiume", "Fluss"),
    "road": ("carretera", "route", "estrada", "strada", "Straße"),
    "roof": ("techo", "toit", "telhado", "tetto", "Dach"),
    "school": ("escuela", "école", "escola", "scuola", "Schule"),
    "shelter": ("refugio", "abri", "abrigo", "rifugio", "Unterkunft"),
    "shop": ("tienda", "magasin", "loja", "negozio", "Laden"),
    "son": ("hijo", "fils", "filho", "figlio", "Sohn"),
    "streets": ("calles", "rues", "ruas", "strade", "Straßen"),
    "town": ("pueblo", "ville", "cidade", "città", "Stadt"),
    "valley": ("valle", "vallée", "vale", "valle", "Tal"),
    "volunteers": ("voluntarios", "bénévoles", "voluntários", "volontari", "Freiwillige"),
    "water": ("agua", "eau", "água", "acqua", "Wasser"),
    "week": ("semana", "semaine", "semana", "settimana", "Woche"),
    "weeks": ("semanas", "semaines", "semanas", "settimane", "Wochen"),
    "winter": ("invierno", "hiver", "inverno", "inverno", "Winter"),
    "years": ("años", "années", "anos", "anni", "Jahre"),
}


def _swapper(lang_index: int):  # type: ignore[no-untyped-def]
    """Replace the first word of the sentence found in the list with its translation into one language."""

    def perturb(sentence: str) -> tuple[str, int, int] | None:
        for m in regex.finditer(r"\b[a-z]+\b", sentence):
            words = BILINGUAL.get(m.group())
            if words is None or words[lang_index] == m.group():
                continue
            new = sentence[: m.start()] + words[lang_index] + sentence[m.end() :]
            return new, m.start(), m.start() + len(words[lang_index])
        return None

    return perturb


def test_no_findings_on_the_clean_text() -> None:
    text = "\n".join(clean_sentences())
    assert findings("untranslated.", text) == []


def test_recall_of_left_in_words_in_every_language() -> None:
    sentences = clean_sentences()
    total_hit = total = 0
    for i, lang in enumerate(LANGS[:4]):
        rec, n, missed = recall("untranslated.", sentences, _swapper(i))
        assert n >= 15, lang
        # measured: es 0.79, fr 0.71, pt 0.83, it 0.83; missed: words English writes too (pays, route, ville,
        # combustible) or says as names (Puente, Pueblo), which a frequency table cannot tell from a loanword
        assert rec >= 0.65, (lang, rec, missed)
        total_hit += round(rec * n)
        total += n
    assert total_hit / total >= 0.78  # measured 0.79


def test_german_nouns_after_an_article() -> None:
    # a capitalised German noun is found after an article ('the Gefahr'); elsewhere it looks like a name and is
    # only a note: measured 0.33 (8/24)
    rec, n, missed = recall("untranslated.", clean_sentences(), _swapper(4))
    assert n >= 15
    assert rec >= 0.3, missed


def test_other_script_runs_are_found_inside_english() -> None:
    runs = ["北京", "Москва", "القاهرة", "서울", "Αθήνα", "東京都", "省"]
    sentences = clean_sentences()
    rec_hits = 0
    for i, run in enumerate(runs):
        s = sentences[i * 3]
        cut = s.index(" ", len(s) // 2)
        damaged = s[:cut] + " " + run + s[cut:]
        found = findings("untranslated.other-script", damaged)
        rec_hits += any(f.offset == cut + 1 and f.length == len(run) for f in found)
    assert rec_hits == len(runs)


def test_loanwords_names_and_quotations_are_left_alone() -> None:
    for text in [
        "The mayor joined the fiesta, and analysts spoke of a coup d'état and a sense of déjà vu.",
        "Officials met Juan Carlos de la Fuente and Maria dos Santos in Rio de Janeiro on Monday.",
        'She called the film "La casa de papel" a success and praised its (nueva) season.',
        "The Amigo brand sells an amigo kit, and the 50 quattro model sold well in Milan.",
    ]:
        assert findings("untranslated.", text) == [], text


def test_the_language_is_named() -> None:
    (f,) = findings("untranslated.", "The prefeitura closed the schools after the floods on Monday.")
    assert "Portuguese" in f.message


def test_foreign_tables() -> None:
    assert foreign_zipf("según", "es") > 5
    assert foreign_zipf("según", "fr") == 0.0
    assert best_language("prefeitura")[0] == "pt"
    assert UntranslatedChecker.kind == "untranslated"
