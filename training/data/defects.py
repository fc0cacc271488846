"""Text defects of real clinic exports, one detector per defect: each returns why (a short message
without personal data) or None.

Tuned on tests/labelled/exports_dev.jsonl (clinic shorthand): clinical shorthand ends without a
period ("eksternrotasjon ua"), so ``truncated`` needs positive evidence of a cut (an ellipsis, a
dangling function word, a comma, or a word that is only the start of a known word); e-mail
addresses and URLs are masked before ``glued_text`` looks for a missing space.
"""

from __future__ import annotations

import re

from .vocab import Vocabulary

# -- truncated ------------------------------------------------------------------------------------
# Words that cannot end a Norwegian sentence: conjunctions, subjunctions, articles, the infinitive
# marker, reflexive possessives, prepositions that need an object, and abbreviations that announce
# more ("inkl", "f.eks"). Words that can (adverbs "da", "der", "så"; pronouns "det", "den";
# auxiliaries "er", "kan"; particles "over", "under" as in "smertene har gått over") are not here.
PREPOSITIONS = frozenset("""med til i på av for fra ved etter mot mellom uten hos innen inntil gjennom langs rundt
om""".split())
DANGLING = PREPOSITIONS | frozenset("""og eller men samt både enn fordi dersom hvis mens selv at som
en et ei sin sitt sine hver hvert å grunnet pga inkl f.eks bl.a ca evt iht mht jf dvs mtp ifm vha ift iflg jfr
the and of with""".split())
_IRREGULAR = frozenset("sa så ga lå sto ble var hadde gjorde gikk fikk tok kom satt fant".split())
# a subject that a finite verb follows: "øvelsene vi snakket om" strands its preposition, and
# "hvis det ikke pass" lacks the verb's ending
_SUBJECTS = frozenset("jeg du han hun vi dere de det den man som".split())
# finite verbs that end in a consonant without -r/-t: modals and strong past forms ("som hun sov")
_FINITE = frozenset("vil kan skal må bør får tør sov løp brakk skrev kom tok fant gikk fikk drakk lot slo bad bandt "
                    "dro fløy grep hjalp lo red skjøt skrek smakk sprakk stakk strakk svingte trakk vant".split())
_ABBREV_DANGLING = frozenset(("inkl", "f.eks", "bl.a", "ca", "evt", "pga", "mht", "jf", "iht", "dvs", "mtp", "ifm",
                              "vha", "ift", "iflg", "jfr"))
# a sign-off cut before its "hilsen"
_CUT_SIGNOFF = re.compile(r"(?:\n|[.!] )[ \t]*(?i:med vennlig|vennlig|med beste|beste)(?:[ \t]+(?i:h|hi|hil|hils|hilse))?$")
_ELLIPSIS = re.compile(r"(?:\.\s?){3,}$|…$")
# endings of complete Norwegian words: a last word with one is not taken for a fragment
_WORD_END = re.compile(r"(?:sjon|sjonen|ene|ane|ing|ingen|het|heten|lig|lige|isk|iske|ert|ent|else|er|en|et|e|a|t|r|"
                       r"ua|bilat|gr|mnd|uke|uker|hø|ve|neg|pos)$")
_CUT_WORD = re.compile(r"(?:^|\s)(?P<w>[a-zæøå]{3,})$")
_CUT_CAPITAL = re.compile(r"(?:^|\s)(?P<w>[A-ZÆØÅa-zæøå][a-zæøå]{2,})$")
# letters that inflect a word ("hypomobil" -> "hypomobile"): one more of them is no evidence of a cut
_INFLECTION_LETTERS = "aenrst"
# the last line is a list marker or a section label with nothing after it ("3.", "-", "P:")
_EMPTY_ITEM = re.compile(r"\n[ \t]*(?:\d{1,2}[.)]|[-•*–])[ \t]*$")
_PAIRS = (("(", ")"), ("[", "]"), ("«", "»"))


def _resolve(vocab):
    """A vocabulary passed as itself or as a zero-argument callable (built only when needed)."""
    return vocab() if callable(vocab) else vocab


