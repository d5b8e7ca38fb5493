"""Controlled damage: one damage of a known kind per clean sentence, and the share lintnews flags at the damage.

usage: .venv/bin/python benchmarks/damage.py [DATA.jsonl ...] [--per-kind 150] [--seed 19] [--show 5]
       [--cmd "lintnews check --format json"] [--kinds repeat,case-flip]

DATA.jsonl rows are read for their `text`, `mt` and `reference` fields (clean news, or the sides of an MT set);
with no file the clean news written for the tests (tests/data/*.txt) is used. Sentences of 6 to 50 words that
start with a capital and end with a final mark are drawn with a seeded RNG and each gets ONE damage of one kind:

  repeat       a word written twice (`the the`, `talks talks`), at any word
  lower-start  the sentence's first letter in lower case
  case-flip    one letter of one word flipped in case (`goVernment`, `tHe`, `City`, a name lower-cased)
  punctuation  a comma, period, semicolon or colon inserted after a word, inside the sentence
  foreign      a content word replaced by its Spanish, French, Portuguese or Italian translation (the
               small table below; the detectors take nothing from it)
  tokenised    punctuation spaced as a tokenizer leaves it (` , `, ` .`, `( x )`, `" x "`, ` 's`)

Each damaged sentence and its undamaged original are linted alone, as separate files, in one run of the
linter. Only errors and warnings count. A damaged sentence is flagged when a finding overlaps the damage
(widened by one character each side, as bench.py mqm overlaps a finding with a marked span); an undamaged
one when it has any finding at all. The last line is the headline: damaged flagged, undamaged flagged.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OWN_TEXT = sorted((HERE.parent / "tests" / "data").glob("clean_news_*.txt"))
# the words a damage may pick: letters with inner apostrophes or hyphens
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_FINAL = re.compile(r"""[.!?]["”’)]?$""")

