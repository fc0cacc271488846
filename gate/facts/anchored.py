"""Contradictions of a side or a test result, found by the word the attribute belongs to.

The lexicons name the regions and tests the checker knows; real notes name many more things
that carry a side or a result ("m. infraspinatus hø", "Ottawa neg.", "FADIR pos ve",
"avvik mot hø", "plantar fasciopati høyre"). This check needs no lexicon: for each side word
(høyre/venstre/bilateralt) and result word (positiv/negativ) the output writes, it takes the
content words next to it in its clause (the *anchor*: nearest first), finds the first anchor
the input also names (in any surface form: stem, shorthand), and reads the values of the
same attribute the input writes next to it. When the input gives that anchor values and the
output's value is not among them, the output contradicts the input. When the input gives no
value there, nothing is said: no evidence, no finding; except that an input naming one side
only (and never the other, nor both) contradicts the other side anywhere in the output
("karpaltunnelsyndrom venstre" for an input all on the right).
"""

from __future__ import annotations

import re

from .base import Doc
from .regions import SIDE_LEX
from .surface import _abbreviates, input_tokens, stem

_POLARITY = re.compile(r"(?<![\w])(?:(?P<pos>positiv[te]?|pos\.?)|(?P<neg>negativ[te]?|neg\.?))(?![\w])",
                       re.IGNORECASE)
_CONTENT = re.compile(r"[^\W\d_]{3,}")
# Words that name no thing of their own (nor units, nor times: "positiv ved 35 grader til negativ"): the
# anchor is the thing the side or result belongs to.
GENERIC = frozenset("""
side siden sider sidig test testen testene tegn tegnet prøve prøven manøver over ved mot til med fra den det
som har hadde ikke både begge gir gav var ble blir er og men eller samt også nå kun helt lett noe svært sterkt
smerter smerte smertene smertefull vondt plager ømhet funn funnet funnene undersøkelse undersøkelsen
positiv positive positivt negativ negative negativt pos neg høyre venstre bilateralt bilateral bilat
hun han pasienten pasient ved mellom under etter før nivå nivåer
grader grad uker uke dager dag døgn måneder måned timer time minutter ganger gang prosent
oppstart start nå tidligere fortsatt fremdeles igjen
""".split())
# "rotasjon mot venstre", "avvik mot høyre", "sammenlignet med venstre": a direction or a comparison, not a side
_DIRECTION = re.compile(r"(?:\bmot|\btil|\bmed|\benn|\bfra)\s+(?:den\s+|sin\s+)?$")
# "160 grader i høyre skulder mot 180 grader i venstre": the other side of a comparison; the anchor does not
# reach back past it
_COMPARED = re.compile(r"\b(?:mot\s+(?=\d)|enn\s|versus\s|vs\.?\s|sammenlignet\s+med\s)")
# "Fleksjon-rotasjonstesten er positiv mot venstre": the side a test is positive to, not a direction
_RESULT_TOWARD = re.compile(r"(?:positiv\w*|pos\.?|negativ\w*|neg\.?)\s+(?:mot|til)\s+$")
# "110 grader i venstre kne og 130 grader i høyre": a number starts a new item; the anchor does not reach past it
_DIGITS = re.compile(r"\d+")
WINDOW = 30  # characters between an anchor and its value in the input
ANCHORS = 1  # content words looked at on each side of the attribute word: the adjacent one


def _side_values(doc: Doc, s: int, e: int) -> list[tuple[int, int, str]]:
    return [(m.span[0], m.span[1], m.key) for m in SIDE_LEX.finditer(doc, s, e)]


def _polarity_values(doc: Doc, s: int, e: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "positive" if m.group("pos") else "negative") for m in _POLARITY.finditer(doc.text, s, e)]


# "diabetes type 2", "WAD grad II", "spondylolistese grad 1": a numbered kind of the thing before it
_GRADE = re.compile(r"\b(?:type|grad|stadium)\s+(?P<v>\d{1,2}|i{1,3}v?|iv|v)\b", re.IGNORECASE)
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}


def _grade_values(doc: Doc, s: int, e: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _ROMAN.get(m.group("v").lower(), m.group("v"))) for m in _GRADE.finditer(doc.text, s, e)]


# "positive medialt i høyre kne", "ømhet over laterale leddspalte": which side of a joint
_COMPARTMENT = re.compile(r"(?<![\w-])(?P<v>medial|lateral)(?:[te]|e)?(?![\w-])", re.IGNORECASE)


def _compartment_values(doc: Doc, s: int, e: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("v").lower()) for m in _COMPARTMENT.finditer(doc.text, s, e)]


