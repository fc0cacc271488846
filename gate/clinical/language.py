"""Which language a note is written in, from word lists: Bokmål, Nynorsk, English or other.

:func:`assess` counts function words that are specific to Bokmål, to Nynorsk and to English,
lists the Nynorsk marker words found (so a Bokmål house style can flag them) and the English
spans (runs of English words containing at least one English function word). No model, no
download: fast and deterministic, good enough to flag a note, not to parse one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Words Bokmål does not use (Nynorsk forms); each alone is evidence of Nynorsk. Not "vart": Bokmål
# has it too ("ble/vart", and "har vart" from "vare").
NYNORSK_MARKERS = frozenset("""
ikkje eg høgre veke veker veka vekene dagar dagane kva korleis berre frå noko nokon nokre mykje heile kvar kven
eit ein ho dei deira heime meir sjukmelding sjukmeldt sjukdom hovudpine hovudverk difor kvifor saman
medan fyrste augo fekk gjekk seier spurde sidan truleg vere verte vorte kome mogleg moglegheit rørsle rørsler
fleire ynskjer ønskjer treng gjere gjera hugs hugse gong gonger gongen helsing utan inga òg
""".split())
# Nynorsk word families (endings Bokmål does not write): -heit nouns ("nummenheit", "svimmelheita"),
# -ing plurals in -ar/-ane ("øvingar", "øvingane"), -leg adjectives ("dagleg", "venleg", "vanleg").
_NYNORSK_ENDINGS = ("heit", "heita", "heiter", "heitene", "ingar", "ingane")
_NOT_NYNORSK_LEG = ("kolleg", "privileg")


def nynorsk_form(word: str) -> bool:
    """``word`` (lower-case) is a Nynorsk marker word or has an ending only Nynorsk writes."""
    if word in NYNORSK_MARKERS:
        return True
    if len(word) >= 7 and word.endswith(_NYNORSK_ENDINGS):
        return True
    return len(word) >= 6 and word.endswith("leg") and not word.endswith(_NOT_NYNORSK_LEG)
# Bokmål forms of the same words (and common Bokmål-only function words).
BOKMAL_MARKERS = frozenset("""
ikke jeg høyre uke uker dager hva hvordan bare fra noe noen mye hele hver hvem et hun de deres ble hjemme mer
sykmelding sykmeldt sykdom hodepine derfor hvorfor sammen mens første øyne fikk gikk sier siden trolig
mulig flere ønsker trenger og i er på med til av som har for om det den ved etter
""".split())
ENGLISH_WORDS = frozenset("""
the and of with was were has have had is are been this that these those which who would should will from into
in on at patient patients reports reported complains denies shows showed pain without not no left right side
lower upper back neck shoulder treatment exercises exercise home range motion follow up positive negative
test tests normal examination history symptoms since weeks days months years a an it his her he she they
we you your our please thank thanks kindly for to today appointment
""".split())
ENGLISH_FUNCTION = frozenset("""
the and of with was were has have had is are been this that these those which who would should will from into
in on at a an it his her he she they we you your our please thank thanks kindly for to
""".split())
# Words spelled the same in English and Norwegian: never evidence on their own.
_SHARED = frozenset("i in for at to on by test tests side no not her is a normal".split())
# Endings and letters that mark a word as Norwegian even in telegraphic notes with few function words.
_NO_SUFFIX = ("smerter", "smerte", "het", "lig", "lige", "ene", "sjon", "else", "ert", "ninger", "ning", "heter")
_NO_CHARS = re.compile(r"[æøå]")
_TOKEN = re.compile(r"[A-Za-zÆØÅæøåÉéÜü]+")


@dataclass(frozen=True)
class LanguageAssessment:
    """Result of :func:`assess`.

    ``language``: "nb" (Bokmål), "nn" (Nynorsk), "en" (English) or "other" (no evidence);
    ``nynorsk_markers``: the Nynorsk marker words found, in order, lower-case;
    ``english_spans``: ``(start, end, text)`` of English runs inside the text."""

    language: str
    nynorsk_markers: list[str] = field(default_factory=list)
    english_spans: list[tuple[int, int, str]] = field(default_factory=list)


def _english_spans(tokens: list[re.Match], text: str) -> list[tuple[int, int, str]]:
    spans, run = [], []

    def flush() -> None:
        words = [m.group(0).lower() for m in run]
        strong = [w for w in words if w in ENGLISH_FUNCTION and w not in _SHARED]
        if len(run) >= 3 and strong:
            spans.append((run[0].start(), run[-1].end(), text[run[0].start():run[-1].end()]))

    prev_end = 0
    for m in tokens:
        if run and re.search(r"[.!?;:\n]", text[prev_end:m.start()]):
            flush()
            run = []
        if m.group(0).lower() in ENGLISH_WORDS:
            run.append(m)
        else:
            flush()
            run = []
        prev_end = m.end()
    flush()
    return spans


def assess(text: str, *, house_style: str = "bokmal") -> LanguageAssessment:
    """Assess the language of ``text``.

    Counts Nynorsk markers, Bokmål markers and English-only function words: English wins when its
    words outnumber both Norwegian counts; Nynorsk when its markers outnumber Bokmål's; Bokmål
    otherwise when any Norwegian marker was seen; "other" when there is no evidence. ``house_style``
    ("bokmal" or "nynorsk") is the expected style; the markers reported are those foreign to it
    (Nynorsk markers in a Bokmål house style, Bokmål markers in a Nynorsk one)."""
    if house_style not in ("bokmal", "nynorsk"):
        raise ValueError(f"house_style must be 'bokmal' or 'nynorsk', got {house_style!r}")
    tokens = list(_TOKEN.finditer(text))
    words = [m.group(0).lower() for m in tokens]
    nn = [w for w in words if nynorsk_form(w)]  # the ending families decide the language ...
    listed_nn = [w for w in words if w in NYNORSK_MARKERS]  # ... the listed words are the markers reported
    nb = [w for w in words if w in BOKMAL_MARKERS]
    en = [w for w in words if w in ENGLISH_WORDS and w not in _SHARED]
    looks_no = sum(1 for w in words if w not in BOKMAL_MARKERS and not nynorsk_form(w) and w not in en
                   and (_NO_CHARS.search(w) or w.endswith(_NO_SUFFIX)))
    if en and len(en) > len(nn) + len(nb) + looks_no:
        lang = "en"
    elif nn and len(nn) > len([w for w in nb if w not in ("og", "i", "er", "på", "med", "til", "av", "som",
                                                         "har", "for", "om", "det", "den", "ved", "etter")]):
        lang = "nn"
    elif nb or nn:
        lang = "nb"
    else:
        lang = "other"
    markers = listed_nn if house_style == "bokmal" else [w for w in nb if w not in ("og", "i", "er", "på", "med", "til",
                                                                          "av", "som", "har", "for", "om", "det",
                                                                          "den", "ved", "etter")]
    return LanguageAssessment(lang, markers, _english_spans(tokens, text))


# Words of Swedish and Danish that Norwegian (either standard) does not write; a text with two
# or more of one neighbour's words (and more than of the other's) is named as that language.
SWEDISH_MARKERS = frozenset("""
och inte jag tyvärr inga lediga erbjuda klockan vänliga vänlig hälsningar hälsning veckor vecka veckan sedan
ländryggen ländrygg övningar övning ont hör mycket något några kliniken patienten smärta smärtor
besvär undersökning bedömning gärna också eller ingen rygg sjukskrivning hej
""".split()) - frozenset({"eller", "ingen", "rygg"})
DANISH_MARKERS = frozenset("""
uge uger ugen efter haft ondt nedsat højre venlig spørgsmål træne træning mig blevet meget noget nogle lidt
hvad kontrol kontrolleret undgå patienten smerter kontorarbejde arbejde sygemelding sygemeldt hej behandlingen
undersøgelse vurdering
""".split()) - frozenset({"smerter", "vurdering", "behandlingen", "hej", "patienten"})
_SV_LETTERS = re.compile(r"[äöÄÖ]")
# Danish spelling families Norwegian does not write: syg- (syk-/sjuk-), ud- (ut-) and op- (opp-) before
# the verbs and nouns that take them, -øgelse (-økelse): "sygehuset", "udredning", "oplever", "undersøgelse".
_DA_FORMS = re.compile(r"^(?:syg(?:e|dom)|ud(?:red|før|vikl|skriv|tal)|op(?:lev|følg|træn|start)|\w*øgelse)")
_NORDIC_TOKEN = re.compile(r"[A-Za-zÆØÅæøåÉéÜüÄäÖö]+")


def neighbour(text: str) -> tuple[str | None, list[tuple[int, int, str]]]:
    """Whether ``text`` is Swedish (``"sv"``) or Danish (``"da"``) rather than Norwegian, and the evidence.

    Returns the language (None when neither has two marker words and more than the other)
    and the ``(start, end, word)`` of its marker words. "hej" and "patienten" count for both."""
    sv, da = [], []
    for m in _NORDIC_TOKEN.finditer(text):
        w = m.group(0).lower()
        item = (m.start(), m.end(), m.group(0))
        if w in SWEDISH_MARKERS or _SV_LETTERS.search(w) or w in ("hej", "patienten"):
            sv.append(item)
        if w in DANISH_MARKERS or w in ("hej", "patienten") or _DA_FORMS.match(w):
            da.append(item)
    if len(sv) >= 2 and len(sv) > len(da):
        return "sv", sv
    if len(da) >= 2 and len(da) > len(sv):
        return "da", da
    return None, []
