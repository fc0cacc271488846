"""Norwegian spelling: unknown words per 100 words, with hunspell's nb_NO / nn_NO dictionaries.

The dictionaries are Debian's ``hunspell-no`` (the Norwegian word lists of the Norsk
Språkråd-based spell-checking project), read by ``spylls``, a pure-Python port of Hunspell
from PyPI: no C extension to build, the same .dic/.aff files LibreOffice uses. A word passes

1. when the clinical vocabulary lists it, bare or inflected (:func:`whitelist`: Latin anatomy,
   test eponyms, drug names from ``clinical_words.txt``; the words of the shipped ICPC-2 and
   ICD-10 titles; the normalisation lexicon's abbreviations and synonyms);
2. when hunspell knows it as a word of its own (under Nynorsk also a word only nb_NO knows,
   unless it is a Bokmål marker: the language check names a mix);
3. when it is a compound of known words (hunspell's, or :func:`_compound`'s split into dictionary
   forms and vocabulary words, "palpasjon-s-ømhet") that is not one typing slip away from a
   listed word (:func:`_near_word`: "korsrygg-s-meter" is a slip of "korsryggsmerter").

Abbreviations in capitals, tokens with digits, words of one or two letters, capitalised words
inside a sentence (names, eponyms) and listed names at a sentence start are not judged.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from gate.errors import ChirogateError

DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell")
"""Where the dictionaries are looked for (after ``$CHIROGATE_HUNSPELL_DIR``)."""
_NAMES = {"bokmal": "nb_NO", "nynorsk": "nn_NO"}
_WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá]+(?:-[A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n]|^\s*[-*•])\s*[\"«(]?$")


@dataclass(frozen=True)
class SpellingResult:
    """Result of :func:`check`: ``words`` judged or not, ``unknown`` as ``(start, end, word)``."""

    words: int
    unknown: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def per_100(self) -> float:
        """Unknown words per 100 words (0.0 for an empty text)."""
        return 100.0 * len(self.unknown) / self.words if self.words else 0.0


def _find(name: str) -> Path:
    dirs = ([os.environ["CHIROGATE_HUNSPELL_DIR"]] if os.environ.get("CHIROGATE_HUNSPELL_DIR") else []) + list(DICTIONARY_DIRS)
    for d in dirs:
        if (Path(d) / f"{name}.dic").exists() and (Path(d) / f"{name}.aff").exists():
            return Path(d) / name
    raise ChirogateError(f"the spelling check needs the hunspell dictionary {name} (Debian package hunspell-no: "
                         f"`sudo make system-deps`), looked in {', '.join(dirs)}; or set [terminology] "
                         "check_spelling = false")


@lru_cache(maxsize=2)
def _dictionary(house_style: str):
    try:
        from spylls.hunspell import Dictionary
    except ImportError:
        raise ChirogateError("the spelling check needs spylls: pip install 'spylls>=0.1.7,<0.2'") from None
    return Dictionary.from_files(str(_find(_NAMES[house_style])))


# Function words, pronouns and numbers are never a part of a compound the splitter builds: a
# typo that leaves one of them beside a word ("ned-stat" for "nedsatt", "skull-der" for "skulder")
# stays a misspelling. Lexicalised compounds with such a part ("nedsatt", "utstråling") are in
# the dictionary itself.
_NOT_A_PART = frozenset("""
av da de den der det dette din du eg ei ein eit eller en er et ett fra frå før han har her ho hun i
ikke ikkje inn jeg kan med men meg mot ned nå når og om opp oss over på seg sin som så til ut ved vi var
vil være vere blir ble bli to tre fire fem seks sju syv åtte ni ti hva kva hvor kor hvem kven
""".split())
_MIN_PART = 3
"""Shortest part of a compound the splitter accepts ("fot-rand"); parts shorter than ``_MIN_TAIL``
only from the hand-compiled list (body parts and senses: "fot", "kne", "lys")."""
_MIN_TAIL = 4
"""Shortest last part, unless the clinical vocabulary lists it ("banke-øm", "patella-pol")."""
_MAX_PARTS = 4
_ENDINGS = ("", "s", "e", "t", "n", "r", "a", "en", "et", "er", "ne", "ar", "es", "rs", "ere", "ene", "ane",
            "ens", "ets", "ers", "ert", "enes")
"""Inflectional endings a vocabulary word takes (Bokmål and Nynorsk nouns and adjectives)."""
_TITLE_WORD = re.compile(r"[a-zæøåéèüö]{5,}")


def _lexicon_words() -> set[str]:
    """Forms and expansions of the normalisation lexicon (abbreviations, synonyms), lower-case."""
    from gate.clinical import normalise

    out: set[str] = set()
    for a in normalise.abbreviations():
        out.add(a.form.lower().rstrip("."))
        out.update(w.lower() for w in _WORD.findall(a.expansion))
    synonyms = resources.files("gate.clinical").joinpath("synonyms.tsv").read_text("utf-8")
    for line in synonyms.splitlines():
        if line.strip() and not line.startswith(("#", "canonical\t")):  # comments, the header
            out.update(w.lower() for w in _WORD.findall(" ".join(line.split("\t")[:2]).replace("|", " ")))
    return out


def _title_words() -> set[str]:
    """Words of the shipped ICPC-2 and ICD-10 titles (diagnoses, Latin terms, drug names).

    ICD-10 titles are cut to 60 characters by abbreviating ("Annen forstyrr av seksuelle forh",
    "An.affek. synov.hinne"): a word written with a dot after it is left out, and so is, in a title
    of 55 characters or more, a word that is the start of a longer title word."""
    from gate.clinical import icd10, icpc2

    titles = [t for t, _ in icpc2.codes().values()] + list(icd10.codes().values())
    words: set[str] = set()
    long_words: set[str] = set()
    for t in titles:
        for m in _TITLE_WORD.finditer(t.lower()):
            if t[m.end():m.end() + 1] != ".":
                (long_words if len(t) >= 55 else words).add(m.group(0))
    every = sorted(words | long_words)
    stems = _stems("bokmal")
    cut = {w for i, w in enumerate(every) if w in long_words and w not in words and w not in stems
           and i + 1 < len(every) and every[i + 1].startswith(w)}  # sorted: continuations follow
    return (words | long_words) - cut


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    """The hand-compiled list, ``clinical_words.txt``."""
    text = resources.files("gate.terminology").joinpath("clinical_words.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def whitelist() -> frozenset[str]:
    """The clinical vocabulary, lower-case: ``clinical_words.txt``, the code titles' words and the
    normalisation lexicon's forms (see the file's header for the sources)."""
    return _listed() | _title_words() | _lexicon_words()


@lru_cache(maxsize=2)
def _stems(house_style: str) -> frozenset[str]:
    """Every form the .dic file lists (lower-case), the parts the compound splitter may use."""
    return frozenset(w.stem.lower() for w in _dictionary(house_style).dic.words)


def _spellings(low: str) -> tuple[str, ...]:
    """``low`` and its Norwegianised spellings (Latin c -> k, th -> t, x -> ks: "costal" is "kostal",
    "subacromial" "subakromial", "naproxen" "naproksen"), the variants Norwegian medical spelling allows."""
    k = low[:1] + low[1:].replace("c", "k") if "c" in low[1:] else low
    return tuple(dict.fromkeys((low, k, k.replace("th", "t"), ("k" + k[1:]) if k[:1] == "c" else k,
                                k.replace("x", "ks"))))


# Latin inflection of a vocabulary noun or adjective (calcaneus -> calcanei, scapula -> scapulae,
# acromial -> subacromialis, mandibulær -> mandibularis) and its Norwegianised plural (scalenus ->
# scalener, -ene): (ending written, ending of the vocabulary form)
_LATIN_FORMS = (("i", "us"), ("orum", "us"), ("ae", "a"), ("a", "um"), ("es", "is"), ("er", "us"), ("ene", "us"),
                ("um", "us"), ("a", "us"), ("ae", "us"), ("e", "is"), ("i", "um"),
                ("is", ""), ("e", ""), ("es", ""), ("ia", ""), ("ica", "isk"), ("aris", "ær"), ("are", "ær"),
                ("aris", "ar"), ("alis", "al"), ("ale", "al"))
# a verb of Latin origin in -ere (progrediere, sekvestrere): its present, past and participle forms
_VERB_FORMS = ("erer", "erte", "ert", "ertes", "erende", "ering", "eringen")


@lru_cache(maxsize=65536)
def _in_vocabulary(low: str) -> bool:
    """A clinical vocabulary word, or one with an inflectional ending ("krepitasjon-er", "dermatom-et"),
    a Latin case ending ("calcane-i", "subacromial-is") or a Latin spelling (c/k, th/t)."""
    return any(_in_vocabulary_as_is(v) for v in _spellings(low)) or _latin_form(low)


@lru_cache(maxsize=65536)
def _latin_form(low: str) -> bool:
    """A Latin case, a Norwegianised Latin plural or a form of an -ere verb of a vocabulary word."""
    vocab = whitelist()
    for v in _spellings(low):
        for written, base in _LATIN_FORMS:
            stem = v[:len(v) - len(written)]
            if v.endswith(written) and len(stem) >= 4 and stem + base in vocab and (base or stem.endswith(("al", "ar", "ær"))):
                return True
        for e in _VERB_FORMS:
            if v.endswith(e) and len(v) - len(e) >= 4 and v[:len(v) - len(e)] + "ere" in vocab:
                return True
        if _medical_suffix(v):
            return True
    return False


# Greek and Latin suffixes of pathology and surgery on an anatomical root (entes-itt, apofys-itt,
# plex-opati, metatars-algi, sakroile-itt), with their Norwegian inflections
_MEDICAL_SUFFIXES = ("itt", "itten", "itis", "opati", "opatien", "pati", "patien", "ose", "osen", "algi", "algien",
                     "ektomi", "otomi", "plastikk", "om", "omet", "omer")
_ROOT_ENDINGS = ("", "e", "us", "um", "a", "al", "ær", "o", "is", "on")


def _medical_suffix(low: str) -> bool:
    vocab = whitelist()
    for suf in _MEDICAL_SUFFIXES:
        root = low[:len(low) - len(suf)]
        if low.endswith(suf) and len(root) >= 4 and any(root + e in vocab for e in _ROOT_ENDINGS):
            return True
    return False


def _in_vocabulary_as_is(low: str) -> bool:
    vocab = whitelist()
    for e in _ENDINGS:
        stem = low[:len(low) - len(e)]
        if low.endswith(e) and len(stem) >= 2 and stem in vocab:
            # "fascie-n", "bøyer-ne", "dermatom-et", "lateral-t"; not "hofte-en", "muskel-r"
            if e[:1] == "e" and stem[-1] == "e" or e[:1] in ("n", "r") and not (
                    stem[-1] == "e" or (e == "ne" and stem.endswith("er"))):
                continue
            return True
    return False


_NN_AGENT = ("ar", "arar", "arane", "aren", "aranes")


def _nynorsk_agent(low: str) -> bool:
    """A Nynorsk agent noun in -ar whose Bokmål -er form is in the vocabulary ("bøyar", "bøyarar" for
    "bøyer", "strekkjarane"): the clinical list is written in Bokmål."""
    for e in _NN_AGENT:
        if low.endswith(e) and len(low) - len(e) >= 3:
            stem = low[:len(low) - len(e)]
            if _in_vocabulary(stem + "er") or _in_vocabulary(stem.replace("kj", "k") + "er"):
                return True
    return False


@lru_cache(maxsize=65536)
def _lookup(word: str, house_style: str, compounds: bool = True) -> bool:
    """Hunspell knows ``word``; with ``compounds=False`` only as a word of its own (with affixes),
    not as one of the compounds the affix file's compound flag builds ("kompresjon-brudd")."""
    d = _dictionary(house_style)
    for w in dict.fromkeys((word, word.lower())):
        if (d.lookup(w) if compounds else any(True for _ in d.lookuper.good_forms(w, compound_forms=False))):
            return True
    if house_style == "nynorsk":
        # nn_NO lacks many words both standards share ("prikking", "nummen"); a Bokmål-only word
        # is the language check's to name (BOKMAL_MARKERS), not a misspelling
        from gate.clinical.language import BOKMAL_MARKERS

        return word.lower() not in BOKMAL_MARKERS and _lookup(word, "bokmal", compounds)
    return False


