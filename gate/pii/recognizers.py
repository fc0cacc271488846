"""Norwegian PII recognisers for Presidio: identity numbers, phones, accounts, addresses, dates, names.

Each recogniser is a Presidio ``PatternRecognizer`` (regex + check-digit validation + context words)
or, for names and dates of birth, an ``EntityRecognizer`` with explicit context rules. Regexes are
case-sensitive (``global_regex_flags=re.MULTILINE``) because capitalisation matters for names and
place names. Built only by :mod:`gate.pii.engine`, which imports Presidio lazily.
"""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

from .context_names import EXTRA_FIRST
from .names import AMBIGUOUS, FIRST_SET, SURNAME_SET, is_common_word, is_dictionary_word, is_institution_word

LANG = "nb"
FLAGS = re.MULTILINE

_FNR_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_FNR_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_ACC_W = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _mod11_ok(digits: str, weights: tuple[int, ...], check: str) -> bool:
    r = 11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11
    r = 0 if r == 11 else r
    return r != 10 and str(r) == check


def identity_kind(value: str) -> str | None:
    """``FODSELSNUMMER``, ``D_NUMMER``, ``H_NUMMER`` or None for an 11-digit string.

    Fødselsnummer and D-nummer (day + 40) are validated with python-stdnum (check digits and
    birth date); the H-nummer (month + 40, a temporary health-service number) with the same two
    mod-11 check digits and a plausible day/month."""
    from stdnum.no import fodselsnummer

    d = _digits(value)
    if len(d) != 11:
        return None
    if not (_mod11_ok(d[:9], _FNR_W1, d[9]) and _mod11_ok(d[:10], _FNR_W2, d[10])):
        return None
    day, month = int(d[:2]), int(d[2:4])
    if 41 <= month <= 52 and 1 <= day <= 31:
        return "H_NUMMER"
    if not fodselsnummer.is_valid(d):
        return None
    return "D_NUMMER" if day > 40 else "FODSELSNUMMER"


def kontonummer_ok(value: str) -> bool:
    """An 11-digit Norwegian bank account number with a valid mod-11 check digit."""
    d = _digits(value)
    return len(d) == 11 and _mod11_ok(d[:10], _ACC_W, d[10])


ID_REGEX = r"(?<![\d.,/-])\d{6} ?\d{5}(?![\d.,/-]?\d)"
# The same numbers as people type them: a dash after the date (080462-06844), or the date written
# with dots or spaces (08.04.62 06844, 08 04 62 06844); check digits decide, as for the plain form.
# The personal number may be split 3 + 2 as well (07 07 61 112 64, 120385 123 56).
ID_REGEX_SEPARATED = (r"(?<![\d.,/-])(?:\d{6}[- ]?|\d{2}([. ])\d{2}\1\d{2}[ -]?)(?:\d{5}|\d{3} \d{2})"
                      r"(?![\d.,/-]?\d)")
# Any other grouping people type (03.12.91-208.93, 0312 91 20893, 03-12-91-208-93): runs of digit groups
# joined by single spaces, dots or dashes; every stretch of whole groups holding 11 digits is a candidate
# and the check digits (two mod 11 plus a real birth date) decide, as for the forms above.
_DIGIT_GROUPS = re.compile(r"(?<![\d,/])\d+(?:[ .-]\d+)+(?![\d,/])")
_GROUP = re.compile(r"\d+")