def _unclosed(text: str) -> str | None:
    """An opening bracket or quote near the end that nothing closes ("kontroll (etter")."""
    for op, cl in _PAIRS:
        last_open = text.rfind(op)
        if (last_open > text.rfind(cl) and len(text) - last_open <= 80 and text.count(op) > text.count(cl)
                and text[last_open - 1:last_open] not in (":", ";")):  # ":(" is a face, not a bracket
            return f"ends inside an open '{op}'"
    last_quote = text.rfind('"')
    # an opening quote (after a space or at the start: '24"' is inches) that nothing closes
    if text.count('"') % 2 and len(text) - last_quote <= 80 and text[last_quote - 1:last_quote] in ("", " ", "\n"):
        return "ends inside an open quote"
    return None


# words after which a subject opens a main clause, where a preposition cannot be left at the end
# ("... og vi ber om" is cut; "øvelsene vi snakket om" is a relative clause)
_CLAUSE_OPENERS = frozenset("og men eller for så".split())


def _stranded(words: list[str]) -> bool:
    """Whether a preposition at the end belongs to the verb before it in a subordinate clause with its
    own subject ("øvelsene vi snakket om", "det han klager over"): a finite verb (-et, -te, -de, -r)
    right before, and a subject or "som" a few words back that does not open a main clause (after
    "og", "men", a sentence end or at the start: "og vi ber om" is cut)."""
    verb = words[-2].lower()
    if not (verb in _FINITE or verb in _IRREGULAR or (len(verb) >= 3 and verb.endswith(("et", "te", "de", "r")))):
        return False
    for j in range(len(words) - 3, max(-1, len(words) - 6), -1):
        if words[j].lower() in _SUBJECTS:
            before = words[j - 1] if j > 0 else ""
            return bool(before) and before.lower() not in _CLAUSE_OPENERS and before[-1] not in ".!?:"
    return False


def _not_a_word(word: str) -> bool:
    """``word`` is neither clinic shorthand nor a word the spelling check knows (hunspell nb_NO with the
    clinical vocabulary and its compounding rules); False when the dictionary is not installed."""
    from .vocab import SHORTHAND

    if word in SHORTHAND or len(word) < 3:
        return False
    from gate.terminology.spelling import _known

    try:
        return not _known(word, "bokmal")
    except Exception:  # noqa: BLE001 - no hunspell-no / spylls: the word-start rules below still run
        return False


_PROMPT_WORD = re.compile(r"[a-zæøå]{5,}")
# what an inflection adds to a word: a last word the prompt has with one of these after it is complete
_INFLECTIONS = frozenset("e t r s n a en et er ne ar ene ane ens ets ere est este".split())


def cut_prompt_word(prompt: str, answer: str) -> str | None:
    """The answer's last word is the start of a word of its prompt, cut by two letters or more, neither
    an inflection nor a compound's last part ("verst om nat" where the prompt says "natten"; not
    "varus" of "varusstress"): the answer was cut while restating its prompt, even where the start is
    itself a word. None otherwise."""
    text = answer.rstrip()
    m = _CUT_WORD.search(text)
    if not m or not prompt:
        return None
    w = m.group("w")
    from .vocab import SHORTHAND

    if w in SHORTHAND:
        return None
    for p in set(_PROMPT_WORD.findall(prompt.lower())):
        rest = p[len(w):]
        # not the first part of a prompt compound ("varus" of "varusstress")
        if p.startswith(w) and len(rest) >= 2 and rest not in _INFLECTIONS and not (
                len(rest) >= 4 and not _not_a_word(rest)):
            return "ends in the middle of a word of its prompt"
    return None


_SIGNOFFS = ("med vennlig hilsen", "vennlig hilsen", "med beste hilsen", "beste hilsen")


def _cut_signoff_line(text: str) -> bool:
    """The last line, after a line break, is the start of a sign-off cut short ("Vennl", "Med venn")."""
    if "\n" not in text:
        return False
    last = " ".join(text.rsplit("\n", 1)[1].lower().split())
    return len(last) >= 3 and any(s.startswith(last) and s != last for s in _SIGNOFFS)