_SHORT_HEADS = frozenset({"tå", "gå", "is"})
"""Two-letter words that open clinical compounds ("tå-boks", "gå-program", "is-pakning")."""
# A noun in -else/-sjon/-het/-skap/-dom takes the linking s in a compound: "bevegelse-innskrenkning"
# for "bevegelsesinnskrenkning" and "rotasjon-test" for "rotasjonstest" are slips.
_NEEDS_LINKING_S = ("else", "sjon", "het", "heit", "skap", "dom")


_NUMERAL_HEADS = frozenset("ett en to tre fire fem seks sju syv åtte tolv".split())
"""Numerals that open a compound ("ett-bens", "to-punkts-diskriminasjon"); the splitter never takes a
numeral as a last part."""
_LATIN_PREFIXES = frozenset("""sub supra infra inter intra retro peri para pre post pro anti hyper hypo epi
trans dys ekstra extra endo mono poly semi""".split())
"""Latin and Greek prefixes of anatomy and pathology ("sub-acromialis", "pre-patellar"), before a
clinical vocabulary word only (:func:`_compound`)."""
_COMBINING = ("al", "alt", "ær", "ar", "us", "um", "ior", "isk", "e", "a", "ikal", "ial", "ium")
"""A Greek or Latin combining form ends in -o where its word has one of these: "kost-o" of "kostal",
"poster-o" of "posterior", "muskul-o" of "muskulær", "ili-o" of "ilium"."""


