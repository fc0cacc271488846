"""Bundled lists of common Norwegian first names and surnames (from public SSB top lists, abridged).

Used by the name recogniser and by the synthetic corpus (planted fake names). ``AMBIGUOUS`` holds
names that are also ordinary Norwegian words ("Per" = per, "Liv" = life, "Berg" = mountain,
"Lund" = grove); they count as names only with context (a greeting, a title, a full name).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

FIRST_NAMES: tuple[str, ...] = tuple("""
Anne Inger Kari Marit Ingrid Liv Eva Berit Astrid Bjørg Hilde Anna Solveig Marianne Randi Ida Nina
Maria Elisabeth Kristin Bente Heidi Silje Hanne Gerd Linda Tone Elin Anita Wenche Grete Camilla
Ragnhild Karin Ellen Monica Cecilie Turid Mette Sissel Julie Nora Emma Sofie Ingeborg Thea Sara
Hanna Tuva Maja Ella Emilie Synnøve Sigrid Mari Kjersti Trine Siri Guro Vilde Malin Andrea Frida
Jan Per Bjørn Ole Lars Kjell Knut Arne Svein Hans Geir Tor Morten Terje Odd Erik Rune Martin
Andreas Trond Harald Olav Jon Tore Gunnar Thomas Rolf Anders Leif Einar Kristian Nils Espen Øyvind
Jørgen Magnus Henrik Sondre Jonas Emil Sander Tobias Mathias Kristoffer Håkon Sindre Eirik Vegard
Stian Petter Fredrik Johannes Sigurd Aksel Oskar Filip Elias Kasper Halvor Torbjørn Steinar Ivar
Gudrun Aud Else Unni Laila Torill Vigdis Jorunn Margit Åse Oddny Marte Ane Ingvild Lene Stine
""".split())

SURNAMES: tuple[str, ...] = tuple("""
Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen Pettersen
Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen Halvorsen Henriksen Lund
Sørensen Jakobsen Moen Gundersen Iversen Strand Solberg Svendsen Eide Knutsen Martinsen Paulsen
Bakken Kristoffersen Mathisen Lie Amundsen Nguyen Rasmussen Ali Lunde Solheim Berge Moe Nygård
Bakke Kristensen Fredriksen Holm Lien Hauge Christensen Andresen Nielsen Knudsen Evensen Sæther
Aas Myhre Hanssen Ahmed Haugland Thomassen Sivertsen Simonsen Danielsen Berntsen Sandvik Rønning
Arnesen Antonsen Næss Vik Haug Ellingsen Thorsen Edvardsen Birkeland Isaksen Gulbrandsen Ruud
Aasen Strøm Myklebust Tangen Ødegård Eliassen Helland Bøe Jenssen Aune Mikkelsen Tveit Brekke
Abrahamsen Madsen Nordmann Fjeld Sletten Bråten Vold Engen Dale Nordby Stene Kvam
""".split())

# Names that are also ordinary words or sentence parts in Norwegian clinical prose.
AMBIGUOUS: frozenset[str] = frozenset("""
Per Liv Tor Odd Eva Sol Siv Mai Eli Ida Bo Aud Ane Ask Jon Ole Hans Tone Rune Jan Mari Else Ellen
Berg Lund Moe Moen Dahl Holm Lie Lien Vik Haug Hauge Bakke Bakken Strand Dale Vold Eide Aas Aune
Engen Tangen Tveit Brekke Stene Kvam Fjeld Sletten Berge Lunde Strøm Holm Haugen Hagen Solheim
""".split())

FIRST_SET: frozenset[str] = frozenset(FIRST_NAMES)
SURNAME_SET: frozenset[str] = frozenset(SURNAMES)

# Organisation and role words: a sign-off "Mvh Klinikken" or "Hilsen Kiropraktor" names no person.
# Lower case; an entity made only of these (plus the clinic's own names from [pii] organisation_names)
# is not personal data. Compounds ending in an organisation word ("Ryggklinikken") count too.
ORG_ROLE_WORDS: frozenset[str] = frozenset("""
klinikk klinikken klinikkene kiropraktor kiropraktoren kiropraktorene kiropraktorklinikken fastlege fastlegen
fastlegene lege legen legene legevakt legevakten naprapat naprapaten fysioterapeut fysioterapeuten osteopat
osteopaten manuellterapeut manuellterapeuten behandler behandleren behandlerne terapeut terapeuten ortoped
ortopeden nevrolog nevrologen resepsjon resepsjonen resepsjonist sekretær sekretæren sykepleier sykepleieren
kollega kollegaen team teamet avdeling avdelingen sentrum senter senteret helsehuset sykehus sykehuset
spesialisthelsetjenesten helsenorge helfo nav din deres vi oss alle hilsen mvh vennlig med beste og
kiropraktikk kiropraktikken fysioterapi naprapati osteopati helse as resepsjonen kontoret administrasjonen
leder ansvarlig ledelse ledelsen styre styret ekspedisjon personale personalet ansatte redaksjon redaksjonen
""".split())
# heads of compounds ("Regnskapsavdelingen", "Fagansvarlig", "Avdelingsleder"): org/role words of five
# letters or more, so that a short one ("lege") does not turn a name ending in it into a role
_COMPOUND_HEADS: frozenset[str] = frozenset(w for w in ORG_ROLE_WORDS if len(w) >= 5)
_INFLECTIONS = ("", "n", "en", "et", "ne", "ene", "er", "erne", "e")
ORG_SUFFIXES: tuple[str, ...] = ("klinikk", "klinikken", "senter", "senteret", "huset", "tjenesten", "sykehus",
                                 "sykehuset", "legevakt", "legevakten")


DICTIONARY = Path("/usr/share/hunspell/nb_NO.dic")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The lower-case entries of the Bokmål hunspell dictionary (Debian ``hunspell-no``): common
    nouns, adjectives and verbs; names are capitalised there. Empty when it is not installed, and
    then no candidate is let off as a common word (the scan only gets louder)."""
    try:
        raw = DICTIONARY.read_bytes().decode("iso-8859-1")
    except OSError:
        return frozenset()
    return frozenset(re.findall(r"^([a-zæøåéü]+)(?=[/\s]|$)", raw, flags=re.MULTILINE))