# English news words and their translations (es, fr, pt, it), written for this benchmark. A translation the
# same as the English word is no damage and is skipped where it is drawn.
TRANSLATIONS: dict[str, tuple[str, str, str, str]] = {
    "about": ("sobre", "environ", "sobre", "circa"),
    "after": ("después", "après", "depois", "dopo"),
    "against": ("contra", "contre", "contra", "contro"),
    "agreement": ("acuerdo", "accord", "acordo", "accordo"),
    "also": ("también", "aussi", "também", "anche"),
    "announced": ("anunció", "annoncé", "anunciou", "annunciato"),
    "army": ("ejército", "armée", "exército", "esercito"),
    "bank": ("banco", "banque", "banco", "banca"),
    "because": ("porque", "parce que", "porque", "perché"),
    "before": ("antes", "avant", "antes", "prima"),
    "between": ("entre", "entre", "entre", "tra"),
    "border": ("frontera", "frontière", "fronteira", "confine"),
    "bridge": ("puente", "pont", "ponte", "ponte"),
    "budget": ("presupuesto", "budget", "orçamento", "bilancio"),
    "car": ("coche", "voiture", "carro", "macchina"),
    "children": ("niños", "enfants", "crianças", "bambini"),
    "church": ("iglesia", "église", "igreja", "chiesa"),
    "city": ("ciudad", "ville", "cidade", "città"),
    "company": ("empresa", "entreprise", "empresa", "azienda"),
    "country": ("país", "pays", "país", "paese"),
    "court": ("tribunal", "tribunal", "tribunal", "tribunale"),
    "day": ("día", "jour", "dia", "giorno"),
    "decided": ("decidió", "décidé", "decidiu", "deciso"),
    "doctors": ("médicos", "médecins", "médicos", "medici"),
    "economy": ("economía", "économie", "economia", "economia"),
    "election": ("elección", "élection", "eleição", "elezione"),
    "elections": ("elecciones", "élections", "eleições", "elezioni"),
    "energy": ("energía", "énergie", "energia", "energia"),
    "expected": ("esperado", "attendu", "esperado", "previsto"),
    "families": ("familias", "familles", "famílias", "famiglie"),
    "family": ("familia", "famille", "família", "famiglia"),
    "farmers": ("agricultores", "agriculteurs", "agricultores", "agricoltori"),
    "fire": ("incendio", "incendie", "incêndio", "incendio"),
    "first": ("primero", "premier", "primeiro", "primo"),
    "food": ("comida", "nourriture", "comida", "cibo"),
    "government": ("gobierno", "gouvernement", "governo", "governo"),
    "growth": ("crecimiento", "croissance", "crescimento", "crescita"),
    "health": ("salud", "santé", "saúde", "salute"),
    "home": ("hogar", "maison", "casa", "casa"),
    "homes": ("hogares", "maisons", "casas", "case"),
    "hospital": ("hospital", "hôpital", "hospital", "ospedale"),
    "house": ("casa", "maison", "casa", "casa"),
    "however": ("sin embargo", "cependant", "porém", "tuttavia"),
    "important": ("importante", "important", "importante", "importante"),
    "land": ("tierra", "terre", "terra", "terra"),
    "last": ("último", "dernier", "último", "ultimo"),
    "law": ("ley", "loi", "lei", "legge"),
    "leaders": ("líderes", "dirigeants", "líderes", "dirigenti"),
    "many": ("muchos", "beaucoup", "muitos", "molti"),
    "market": ("mercado", "marché", "mercado", "mercato"),
    "meeting": ("reunión", "réunion", "reunião", "riunione"),
    "minister": ("ministro", "ministre", "ministro", "ministro"),
    "money": ("dinero", "argent", "dinheiro", "soldi"),
    "month": ("mes", "mois", "mês", "mese"),
    "more": ("más", "plus", "mais", "più"),
    "morning": ("mañana", "matin", "manhã", "mattina"),
    "new": ("nuevo", "nouveau", "novo", "nuovo"),
    "news": ("noticias", "nouvelles", "notícias", "notizie"),
    "night": ("noche", "nuit", "noite", "notte"),
    "now": ("ahora", "maintenant", "agora", "ora"),
    "officials": ("funcionarios", "responsables", "funcionários", "funzionari"),
    "oil": ("petróleo", "pétrole", "petróleo", "petrolio"),
    "old": ("viejo", "vieux", "velho", "vecchio"),
    "only": ("solo", "seulement", "apenas", "soltanto"),
    "party": ("partido", "parti", "partido", "partito"),
    "peace": ("paz", "paix", "paz", "pace"),
    "people": ("personas", "gens", "pessoas", "persone"),
    "police": ("policía", "police", "polícia", "polizia"),
    "president": ("presidente", "président", "presidente", "presidente"),
    "price": ("precio", "prix", "preço", "prezzo"),
    "prices": ("precios", "prix", "preços", "prezzi"),
    "province": ("provincia", "province", "província", "provincia"),
    "rain": ("lluvia", "pluie", "chuva", "pioggia"),
    "reached": ("alcanzó", "atteint", "alcançou", "raggiunto"),
    "region": ("región", "région", "região", "regione"),
    "report": ("informe", "rapport", "relatório", "rapporto"),
    "river": ("río", "rivière", "rio", "fiume"),
    "road": ("carretera", "route", "estrada", "strada"),
    "said": ("dijo", "dit", "disse", "disse"),
    "school": ("escuela", "école", "escola", "scuola"),
    "schools": ("escuelas", "écoles", "escolas", "scuole"),
    "sea": ("mar", "mer", "mar", "mare"),
    "small": ("pequeño", "petit", "pequeno", "piccolo"),
    "soldiers": ("soldados", "soldats", "soldados", "soldati"),
    "state": ("estado", "état", "estado", "stato"),
    "still": ("todavía", "encore", "ainda", "ancora"),
    "storm": ("tormenta", "tempête", "tempestade", "tempesta"),
    "street": ("calle", "rue", "rua", "strada"),
    "students": ("estudiantes", "étudiants", "estudantes", "studenti"),
    "talks": ("negociaciones", "négociations", "negociações", "negoziati"),
    "tax": ("impuesto", "impôt", "imposto", "tassa"),
    "taxes": ("impuestos", "impôts", "impostos", "tasse"),
    "team": ("equipo", "équipe", "equipe", "squadra"),
    "today": ("hoy", "aujourd'hui", "hoje", "oggi"),
    "town": ("pueblo", "ville", "cidade", "paese"),
    "trade": ("comercio", "commerce", "comércio", "commercio"),
    "very": ("muy", "très", "muito", "molto"),
    "village": ("pueblo", "village", "aldeia", "villaggio"),
    "villages": ("pueblos", "villages", "aldeias", "villaggi"),
    "war": ("guerra", "guerre", "guerra", "guerra"),
    "water": ("agua", "eau", "água", "acqua"),
    "week": ("semana", "semaine", "semana", "settimana"),
    "without": ("sin", "sans", "sem", "senza"),
    "women": ("mujeres", "femmes", "mulheres", "donne"),
    "workers": ("trabajadores", "travailleurs", "trabalhadores", "lavoratori"),
    "world": ("mundo", "monde", "mundo", "mondo"),
    "year": ("año", "année", "ano", "anno"),
    "yesterday": ("ayer", "hier", "ontem", "ieri"),
}
LANGUAGES = ("es", "fr", "pt", "it")


@dataclass(frozen=True)
class Damaged:
    text: str
    start: int  # the damage's span in `text`
    end: int
    sub: str  # the damage's variety within its kind (the mark inserted, the language, ...)


Damage = Callable[[random.Random, str], "Damaged | None"]


def _words(sentence: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(sentence))


