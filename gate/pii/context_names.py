"""Names the word lists cannot know, found by the words around them.

Clinic text names colleagues and patients in running text: "naprapat Torstein", "behandlingen hos
Ingrid", "Med vennlig hilsen\\nSindre", "kiropraktor kristian". A capitalised word right after a role
word, after "hos" (or a listed name after "med"), or on the line after a sign-off is a name unless it is an organisation or
role word (:func:`gate.pii.names.is_not_personal` filters those after analysis); a lower-case word
is a name there only if it is a listed first name. After a role word even an ordinary word is a
name ("resepsjonist Maren", :func:`person_positions`) unless the words after it name a clinic; the
capitalised subject of "ble undersøkt", "forteller" … is one unless it is a pronoun, an ordinary word
or one with two letters swapped. Registered beside the list-based recogniser in
:mod:`gate.pii.engine`.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from .names import AMBIGUOUS, FIRST_SET, SURNAME_SET

LANG = "nb"
# common first names outside the abridged SSB list (that list also drives the synthetic corpus,
# so it stays as it is); used only with context
EXTRA_FIRST: frozenset[str] = frozenset("""
Torstein Marius Mats Even Jakob Lukas Noah William Oliver Adrian Markus Simen Vetle Ola Kari Marte Hedda Ingunn
Birgitte Tonje Line Karoline Kristine Helene Hege Mona Vibeke Jorun Eli Ragnar Arild Kåre Roar Dag Asbjørn Trygve
Åsmund Gaute Jostein Eivind Yngve Audun Vidar Bård Atle Ketil Torgeir Frode Helge Kenneth Robert Alexander
Stein Storm Ronja Vilja Selma Oda Live Leah Aurora Iben Tiril Ylva Ragna Sunniva Magne Erlend Torleif Sverre
Eskil Ludvig Isak Theodor Johan Felix Leon Benjamin Sebastian Daniel Jens Peder Brage Håvard Øystein Ørjan Runar
Tommy Ronny Glenn Roger Jørn Ove Ståle Jarle Alf Arvid Egil Gisle Idar Inge Kåre Leiv Njål Oddvar Reidar Sigmund
Tarjei Ulrik Vebjørn Amund Anton Bendik Carl Edvard Fabian Gabriel Henning Jesper Joakim Kevin Lasse Mikkel Nikolai
Odin Preben Rasmus Simon Sivert Sjur Snorre Theo Agnes Alma Amalie Astri Benedicte Cathrine Charlotte Christine
Dagny Ebba Elise Ellinor Embla Frøydis Gunn Gunnhild Hedvig Helga Henriette Janne Johanne Josefine Kaja Karen
Katrine Kine Kristina Lillian Linn Lise Marion Mathilde Merete Mia Mille Mina Pernille Rikke Runa Ruth Solfrid
Sonja Stina Susanne Synne Tina Tove Trude Una Vera Victoria Åshild
Maren Signe Torunn Oddrun Gunvor Borghild Sigrun Målfrid Torhild Tordis Kirsti Ingebjørg Oddbjørg Aslaug
Margrethe Sølvi Eldbjørg Ragnfrid Herborg Grethe Ingri Liva Julianne Madeleine Malene Marthe Marita Martine
Mariann Eline Hannah Henny Jenny Karina Kristiane Louise Lovise Maiken Mathea Oline Regine Rebekka Sofia
Torild Reidun Wenke Bjarne Bjørnar Børge Dagfinn Eilif Gjermund Gudmund Halvard Hallvard Ingvar Jarl Kjetil
Kolbjørn Lorentz Magnar Mads Oddbjørn Olaf Oscar Paul Pål Ragnvald Rolv Sigve Steffen Svend Sveinung Thor
Thorbjørn Tord Torvald Vegar Viggo Vemund Øivind Åge Eskild Petra Emilia Olivia Kornelia
""".split())
_ROLE = (r"naprapat(?:en)?|fysioterapeut(?:en)?|osteopat(?:en)?|kollega(?:en)?|behandler(?:en)?|kiropraktor(?:en)?|"
         r"manuellterapeut(?:en)?|terapeut(?:en)?|massør(?:en)?|(?:fast)?lege(?:n)?|sykepleier(?:en)?|sekretær(?:en)?|"
         r"resepsjonist(?:en)?|psykolog(?:en)?|ergoterapeut(?:en)?|trener(?:en)?|"
         # relatives: "kona Liv", "datteren kari"
         r"kona|konen|mannen|ektemann(?:en)?|ektefelle(?:n)?|samboer(?:en)?|datter(?:en)?|sønn(?:en)?|"
         r"moren|faren|broren|søster(?:en)?|pårørende")
_NAME = r"[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?"
_LOWER = r"[a-zæøå]+"
# "naprapat Torstein", "kona, liv hansen", "mannen hennes, trond"
ROLE_NAME = re.compile(rf"\b(?i:{_ROLE})(?:[ \t]+(?:hennes|hans|min|din|sin|vår|deres))?(?:[ \t]*,)?[ \t]+"
                       rf"(?P<n>{_NAME}|{_LOWER})")
HOS_NAME = re.compile(rf"\bhos[ \t]+(?P<n>{_NAME}|{_LOWER})")
# asking for, calling or talking to someone: "Ring Ola", "snakke med Torbjørn", "kontakt Kari"
CALL_NAME = re.compile(rf"\b(?i:ring|ringe|kontakt|kontakte|spør etter|snakk med|snakke med|avtal med|avtale med)"
                       rf"[ \t]+(?P<n>{_NAME})")
# calling or telling someone: "ring til bjørn i resepsjonen", "gi beskjed til Mari"; a lower-case word
# there is a name only if it is a listed first name
TO_NAME = re.compile(rf"\b(?i:ring|ringe|gi beskjed|gi en beskjed|si ifra)[ \t]+til[ \t]+(?P<n>{_NAME}|{_LOWER})")
# after "med" a capitalised word is as often a drug or a brand ("med Voltaren"): listed names only
MED_NAME = re.compile(rf"\bmed[ \t]+(?P<n>{_NAME})")
GREETING_LOWER = re.compile(rf"\b(?i:hei|hallo|kjære|mvh|hilsen|vennlig hilsen)[, \t]+(?P<n>{_LOWER})")
SIGN_OFF_LINE = re.compile(rf"(?:^|(?<=[.!?] ))[ \t]*(?i:med vennlig hilsen|vennlig hilsen|beste hilsen|hilsen|mvh)[ \t]*,?[ \t]*\n"
                           rf"[ \t]*(?P<n>{_NAME}(?:[ \t]{_NAME})?)", re.MULTILINE)
# a lower-case first name and surname, both listed and not both ordinary words ("jonas berg",
# "liv hansen"): a person, whatever comes before
LOWER_FULL = re.compile(r"(?<![\w-])(?=(?P<n>[a-zæøåéü]+[ \t]+[a-zæøåéü]+(?:-[a-zæøåéü]+)?)(?![\w-]))")
# the rest of a sign-off line that makes its first words an organisation or a role: lower-case words
# (or a hyphen) with an organisation or role word among them, no comma ("Daglig leder",
# "Nakke- og ryggklinikken", "Fagansvarlig kiropraktor"); "Kari, Klinikken" keeps Kari
_ORG_REST = re.compile(r"[ \t]*-?(?P<rest>(?:[ \t]+[a-zæøåéü]+)+)[ \t]*$")
# the rest of the line with capitalised words too, which then need an institution word among them:
# "Fysio- og kiropraktorklinikken Grünerløkka" (a place name after the clinic word)
_INSTITUTION_REST = re.compile(r"[ \t]*-?(?P<rest>(?:[ \t]+[\wæøåÆØÅéü'.-]+)+)[ \t]*$")
# a person named by what the sentence says they do: "Torunn Vestby ble undersøkt", "Vestby forteller",
# or by their age;
# the word must be neither an ordinary word nor an organisation (filtered after analysis)
PERSON_VERB = re.compile(rf"(?<![\w-])(?P<n>{_NAME}(?:[ \t]{_NAME}){{0,2}})[ \t]+(?:ble[ \t]+(?:undersøkt|behandlet|"
                         rf"henvist|innlagt|sykmeldt|operert|vurdert|informert)|møtte|møter|kom[ \t]+til|forteller|"
                         rf"oppgir|opplyser|rapporterer|beskriver|klager|ønsker|angir)\b"
                         # or by their age: "Torunn, 52 år", "Vestby (61 år)"
                         rf"|(?<![\w-])(?P<a>{_NAME}(?:[ \t]{_NAME}){{0,2}})(?:,[ \t]*|[ \t]+\()\d{{1,3}}[ \t]*år\b(?![ \t]+(?:siden|tidligere|før)\b)")
MID_NAME = re.compile(rf"(?<=[a-zæøå0-9,] )(?P<n>{_NAME})(?![\w-])")
TRIGGER = re.compile(rf"(?i:\b(?:{_ROLE}|hos|med|hei|hallo|kjære|mvh|hilsen|ring|ringe|kontakt|kontakte|spør|snakk|"
                     rf"snakke|avtal|avtale)\b)")


def _listed(word: str) -> bool:
    cap = word[:1].upper() + word[1:]
    return (cap in FIRST_SET or cap in EXTRA_FIRST) and cap not in AMBIGUOUS


_LOWER_TOKEN = re.compile(r"[a-zæøåéü]+")
_LOWER_FIRST = frozenset(n.lower() for n in FIRST_SET | EXTRA_FIRST)
_LOWER_SURNAME = frozenset(n.lower() for n in SURNAME_SET)


def _lower_first_and_surname(text: str) -> bool:
    """A cheap necessary condition of a lower-case full name: a listed first name and a listed
    surname among the lower-case words."""
    words = set(_LOWER_TOKEN.findall(text))
    return not words.isdisjoint(_LOWER_FIRST) and not words.isdisjoint(_LOWER_SURNAME)


def _lower_full_name(pair: str) -> bool:
    first, last = pair.split()
    cap_first, cap_last = first.capitalize(), "-".join(p.capitalize() for p in last.split("-"))
    return ((cap_first in FIRST_SET or cap_first in EXTRA_FIRST) and all(p in SURNAME_SET for p in cap_last.split("-"))
            and not (cap_first in AMBIGUOUS and cap_last in AMBIGUOUS))


def _names_an_organisation(text: str, end: int) -> bool:
    """Whether the rest of the line after ``end`` makes the words before it an organisation or role."""
    from .names import _org_word

    from .names import is_institution_word

    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    m = _ORG_REST.fullmatch(text, end, line_end)
    if m and any(_org_word(w) for w in m.group("rest").split()):
        return True
    m = _INSTITUTION_REST.fullmatch(text, end, line_end)
    return bool(m) and any(is_institution_word(w) for w in m.group("rest").split())


def candidates(text: str) -> list[tuple[int, int, float]]:
    """``(start, end, score)`` of every name the context rules find in ``text`` (plain regexes, no
    Presidio; organisation and role words are still among them and are filtered after analysis)."""
    out = []
    for m in ROLE_NAME.finditer(text):
        if m.group("n")[0].isupper() or _listed(m.group("n")):
            out.append((m.start("n"), m.end("n"), 0.8))
    for m in HOS_NAME.finditer(text):
        if m.group("n")[0].isupper() or _listed(m.group("n")):
            out.append((m.start("n"), m.end("n"), 0.6))
    for m in CALL_NAME.finditer(text):
        out.append((m.start("n"), m.end("n"), 0.6))
    low = text.lower()
    if "ring til" in low or "ringe til" in low or "beskjed til" in low or "ifra til" in low:  # cheap first pass
        for m in TO_NAME.finditer(text):
            if m.group("n")[0].isupper() or _listed(m.group("n")):
                out.append((m.start("n"), m.end("n"), 0.6))
    for m in MED_NAME.finditer(text):
        if _listed(m.group("n")):
            out.append((m.start("n"), m.end("n"), 0.7))
    for m in GREETING_LOWER.finditer(text):
        if _listed(m.group("n")):
            out.append((m.start("n"), m.end("n"), 0.8))
    for m in SIGN_OFF_LINE.finditer(text):
        if _names_an_organisation(text, m.end("n")) and not any(_listed(w) or w in SURNAME_SET
                                                                 for w in m.group("n").split()):
            continue
        out.append((m.start("n"), m.end("n"), 0.85))
    for m in MID_NAME.finditer(text):
        # a listed first name capitalised inside a sentence ("overført til Eskil"); at a sentence
        # start only with the contexts above ("Stein" may be the word)
        if _listed(m.group("n")) and m.group("n") not in FIRST_SET:
            out.append((m.start("n"), m.end("n"), 0.6))
    for m in PERSON_VERB.finditer(text):
        # not a pronoun ("Du", "De") nor an ordinary word typed with two letters swapped ("Pasienetn")
        g = "n" if m.group("n") else "a"
        if not any(len(w) < 3 or _swapped_common(w) for w in m.group(g).split()):
            out.append((m.start(g), m.end(g), 0.6))
    if _lower_first_and_surname(text):
        for m in LOWER_FULL.finditer(text):
            if _lower_full_name(m.group("n")):
                out.append((m.start("n"), m.end("n"), 0.8))
    return out


def _swapped_common(word: str) -> bool:
    """Whether ``word`` is an ordinary word with two neighbouring letters swapped (a typing slip)."""
    from .names import is_common_word

    w = word.casefold()
    return any(is_common_word(w[:i] + w[i + 1] + w[i] + w[i + 2:]) for i in range(len(w) - 1))


def person_positions(text: str) -> set[tuple[int, int]]:
    """Spans of capitalised words right after a role word ("resepsjonist Maren", "kollega Trine"): a
    person's place in the sentence, where an ordinary word that is also a name is the name."""
    from .names import is_institution_word

    out = set()
    for m in ROLE_NAME.finditer(text):
        # "Kiropraktor Nord AS", "Fysioterapeut Sentrum Helsehus": the words after the role word name a clinic
        after = _CAP_RUN.match(text, m.end("n")).group(0).split()
        if m.group("n")[0].isupper() and not any(is_institution_word(w) for w in after):
            out.add((m.start("n"), m.end("n")))
    return out


_CAP_RUN = re.compile(r"(?:[ \t]+[A-ZÆØÅ][\wæøåÆØÅéü-]*)*")


def may_contain_names(text: str) -> bool:
    """Cheap superset test of :class:`ContextNavnRecognizer`: False means it finds no name that
    survives the organisation/role filter, so the Presidio pass can be skipped."""
    from .names import is_not_personal

    if not TRIGGER.search(text) and not PERSON_VERB.search(text) and not _lower_first_and_surname(text) and not any(
            _listed(m.group("n")) for m in MID_NAME.finditer(text)):
        return False
    strong = person_positions(text)
    return any(not is_not_personal(text[s:e], person_position=(s, e) in strong) for s, e, _ in candidates(text))


class ContextNavnRecognizer(EntityRecognizer):
    """Names by context: after a role word or "hos" (or a listed name after "med"), on a sign-off's next
    line, lower case (:func:`candidates`)."""

    def __init__(self):
        super().__init__(supported_entities=["NAVN"], name="NoContextNavnRecognizer", supported_language=LANG)

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        return [RecognizerResult("NAVN", s, e, score) for s, e, score in candidates(text)]