def _combining_form(part: str, house_style: str) -> bool:
    """``part`` is the combining form (stem + o) of a vocabulary or dictionary word: "kosto-", "postero-",
    "muskulo-", "temporo-", "cerviko-"."""
    if len(part) < 4 or not part.endswith("o"):
        return False
    return any(_in_vocabulary(v[:-1] + e) or (len(v) + len(e) >= 7 and v[:-1] + e in _stems(house_style))
               for v in _spellings(part) for e in _COMBINING)


def _latin_adjective(word: str, house_style: str) -> bool:
    """A dictionary adjective of Latin form ("artikulær", "kutan", "vaskulær"), which the prefixes take."""
    return word.endswith(("ær", "al", "ar", "an", "iv", "øs")) and len(word) >= 5 and _lookup(word, house_style, False)


def _head(part: str, house_style: str) -> bool:
    if part in _SHORT_HEADS or part in _NUMERAL_HEADS or part in _LATIN_PREFIXES:
        return True
    if _combining_form(part, house_style):
        return True
    if len(part) < _MIN_PART or part in _NOT_A_PART:
        return False
    if len(part) < _MIN_TAIL:
        return part in _listed()  # short parts are where typos hide ("ref-leker"): body parts only
    if part in whitelist() or part in _stems(house_style) or (house_style == "nynorsk" and part in _stems("bokmal")):
        return True
    if len(part) >= 6 and part.endswith("er") and _latin_form(part):
        return True  # a Norwegianised Latin plural as a head ("scalen-er-muskulaturen")
    # a word the affix rules derive from a listed one ("u-stabilitet", "ømfintlig-het"), for heads
    # of six letters or more (each costs a hunspell lookup)
    return len(part) >= 6 and _lookup(part, house_style, compounds=False)


