"""Suffix stripper for Latvian, Russian and Ukrainian (``stem``, ``readings``).

Reduces an inflected proper name in Latvian, Russian or Ukrainian to a stem
shared by all its case forms, so that a gazetteer name in the nominative
matches the name as it appears in text.

* Text and gazetteer are folded the same way first (``text.norm``: Russian
  ё -> е; the Ukrainian apostrophes unified).
* The longest ending in ENDINGS[lang] that the lowercased word ends with is
  removed, provided at least MIN_STEM (3) characters remain; one ending
  only, no recursion.
* Examples: Latvian "Rīga, Rīgas, Rīgā" -> "rīg"; "Cēsis, Cēsu, Cēsīs" ->
  "cēs".  Russian "Москва, Москвы, в Москве, Москвой" -> "москв";
  "Россия, России" -> "росс"; "Казань, Казанью" -> "казан".  Ukrainian
  "Одеса, Одеси, в Одесі" -> "одес".
* Stems in vowel + /j/ lose the vowel with the ending, so that noun forms
  do not collide with adjective endings: Russian "Китай, Китая, Китае" ->
  "кит"; "Корея, Корее, Кореей" -> "кор"; Ukrainian "Корея, Корею,
  Кореєю" -> "кор".
* Genitive-plural -ов/-ев (ru) and -ів/-їв (uk) are not endings here:
  "Ростов, Ростова, Ростове" all give "ростов".
* Ukrainian masculine names in -ів/-їв alternate the last vowel; after
  stripping, STEM_ALTERNATIONS rewrites the stem end: "Київ" -> "києв" =
  "Києва, у Києві" -> "києв"; "Львів" -> "львов" = "Львова, у Львові".
* Not handled: fleeting vowels (Russian "Орёл, Орла"), Latvian consonant
  alternations (2nd/5th declension), indeclinable foreign names (which
  simply never match an ending wrongly because they keep their form).
* Persian and Vietnamese names do not inflect and are not stripped.

The ending lists, the minimum stem and the stem alternations below were written *blind*
(``baselines/README.md``, "Blind resources"): by a separate session that never opened the
benchmark's texts, annotations or guidelines, from standard grammars of the three
languages; they are copied verbatim from its ``blind_resources.py``. Character folding is
``citydiplo_baselines.text.norm``'s (it already unifies ё/е and the apostrophes), so
the endings are compared in ``norm`` form.
"""

from __future__ import annotations

from citydiplo_baselines.text import norm