def truncated(answer: str, vocab: Vocabulary | None = None) -> str | None:
    """Why ``answer`` looks cut off, or None. Evidence only: a trailing ellipsis ("...", "…",
    ". . ."), a trailing comma/colon/dash/open bracket, an empty last list item or section ("3.",
    "P:"), an unclosed bracket or quote, a dangling word that cannot end a sentence ("og", "med",
    "å"), or a last word that is not a word but the start of one ("øvels" of "øvelse"); a missing
    final period alone is clinic shorthand, a list or a sign-off, not a cut."""
    text = answer.rstrip()
    if not text:
        return None
    if _ELLIPSIS.search(text):
        return "ends with an ellipsis"
    if text[-1] in ",;:-–(/" and not text.endswith((":(", ";(", ":-(")):
        return f"ends with '{text[-1]}'"
    tail_text = ("\n" + text)[-41:]  # the patterns below are anchored at the end: search only there
    if _EMPTY_ITEM.search(tail_text):
        return "ends with an empty list item"
    if _CUT_SIGNOFF.search(tail_text) or _cut_signoff_line(text):
        return "ends with a sign-off cut before or inside 'hilsen'"
    words = text.split()
    tail = words[-1].rstrip(".")
    # lower case only: "Hilsen Per" ends with a name, "2 ganger per" with a dangling word
    if tail.lower() == tail and tail in DANGLING and (text[-1] != "." or tail in _ABBREV_DANGLING) and len(words) > 3:
        if not (tail in PREPOSITIONS and _stranded(words)):
            return f"ends with '{words[-1]}'"
    unclosed = _unclosed(text)
    if unclosed:
        return unclosed
    if vocab is not None and text[-1].isalpha():
        m = _CUT_WORD.search(text)
        # a last word that is no word of the dictionary but the start of one ("i tra" of "trapper",
        # "Kontroll om tre dager. Anbe" of "Anbefaler"), whatever letter it ends in; capitalised only
        # after a sentence end or a section label (elsewhere a name or a place: "Ryggklinikken
        # Bergen"), never a listed
        # name or a word alone on its line (a signature)
        cap = _CUT_CAPITAL.search(text)
        before = text[:cap.start("w")].rstrip(" \t")[-1:] if cap else ""
        if cap and (cap.group("w").islower() or before in (".", "!", "?", ":")) and before not in ("\n", "") \
                and not _is_name(cap.group("w")) and _not_a_word(cap.group("w").lower()) \
                and _resolve(vocab).extends(cap.group("w").lower(), 2):
            return "ends in the middle of a word"
        if m and not _WORD_END.search(m.group("w")):
            w, vocab = m.group("w"), _resolve(vocab)
            if w not in vocab and vocab.extends(w, one_more_unless=_INFLECTION_LETTERS if len(w) >= 6 else ""):
                return "ends in the middle of a word"
            # after the infinitive marker only an infinitive, which ends in a vowel: "å behandl" is
            # "behandle" cut, though "behandl" is a word (the imperative)
            if len(words) > 1 and words[-2] == "å" and w[-1] not in "aeiouyæøå" and vocab.extends(w, 1):
                return "ends in the middle of a word"
            # a subject (and "ikke") wants a finite verb: "hvis det ikke pass" is "passer" cut
            before = [x.lower() for x in words[-3:-1] if x.lower() != "ikke"]
            if (before and before[-1] in _SUBJECTS and w not in _FINITE and w[-1] not in "aeiouyæøårt"
                    and w + "e" in vocab and len(w) >= 3):
                return "ends in the middle of a word"
    return None