def _tail(part: str, house_style: str) -> bool:
    if part in _NOT_A_PART:
        return False
    if house_style == "nynorsk" and _nynorsk_agent(part):
        return True
    if _in_vocabulary(part) and (len(part) >= _MIN_TAIL or part in _listed()):
        return True
    return len(part) >= _MIN_TAIL and _lookup(part, house_style)


@lru_cache(maxsize=65536)
def _compound(low: str, house_style: str, parts: int = 1) -> bool:
    """``low`` splits into known words: heads the dictionary or the vocabulary lists, each with or
    without the linking s/e, and a last part in any inflected form ("palpasjon-s-ømhet",
    "costovertebral-leddet", "akilles-reflekser"). At most ``_MAX_PARTS`` parts."""
    for i in range(2, len(low) - 1):
        head, rest = low[:i], low[i:]
        if not _head(head, house_style):
            continue
        if head in _LATIN_PREFIXES and not (_in_vocabulary(rest) or _latin_adjective(rest, house_style)):
            continue  # "pre-patellar", "intra-artikulær", not "pro-behandling"
        for r in {rest, rest[1:] if rest[0] in "se" and not head.endswith(rest[0]) else rest}:
            if r is rest and len(head) >= 6 and head.endswith(_NEEDS_LINKING_S):
                continue
            if _tail(r, house_style) or (parts + 1 < _MAX_PARTS and _compound(r, house_style, parts + 1)):
                return True
    # a three-letter noun with the linking s before a long word ("løp-s-mengden"): the linking letter
    # marks the compound, which a slip rarely leaves
    head, rest = low[:3], low[4:]
    if (low[3:4] == "s" and len(rest) >= 5 and head not in _NOT_A_PART and head in _stems(house_style)
            and (_tail(rest, house_style) or _compound(rest, house_style, parts + 1))):
        return True
    return False