# "Alendronat 70 mg 1x/uke" -> "70 mg daglig": how often a dose is taken
_FREQUENCY = re.compile(r"(?P<day>\bdaglig\b|\bdgl\b|\bom\s+dagen\b|\bper\s+dag\b|\bi\s+døgnet\b|x\s*/\s*d(?:ag|øgn)?\b)|"
                        r"(?P<week>\bukentlig\b|\bper\s+uke\b|\bi\s+uken\b|\bhver\s+uke\b|x\s*/\s*u(?:ke)?\b|"
                        r"\bén\s+gang\s+i\s+uken\b)", re.IGNORECASE)


_FREQ_HINTS = ("dagl", "dgl", "dagen", "per dag", "døgn", "/d", "/u", "ukentl", "per uke", "i uken", "hver uke")


def _frequency_values(doc: Doc, s: int, e: int) -> list[tuple[int, int, str]]:
    if "mg" not in doc.lower or not any(h in doc.lower for h in _FREQ_HINTS):
        return []  # (a dose's frequency: only where a dose is written)
    return [(m.start(), m.end(), "day" if m.group("day") else "week") for m in _FREQUENCY.finditer(doc.text, s, e)]


ATTRIBUTES = {"side": _side_values, "polarity": _polarity_values, "grade": _grade_values,
              "compartment": _compartment_values, "frequency": _frequency_values}


def _anchors(doc: Doc, s: int, e: int, read) -> list[str]:
    """Content words next to ``[s, e)`` in its clause, nearest first, alternating before and after; not past
    another value of the same attribute ("over høyre SI-ledd og venstre QL": the SI joint is the right one's)."""
    cs, ce = doc.clause(s)
    others = read(doc, cs, ce)
    cs = max([cs] + [b for a, b, _ in others if b <= s] + [m.end() for m in _COMPARED.finditer(doc.lower, cs, s)]
             + ([m.end() for m in _DIGITS.finditer(doc.text, cs, s)] if read is _side_values else []))
    ce = min([ce] + [a for a, b, _ in others if a >= e])
    before = [w for w in _CONTENT.findall(doc.lower[cs:s]) if w not in GENERIC][-ANCHORS:][::-1]
    after = [w for w in _CONTENT.findall(doc.lower[e:ce]) if w not in GENERIC][:ANCHORS]
    out = []
    for i in range(ANCHORS):
        out += [w for w in (before[i] if i < len(before) else None, after[i] if i < len(after) else None) if w]
    return out


def _occurrences(word: str, doc: Doc) -> list[tuple[int, int]]:
    """Where the input names ``word``: a word starting with its stem, or shorthand of it ("lev." for "levator")."""
    cache = doc.__dict__.setdefault("_anchor_occurrences", {})
    if word not in cache:
        cache[word] = _find_occurrences(word, doc)
    return cache[word]


def _starts_word(lower: str, i: int) -> bool:
    return i == 0 or not (lower[i - 1].isalpha())


def _find_occurrences(word: str, doc: Doc) -> list[tuple[int, int]]:
    lower = doc.lower
    st, out, i = stem(word), [], 0
    while (i := lower.find(st, i)) >= 0:  # (a plain search: no pattern compiled per word)
        if _starts_word(lower, i):
            j = i + len(st)
            while j < len(lower) and lower[j].isalpha():
                j += 1
            out.append((i, j))
        i += 1
    if not out:
        _, short = input_tokens(lower)
        for t, cut in short.get(word[0], ()):
            if _abbreviates(t, cut, word):
                out += [(m.start(), m.end()) for m in re.finditer(r"(?<![^\W\d_])" + re.escape(t) + r"(?![^\W\d_])", lower)]
    return out


def _values_near(doc: Doc, spans: list[tuple[int, int]], read) -> set[str]:
    """Every value written within WINDOW characters of an occurrence, in its clause; a clause that tells a
    change ("gikk fra positiv ved 35 grader til negativ") gives all of its values."""
    values: set[str] = set()
    for a, b in spans:
        cs, ce = doc.clause(a)
        if read is _side_values and (more := _SIDE_AFTER_STOP.match(doc.lower, ce)):
            ce = more.end()  # "Svak hofteabd. hø": the side after a shorthand's full stop is still its side
        if _CHANGE.search(doc.text, cs, ce):
            values |= {x for _, _, x in read(doc, cs, ce)}
        else:
            values |= {x for _, _, x in read(doc, max(cs, a - WINDOW), min(ce, b + WINDOW))}
    return values