def grouped_identity_spans(text: str, kind: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every identity number of ``kind`` written in groups of digits (at least two
    groups, whole groups only, 11 digits with valid check digits)."""
    out = []
    for run in _DIGIT_GROUPS.finditer(text):
        groups = [(m.start() + run.start(), m.end() + run.start()) for m in _GROUP.finditer(run.group(0))]
        for i in range(len(groups)):
            n = 0
            for j in range(i, len(groups)):
                n += groups[j][1] - groups[j][0]
                if n >= 11:
                    if n == 11 and j > i and identity_kind(text[groups[i][0]:groups[j][1]]) == kind:
                        out.append((groups[i][0], groups[j][1]))
                    break
    return out


_ACCOUNT_FORMAT = re.compile(r"\d{4}([. -])\d{2}\1\d{5}")
# Words that say the number after them is a bank account (within a few words, no digits between).
_ACCOUNT_CONTEXT = re.compile(r"(?i)(?:konto\w*|bankkonto|kontonr\.?|utbetal\w*|refusjon\w*|iban)\b[^\n\d]{0,30}$")


_ACCOUNT_WORD = re.compile(r"(?i)(?:konto\w*|bankkonto|kontonr\.?|utbetal\w*|refusjon\w*|iban)\b")
_IDENTITY_WORD = re.compile(r"(?i)(?:fødselsnummer\w*|personnummer\w*|personnr|fnr|f\.nr|[dh]-nummer\w*)")


def account_context(text: str, start: int) -> bool:
    """Whether the words just before ``start`` say that a bank account number follows (and no identity
    word stands nearer: "refusjon for fødselsnummer ..." names a person)."""
    window = text[max(0, start - 60):start]
    if not _ACCOUNT_CONTEXT.search(window):
        return False
    last_account = max(m.end() for m in _ACCOUNT_WORD.finditer(window))
    return not any(m.start() >= last_account for m in _IDENTITY_WORD.finditer(window))


class IdentityNumberRecognizer(PatternRecognizer):
    """Fødselsnummer, D-nummer or H-nummer (one recogniser per type, same regex, own check)."""

    def __init__(self, kind: str):
        self.kind = kind
        super().__init__(supported_entity=kind, name=f"No{kind.title()}Recognizer", supported_language=LANG,
                         patterns=[Pattern(kind.lower(), ID_REGEX, 0.5),
                                   Pattern(f"{kind.lower()}_separated", ID_REGEX_SEPARATED, 0.5)],
                         context=["fødselsnummer", "fnr", "f.nr", "personnummer", "d-nummer", "h-nummer",
                                  "pasient"],
                         global_regex_flags=FLAGS)

    def validate_result(self, pattern_text: str) -> bool:
        return identity_kind(pattern_text) == self.kind

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        seen = {(r.start, r.end) for r in results}
        for s, e in grouped_identity_spans(text, self.kind):
            if (s, e) not in seen:
                why = AnalysisExplanation(self.name, 0.5, pattern_name=f"{self.kind.lower()}_grouped",
                                          validation_result=True)
                results.append(RecognizerResult(self.kind, s, e, 0.5, analysis_explanation=why,
                                                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        # Digits that validate both ways are typed by the words around them: after "kontonummer"
        # they are an account (the account recogniser reports them; scrubbed either way).
        return [r for r in results
                if not (account_context(text, r.start) and kontonummer_ok(text[r.start:r.end]))]


class KontonummerRecognizer(PatternRecognizer):
    """Bank account numbers (XXXX.XX.XXXXX, XXXX XX XXXXX, XXXX-XX-XXXXX, 11 digits or an IBAN), mod 11
    (mod 97 for an IBAN), not an identity number."""

    def __init__(self):
        super().__init__(supported_entity="KONTONUMMER", name="NoKontonummerRecognizer", supported_language=LANG,
                         patterns=[Pattern("kontonr_dotted", r"(?<![\d.-])\d{4}([. -])\d{2}\1\d{5}(?![\d.-]?\d)", 0.6),
                                   Pattern("kontonr_plain", r"(?<![\d.])\d{11}(?!\d)", 0.4),
                                   # the same account as an IBAN (NO93 8601 1117 947), mod 97
                                   Pattern("kontonr_iban", r"\bNO\d{2} ?\d{4} ?\d{4} ?\d{3}\b", 0.85)],
                         context=["kontonummer", "kontonr", "konto", "bankkonto", "utbetaling"],
                         global_regex_flags=FLAGS)

    def validate_result(self, pattern_text: str) -> bool | None:
        if pattern_text.startswith("NO"):
            from stdnum import iban

            return None if iban.is_valid(pattern_text) else False
        if not kontonummer_ok(pattern_text):
            return False
        return None  # keep the pattern score: 1 in 11 random numbers pass mod 11

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        out = []
        for r in results:
            found = text[r.start:r.end]
            if identity_kind(found) is None:
                out.append(r)
            elif _ACCOUNT_FORMAT.fullmatch(found) or account_context(text, r.start):
                # About 1 % of account numbers also validate as an H-nummer (or a fødselsnummer): the
                # account's own 4.2.5 grouping or the words before it say which it is.
                r.score = max(r.score, 0.85)
                out.append(r)
            # else: a plain 11-digit identity number, reported by the identity recognisers
        return out


class OrgnummerRecognizer(PatternRecognizer):
    """Organisasjonsnummer (9 digits, mod 11 via python-stdnum); needs context to pass the threshold."""

    def __init__(self):
        super().__init__(supported_entity="ORGNUMMER", name="NoOrgnummerRecognizer", supported_language=LANG,
                         patterns=[Pattern("orgnr", r"(?<![\d.])\d{3} ?\d{3} ?\d{3}(?![\d.]?\d)", 0.3),
                                   # 923-609-016, 923.609.016: the same number with other separators
                                   Pattern("orgnr_separated", r"(?<![\d.,/-])\d{3}([.-])\d{3}\1\d{3}(?![\d.,/-]?\d)",
                                           0.3)],
                         context=["organisasjonsnummer", "orgnr", "org.nr", "org", "foretak", "mva"],
                         global_regex_flags=FLAGS)

    def validate_result(self, pattern_text: str) -> bool | None:
        from stdnum.no import orgnr

        return None if orgnr.is_valid(_digits(pattern_text)) else False


# the last six digits of a phone number as people group them: 3 2 3, 2 2 2 2, 4 4, with spaces or
# dashes (926-44-180, 41-22-33-44)
_GROUPS = r"(?:\d{6}|\d([ -])\d{2}\1\d{3}|([ -])\d{2}\2\d{2}\2\d{2}|\d{2} \d{4})"


class TelefonRecognizer(PatternRecognizer):
    """Phone numbers in the Norwegian numbering plan: +47/0047 prefix or 8 digits, spaced or not."""

    def __init__(self):
        body = r"(?:\d{8}|\d{3} \d{2} \d{3}|\d{2} \d{2} \d{2} \d{2}|\d{4} \d{4})"
        super().__init__(supported_entity="TELEFON", name="NoTelefonRecognizer", supported_language=LANG,
                         patterns=[Pattern("tlf_prefixed", rf"(?:\+47|0047) ?{body}(?![\d])", 0.85),
                                   Pattern("tlf_mobile", rf"(?<![\d.,:/+-])[49]\d{_GROUPS}(?![\d.,:/-]?\d)", 0.5),
                                   Pattern("tlf_other", rf"(?<![\d.,:/+-])[235-8]\d{_GROUPS}(?![\d.,:/-]?\d)", 0.3)],
                         context=["tlf", "telefon", "mobil", "mob", "ring", "telefonnummer", "nummer", "sms"],
                         global_regex_flags=FLAGS)


class EpostRecognizer(PatternRecognizer):
    def __init__(self):
        super().__init__(supported_entity="EPOST", name="NoEpostRecognizer", supported_language=LANG,
                         patterns=[Pattern("epost", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b", 0.9)],
                         global_regex_flags=FLAGS)


_STREET = (r"(?:[A-ZÆØÅ][\wæøåÆØÅé.'-]* )*[A-ZÆØÅ][\wæøåé'-]*(?:gata|gaten|gate|veien|vegen|vei|veg|"
           r"plass|plassen|bakken|stien|allé|alle|torget|brygga|kaia|lia|åsen|haugen|svingen|tunet|ringen)")
_PLACE = r"[A-ZÆØÅ][a-zæøåé]+(?:[ -][A-ZÆØÅ][a-zæøåé]+)?"


class AdresseRecognizer(PatternRecognizer):
    """Postal addresses: street + number (+ letter) [+ ", " 4-digit postnummer + poststed]."""

    def __init__(self):
        super().__init__(supported_entity="ADRESSE", name="NoAdresseRecognizer", supported_language=LANG,
                         patterns=[Pattern("adresse_full", rf"\b{_STREET} \d{{1,4}}\s?[A-Za-z]?,? \d{{4}} {_PLACE}", 0.85),
                                   Pattern("postboks", rf"\bPostboks \d{{1,5}},? \d{{4}} {_PLACE}", 0.85),
                                   Pattern("adresse_street", rf"\b{_STREET} \d{{1,4}}[A-Za-z]?\b", 0.45)],
                         context=["adresse", "bor", "bosatt", "postadresse"], global_regex_flags=FLAGS)


_DATE = (r"\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}|\d{1,2}/\d{1,2}[-/](?:19|20)?\d{2}|"
         r"\d{1,2}\.\s?(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)"
         r"\s(?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|\d{6}(?=\s|$|[,.)])")
_DOB = re.compile(rf"(?i:\bfødt|\bf\.|\bfødselsdato|\bf\.dato|\bfdato|\bfødd)\s*(?:den\s)?:?\s*(?P<d>{_DATE})")


class FodselsdatoRecognizer(EntityRecognizer):
    """Dates of birth: a date right after "født", "f.", "fødselsdato" (other dates are not PII)."""

    def __init__(self):
        super().__init__(supported_entities=["FODSELSDATO"], name="NoFodselsdatoRecognizer", supported_language=LANG)

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        return [RecognizerResult("FODSELSDATO", m.start("d"), m.end("d"), 0.85) for m in _DOB.finditer(text)]


_CAP = r"[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?"
_WORD = re.compile(_CAP)
_GREETING = re.compile(rf"(?:\b(?:Hei|Hallo|Heisann|Kjære|God morgen|God dag|Hilsen|hilsen|Mvh|mvh)[,]?[ \t]+)"
                       rf"(?P<n>{_CAP}(?:[ \t]{_CAP})*)")
_TITLE = re.compile(rf"(?:\b(?:[Pp]asient(?:en)?|[Pp]as\.|[Ff]ru|[Ff]rue|[Hh]err|[Hh]r\.|[Dd]r\.|[Dd]oktor|[Ll]ege|"
                    rf"[Kk]iropraktor|[Ff]ysioterapeut|[Ss]ykepleier|[Nn]avn|[Gg]jelder|[Pp]årørende):?[ \t]+)"
                    rf"(?P<n>{_CAP}(?:[ \t]{_CAP})*)")
# Lower-case names are flagged only right after a word that says a person follows (a title,
# "navn:", "gjelder:", a greeting): lower case alone is too common in ordinary words.
_LOWER_LEAD = (r"(?:pasient(?:en)?|pas\.|fru|frue|herr|hr\.|dr\.|doktor|navn:?|gjelder:?|pårørende:?|"
               r"hei|hallo|heisann|kjære|hilsen|mvh)")
_LOWER_WORD = r"[a-zæøåéü]+(?:-[a-zæøåéü]+)?"
_TITLE_LOWER = re.compile(rf"(?:(?<![\w])(?i:{_LOWER_LEAD})[,]?[ \t]+)(?P<n>{_LOWER_WORD}(?:[ \t]{_LOWER_WORD}){{0,2}})")
_SENT_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*)$")
_SURNAME_SUFFIX = re.compile(r"(?:sen|son|ssen|stad|land|heim|rud|vik|dal|berg|bakken|nes|seth|by|haug|li|lie)$")


def _is_name_word(w: str) -> bool:
    return all(p in FIRST_SET or p in SURNAME_SET for p in w.split("-"))


def _unlisted_full_name(first: str, last: str) -> bool:
    """Two capitalised words shaped like a first name and a surname though neither list knows the first:
    the second a listed surname or surname-shaped ("-sen", "-by", "-berg", "-haug" ...), the first no
    dictionary entry ("Gudbrand" is a name though it splits into words), the second no ordinary word,
    neither an institution word ("Bryne Helsehus", "Nordre Land" are places)."""
    return ((last in SURNAME_SET or bool(_SURNAME_SUFFIX.search(last))) and "-" not in first
            and not is_dictionary_word(first) and not is_common_word(last)
            and not any(is_institution_word(x) for x in (first, last)))


class NavnRecognizer(EntityRecognizer):
    """Person names from the bundled lists, with context rules.

    A name is flagged when it is a full name (a first name followed by a surname or another
    capitalised name), follows a greeting ("Hei Anders!") or a title ("pasient", "fru", "dr."),
    or is an unambiguous listed first name or surname. Words that are also ordinary Norwegian
    (``AMBIGUOUS``: "Per", "Liv", "Berg", "Lund") need the full-name, greeting or title context."""

    def __init__(self):
        super().__init__(supported_entities=["NAVN"], name="NoNavnRecognizer", supported_language=LANG)

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        spans: dict[tuple[int, int], float] = {}

        def add(s: int, e: int, score: float) -> None:
            spans[(s, e)] = max(score, spans.get((s, e), 0.0))

        for rx, score in ((_GREETING, 0.85), (_TITLE, 0.8)):
            for m in rx.finditer(text):
                words = list(_WORD.finditer(m.group("n")))
                # keep the leading run of listed names and of words that are not ordinary Norwegian: a
                # greeting or a title is a person's place ("Hei Torunn Vestby!", "Pasient: Signe Aalberg");
                # organisation words and clinic names are filtered after analysis
                keep = []
                for w in words:
                    if _is_name_word(w.group(0)) or w.group(0) in EXTRA_FIRST or not is_common_word(w.group(0)) or (
                            not keep and rx is _GREETING and len(words) == 1):
                        keep.append(w)
                    else:
                        break
                if keep:
                    add(m.start("n") + keep[0].start(), m.start("n") + keep[-1].end(), score)
        for m in _TITLE_LOWER.finditer(text):
            keep = []
            for w in re.finditer(_LOWER_WORD, m.group("n")):
                cap = "-".join(p.capitalize() for p in w.group(0).split("-"))
                if _is_name_word(cap):
                    keep.append(w)
                else:
                    break
            # one lower-case word that is also ordinary Norwegian ("per", "liv") is not enough;
            # a first name and a surname together are
            if len(keep) == 1 and "-".join(p.capitalize() for p in keep[0].group(0).split("-")) in AMBIGUOUS:
                keep = []
            if keep:
                add(m.start("n") + keep[0].start(), m.start("n") + keep[-1].end(), 0.8)
        words = list(_WORD.finditer(text))
        i = 0
        while i < len(words):
            w = words[i]
            word = w.group(0)
            j = i
            # a run of adjacent capitalised words separated by one space
            while j + 1 < len(words) and text[words[j].end():words[j + 1].start()] == " ":
                j += 1
            run = words[i:j + 1]
            first_is_name = word in FIRST_SET
            if len(run) == 2 and not first_is_name and _unlisted_full_name(word, run[1].group(0)):
                # a first name the list does not know before a surname-shaped word: "Torunn Vestby"
                add(w.start(), run[1].end(), 0.7)
                i = j + 1
                continue
            if len(run) >= 2 and first_is_name:
                last = run[1].group(0)
                if _is_name_word(last) or _SURNAME_SUFFIX.search(last):
                    end = run[1].end()
                    if len(run) >= 3 and _is_name_word(run[2].group(0)):
                        end = run[2].end()
                    add(w.start(), end, 0.85)
                    i = j + 1
                    continue
            if _is_name_word(word) and word not in AMBIGUOUS:
                add(w.start(), w.end(), 0.6 if first_is_name else 0.5)
            i += 1
        return [RecognizerResult("NAVN", s, e, sc) for (s, e), sc in spans.items()]


def build_recognizers() -> list:
    """All Norwegian recognisers, one instance each."""
    return [IdentityNumberRecognizer("FODSELSNUMMER"), IdentityNumberRecognizer("D_NUMMER"),
            IdentityNumberRecognizer("H_NUMMER"), KontonummerRecognizer(), OrgnummerRecognizer(),
            TelefonRecognizer(), EpostRecognizer(), AdresseRecognizer(), FodselsdatoRecognizer(),
            NavnRecognizer()]


_DOB_ANY = re.compile(r"(?i:født|f\.|fødselsdato|fdato|fødd)")
_NUMBERISH = re.compile(r"\d(?:[ .-]?\d){7,}")
# the street-name suffix followed by a house number: a cheap necessary condition of both address patterns
_ADDRESS_ANY = re.compile(r"(?:gata|gaten|gate|veien|vegen|vei|veg|plass|plassen|bakken|stien|allé|alle|torget|"
                          r"brygga|kaia|lia|åsen|haugen|svingen|tunet|ringen) \d|Postboks \d")


def may_contain_pii(text: str) -> bool:
    """Cheap superset test of every recogniser above: False means no recogniser can fire, so the
    (comparatively slow) spaCy + Presidio pass can be skipped. Must stay a superset: each branch
    mirrors a recogniser's necessary condition."""
    if "@" in text or _NUMBERISH.search(text) or _ADDRESS_ANY.search(text) or _DOB_ANY.search(text):
        return True
    # names: a listed name anywhere, or any capitalised word after a greeting ("Hei Torstein!")
    return (any(_is_name_word(m.group(0)) for m in _WORD.finditer(text)) or bool(_GREETING.search(text))
            or bool(_TITLE.search(text)) or bool(_TITLE_LOWER.search(text)) or bool(_PAIR_ANY.search(text)))


# a capitalised word before a capitalised surname-shaped one: the necessary condition of _unlisted_full_name
_PAIR_ANY = re.compile(rf"{_CAP} [A-ZÆØÅ][a-zæøåéü]*{_SURNAME_SUFFIX.pattern[:-1]}(?![\w-])")