def _longest_first(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """Merge ending groups: deduplicate, sort longest first, then alphabetically."""
    return tuple(sorted({e for g in groups for e in g}, key=lambda e: (-len(e), e)))


MIN_STEM: int = 3
# Reason: a 3-letter minimum keeps short stems such as Latvian "Rīg-",
# Russian "Рим-" usable while refusing 1-2 letter stems, which would make
# hundreds of unrelated inflected words collide (a 3-letter name like
# Russian "Уфа" is then simply left unstripped, a small and safe loss).

# ---- Latvian ------------------------------------------------------------
# Source: standard Latvian reference grammar (six noun declensions, the
# indefinite and definite adjective paradigms), e.g. "Mūsdienu latviešu
# valodas gramatika" (LZA 2013) and Nau, "Latvian" (LINCOM 1998).
# The vocative and the instrumental (= acc. sg. / dat. pl. with "ar") add
# no new endings.
_LV_DECL1: tuple[str, ...] = (
    # 1st declension (masc.): nom. -s/-š, gen. -a, dat. -am, acc. -u, loc. -ā;
    # pl. nom. -i, gen. -u, dat. -iem, acc. -us, loc. -os   (e.g. "ceļš, ceļa")
    "s", "š", "a", "am", "u", "ā", "i", "iem", "us", "os",
)
_LV_DECL2: tuple[str, ...] = (
    # 2nd declension (masc.): nom. -is, gen. -a (with consonant alternation,
    # brālis -> brāļa), dat. -im, acc. -i, loc. -ī; pl. -i, -u, -iem, -us, -os
    "is", "a", "im", "i", "ī", "u", "iem", "us", "os",
)
_LV_DECL3: tuple[str, ...] = (
    # 3rd declension (masc.): nom. -us, gen. -us, dat. -um, acc. -u, loc. -ū;
    # pl. -i, -u, -iem, -us, -os
    "us", "um", "u", "ū", "i", "iem", "os",
)
_LV_DECL4: tuple[str, ...] = (
    # 4th declension (mostly fem.): nom. -a, gen. -as, dat. -ai, acc. -u,
    # loc. -ā; pl. nom. -as, gen. -u, dat. -ām, acc. -as, loc. -ās
    # ("Rīga, Rīgas, Rīgai, Rīgu, Rīgā")
    "a", "as", "ai", "u", "ā", "ām", "ās",
)
_LV_DECL5: tuple[str, ...] = (
    # 5th declension (mostly fem.): nom. -e, gen. -es, dat. -ei, acc. -i,
    # loc. -ē; pl. -es, gen. -u (with alternation upe -> upju), -ēm, -es, -ēs
    "e", "es", "ei", "i", "ē", "u", "ēm", "ēs",
)
_LV_DECL6: tuple[str, ...] = (
    # 6th declension (fem.): nom. -s, gen. -s, dat. -ij, acc. -i, loc. -ī;
    # pl. nom. -is, gen. -u, dat. -īm, acc. -is, loc. -īs
    # ("pils, pilī" castle; plural-only "Cēsis, Cēsu, Cēsīs")
    "s", "ij", "i", "ī", "is", "u", "īm", "īs",
)
_LV_ADJ_INDEF: tuple[str, ...] = (
    # indefinite adjective: masc. -s, -a, -am, -u, -ā; pl. -i, -u, -iem, -us, -os
    # fem. -a, -as, -ai, -u, -ā; pl. -as, -u, -ām, -as, -ās
    "s", "š", "a", "am", "u", "ā", "i", "iem", "us", "os",
    "as", "ai", "ām", "ās",
)
_LV_ADJ_DEF: tuple[str, ...] = (
    # definite adjective: masc. -ais, -ā, -ajam, -o, -ajā;
    # pl. -ie, -o, -ajiem, -os, -ajos
    # fem. -ā, -ās, -ajai, -o, -ajā; pl. -ās, -o, -ajām, -ās, -ajās
    "ais", "ā", "ajam", "o", "ajā", "ie", "ajiem", "os", "ajos",
    "ās", "ajai", "ajām", "ajās",
)

# ---- Russian ------------------------------------------------------------
# Source: standard Russian reference grammar ("Русская грамматика", АН СССР
# 1980; Zaliznyak, "Грамматический словарь русского языка"), school
# numbering of the three substantive declensions plus the adjective
# declension.
# DELIBERATELY OMITTED: gen. pl. -ов/-ев/-ёв (and possessive -ин).  They are
# identical with the nominative end of very many place names and surnames
# (Ростов, Киев, Саратов, Пушкин): stripping them would give "Рост-" for
# Ростов but "Ростов-" for Ростова/Ростове.  Plural-only toponyms in the
# genitive plural are rare, so omitting these endings is the cheaper error.
_RU_DECL1: tuple[str, ...] = (
    # 1st declension (fem./masc. in -а/-я): nom. -а/-я, gen. -ы/-и,
    # dat./prep. -е/-и, acc. -у/-ю, instr. -ой/-ою/-ей/-ею/-ёй;
    # pl. -ы/-и, gen. zero/-ей, dat. -ам/-ям, instr. -ами/-ями, prep. -ах/-ях
    # ("Москва, Москвы, Москве, Москву, Москвой")
    "а", "я", "ы", "и", "е", "у", "ю", "ой", "ою", "ей", "ею", "ёй", "ёю",
    "ам", "ям", "ами", "ями", "ах", "ях",
    # subtype -ия: -ия, -ии, -ию, -ией; gen. pl. -ий; pl. -иям, -иями, -иях
    # ("Россия, России, Россию, Россией")
    "ия", "ии", "ию", "ией", "иею", "ий", "иям", "иями", "иях",
)
_RU_DECL2: tuple[str, ...] = (
    # 2nd declension (masc. zero/-й/-ь, neut. -о/-е/-ё): gen. -а/-я,
    # dat. -у/-ю, instr. -ом/-ем/-ём, prep. -е (-и after -и-), 2nd loc. -у/-ю;
    # pl. -ы/-и/-а/-я, gen. (-ов/-ев omitted) -ей/zero, -ам/-ям, -ами/-ями,
    # -ах/-ях.  -й and -ь are listed so that "Китай" meets "Китая, Китае".
    "й", "ь", "о", "е", "ё", "а", "я", "у", "ю", "ом", "ем", "ём", "и",
    "ы", "ей", "ам", "ям", "ами", "ями", "ах", "ях",
    # subtype -ий/-ие: "-ий, -ия, -ию, -ием, -ии"; "-ие, -ия, -ию, -ием, -ии"
    "ий", "ие", "ия", "ию", "ием", "ии", "иям", "иями", "иях",
)
_RU_DECL3: tuple[str, ...] = (
    # 3rd declension (fem. in -ь): nom./acc. -ь, gen./dat./prep. -и,
    # instr. -ью; pl. -и, -ей, -ям, -ями, -ях   ("Казань, Казани, Казанью")
    "ь", "и", "ью", "ей", "ям", "ями", "ях",
)
_RU_J_STEMS: tuple[str, ...] = (
    # 1st/2nd declension nouns whose stem ends in vowel + /j/ (Китай, Корея,
    # Андрей, Троя): the /j/ is written -й / -я / -е / -ю / -ем, so the
    # paradigm endings collide with the adjective endings -ая, -ее, -ою
    # ("Китая" would lose -ая, "Корее" -ее).  Listing vowel + ending as one
    # unit strips the stem vowel everywhere, so the forms still meet:
    # "Китай, Китая, Китае, Китаю, Китаем" -> "кит-";
    # "Корея, Кореи, Корее, Корею, Кореей" -> "кор-".
    "ай", "ая", "ае", "аю", "аем", "аи",
    "ей", "ея", "еи", "ее", "ею", "еем", "еей",
    "ой", "оя", "ои", "ое", "ою", "оей", "оем",
)
_RU_ADJ: tuple[str, ...] = (
    # adjective (hard/soft/stressed): masc. -ый/-ий/-ой, gen. -ого/-его,
    # dat. -ому/-ему, instr. -ым/-им, prep. -ом/-ем;
    # fem. -ая/-яя, gen./dat./instr./prep. -ой/-ей (-ою/-ею), acc. -ую/-юю;
    # neut. -ое/-ее; pl. -ые/-ие, gen./prep. -ых/-их, dat. -ым/-им,
    # instr. -ыми/-ими   ("Нижний, Нижнего, Нижнем")
    "ый", "ий", "ой", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем",
    "ая", "яя", "ую", "юю", "ей", "ою", "ею", "ое", "ее",
    "ые", "ие", "ых", "их", "ыми", "ими",
)

# ---- Ukrainian ----------------------------------------------------------
# Source: standard Ukrainian reference grammar (Вихованець & Городенська,
# "Теоретична морфологія української мови", 2004; "Український правопис"
# 2019, the four-declension school system) and the adjective declension.
# DELIBERATELY OMITTED: gen. pl. -ів/-їв (same clash as Russian -ов:
# Харків, Львів, Київ end in these letters in the nominative) and the
# dat./loc. -ові/-еві/-єві, because in place names they are stem -ов-/-єв-
# + -і ("у Харкові", "у Києві"): stripping -і alone gives the right stem
# "Харков-", "Києв-", which STEM_ALTERNATIONS then matches with the
# nominative "Харків", "Київ".
_UK_DECL1: tuple[str, ...] = (
    # 1st declension (fem./masc. in -а/-я): nom. -а/-я, gen. -и/-і/-ї,
    # dat./loc. -і/-ї, acc. -у/-ю, instr. -ою/-ею/-єю, voc. -о/-е/-є;
    # pl. -и/-і/-ї, gen. zero/-ей, dat. -ам/-ям, instr. -ами/-ями, loc. -ах/-ях
    "а", "я", "и", "і", "ї", "у", "ю", "ою", "ею", "єю", "о", "е", "є",
    "ей", "ам", "ям", "ами", "ями", "ах", "ях",
    # subtype -ія: -ія, -ії, -ію, -ією; gen. pl. -ій; -іям, -іями, -іях
    # ("Італія, Італії, Італію, Італією")
    "ія", "ії", "ію", "ією", "ій", "іям", "іями", "іях",
    # masc. -ій (Олексій, Олексія, Олексію, Олексієм): instr. -ієм
    "ієм",
    # fem. stems in vowel + /j/ (Корея, Кореї, Корею, Кореєю; Троя): the
    # acc. -ю collides with instr. -ею/-ою, so the stem vowel is stripped
    # with the ending throughout: all forms -> "кор-".
    "ея", "еї", "еєю", "оя", "оєю",
)
_UK_DECL2: tuple[str, ...] = (
    # 2nd declension (masc. zero/-о/-й/-ь, neut. -о/-е/-я): gen. -а/-я/-у/-ю,
    # dat. -у/-ю (-ові/-еві omitted, see above), instr. -ом/-ем/-єм,
    # loc. -і/-ї/-у/-ю; neut. -я: instr. -ям; pl. -и/-і/-ї/-а/-я,
    # gen. (-ів/-їв omitted) -ей/zero, -ам/-ям, -ами/-ями, -ах/-ях.
    # -й and -ь are listed so that "Китай" meets "Китаю".
    "й", "ь", "о", "е", "я", "а", "у", "ю", "ом", "ем", "єм", "і", "ї",
    "и", "ям", "ам", "ами", "ями", "ах", "ях",
)
_UK_DECL3: tuple[str, ...] = (
    # 3rd declension (fem. zero: ніч, радість; мати): gen./dat./loc. -і,
    # instr. -ю (with consonant lengthening: сіль -> сіллю);
    # pl. -і, gen. -ей, -ям/-ам, -ями/-ами, -ях/-ах
    "і", "ю", "ей", "ам", "ям", "ами", "ями", "ах", "ях",
)
_UK_DECL4: tuple[str, ...] = (
    # 4th declension (neut. -а/-я with augment -ат-/-ят-/-ен-: курча,
    # курчати; ім'я, імені).  Only the bare -а/-я and instr. -ям are listed:
    # the augmented endings (-ати, -ята ...) would over-strip ordinary
    # names such as "Карпати".
    "а", "я", "ям",
)
_UK_ADJ: tuple[str, ...] = (
    # adjective (hard/soft): masc. -ий/-ій, gen. -ого/-ього, dat./loc.
    # -ому/-ьому (loc. also -ім), instr. -им/-ім; fem. -а/-я, gen. -ої/-ьої,
    # dat./loc. -ій, acc. -у/-ю, instr. -ою/-ьою; neut. -е/-є;
    # pl. -і/-ї, gen./loc. -их/-іх, dat. -им/-ім, instr. -ими/-іми
    # ("Рівне, Рівного, Рівному")
    "ий", "ій", "ого", "ього", "ому", "ьому", "им", "ім",
    "а", "я", "ої", "ьої", "у", "ю", "ою", "ьою", "е", "є", "і", "ї",
    "их", "іх", "ими", "іми",
)

ENDING_GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "lv": {
        "noun_decl1": _LV_DECL1,
        "noun_decl2": _LV_DECL2,
        "noun_decl3": _LV_DECL3,
        "noun_decl4": _LV_DECL4,
        "noun_decl5": _LV_DECL5,
        "noun_decl6": _LV_DECL6,
        "adj_indefinite": _LV_ADJ_INDEF,
        "adj_definite": _LV_ADJ_DEF,
    },
    "ru": {
        "noun_decl1": _RU_DECL1,
        "noun_decl2": _RU_DECL2,
        "noun_decl3": _RU_DECL3,
        "noun_j_stems": _RU_J_STEMS,
        "adjective": _RU_ADJ,
    },
    "uk": {
        "noun_decl1": _UK_DECL1,
        "noun_decl2": _UK_DECL2,
        "noun_decl3": _UK_DECL3,
        "noun_decl4": _UK_DECL4,
        "adjective": _UK_ADJ,
    },
}
"""The endings per grammatical group, for documentation and testing."""