_LETTERS = "abcdefghijklmnopqrstuvwxyzæøåé"
_KEYBOARD = ("qwertyuiopå", "asdfghjkløæ", "zxcvbnm")
"""The Norwegian keyboard's letter rows: a typing slip that replaces or adds a letter hits a key
next to the intended one (or doubles it)."""


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    pos = {c: (r, i + 0.5 * r) for r, row in enumerate(_KEYBOARD) for i, c in enumerate(row)}
    return {a: frozenset(b for b, (r2, x2) in pos.items() if b != a and abs(r2 - r) <= 1 and abs(x2 - x) <= 1)
            for a, (r, x) in pos.items()}


_NEAR_KEYS = _keyboard_neighbours()


def _slip_key(typed: str, meant: str) -> bool:
    """``typed`` is a plausible slip for ``meant`` on the keyboard: a neighbouring key (or a letter the
    keyboard lacks, which the model cannot place)."""
    return typed not in _NEAR_KEYS or meant not in _NEAR_KEYS or typed in _NEAR_KEYS[meant]


def _near_word(low: str, house_style: str) -> str | None:
    """A listed word (a dictionary or vocabulary form, or one with an inflectional ending) one typing
    slip from ``low``: a letter dropped, two letters swapped, a letter doubled or added next to a
    neighbouring key, or one replaced by a neighbouring key (keyboard model: "tjeneste-beltet" is no
    slip of "tjenestefeltet", b and f lie apart; "korsrygg-s-meter" drops the r of "smerter").
    Slips in the first letter (another word: "gang-"/"lang-distansen") and in the last two letters
    (an inflection differs there: "-en"/"-et") are not counted, nor
    the variants Norwegian medical spelling allows (c/k, th/t: "thorakal", "torakal", "thoracal")."""
    listed = _stems(house_style) | whitelist()

    def is_listed(c: str) -> bool:
        # an adjective in -ig/-isk takes no noun ending: "lysømfintlig-et" is no word to slip from
        return len(c) >= 6 and any(c.endswith(e) and c[:len(c) - len(e)] in listed for e in _ENDINGS
                                   if not (e[:1] == "e" and len(e) > 1 and c[:len(c) - len(e)].endswith(("ig", "isk"))))

    n = len(low) - 2
    for i in range(1, n):
        # low[i] added by a slip: a doubled letter or a key next to a letter beside it
        added = low[i] in (low[i - 1], low[i + 1]) or _slip_key(low[i], low[i - 1]) or _slip_key(low[i], low[i + 1])
        for c in [low[:i] + low[i + 1:]] if added and not (low[i] == "h" and low[i - 1:i] == "t") else []:
            if is_listed(c):
                return c
        if i + 1 < n and is_listed(c := low[:i] + low[i + 1] + low[i] + low[i + 2:]):
            return c
        for x in _LETTERS:
            if not (x == "h" and low[i - 1:i] == "t") and is_listed(c := low[:i] + x + low[i:]):
                return c
            if (x != low[i] and {x, low[i]} != {"c", "k"} and _slip_key(low[i], x)
                    and is_listed(c := low[:i] + x + low[i + 1:])):
                return c
    return None