# -- placeholder ----------------------------------------------------------------------------------
TEMPLATE_VAR = re.compile(r"\{\{[^{}\n]{0,60}\}\}")
_HTML_TAGS = frozenset("br p b i u s a div span strong em li ul ol table tr td th h1 h2 h3 h4 img hr".split())
PLACEHOLDER = re.compile(
    r"\[ ?(?P<sq>[A-Za-zÆØÅæøå][A-Za-zÆØÅæøå /_-]{1,40})\](?!\()"       # [Navn], [ Navn ], [Beskrivelse av funn]
    r"|<(?P<ang>[A-Za-zÆØÅæøå][\wÆØÅæøå /_-]{1,40})>"                    # <Navn>, <funn>, <ICPC-2 kode>
    r"|(?<!\{)\{(?P<br>[A-Za-zÆØÅæøå_][A-Za-zÆØÅæøå _]{1,30})\}(?!\})"    # {navn}
    r"|\b(?P<x>X{3,}|x{3,})\b"                                            # XXX, xxxx
    r"|(?P<under>_{3,})"                                                  # ____
    r"|\b(?P<date>[xX]{2}\.[xX]{2}\.(?:[xX]{2}){1,2})\b"                 # xx.xx.xxxx
    r"|(?P<pct>%[A-Za-zÆØÅæøå_]{2,30}%|#[A-ZÆØÅ_]{2,30}#)"                 # %NAVN%, %fornavn%, #DATO#
    r"|(?<![\w.])(?P<nn>N\.N\.?|NN)(?![\w.])"                              # Pasient N.N.
    r"|(?P<dunder>__[A-Za-zÆØÅæøå][A-Za-zÆØÅæøå_]{1,30}__)"               # __NAVN__
    r"|(?P<dollar>\$\{[^{}\n]{1,30}\}|\$[A-ZÆØÅ_]{3,30}\b)"                   # ${navn}, $NAVN
    # a date, time, age or score written as its format: dd.mm.åååå, ÅÅÅÅ-MM-DD, xx:xx, XX år, x/10
    r"|(?P<fmt>\b(?:dd|DD)[./-](?:mm|MM)[./-](?:åååå|ÅÅÅÅ|åå|ÅÅ|yyyy|YYYY|yy)\b|\b(?:åååå|ÅÅÅÅ|yyyy|YYYY)-(?:mm|MM)-(?:dd|DD)\b"
    r"|\b(?:xx|XX|hh|HH|tt|TT):(?:xx|XX|mm|MM)\b|\b[xX]{2}(?= år\b)|(?<![\w/])x/10\b|\.\./\.\./\.{2,4})"
    # an instruction or a field name in brackets: (sett inn navn), (navn), [...]
    r"|(?P<paren>\((?:sett|fyll|skriv) inn[^()\n]{0,30}\)|\((?:navn|fornavn|etternavn|dato|tid|klokkeslett|telefon"
    r"(?:nummer)?|adresse|pasientens navn|behandlers navn)\)|\[(?:\.\.\.|…)\])"
    r"|(?P<stars>(?<=\w )\*{3,}(?=[ ,.!?]))")                                       # Hei ***,


# a necessary condition of every PLACEHOLDER alternative, searched first: most answers have none
_PLACEHOLDER_ANY = re.compile(r"[\[<{_%#$*]|[xX]{2}|N\.?N|dd|DD|åå|ÅÅ|yy|YY|hh:|HH:|tt:|TT:|x/10|\.\./|\((?:sett|fyll|skriv|"
                              r"navn|fornavn|etternavn|dato|tid|klokkeslett|telefon|adresse|pasientens|behandlers)")


def placeholder(text: str, *, template: bool = False) -> str | None:
    """The first unfilled placeholder in ``text`` ("[Navn]", "<funn>", "{navn}", "XXX", "____",
    "{{navn}}" outside a template record), or None. HTML tags are not placeholders."""
    if not _PLACEHOLDER_ANY.search(text):
        return None
    if not template:
        m = TEMPLATE_VAR.search(text)
        if m:
            return f"unfilled placeholder {m.group(0)!r} in a record not marked template"
    for m in PLACEHOLDER.finditer(TEMPLATE_VAR.sub(" ", text)):
        if m.group("ang") and m.group("ang").lower().strip("/ ") in _HTML_TAGS:
            continue
        return f"unfilled placeholder {m.group(0)[:40]!r}"
    return None


# -- mojibake -------------------------------------------------------------------------------------
_QMARK = re.compile(r"(?<=[A-Za-zæøå])\?(?=[a-zæøå])|(?:^|\s)[A-Za-z]{1,2}\?(?= [a-zæøå])")
_SCRAMBLED = re.compile(r"(?<=[a-zæøå])[ÆØÅ](?=[a-zæøå])|(?<=[a-zæøå0-9,] )[ÆØÅ][a-zæøå]*")
_SWAPS = "æøå"
_ENTITY = re.compile(r"&(?:[aeoAEO](?:ring|slash|elig|uml|acute|grave)|amp|nbsp|quot|#\d{2,4}|#x[0-9a-fA-F]{2,4});")
# æøå written as ASCII after a lossy conversion: common clinic words only, none of them a word as is
ASCII_FOLDED = frozenset("""hoyre hoyreside hogre ogsa ovelse ovelser ovelsene omhet okt okning fodt fodsel dogn
gjore gjor folger forste smertefolsom sovn sovnen treningstoy boyning ryggsoyle
paa aar aaret faar gaar naa saa ogsaa baade maa hoeyre oevelser oeverste""".split())
_LOWER_WORD = re.compile(r"[a-zæøåéü]+")