_COMMON_INFLECTIONS = ("", "en", "et", "a", "ene", "er", "erne", "n", "e", "t", "ne")


def _common_stem(word: str, words: frozenset[str]) -> bool:
    return any(word.endswith(s) and len(word) - len(s) >= 3 and word[:len(word) - len(s)] in words
               for s in _COMMON_INFLECTIONS)


def is_dictionary_word(word: str) -> bool:
    """Whether ``word`` is a dictionary entry or an inflection of one, not counting compounds (names
    such as "Gudbrand" split into words; "Nordre" and "Bryne" are entries)."""
    words = common_words()
    w = word.casefold()
    return bool(words) and w.isalpha() and _common_stem(w, words)


def is_common_word(word: str) -> bool:
    """Whether ``word`` is an ordinary Norwegian word ("Sekretariatet", "Vest", "Daglig"), also as a
    compound of two ("Kundeservice", "Timebestillingen"), by the dictionary's lower-case entries."""
    words = common_words()
    w = word.casefold()
    if not words or not w.isalpha():
        return False
    if _common_stem(w, words):
        return True
    return any(w[:i] in words and _common_stem(w[i:], words) and len(w) - i >= 5 for i in range(3, len(w) - 4))


def _listed_name(word: str) -> bool:
    from .context_names import EXTRA_FIRST

    parts = word.split("-")
    return all(p in FIRST_SET or p in SURNAME_SET or p in EXTRA_FIRST or p in AMBIGUOUS for p in parts)


# Words that make a name an institution's (a clinic, a centre, a hospital): the capitalised words beside
# them are place names ("Ryggsenteret Majorstuen", "Fysio- og kiropraktorklinikken Grünerløkka", "Bryne
# Helsehus"), not persons. Role words ("kiropraktor") are not among them: "Kiropraktor Vestby" is a person.
INSTITUTION_HEADS: tuple[str, ...] = ("klinikk", "klinikken", "klinikkene", "senter", "senteret", "sentre",
                                      "sentrene", "hus", "huset", "sykehus", "sykehuset", "legevakt", "legevakten",
                                      "poliklinikk", "poliklinikken", "praksis", "praksisen", "avdeling",
                                      "avdelingen", "kiropraktikk", "kiropraktikken", "fysioterapi", "naprapati",
                                      "osteopati", "helse", "tjenesten", "institutt", "instituttet", "fysio",
                                      "team", "teamet")