@lru_cache(maxsize=65536)
def _known(word: str, house_style: str) -> bool:
    low = word.lower()
    if _in_vocabulary(low):
        return True
    if _lookup(word, house_style, compounds=False):
        # also the genitive of an eponym ("Spurlings test"); a form hunspell builds only with a prefix
        # ("ut-reding") is a construction like a compound: one slip from a listed word, it is that slip
        # ("ut-reding" for the clinical "utredning"; "påkjørt" and "utover" stay words)
        return not _prefix_only(word, house_style) or _dropped_from_vocabulary(low) is None
    if house_style == "nynorsk" and _nynorsk_agent(low):
        return True
    if "-" in low:
        # an abbreviation or a letter as a part ("AC-ledd", "e-post") is not judged, as on its own
        return all(_known(p, house_style) for p in word.split("-")
                   if p and len(p) > 2 and not (p.isupper() and len(p) <= 6))
    # a compound of known words (hunspell's or the splitter's), unless it is a typing slip away from
    # a listed word: two words can hide a typo ("korsrygg-s-meter" for "korsryggsmerter",
    # "under-søk-lese" for "undersøkelse", "kompresjon-brudd" for "kompresjonsbrudd")
    if not (_lookup(word, house_style) or _compound(low, house_style)) or _missing_linking_s(low, house_style):
        return False
    near = _near_word(low, house_style)
    return near is None or _clinical_head_slip(low, near, house_style) or _inflected_head(low, near, house_style)


def _lemmas(word: str, house_style: str) -> frozenset[str]:
    """The dictionary words ``word`` is a form of ("skuldre": skulder, skuldre); under Nynorsk also the
    Bokmål ones (nn_NO lacks forms both standards share, as in :func:`_lookup`)."""
    out = frozenset(f.in_dictionary.stem.lower() for f in _dictionary(house_style).lookuper.good_forms(
        word, compound_forms=False) if f.in_dictionary is not None)
    return out | _lemmas(word, "bokmal") if house_style == "nynorsk" else out


_CONTRACTING = frozenset("skulder finger ankel muskel tommel virvel".split())
"""Body-part nouns in -el/-er whose contracted plural opens compounds too ("skuldre-bladene",
"fingre-leddene", "muskle-festet"): a transposed "er"/"re" there is the plural, not a slip."""


def _inflected_head(low: str, near: str, house_style: str) -> bool:
    """``low`` and ``near`` differ only in their first part, and the two first parts are forms of one
    body-part noun before the same known word: "skuldre-bladene" (plural head) beside
    "skulder-bladene" is a variant of the compound, not a slip."""
    for k in range(4, len(low) - _MIN_TAIL + 1):
        tail = low[k:]
        other = near[:len(near) - len(tail)]
        if near.endswith(tail) and other != low[:k] and len(other) >= 4 and _tail(tail, house_style):
            if _lemmas(low[:k], house_style) & _lemmas(other, house_style) & _CONTRACTING:
                return True
    return False


def _dropped_from_vocabulary(low: str) -> str | None:
    """A clinical vocabulary word that ``low`` is with one letter dropped ("utreding": "utredning"),
    not in the first letter or the last two."""
    for i in range(1, len(low) - 1):
        for x in _LETTERS:
            if _in_vocabulary(c := low[:i] + x + low[i:]):
                return c
    return None


def _prefix_only(word: str, house_style: str) -> bool:
    """Hunspell knows ``word`` only as a prefix derivation, not as a listed word or its inflection."""
    forms = [f for w in dict.fromkeys((word, word.lower()))
             for f in _dictionary(house_style).lookuper.good_forms(w, compound_forms=False)]
    return bool(forms) and all(f.prefix for f in forms)


