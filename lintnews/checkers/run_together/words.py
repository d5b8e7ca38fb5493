"""The word classes the run-together checker reasons with: function words, prefixes, suffixes, titles, units."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# After a number only these are joins: `1990and`, `8the`; `5bn`, `10km`, `3rd`, `1980s` are not.
GLUE_AFTER_NUMBER = _words("and the for with that which was were from but who than said")
# Units and abbreviations of four letters or more written against a number (and `£38million`, a house style).
UNITS = _words("mins secs hrs mbps gbps kbps tbps kmph sqft sqm bbls bpd mpg ppmv yrs million billion trillion")
# Before a number: months (`September30`) and prepositions (`of18th`, `since1990`); `COVID19`, `Win10` are names.
GLUE_BEFORE_NUMBER = _words(
    "january february march april may june july august september october november december sept "
    "of in on at by to from since until between than about around nearly almost over under the and"
)
# Real two-letter words; other two-letter strings that wordfreq knows (th, ed, ms) are fragments.
TWO_LETTER = _words("am an as at be by do go he if in is it me my no of on or so to up us we")
# Three-letter strings wordfreq lists mostly as suffixes or contraction halves, never as parts of a join.
FRAGMENTS = _words(
    "ing ion ers ies ent ment ness ity isn doesn didn wasn aren hasn haven weren couldn wouldn "
    "shouldn ll ve re tion ous ive est ism ist ful ble ely ally ology ish ized ise ize ted ers"
)
# Productive prefixes: `subsolution`, `hyperpersonalized`, `upsample` are words, not joins.
PREFIXES = _words(
    "sub super post pre auto con inter intra over under up out down back off counter cross self "
    "ultra trans micro macro mega multi hyper tele electro cyber eco bio geo neo pro anti non semi "
    "mid mis dis re un co de ex extra para meta mini tri bi poly mono pseudo quasi retro socio "
    "psycho photo thermo hydro aero agro petro narco nano giga here there where"
)
# Suffix-like endings that wordfreq also lists as words: `datives`, `signhood` are not joins.
SUFFIXES = _words(
    "ives ions ing ings ness ment ments hood hoods ship ships able ible less ful wise ward wards "
    "like fold dom doms ism isms ist ists ity ities ally ology ed er ers"
)
# Two-letter words that can follow a word after a lost space (`scopingin`, `Workshopon`).
TWO_LETTER_RIGHT = _words("of in on to by at as is it an or if")
# Name particles that start a capital inside a name: McGurk, MacArthur, DeSantis, LaGuardia, vanDyke.
NAME_PREFIXES = _words("mc mac de di da du la le lo van von der den ten o d l al el ja ke sha ty bin ibn abu st")
# Titles put before a name (`President Lula`); no brand or name is built on one of them.
TITLES = _words(
    "president minister governor senator congressman congresswoman deputy mayor judge general colonel "
    "commander captain admiral sergeant lieutenant chancellor secretary ambassador spokesman spokeswoman "
    "spokesperson pope cardinal bishop archbishop king queen prince princess sheikh emir ayatollah"
)
# Function words a sentence can start with: after a lower-case word, a capitalised one of these
# means the join swallowed a sentence boundary (`younisOne`, `RefaTo`).
SENTENCE_STARTERS = _words(
    "the a an one to in on at he she it they we this that these those his her their its but and "
    "however meanwhile after according as for with while when if although there some many most "
    "several since during despite also yet so then thus still"
)
# Words that cannot end a sentence, so no period is restored after them (`ofThe` -> `of The`).
NON_FINAL = _words(
    "the a an of in on at to by for from with and or but as into onto upon about over under "
    "after before than that which who whose whom is was are were be been his her their its our "
    "my your this these those"
)
# Lower-case words that glued to a capitalised word mean a lost space even when the dictionary lacks the
# word (`andCastellón`, `ofGuimarães`): brands are built on 'in', 'e', 'i' (inVentiv, eBay), not on these.
GLUE_LEFT = _words("and of the to for with from by at on or but said says which who that than")
# Lower-case words a proper noun can be glued to when a space is lost (`Gazawhich`).
CONNECTIVES = _words(
    "which who whom whose that the and with from for was were has had have will would could "
    "should said says but after while when where since than amid during between before because "
    "about against also into their his her its they there this these those"
)
# Closed-class words: a join with one of them is far less likely to be a compound than two nouns.
FUNCTION_WORDS = (
    TWO_LETTER
    | NON_FINAL
    | CONNECTIVES
    | SENTENCE_STARTERS
    | _words(
        "can will may might must shall not per via has had have does did was were are also only "
        "them him she you they what who how why all any each both such other more most some no"
    )
)
# The case change is itself evidence, so the word after it may be rarer (`ofBergamo`).
CAMEL_ZIPF = 2.0
# the longest lower-case first part of a camel-case brand (`easy`, `smart`, `money`) and the frequency from
# which a word counts as a function word (`the`, `of`, `for`, `see`), which no brand starts with
BRAND_PREFIX_LEN = 5
FUNCTION_ZIPF = 6.0
RELATIVE = frozenset({"which", "who", "whom", "whose"})
# Pairs of function words whose join is a frequent typo (wordfreq lists `inthe` at zipf 2.6, so
# the whole-word test alone would let it through).
_PAIR_LEFT = "in of on to at by for and from with is was as that into but or onto upon about over after under"
_PAIR_RIGHT = "the his their its this these those our my your which that a an"
# Joins of those that are words or names in their own right.
_PAIR_WORDS = frozenset({"fora", "atan", "onan", "oran", "froman", "ata", "isa", "ora"})
# Of the three-letter ones, `ata` (OCR for `data`), `isa` (the ISA relation) and `ora` are not joins.
FUNCTION_PAIRS = {
    a + b: (a, b)
    for a in _PAIR_LEFT.split()
    for b in _PAIR_RIGHT.split()
    if a + b not in _PAIR_WORDS and (len(a + b) >= 4 or b == "a")
}