ENDINGS: dict[str, tuple[str, ...]] = {
    lang: _longest_first(*groups.values()) for lang, groups in ENDING_GROUPS.items()
}
"""Merged endings per language, lowercase, longest first (ties alphabetical).
Persian and Vietnamese do not inflect names and have no entry."""

STEM_ALTERNATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    # Ukrainian closed-syllable alternation і ~ о/е and ї ~ є in the last
    # syllable of the nominative of masculine -ів/-їв names (Харків ~
    # Харкова, Львів ~ Львова, Київ ~ Києва, Бердичів ~ Бердичева).
    # Applied to the END of a stem (after stripping), first match only,
    # longest first: after hushing consonants and ц the vowel is е.
    "uk": (
        ("жів", "жев"),
        ("ців", "цев"),
        ("чів", "чев"),
        ("шів", "шев"),
        ("щів", "щев"),
        ("їв", "єв"),
        ("ів", "ов"),
    ),
}
"""Stem-final rewrites that make a nominative stem meet the oblique stem."""


INFLECTED = frozenset(ENDINGS)
_NORM_ENDINGS: dict[str, tuple[str, ...]] = {
    lang: _longest_first(tuple(norm(e) for e in endings)) for lang, endings in ENDINGS.items()
}


def _alternate(word: str, lang: str) -> str:
    """Rewrite the end of a stem by the first matching ``STEM_ALTERNATIONS`` rule."""
    for old, new in STEM_ALTERNATIONS.get(lang, ()):
        if word.endswith(old):
            return word[: -len(old)] + new
    return word


def stem(word: str, lang: str) -> str:
    """Strip the longest ending of ``lang`` that leaves at least ``MIN_STEM`` characters, then
    apply the stem alternations.

    ``word`` is already normalised (``citydiplo_baselines.text.norm``). Only the end is touched,
    so in a hyphenated name the last part is the one that changes."""
    endings = _NORM_ENDINGS.get(lang)
    if not endings:
        return word
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return _alternate(word[: -len(ending)], lang)
    return _alternate(word, lang)


def readings(word: str, lang: str) -> tuple[str, ...]:
    """Every form ``word`` may be the inflection of: the word itself and each stem left by
    stripping one ending of ``lang`` (at least ``MIN_STEM`` characters), each also with the
    stem alternations applied, least stripped first. A token is matched against names
    through these."""
    out = [word]
    endings = _NORM_ENDINGS.get(lang, ())
    candidates = [word] + [word[: -len(e)] for e in reversed(endings)
                           if word.endswith(e) and len(word) - len(e) >= MIN_STEM]
    if not endings:
        return tuple(out)
    for candidate in candidates:
        for form in (candidate, _alternate(candidate, lang)):
            if form not in out:
                out.append(form)
    return tuple(out)