def _missing_linking_s(low: str, house_style: str) -> bool:
    """A head in -else/-sjon/-het/-skap/-dom joined to a known word without the linking s
    ("bevegelse-innskrenkning"), which hunspell's own compounding lets through."""
    for k in range(6, len(low) - _MIN_TAIL + 1):
        head = low[:k]
        if (head.endswith(_NEEDS_LINKING_S) and low[k] != "s" and (head in whitelist() or head in _stems(house_style))
                and _tail(low[k:], house_style)):
            return True
    return False


def _clinical_head_slip(low: str, near: str, house_style: str) -> bool:
    """The only difference from ``near`` lies inside a head that is itself a clinical vocabulary word,
    followed by a known word: "ledd-linje" is "ledd" + "linje", not a slip of "loddlinje"."""
    first = next((i for i, (a, b) in enumerate(zip(low, near)) if a != b), min(len(low), len(near)))
    vocab = _listed() | _title_words()
    for k in range(max(first + 1, 4), len(low) - _MIN_TAIL + 1):
        if low[:k] in vocab and (_tail(low[k:], house_style) or _compound(low[k:], house_style)):
            return True
    return False


def _judged(text: str, m: re.Match) -> bool:
    w = m.group(0)
    if len(w) <= 2 or (w.isupper() and len(w) <= 6):
        return False
    if re.search(r"\d", text[max(0, m.start() - 1):m.end() + 1]):
        return False  # part of a code, a level or a measure ("L4-L5", "N95", "3x")
    if text[max(0, m.start() - 1):m.start()] in ("@", "/", ".") or re.match(r"[@/]|\.\w", text[m.end():m.end() + 2]):
        return False  # part of an e-mail address, a URL or a file name
    if w[0].isupper() and not _SENTENCE_START.search(text[max(0, m.start() - 40):m.start()]):
        return False  # a name or an eponym inside a sentence
    if w[0].isupper() and _is_name(w):
        return False  # a person's name at the start of a sentence ("Oddny har ...")
    return True


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    from gate.pii.names import FIRST_SET, SURNAME_SET

    return FIRST_SET | SURNAME_SET


def _is_name(word: str) -> bool:
    return word in _names() or (word.endswith("s") and word[:-1] in _names())


@lru_cache(maxsize=1)
def _named_tests() -> re.Pattern:
    """One pattern for the phrases of ``named_tests.txt`` (English and French test and position names)."""
    text = resources.files("gate.terminology").joinpath("named_tests.txt").read_text("utf-8")
    phrases = sorted({w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")},
                     key=len, reverse=True)
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w])", re.IGNORECASE)


_EPONYM_NOUNS = frozenset("""test testen tester tegn tegnet sykdom sykdommen syndrom syndromet manøver manøveren
fenomen fenomenet lov kriterier kriteriene regel regler skala klassifikasjon refleks refleksen punkt prøve
prøven posisjon kanal kanalen ganglion cyste""".split())


def _eponym_genitive(text: str, m: re.Match) -> bool:
    """A capitalised genitive before a clinical noun ("Scheuermanns sykdom", "Nobles test"): an eponym,
    also at the start of a sentence."""
    nxt = re.match(r"\s+([a-zæøå]+)", text[m.end():m.end() + 30])
    return m.group(0)[0].isupper() and m.group(0).endswith("s") and nxt is not None and nxt.group(1) in _EPONYM_NOUNS


def check(text: str, *, house_style: str = "bokmal") -> SpellingResult:
    """Unknown words of ``text`` under the house written standard (``bokmal`` or ``nynorsk``)."""
    if house_style not in _NAMES:
        raise ValueError(f"house_style must be 'bokmal' or 'nynorsk', got {house_style!r}")
    words = list(_WORD.finditer(text))
    named = [(t.start(), t.end()) for t in _named_tests().finditer(text)]
    unknown = [(m.start(), m.end(), m.group(0)) for m in words
               if not any(s <= m.start() < e for s, e in named) and _judged(text, m)
               and not _eponym_genitive(text, m) and not _known(m.group(0), house_style)]
    return SpellingResult(len(words), unknown)