def repeat(rng: random.Random, s: str) -> Damaged | None:
    m = rng.choice(_words(s))
    at = m.end()
    return Damaged(s[:at] + " " + m.group() + s[at:], at, at + 1 + len(m.group()), "word")


def lower_start(rng: random.Random, s: str) -> Damaged | None:
    m = _WORD.match(s)
    if m is None or not m.group()[0].isupper() or m.group().isupper():
        return None  # a quotation or a number first, or an acronym (`NATO`, whose lower case is another damage)
    return Damaged(s[0].lower() + s[1:], 0, m.end(), "word")


def case_flip(rng: random.Random, s: str) -> Damaged | None:
    # not the first letter of the sentence: that is lower-start
    words = [m for m in _words(s) if len(m.group()) >= 2 and (m.start() > 0 or len(m.group()) > 1)]
    m = rng.choice(words)
    k = rng.randrange(1 if m.start() == 0 else 0, len(m.group()))
    at = m.start() + k
    c = s[at]
    flipped = c.lower() if c.isupper() else c.upper()
    if flipped == c:
        return None
    sub = ("capital-added" if c.islower() else "capital-lost") if k == 0 else "inner"
    return Damaged(s[:at] + flipped + s[at + 1 :], m.start(), m.end(), sub)


def punctuation(rng: random.Random, s: str) -> Damaged | None:
    gaps = [m.end() for m in _words(s)[:-1] if s[m.end() : m.end() + 1] == " "]
    if not gaps:
        return None
    at = rng.choice(gaps)
    mark = rng.choice(",.;:")
    return Damaged(s[:at] + mark + s[at:], at, at + 1, mark)


def foreign(rng: random.Random, s: str) -> Damaged | None:
    spots = [m for m in _words(s) if m.group().lower() in TRANSLATIONS]
    rng.shuffle(spots)
    for m in spots:
        k = rng.randrange(len(LANGUAGES))
        word = TRANSLATIONS[m.group().lower()][k]
        if word == m.group().lower():
            continue
        if m.group()[0].isupper():
            word = word[0].upper() + word[1:]
        return Damaged(s[: m.start()] + word + s[m.end() :], m.start(), m.start() + len(word), LANGUAGES[k])
    return None


# where a tokenizer puts spaces: before a comma, a final mark or a clitic; inside brackets and quotes
_TOKENISABLE = re.compile(r"(?<=[^\W\d_])(,(?= )|[.!?]$|'s\b|’s\b)|\(([^()]+)\)|\"([^\"]+)\"|“([^”]+)”")


def tokenised(rng: random.Random, s: str) -> Damaged | None:
    spots = list(_TOKENISABLE.finditer(s))
    if not spots:
        return None
    m = rng.choice(spots)
    a, b = m.span()
    if m.group(1):
        mark = m.group(1)
        return Damaged(s[:a] + " " + mark + s[b:], a, a + 1, "clitic" if "s" in mark else mark)
    inner = next(g for g in m.groups()[1:] if g is not None)
    opener, closer = s[a], s[b - 1]
    new = f"{opener} {inner} {closer}"
    return Damaged(s[:a] + new + s[b:], a, a + len(new), "brackets" if opener == "(" else "quotes")


KINDS: dict[str, Damage] = {
    "repeat": repeat,
    "lower-start": lower_start,
    "case-flip": case_flip,
    "punctuation": punctuation,
    "foreign": foreign,
    "tokenised": tokenised,
}


def texts_of(paths: list[str]) -> list[str]:
    """The texts to draw sentences from: the `text`, `mt` and `reference` fields of JSON Lines rows."""
    out: list[str] = []
    if not paths:
        return [p.read_text(encoding="utf-8") for p in OWN_TEXT]
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as e:
                        sys.exit(f"{path}:{n}: not JSON ({e.msg})")
                    if not isinstance(row, dict):
                        sys.exit(f"{path}:{n}: a row must be a JSON object")
                    out += [row[k] for k in ("text", "mt", "reference") if isinstance(row.get(k), str)]
        except OSError as e:
            sys.exit(f"{path}: cannot read ({e.strerror})")
    return out


def sentences_of(texts: Iterable[str]) -> list[str]:
    """Sentences of prose, 6 to 50 words, each starting with a capital and ending with a final mark."""
    from lintnews.core.document import split_sentences

    out: list[str] = []
    seen: set[str] = set()
    for text in texts:
        for line in re.split(r"\n", text):
            para = line.strip()
            for a, b in split_sentences(para):
                s = para[a:b].strip()
                n = len(_words(s))
                if 6 <= n <= 50 and s[:1].isupper() and _FINAL.search(s) and s not in seen:
                    seen.add(s)
                    out.append(s)
    return out