_NEXT_WORDS = re.compile(r"(?:[ \t]+[\wæøåÆØÅéü&-]+){1,3}")


def is_institution_word(word: str) -> bool:
    """A word naming a clinic or another institution, also as a compound head ("Helsehus",
    "Kiropraktorklinikken", "Ryggsenteret"); "as" alone (the company form) too."""
    w = word.casefold().strip(".,:;!?")
    return w == "as" or w.endswith(INSTITUTION_HEADS)


# A name followed by what it names in clinical language is an eponym, not a person: "Thomas' test",
# "Patricks test", "Spurlings test", "Lhermittes tegn", "Scheuermanns sykdom", "Thomas-testen",
# "Bakers cyste", "Dupuytrens kontraktur" (the head may be a compound: "Jacksons kompresjonstest")
_EPONYM_AFTER = re.compile(
    r"(?:['’]s?|s['’]?)?(?:[ \t]+|-)(?i:[a-zæøå]*(?:test|tegn|manøver|sykdom|syndrom|refleks|fenomen|cyste|nevrom|"
    r"kontraktur|knute|knuter|fraktur|punkt|grep|posisjon|skala|score|kriteri|regel|vinkel|linje|ligament|"
    r"øvelse|operasjon|prosedyre|klassifikasjon|sign|maneuver|manøvre)[a-zæøå]*)(?![\w-])")


def names_an_institution(text: str, start: int, end: int) -> bool:
    """Whether the name candidate ``text[start:end]``, holding no listed name, is followed on its
    line by an institution word ("hos Sandvika Kiropraktikk", "Bekkestua Helsesenter"): a place name."""
    m = _NEXT_WORDS.match(text, end)
    for w in (m.group(0).split() if m else ()):
        if is_institution_word(w):
            return not any(_listed_name(x) for x in text[start:end].replace("-", " ").split())
        if w not in ("og", "&") and not w[:1].isupper():
            break  # "hos Vestby på Klinikken": a person at a clinic
    return False


def is_eponym(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` in ``text`` is part of an eponym ("Thomas' test")."""
    return bool(_EPONYM_AFTER.match(text, end))


def is_not_personal(text: str, allow: tuple[str, ...] | list[str] = (), *, person_position: bool = False) -> bool:
    """Whether a name candidate is only organisation/role words ("Klinikken", "Kiropraktor",
    "Fastlegen", "Ryggklinikken Sentrum") or one of the clinic's own names in ``allow``, or, holding
    no listed first name or surname, only such words and ordinary words ("Klinikk Vest",
    "Sekretariatet", "Kundeservice": what a sign-off or "ring ..." names when it names no person).
    Capitalised words beside an institution word are place names ("Ryggsenteret Majorstuen") unless a
    listed name is among them. In a ``person_position`` (right after a role word: "resepsjonist
    Maren") an ordinary word is a name too; only organisation, role and the clinic's own words are not."""
    norm = " ".join(text.casefold().split())
    allowed = {" ".join(a.casefold().split()) for a in allow}
    if norm in allowed:
        return True
    allowed_words = {w for a in allowed for w in a.split()}
    words = [w.strip(".,:;!?") for w in norm.replace("-", " ").split()]
    if not words:
        return False
    if all(_org_word(w) or w in allowed_words for w in words):
        return True
    if person_position:
        return False
    originals = [w.strip(".,:;!?") for w in text.replace("-", " ").split()]
    # a listed first name or surname stays a name even in a clinic's name ("Moe Kiropraktikk" is a person's
    # business unless [pii] organisation_names says it is the clinic's own)
    if any(_listed_name(w[:1].upper() + w[1:]) for w in originals if w):
        return False
    if any(is_institution_word(w) for w in words):
        return True
    return all(_org_word(w) or w in allowed_words or is_common_word(w) for w in words)


def _org_word(word: str) -> bool:
    """An organisation or role word, also in its definite or plural form ("Naprapatene")."""
    if word.endswith(ORG_SUFFIXES):
        return True
    for s in _INFLECTIONS:
        if word.endswith(s):
            stem = word[:len(word) - len(s)]
            if stem in ORG_ROLE_WORDS or any(stem[i:] in _COMPOUND_HEADS for i in range(1, len(stem) - 4)):
                return True
    return False