def _folded(text: str) -> bool:
    return not ASCII_FOLDED.isdisjoint(_LOWER_WORD.findall(text.lower()))


# characters outside plain Norwegian text: without one of them (or "?"/"&"), nothing below can match
_SUSPECT = re.compile(r"[^\x00-\x7fæøåÆØÅéÉüÜöÖäÄ–—«»“”‘’…°²³½¼·§]|[?&]|[a-zæøå0-9,] [ÆØÅ]|[a-zæøå][ÆØÅ]")


def _is_name(word: str) -> bool:
    from gate.pii.names import FIRST_SET, SURNAME_SET

    return word in FIRST_SET or word in SURNAME_SET


def mojibake(text: str, vocab: Vocabulary | None = None) -> str | None:
    """Why ``text`` looks like a broken æøå conversion, or None: what ftfy can undo ("Ã¥", "â€“"),
    U+FFFD replacement characters, "?" standing for a letter ("p? fredag"), and scrambled case
    ("30 Ør", "hØyre": a capital Æ/Ø/Å inside a lower-case word, or one mid-sentence that is a
    word again with another of æ/ø/å)."""
    import ftfy

    if not _SUSPECT.search(text) and not _folded(text):
        return None
    if "\ufffd" in text:
        return "replacement character U+FFFD (lost letters)"
    if _ENTITY.search(text):
        return "HTML character entities (&aring; for å)"
    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        return "broken character encoding (ftfy can repair it)"
    if _QMARK.search(text):
        return "'?' in place of a letter"
    if _folded(text):
        return "æøå written as plain letters"
    for m in _SCRAMBLED.finditer(text):
        tok = m.group(0)
        if len(tok) == 1:
            return "capital Æ/Ø/Å inside a word"
        if vocab is None:
            continue
        vocab = _resolve(vocab)
        if not any((c + tok[1:]).lower() in vocab for c in _SWAPS if c != tok[0].lower()):
            continue
        if _is_name(tok):
            continue  # "Hei Åse", "Mvh Ørjan": a name, not a broken word
        # "30 Ør": a number is never followed by a capitalised word; elsewhere only a token that is no
        # word itself ("Åse" is a name, "Øvre" a word) is a broken one
        if text[max(0, m.start() - 2)].isdigit() or tok.lower() not in vocab:
            return "scrambled æøå case"
    return None


def repair_mojibake(text: str) -> str:
    """``text`` with what is certain undone: encoding round trips (ftfy) and HTML character entities;
    anything else (scrambled case, plain-letter æøå) as is."""
    import html

    import ftfy

    return ftfy.fix_encoding(_ENTITY.sub(lambda m: html.unescape(m.group(0)), text))