def run_linter(cmd: str, texts: dict[str, str]) -> dict[str, list[dict[str, object]]]:
    """Lint each text as its own file in one run per 1,000 files; errors and warnings by name."""
    by: dict[str, list[dict[str, object]]] = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="damage-") as tmp:
        paths = []
        for name, text in texts.items():
            p = os.path.join(tmp, name + ".txt")
            with open(p, "w", encoding="utf-8") as fh:
                fh.write(text)
            paths.append(p)
        for i in range(0, len(paths), 1000):
            r = subprocess.run(shlex.split(cmd) + paths[i : i + 1000], capture_output=True, text=True, check=False)
            try:
                data = json.loads(r.stdout)
            except json.JSONDecodeError:
                sys.exit(f"linter printed no JSON (exit {r.returncode}): {r.stderr[-2000:]}")
            for f in data.get("findings", []) if isinstance(data, dict) else data:
                if f.get("severity", "warning") in ("error", "warning"):
                    by[os.path.basename(str(f.get("path", "")))[:-4]].append(f)
    return by


def _span(f: dict[str, object]) -> tuple[int, int]:
    a = int(str(f.get("offset", 0)))
    return a, a + int(str(f.get("length") or 0))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="*", help="JSON Lines files of clean English (default: the tests' own text)")
    ap.add_argument("--per-kind", type=int, default=150, help="damaged sentences per kind")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds to apply")
    ap.add_argument("--show", type=int, default=0, help="print this many misses per kind and false alarms")
    default_cmd = f"{Path(sys.executable).parent / 'lintnews'} check --format json"
    ap.add_argument("--cmd", default=default_cmd)
    a = ap.parse_args()
    kinds = [k for k in a.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        sys.exit(f"--kinds: unknown kind {unknown[0]!r} (one of: {', '.join(KINDS)})")

    pool = sentences_of(texts_of(a.data))
    if not pool:
        sys.exit("no sentences of 6 to 50 words in the input")
    rng = random.Random(a.seed)
    rng.shuffle(pool)
    texts: dict[str, str] = {}
    cases: list[tuple[str, str, str, Damaged]] = []  # kind, key of the original, key of the damaged, damage
    originals: dict[str, str] = {}
    i = 0
    for kind in kinds:
        made = tries = 0
        while made < a.per_kind and tries < len(pool):
            s = pool[i % len(pool)]
            i += 1
            tries += 1
            d = KINDS[kind](rng, s)
            if d is None:
                continue
            key = originals.setdefault(s, f"u{len(originals)}")
            texts[key] = s
            name = f"d{len(cases)}"
            texts[name] = d.text
            cases.append((kind, key, name, d))
            made += 1
    found = run_linter(a.cmd, texts)

    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    by_rule: Counter[str] = Counter()
    for kind, key, name, d in cases:
        at = any(x < d.end + 1 and d.start - 1 < max(y, x + 1) for x, y in map(_span, found.get(name, [])))
        for k in (kind, f"{kind}/{d.sub}"):
            total[k] += 1
            hit[k] += at
            false[k] += bool(found.get(key))
        if not at:
            misses[kind].append(d.text)
    alarms = [(key, f) for key in set(originals.values()) for f in found.get(key, [])]
    for _, f in alarms:
        by_rule[str(f.get("rule"))] += 1
    print(f"  {'kind':24s} {'damaged flagged':>20s} {'undamaged flagged':>20s}")
    for k in sorted(total, key=lambda k: (k.split("/")[0] not in kinds, kinds.index(k.split("/")[0]), k)):
        indent = "    " if "/" in k else "  "
        print(
            f"{indent}{k:{26 - len(indent)}s} {hit[k] / total[k]:6.3f} ({hit[k]:4d}/{total[k]:<4d}) "
            f"{false[k] / total[k]:6.3f} ({false[k]:4d}/{total[k]:<4d})"
        )
    for rule, n in by_rule.most_common(8):
        print(f"  false alarm {n:4d} {rule}")
    if a.show:
        for kind in kinds:
            for text in misses[kind][: a.show]:
                print(f"  missed {kind}: {text}")
        inverse = {v: k for k, v in originals.items()}
        for key, f in alarms[: a.show]:
            x, y = _span(f)
            print(f"  false alarm {f.get('rule')} at {inverse[key][x:y]!r}: {inverse[key]}")
    n_und = len(originals)
    n_und_hit = sum(1 for key in originals.values() if found.get(key))
    n_hit, n_all = sum(hit[k] for k in kinds), sum(total[k] for k in kinds)
    print(f"  {len(pool)} sentences in the pool, {n_all} damaged, {n_und} undamaged")
    print(
        f"damaged flagged {n_hit / max(1, n_all):.3f} ({n_hit}/{n_all}), "
        f"undamaged flagged {n_und_hit / max(1, n_und):.3f} ({n_und_hit}/{n_und})"
    )


if __name__ == "__main__":
    main()