_SIDE_AFTER_STOP = re.compile(r"[.\s]*(?:hø|ve|høyre|venstre|bilat)\b")
_CHANGE = re.compile(r"\bfra\b.*\btil\b|→|->|\bvar\b.*\bnå\b", re.IGNORECASE)


def anchored_contradictions(pdoc: Doc, odoc: Doc, skip: set[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """``(start, end, attribute, reason)`` for each side or result in the output that the input writes
    otherwise next to the same word. Spans in ``skip`` (already judged by a lexicon check) are left alone."""
    found = []
    only_side: set[str] | None = None
    for attr, read in ATTRIBUTES.items():
        hits = ([(m.span, m.key) for m in SIDE_LEX.finditer(odoc)] if attr == "side" else
                [((a, b), v) for a, b, v in read(odoc, 0, len(odoc.text))])
        for (s, e), value in hits:
            if attr != "side" and odoc.negated(s, e, post=False):
                continue  # (a side stays a side under a denial: "Unngå å ligge på høyre side")
            judged = (s, e) in skip  # a lexicon check judged its region; an adjacent anchor may still disagree
            if judged and attr != "side":
                continue
            for anchor in _anchors(odoc, s, e, read):
                spans = _occurrences(anchor, pdoc)
                if not spans:
                    continue
                given = _values_near(pdoc, spans, read)
                if not given:
                    continue
                if attr == "side" and value == "both" and only_side is None:
                    only_side = {v for _, _, v in _side_values(pdoc, 0, len(pdoc.text))}
                if value not in given and not (attr == "side" and "both" in given) \
                        and not (attr == "side" and value == "both" and "both" in only_side):
                    # ("bilaterale knesmerter" for "smerter i begge knær ... venstre kne": the input says both too)
                    found.append((s, e, attr, f"'{anchor}' is {', '.join(sorted(given))} in the input, "
                                              f"{value} in the output"))
                break
            else:
                if judged:
                    continue
                # nothing next to it is in the input ("karpaltunnelsyndrom venstre"): an input that names one
                # side only, and never the other, speaks for every side word of the output
                if attr == "side" and only_side is None:
                    only_side = {v for _, _, v in _side_values(pdoc, 0, len(pdoc.text))}
                if attr == "side" and len(only_side) == 1 and value in ("right", "left") and value not in only_side \
                        and "both" not in only_side and (not _DIRECTION.search(odoc.lower, max(0, s - 30), s)
                                                         or _RESULT_TOWARD.search(odoc.lower, max(0, s - 30), s)):
                    found.append((s, e, attr, f"the input names only the {next(iter(only_side))} "
                                              f"side, the output {value}"))
    return found


_SIDE_WORD = r"(?:høyre|venstre|hø|ve)"
# "ve>hø", "høyre verre enn venstre", "mest på høyre side", "verst i venstre kne": which side is worse
_WORSE_THAN = re.compile(rf"\b(?P<s>{_SIDE_WORD})\.?\s*(?:side\s+)?(?:>|verre\s+enn|mer\s+enn|sterkere\s+enn)\s*"
                         rf"(?P<o>{_SIDE_WORD})\b", re.IGNORECASE)
_WORST_ON = re.compile(rf"\b(?:mest|verst|størst|sterkest|kraftigst)\s+(?:uttalt\s+)?(?:på\s+|i\s+|til\s+)?(?:den\s+)?"
                       rf"(?P<s>høyre|venstre)\b", re.IGNORECASE)


def _worse_sides(doc: Doc) -> list[tuple[int, int, str]]:
    if ">" not in doc.text and " enn " not in doc.lower and "mest" not in doc.lower and "verst" not in doc.lower \
            and "størst" not in doc.lower and "sterkest" not in doc.lower and "kraftigst" not in doc.lower:
        return []
    out = [(m.start("s"), m.end("s"), m.group("s").lower()[:2]) for m in _WORSE_THAN.finditer(doc.text)
           if m.group("s").lower()[:2] != m.group("o").lower()[:2]]
    return out + [(m.start("s"), m.end("s"), m.group("s").lower()[:2]) for m in _WORST_ON.finditer(doc.text)]


def dominance_contradictions(pdoc: Doc, odoc: Doc) -> list[tuple[int, int, str]]:
    """``(start, end, reason)`` for a worse side the output names where the input names the other one
    ("ve>hø" -> "mest på høyre side"); only when the input names one worse side."""
    given = {v for _, _, v in _worse_sides(pdoc)}
    if len(given) != 1:
        return []
    side = next(iter(given))
    names = {"hø": "right", "ve": "left"}
    return [(s, e, f"the input says the {names[side]} side is worse, the output the {names[v]}")
            for s, e, v in _worse_sides(odoc) if v != side]