# -- boilerplate ----------------------------------------------------------------------------------
BOILERPLATE = re.compile(
    r"\bgå til (?:hele |full |den fulle )?(?:artikkel|artikkelen|saken)\b|\bles (?:hele |mer|også\b)|"
    r"\bdel (?:på|via) (?:facebook|twitter|linkedin|x|e-post|messenger)\b|\bdel (?:artikkelen|saken|denne)\b|"
    r"\b(?:publisert|sist oppdatert|oppdatert)(?: den)?:? \d|\bannonse\b|\babonner(?:er)? på\b|\bnyhetsbrev|"
    r"\binformasjonskapsler\b|\bcookies?\b|\bgodta (?:alle|cookies|informasjonskapsler)\b|\b(?:klikk|trykk) her\b|"
    r"\btilbake til toppen\b|\bhopp til (?:hoved)?innhold|\bkopier lenke|\bskriv ut (?:siden|artikkelen)\b|"
    r"\brelaterte (?:artikler|saker)\b|\bmest lest\b|\balle rettigheter reservert\b|^(?:foto|illustrasjon|kilde ?bilde):|"
    r"\bse også:|\bfølg oss (?:på|i)\b|\blik oss på\b|\btips en venn\b|\bsend til en venn\b|\blast ned appen\b|"
    r"\bsist endret\b|\bskrevet av (?:redaksjonen|\w+ \w+,)|\bpersonvern(?:erklæring)?\b|\bcopyright\b|"
    r"\bread more\b|\bshare on\b|\bclick here\b|\baccept (?:all|cookies)\b|\bsubscribe\b|"
    r"^(?:del|tweet|skriv ut|print|lukk|meny|vis mer|vis flere|tilbake)$|\blest \d+ ganger\b|"
    r"\b(?:denne|hele) (?:artikkelen|saken|nettsiden|siden) (?:er|ble|var)\b|\ber (?:over|mer enn) \w+ år gammel\b|"
    r"\b(?:annonsørinnhold|sponset innhold|betalt innhold|ekstern lenke|åpnes i nytt vindu)\b|"
    r"\bartikkelen fortsetter\b|\bfortsett å lese\b|\b(?:klikk|trykk)(?: her)? for å (?:lese|se)\b|\blogg inn for å\b|"
    r"\bkilde: \S+\.(?:no|com|org|net)\b|\b(?:dette )?innholdet er (?:levert|laget|sponset|produsert) av\b|"
    r"\bkommentarer \(\d+\)|^kommentarer:?$|\b(?:medisinsk|faglig) (?:gjennomgått|kvalitetssikret|oppdatert)\b|"
    r"(?<![ÃÂ])©\s?(?:(?:19|20)\d\d|[A-ZÆØÅ])|\(c\) (?:19|20)\d\d|^[^\n>›]{1,30} [>›] [^\n>›]{1,40} [>›] |\binnhold på denne siden\b|\binnholdsfortegnelse\b|"
    r"^send (?:på|via|som) e-post$|^(?:tekst|video|tekst og foto):|\bse video:|\blast ned (?:pdf|som pdf|brosjyren)\b|"
    r"\bvar (?:denne )?(?:artikkelen|siden) nyttig\b|^del:|\bles mer ›|\bbestill (?:time|timen|konsultasjon) (?:her|online)\b",
    re.IGNORECASE | re.MULTILINE)


# lower-case substrings, one of which every BOILERPLATE alternative contains: a cheap first pass
# (plain substring search), so the slow regex runs on a few texts only
_BOILER_KEYS = ("artikkel", "saken", "les ", "les\n", "del p", "del v", "del a", "del s", "del d", "publisert", "oppdatert",
                "annonse", "abonner", "nyhetsbrev", "informasjonskapsler", "cookie", "godta", " her", "toppen",
                "hopp til", "kopier lenke", "skriv ut", "relaterte", "mest lest", "rettigheter", "foto:",
                "illustrasjon:", "bilde:", "se også", "følg oss", "lik oss", "tips en venn", "send til en venn",
                "last ned appen", "sist endret", "skrevet av", "personvern", "copyright", "read more", "share on",
                "click here", "accept", "subscribe", "\ndel", "tweet", "print", "\nlukk", "\nmeny", "vis mer",
                "vis flere", "\ntilbake", "lest ", "år gammel", "innhold på", "sponset innhold", "betalt innhold",
                "annonsørinnhold", "innholdet er", "innholdsfortegnelse", "ekstern lenke", "nytt vindu", "fortset",
                "for å les", "for å se", "logg inn", "kilde:", "kommentarer", "medisinsk gjennomg", "faglig gjennomg",
                "medisinsk kval", "faglig kval", "medisinsk oppd", "faglig oppd", "©", "(c) ", " > ", " › ", "\nsend ",
                "\ntekst", "\nvideo", "se video", "last ned", "nyttig", "\ndel:", "bestill")


def boilerplate(text: str) -> str | None:
    """The first piece of web page furniture scraped along with the text ("Gå til full artikkel",
    "Del på Facebook", "Publisert 12.03.2019", cookie banners), or None."""
    low = "\n" + text.lower()
    if not any(k in low for k in _BOILER_KEYS):
        return None
    m = BOILERPLATE.search(text)
    return f"web boilerplate {m.group(0)[:30]!r}" if m else None


