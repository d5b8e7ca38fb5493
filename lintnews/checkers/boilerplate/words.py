"""Word tables of the line evidence: closed classes (auxiliaries, objects of a call to action) and the names of
platforms, page controls and agencies. Their weights are learnt (features.py, weights.json), not set here."""

# a call to action takes an object or a particle: 'Follow us', 'Sign up', 'Read more', 'Download the app'
ACTION_OBJECT = frozenset(
    "us our your the this these it them him her a an now here more up on in out to for with at today free "  # noqa: SIM905
    "all back below above".split()
)
# a word that opens a clause but is not a verb, whatever its -ing form ('Police', 'Home' have one)
NOT_ACTION = frozenset(["please", "so", "and", "but", "or", "if", "as", "then", "when", "while", "there", "here"])
AUX = frozenset(
    "is are was were be been being am has have had do does did will would can could may might must shall "  # noqa: SIM905
    "should isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't wouldn't can't "
    "couldn't said says say told tells according".split()
)
PRONOUN_SUBJECT = frozenset(["i", "we", "he", "she", "they", "it", "you"])
# platforms and products a page links to; the weight of each kind of evidence is learnt, not listed here
PLATFORMS = frozenset(
    "facebook twitter instagram youtube whatsapp telegram linkedin pinterest reddit tiktok snapchat "  # noqa: SIM905
    "flipboard spotify itunes podcast podcasts newsletter newsletters app apps rss google bluesky "
    "mastodon threads messenger signal viber wechat weibo kindle alexa".split()
)
# what a page's furniture is made of: controls, media, accounts and feeds
UI_WORDS = frozenset(
    "click tap subscribe subscribed subscriber subscribers subscription login log sign signup register "  # noqa: SIM905
    "comment comments reply replies share shares shared email e-mail inbox video videos audio listen "
    "watch slideshow gallery photo photos image images credit credits advertisement advertising ad ads "
    "sponsored cookie cookies browser javascript website site page link links menu feed channel download "
    "stream live episode follow print read reading more related trending popular latest newsletter "
    "privacy terms home top next previous caption copyright reserved rights account premium unlock access".split()
)
AGENCIES = frozenset(
    "ap reuters afp efe getty epa dpa xinhua ansa shutterstock istock anadolu bloomberg ians pti".split()  # noqa: SIM905
)