# -- glued text -----------------------------------------------------------------------------------
GLUED = re.compile(r"[a-zæøå]{3}(?:[A-ZÆØÅ]{2}|[A-ZÆØÅ][a-zæøå]{2}|\d)|(?<![\w.,])\d+[a-zæøå]{4}"
                   r"|(?<=[a-zæøå0-9]{2})[.!?](?=[A-ZÆØÅ][a-zæøå])|(?<=[a-zæøå]{3}),(?=[a-zæøå]{3})"
                   # a sentence closed by a bracket or quote: "(NRS 3).Neste", "«vondt».Hun"
                   r"|(?<=[a-zæøå0-9][)\]»\"])[.!?](?=[A-ZÆØÅ][a-zæøå])"
                   # a one-letter section label glued to the text before it: "utstrålingO: ", "bilateralt.A: "
                   r"|(?<=[a-zæøå]{2})[.!?]?(?=[A-ZÆØÅ]:[ \t])")
_MASK = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\bhttps?://\S+|\bwww\.\S+|\b[\w-]+\.(?:no|com|org|net)\b")
_SENTENCE_GLUE = re.compile(r"(?<=[a-zæøå0-9]{2})([.!?])(?=[A-ZÆØÅ][a-zæøå])|(?<=[a-zæøå]{3})(,)(?=[a-zæøå]{3})"
                            r"|(?<=[a-zæøå0-9][)\]»\"])([.!?])(?=[A-ZÆØÅ][a-zæøå])|(?<=[a-zæøå]{2}[.!?])(?=[A-ZÆØÅ]:[ \t])")


def _masked(text: str) -> str:
    return _MASK.sub(lambda m: " " * len(m.group(0)), TEMPLATE_VAR.sub(lambda m: " " * len(m.group(0)), text))


def glued_text(text: str) -> str | None:
    """Words or sentences glued together ("2019.Fikk", "fotballkampKontroll", "3uker"), or None.
    E-mail addresses, URLs, domain names and template variables are not glued text."""
    masked = _masked(text)
    m = GLUED.search(masked)
    if not m:
        return None
    start = m.start() - len(re.search(r"[\w.]*$", masked[:m.start()]).group(0))
    token = re.match(r"[\w.!?]+", masked[start:]).group(0).rstrip(".")
    return f"glued text {token[:40]!r}"


def repair_glued(text: str) -> str:
    """``text`` with a space put back after a sentence end or a comma glued to the next word
    ("2019.Fikk" -> "2019. Fikk", "daglig,kontroll" -> "daglig, kontroll"), the glues that are
    certain; e-mail addresses and URLs are left alone."""
    masked = _masked(text)
    out, last = [], 0
    for m in _SENTENCE_GLUE.finditer(masked):
        out.append(text[last:m.end()])
        out.append(" ")
        last = m.end()
    out.append(text[last:])
    return "".join(out)


# -- prompt copy ----------------------------------------------------------------------------------
_LABELLED_LINE = re.compile(r"^[ \t]*(?:[-•*–][ \t]*|\d{1,2}[.)][ \t]*|[^\n:]{1,30}:[ \t]*\S)", re.MULTILINE)


def _relaid(prompt: str, answer: str) -> bool:
    """The answer lays the prompt's words out anew: three or more lines, most of them list items or
    "label: value" lines, from a prompt with fewer lines ("Spurling negativ, Jackson negativ" ->
    "Spurling: negativ\nJackson: negativ"). Restructuring is the task, not a copy."""
    lines = [x for x in answer.strip().splitlines() if x.strip()]
    n_prompt = len([x for x in prompt.strip().splitlines() if x.strip()])
    labelled = sum(1 for x in lines if _LABELLED_LINE.match(x))
    return len(lines) >= 3 and n_prompt < len(lines) and 2 * labelled >= len(lines)


def prompt_copy(prompt: str, answer: str) -> str | None:
    """Whether the answer is (almost) a verbatim copy of its prompt: the same words (two or more), or
    at least 90 % of its word 3-shingles in the prompt (four words or more) without laying them out
    anew as a list or "label: value" lines, or None."""
    from .dedupe import normalize, shingles

    if len(answer.split()) < 2 or not prompt.strip():
        return None
    if normalize(answer) == normalize(prompt):
        return "answer is a verbatim copy of the prompt"
    if len(answer.split()) < 4 or _relaid(prompt, answer):
        return None
    a, p = shingles(answer), shingles(prompt)
    if a and len(a & p) / len(a) >= 0.9:
        return f"answer copies the prompt ({len(a & p) / len(a):.0%} of its word triples)"
    return None
