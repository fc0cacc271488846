"""Compare the facts an output asserts with the facts in its input.

Every fact the output asserts must be supported by the input. A fact with no
counterpart is *unsupported*; one whose counterpart says otherwise (side flipped,
negative test turned positive, changed number, changed level or day, denied
symptom asserted) is a *contradiction*; in an abstention case (input without
examination findings) an unsupported objective finding is *invented*, and so is a
filled-in objective section. Every finding carries a severity: ``contradiction``,
``invented`` (no support) or ``inference`` (a diagnosis offered as a hedge, "kan være
forenlig med ..."). Both texts are first normalised (:mod:`gate.clinical.normalise`:
clinic shorthand written out), and findings point at the original output. Plan
commitments are facts: doses, referrals and their target, treatments, follow-up
intervals, sick-leave grades; suspicions and recommended tests in the plan are not
findings (regions, symptoms, tests, exam findings there are not checked).
"""

from __future__ import annotations

import re
from collections import defaultdict

from .anchored import _POLARITY as POLARITY_WORD
from .anchored import anchored_contradictions, dominance_contradictions
from .base import PLAN_CUES, Doc, Fact, Finding
from .codes import CODE_CLAIMS
from .diagnoses import SHARED as DX_SHARED
from .diagnoses import EXCLUDED_BY, STRUCTURAL, SUPPORT
from .extract import extract_facts
from .numbers import counts_of_things
from .hedges import hedged
from .history import CONDITIONS
from .plan import FOLLOW_UP, PLAN_WORDS, TARGET_LEX, conditional
from .regions import RADIATES_TO, compatible
from .surface import words_present

SIDE_NO = {"right": "høyre", "left": "venstre", "both": "bilateralt", None: "ingen side"}
OBJECTIVE_TYPES = {"test", "exam", "imaging", "imaging_result"}
ABSTAIN_RE = re.compile(r"ikke\s+(?:undersøkt|utført|gjort|oppgitt|beskrevet|tilgjengelig|relevant|dokumentert)|"
                        r"ingen\s+(?:undersøkelse|funn\s+(?:oppgitt|beskrevet|tilgjengelig)|objektive)|"
                        r"foreligger\s+ikke|mangler|ukjent|ikke\s+vurdert|ikke\s+aktuelt|^[\s\-–—.]*$|"
                        r"må\s+undersøkes|undersøkes\s+ved|avventer|ved\s+(?:neste|første)\s+(?:time|konsultasjon)",
                        re.IGNORECASE)


def _by_type(facts: list[Fact]) -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        out[f.type].append(f)
    return out


def _fmt_num(v: tuple[float, float]) -> str:
    def one(x: float) -> str:
        return str(int(x)) if x == int(x) else str(x)
    return one(v[0]) if v[0] == v[1] else f"{one(v[0])}-{one(v[1])}"


PLAN_ITEM_TYPES = {"number", "referral", "treatment"}
# Shorthand the extractors read as written: left alone, a text without other shorthand stays the very
# string the terminology scorer analyses, so both share one analysis (Doc.of).
NATIVE_FORMS = frozenset({"hø", "hø.", "ve", "ve.", "bilat", "bilat.", "neg", "neg.", "pos", "pos.", "ua", "u.a.",
                          "mnd", "mnd."})
SHARED_AS = {"sciatica": "radiation", "osteoarthritis": "degeneration"}  # diagnosis -> imaging result / symptom
# Finding types whose word alone, found in the input, supports them (not imaging, numbers, drugs, times:
# "MR" in "ønsker MR" does not support "MR viste ...").
WORD_SUPPORTED = {"region", "symptom", "exam", "history", "diagnosis", "treatment", "referral"}
_STEM_WORD = re.compile(r"[^\W\d_]{4,}")


def _words_in(surface: str, input_lower: str) -> bool:
    """Whether every word of ``surface`` (its stem: inflection cut off) occurs in the input text."""
    words = _STEM_WORD.findall(surface.lower())
    return bool(words) and all(w[:max(4, len(w) - 3)] in input_lower for w in words)
FINDING_TYPE = {"year": None, "acuity": "diagnosis", "referral": "plan", "treatment": "plan", "follow_up": "plan",
                "activity": "plan"}


def check_output(prompt: str, output: str, *, abstention: bool = False) -> list[Finding]:
    """Hallucinations in ``output`` given its input ``prompt`` (see module docstring)."""
    from gate.clinical.normalise import expand_with_map

    expanded = expand_with_map(output, NATIVE_FORMS)
    odoc = Doc.of(expanded.text)
    pdoc = Doc.of(expand_with_map(prompt, NATIVE_FORMS).text)
    inp = _by_type(extract_facts(pdoc))
    for g in inp["number"]:
        g.extra["follow_up"] = _in_follow_up(pdoc, g.start)
    # a referral target named anywhere in the input ("bittskinne fra tannlege") supports a referral to it
    inp["_targets"] = {m.key for m in TARGET_LEX.finditer(pdoc)}
    for g in inp["referral"]:
        g.extra["conditional"] = conditional(pdoc, g.start)
    inp["_conditional_referral"] = any(conditional(pdoc, g.start) for g in inp["referral"])
    _add_code_claims(inp)
    inp["_text"] = pdoc.lower
    inp["_pdoc"] = pdoc  # (counts_of_things read lazily: most outputs' numbers are all in the input)
    inp["_has_plan"] = bool(inp["treatment"] or inp["referral"] or inp["follow_up"] or PLAN_WORDS.search(pdoc.text))
    findings: list[Finding] = []

    def add(f: Fact, reason: str, kind: str = "unsupported", span: tuple[int, int] | None = None) -> None:
        if abstention and (kind == "unsupported" or (kind == "inference" and f.type == "exam")) \
                and (f.type in OBJECTIVE_TYPES or (f.type == "number" and f.key == "deg")):
            # (an input without examination findings makes even a loosely worded normal finding invented)
            kind = "invented"
            reason = "objective finding in an input without examination findings: " + reason
        if kind == "unsupported" and f.type in WORD_SUPPORTED and words_present(f.text, inp["_text"]):
            return  # the input has the very words: inflected, in shorthand, inside or split from a compound
        if kind in ("unsupported", "contradiction") and f.type in WORD_SUPPORTED \
                and _gloss_of_input(odoc, f.start, inp["_text"]):
            kind = "inference"  # "coxitis simplex (forbigående synovitt i hoften)": a gloss of the input's term
            reason = "explains a term of the input in parentheses: " + reason
        start, end = span or (f.start, f.end)
        ftype = FINDING_TYPE.get(f.type, f.type) or {"imaging": "imaging", "history": "history"}.get(f.key, "timing")
        findings.append(Finding(ftype, f.text, start, end, reason, kind))

    ofacts = extract_facts(odoc)
    for f in ofacts:
        if f.type == "number":
            f.extra["follow_up"] = _in_follow_up(odoc, f.start)
            f.extra["doc"] = odoc
        if f.type in PLAN_ITEM_TYPES or f.type == "diagnosis":
            f.extra["plan_section"] = odoc.section_kind(f.start) == "plan"
            f.extra["conditional"] = conditional(odoc, f.start)
            f.extra["doc"] = odoc
        elif f.type == "exam":
            f.extra["doc"] = odoc
        elif f.type == "level":
            f.extra["hedged"] = hedged(odoc, f.start)
        if f.type == "symptom":
            f.extra["doc"] = odoc
        if f.plan and f.type in ("red_flag", "symptom"):
            # in the P section but stated as a finding ("Har hatt nattsmerter"): still a fact
            ss, se = odoc.sentence(f.start)
            f.extra["plan_cue"] = bool(PLAN_CUES.search(odoc.text, ss, se))
        check = _CHECKS.get(f.type)
        if check is not None:
            check(f, inp, add)
    for s, e, attr, reason in anchored_contradictions(pdoc, odoc, _judged_spans(ofacts, odoc)):
        ftype, what = {"side": ("region", "laterality"), "polarity": ("test", "test result"),
                       "grade": ("diagnosis", "type or grade"), "compartment": ("region", "laterality"),
                       "frequency": ("medication", "frequency")}[attr]
        findings.append(Finding(ftype, odoc.text[s:e], s, e, f"{what}: {reason}", "contradiction"))
    for s, e, reason in dominance_contradictions(pdoc, odoc):
        findings.append(Finding("region", odoc.text[s:e], s, e, "laterality: " + reason, "contradiction"))
    if abstention:
        for s, e, kind in odoc.sections:
            body = odoc.text[s:e].strip()
            if kind == "objective" and not ABSTAIN_RE.search(body):
                findings.append(Finding("objective_section", body[:80], s, e,
                                        "objective section filled in although the input has no examination findings",
                                        "invented"))
    seen, unique = set(), []
    for x in sorted(findings, key=lambda x: (x.start, x.type)):
        if (x.type, x.start) not in seen:
            seen.add((x.type, x.start))
            s, e = expanded.to_original(x.start, x.end)
            unique.append(Finding(x.type, output[s:e], s, e, x.reason, x.kind))
    return unique


_PAREN_BEFORE = re.compile(r"([^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)\s*\($")


def _gloss_of_input(odoc: Doc, pos: int, input_lower: str) -> bool:
    """Whether ``pos`` lies inside parentheses right after words the input has ("coxitis simplex (...)")."""
    open_ = odoc.text.rfind("(", max(0, pos - 80), pos)
    if open_ < 0 or ")" in odoc.text[open_:pos]:
        return False
    before = _PAREN_BEFORE.search(odoc.text, max(0, open_ - 40), open_ + 1)
    return bool(before) and words_present(before.group(1), input_lower)


def _judged_spans(ofacts: list[Fact], odoc: Doc) -> set[tuple[int, int]]:
    """Side and result words a lexicon check already judges: the side of a region, test or exam finding
    that is checked (not in the plan, not denied), and the result word of a named test."""
    spans = {f.extra.get("side_span") for f in ofacts if f.extra.get("side_span") and not f.plan and not f.negated}
    for f in ofacts:
        if f.type == "test" and f.value is not None:
            spans |= {m.span() for m in POLARITY_WORD.finditer(odoc.text, f.start, f.end)}
    return spans


def _add_code_claims(inp) -> None:
    """A diagnosis code in the input states what its title says: "L86" is back pain with radiation, so
    an output that writes the code out ("ryggsyndrom med smerteutstråling") adds nothing."""
    for g in list(inp["code"]):
        claim = CODE_CLAIMS.get(g.extra["base"])
        if claim is None:
            continue
        needs, radiation = claim
        for key in needs:
            inp["region"].append(Fact("region", key, None, g.text, g.start, g.end, extra={"from_code": True}))
        if radiation is not None:
            inp["symptom"].append(Fact("symptom", "radiation", None, g.text, g.start, g.end, negated=not radiation))


def _in_follow_up(doc: Doc, pos: int) -> bool:
    """Whether the sentence around ``pos`` books a follow-up ("Kontroll om 2 uker", "Ko 1 u")."""
    ss, se = doc.sentence(pos)
    return bool(FOLLOW_UP.search(doc.text, ss, se))


def failing(findings: list[Finding], *, fail_on_inference: bool = False) -> list[Finding]:
    """The findings that fail the gate: contradictions and inventions, and inferences only when
    ``fail_on_inference`` (``[hallucination] fail_on_inference`` in chirogate.toml)."""
    return [f for f in findings if f.severity != "inference" or fail_on_inference]


def _with_side(f: Fact) -> tuple[int, int]:
    """The span of a fact together with its side word ("høyre ... skulder"), for laterality findings."""
    ss = f.extra.get("side_span")
    return (min(f.start, ss[0]), max(f.end, ss[1])) if ss else (f.start, f.end)


def _region(f: Fact, inp, add) -> None:
    if f.plan or f.negated:
        return
    same = [g for g in inp["region"] if compatible(g.key, f.key) and not g.negated]
    if not same and f.extra.get("radiating") and any(not g.negated for g in inp["symptom"] if g.key == "radiation") \
            and any(f.key in RADIATES_TO.get(g.key, ()) for g in inp["region"] if not g.negated):
        return  # "utstråling til venstre ben" from a lumbar radicular pain that names no limb
    if not same:
        if f.extra.get("symptomatic") or f.extra.get("own_side"):
            add(f, f"region '{f.key}' is not in the input")
        return
    if not f.extra.get("own_side"):
        return
    sides = {g.side for g in same if g.side}
    if f.side in sides:
        return
    if "both" in sides and f.side in ("right", "left"):
        # one side of a bilateral complaint is fine next to the other; alone it narrows what the input says
        if sides != {"both"} or not f.extra.get("symptomatic") or f.extra.get("sentence_sides") != {f.side}:
            return
    if sides:
        add(f, f"laterality: output says {SIDE_NO[f.side]}, input says {', '.join(SIDE_NO[s] for s in sorted(sides))}",
            "contradiction", _with_side(f))
    else:
        add(f, f"laterality {SIDE_NO[f.side]} is not in the input", span=_with_side(f))


def _test(f: Fact, inp, add) -> None:
    if f.plan:
        return
    same = [g for g in inp["test"] if g.key == f.key]
    if not same:
        add(f, f"test '{f.key}' is not in the input")
        return
    if f.value is None:
        return
    agree = [g for g in same if g.value == f.value]
    if not agree:
        if any(g.value for g in same):
            add(f, f"test result: output says {f.value}, input says {same[0].value}", "contradiction")
        else:
            add(f, f"test result {f.value} is not in the input")
        return
    if f.side and f.side != "both":
        in_sides = {g.side for g in agree if g.side}
        if in_sides and f.side not in in_sides and "both" not in in_sides:
            add(f, f"test side: output says {SIDE_NO[f.side]}, input says "
                   f"{', '.join(SIDE_NO[s] for s in sorted(in_sides))}", "contradiction", _with_side(f))


# Durations in minutes (low, high factor): "14 dager" is "to uker", "en måned" is about four weeks.
DURATION = {"minute": (1, 1), "hour": (60, 60), "day": (1440, 1440), "week": (10080, 10080),
            "month": (40320, 44640), "year": (525600, 527040)}


def _as_minutes(key: str, v: tuple[float, float]) -> tuple[float, float]:
    a, b = DURATION[key]
    return v[0] * a, v[1] * b


# Counts of the same thing under different words: "behandlet 5 ganger" = "fem behandlinger", "Beh 4x".
SAME_COUNT = {"times": {"treatments"}, "treatments": {"times"}, "day": {"per_week"}}


def _number(f: Fact, inp, add) -> None:
    # A number in the plan is a commitment (dose, interval, sick-leave grade), checked like any other.
    same = [g for g in inp["number"] if g.key == f.key or g.key in SAME_COUNT.get(f.key, ())]
    if f.extra.get("follow_up") and any(g.extra.get("follow_up") for g in same):
        # "kontroll om 1 uke" answers the input's follow-up ("Ko 2 u"), not its history ("smerter 1 u")
        same = [g for g in same if g.extra.get("follow_up")]
    lo, hi = f.value
    if any(g.value[0] <= lo and hi <= g.value[1] for g in same):
        return
    same = [g for g in same if g.key == f.key] or same
    if f.key in DURATION:
        olo, ohi = _as_minutes(f.key, f.value)
        other = [g for g in inp["number"] if g.key in DURATION and g.key != f.key]
        if any(olo <= _as_minutes(g.key, g.value)[1] and _as_minutes(g.key, g.value)[0] <= ohi for g in other):
            return
        if not same and other and f.key not in ("year",):
            same = [g for g in other if g.key != "year"]
    if f.plan:
        # a follow-up interval or dose in the plan compares with the input's plan, not its history
        same = [g for g in same if g.plan]
        if not same and (f.extra.get("conditional") or (f.extra.get("plan_section") and not inp["_has_plan"])):
            add(f, f"number '{f.text}' in a proposed plan; the input has no plan", "inference")
            return
    if not same and f.key == "times" and lo == hi and _counted_thing(f, inp):
        return  # "har falt to ganger" for "to fall"
    if not same and _unit_abbreviated(f, inp):
        return  # "200 meter" for "200 m": the input's word after the number is shorthand of the output's unit
    if lo == hi == 1 and _one_with_article(f, inp):
        return  # "ett år" for "et år": the article and the number are one word apart in spelling only
    if not same and lo == hi and _bare_value(lo, inp):
        return  # "temperaturen til 37,4" -> "37,4 grader": the input's very value, the unit written out
    if same:
        add(f, f"number changed: output {_fmt_num(f.value)} {f.key}, input "
               f"{', '.join(sorted({_fmt_num(g.value) for g in same}))}", "contradiction")
    else:
        add(f, f"number '{f.text}' is not in the input")


def _one_with_article(f: Fact, inp) -> bool:
    unit = _UNIT_WORD.search(f.text.lower())
    return bool(unit) and bool(re.search(r"\b(?:en|ei|et|ett|én)\s+(?:\w+\s+)?" + re.escape(unit.group(1)[:3]),
                                          inp["_text"]))


def _bare_value(v: float, inp) -> bool:
    """Whether the input writes the value as a decimal number with no unit after it ("37,4.")."""
    if v == int(v):
        return False  # a whole number alone ("2") is too common to stand for any quantity
    text = f"{v:g}"
    pattern = r"(?<![\d.,])" + re.escape(text).replace(r"\.", "[.,]") + r"(?![\d]|[.,]\d)(?!\s*[^\W\d_])"
    return bool(re.search(pattern, inp["_text"]))


def _counts(inp) -> list[tuple[float, str]]:
    if "_counts" not in inp:
        inp["_counts"] = counts_of_things(inp["_pdoc"])
    return inp["_counts"]


def _counted_thing(f: Fact, inp) -> bool:
    """Whether the input counts the same number of a thing the output's sentence names ("to fall" and
    "har falt to ganger"): the thing's first letters begin a word of that sentence."""
    doc = f.extra.get("doc")
    if doc is None:
        return False
    ss, se = doc.sentence(f.start)
    words = {w[:3] for w in _LETTERS.findall(doc.lower[ss:se])}
    return any(v == f.value[0] and noun[:3] in words for v, noun in _counts(inp))


_LETTERS = re.compile(r"[^\W\d_]{3,}")
_UNIT_WORD = re.compile(r"([^\W\d_]+)\W*$")


def _unit_abbreviated(f: Fact, inp) -> bool:
    """Whether the input writes the output's number (both ends of a range) right before shorthand of the
    output's unit word ("200 m" for "200 meter", "30 km/uke" for "30 kilometer i uken")."""
    unit = _UNIT_WORD.search(f.text.lower())
    if unit is None:
        return False
    word = unit.group(1)
    values = {v for v, w in _counts(inp) if w == word or (len(w) < len(word) and word.startswith(w))}
    return f.value[0] in values and f.value[1] in values


def _level(f: Fact, inp, add) -> None:
    levels = inp["level"]
    if any(g.key == f.key for g in levels):
        return
    if f.extra.get("hedged") and not levels:
        add(f, f"spinal level {f.key} in a hedged reading; the input names no level", "inference")
        return
    segs = {s for g in levels for s in g.value}
    if all(s in segs for s in f.value):
        return
    same_spine = [g.key for g in levels if g.extra["spine"] == f.extra["spine"]]
    if same_spine:
        add(f, f"spinal level changed: output {f.key}, input {', '.join(sorted(set(same_spine)))}", "contradiction")
    else:
        add(f, f"spinal level {f.key} is not in the input")


def _code(f: Fact, inp, add) -> None:
    in_codes = [g for g in inp["code"] if g.value == f.value]
    if in_codes:
        if not any(g.key == f.key or g.extra["base"] == f.extra["base"] for g in in_codes):
            add(f, f"code changed: output {f.key}, input {', '.join(sorted({g.key for g in in_codes}))}",
                "contradiction")
        return
    claim = CODE_CLAIMS.get(f.extra["base"])
    if claim is None:
        return
    needs, radiation = claim
    present = {g.key for g in inp["region"] if not g.negated} | {g.key for g in inp["symptom"] if not g.negated}
    if not any(compatible(n, p) for n in needs for p in present):
        add(f, f"code {f.key} needs {'/'.join(sorted(needs))} but the input has none of these", "contradiction")
        return
    rad = [g for g in inp["symptom"] if g.key == "radiation"]
    rad_pos = any(not g.negated for g in rad)
    rad_neg = any(g.negated for g in rad)
    if radiation is True and not rad_pos:
        if rad_neg:
            add(f, f"code {f.key} means radiating pain, the input says no radiation", "contradiction")
        else:
            add(f, f"code {f.key} means radiating pain, the input does not mention radiation")
    elif radiation is False and rad_pos and not rad_neg:
        add(f, f"code {f.key} means no radiating pain, the input describes radiation", "contradiction")


def _polar(label: str):
    def check(f: Fact, inp, add) -> None:
        if f.plan and f.type != "medication" and f.extra.get("plan_cue", True):
            return  # a suspicion or advice; a drug in the plan is prescribed or advised: still a fact
        same = [g for g in inp[f.type] if g.key == f.key]
        if f.type == "red_flag":
            generic = [g for g in inp["red_flag"] if g.key == "no_red_flags" or g.negated]
            if f.key == "no_red_flags":
                if not generic:
                    add(f, "'no red flags' is not in the input")
                return
            if f.negated and not same and any(g.key == "no_red_flags" for g in generic):
                return
        if not same and f.key == "stiffness" and not f.negated \
                and (any(g.key == "mobility" and g.value == "abnormal" for g in inp["exam"])
                     or STIFF_WORDS.search(inp["_text"])):
            return  # "stivhet i L4-L5" for "hypomob L4-L5": the examiner's stiffness, in other words
        if not same:
            add(f, f"{label} '{f.key}'{' (denied)' if f.negated else ''} is not in the input")
            return
        if not any(g.negated == f.negated for g in same):
            # "benekter nummenhet i setet" beside the input's "nummenhet fotrygg": a denial at another place
            # contradicts nothing; a denial with no place, or at the input's place, does
            elsewhere = f.type == "symptom" and f.negated and _elsewhere(f, same, inp)
            add(f, f"{label} '{f.key}': output {'denies' if f.negated else 'asserts'} it, input "
                   f"{'asserts' if f.negated else 'denies'} it", "inference" if elsewhere else "contradiction")
    return check


def _imaging(f: Fact, inp, add) -> None:
    same = [g for g in inp["imaging"] if g.key == f.key]
    if any(g.negated == f.negated for g in same):
        return
    if same:  # "Rtg ikke tatt" against "røntgen viste ...": an examination the input says was not done
        add(f, f"imaging '{f.key}': the input says it was not done", "contradiction")
        return
    add(f, f"imaging '{f.key}' result is not in the input")


def _imaging_result(f: Fact, inp, add) -> None:
    if f.plan:
        return
    same = [g for g in inp["imaging_result"] if g.key == f.key]
    if same and all(g.plan for g in same):
        # "Ønsker rtg for å vurdere artrose": the input asks the question; the output reports the answer
        add(f, f"imaging result '{f.key}' is only a question in the input (an examination ordered)")
        return
    if not same:
        add(f, f"imaging result '{f.key}' is not in the input")
    elif not any(g.negated == f.negated for g in same):
        add(f, f"imaging result '{f.key}': polarity differs from the input", "contradiction")
    elif f.value and not any(g.value in (f.value, None) for g in same):
        add(f, f"imaging result '{f.key}': output grades it {f.value}, input "
               f"{', '.join(sorted({g.value for g in same if g.value}))}", "contradiction", f.extra.get("graded_span"))


def _timing(f: Fact, inp, add) -> None:
    same = [g for g in inp["timing"] if g.key == f.key]
    if any(g.value == f.value for g in same):
        return
    if same:
        add(f, f"{f.key} changed: output '{f.text}', input {', '.join(repr(g.text) for g in same)}", "contradiction")
    else:
        add(f, f"{f.key} '{f.text}' is not in the input")


TOE_HEEL_WALK = re.compile(r"^(?:tå|hæl)", re.IGNORECASE)


def _exam(f: Fact, inp, add) -> None:
    if f.plan:
        return
    same = [g for g in inp["exam"] if g.key == f.key]
    if not same and f.key.startswith("reflex_") and not any(g.key.startswith("reflex_") for g in inp["exam"]):
        same = [g for g in inp["exam"] if g.key == "reflexes"]  # "reflekser ua" covers each named reflex
    if not same and f.key == "strength":  # "tågang/hælgang svak" is the strength of the calf or the dorsiflexors
        same = [g for g in inp["exam"] if g.key == "gait" and TOE_HEEL_WALK.search(g.text)]
    if not same and f.key == "reflexes":  # "normale reflekser" against "nedsatt bicepsrefleks"
        same = [g for g in inp["exam"] if g.key.startswith("reflex_")]
    if f.value == "abnormal" and f.key == "strength" and not any(g.value == "abnormal" for g in same) \
            and WEAKNESS.search(inp["_text"]):
        return  # "kraft 4/5" for "Svak hofteabd. 4/5", "Jobe svakhet": the input grades or names the weakness
    if f.value == "normal" and same and _partial_normal(f):
        return  # "rotasjon nedsatt, ellers fri bevegelighet": the rest is normal, beside the input's finding
    if not same:
        # precision first: a normal range of motion the input does not state is a reading ("nakken er fri" ->
        # "fri bevegelighet"), reported, not failing; an abnormal finding, or a neurological examination
        # reported normal, is an invented finding
        soft = f.value == "normal" and f.key in SOFT_NORMAL
        add(f, f"examination finding '{f.key}' is not in the input", "inference" if soft else "unsupported")
    elif not any(g.value == f.value for g in same):
        # an abnormal finding against the input's normal one is a contradiction; a normal one against the
        # input's abnormal one only where both speak of the same place or movement ("fleksjon ua" against
        # "fleksjon nedsatt"): "rotasjon nedsatt ... fri bevegelighet" may judge different movements
        kind = "contradiction" if f.value == "abnormal" or _shares_anchor(f, same, inp) else "inference"
        add(f, f"examination finding '{f.key}': output {f.value}, input {same[0].value}", kind)
    elif f.side and f.side != "both":
        sides = {g.side for g in same if g.value == f.value and g.side}
        if sides and f.side not in sides and "both" not in sides:
            add(f, f"examination finding '{f.key}' side: output {SIDE_NO[f.side]}, input "
                   f"{', '.join(SIDE_NO[x] for x in sorted(sides))}", "contradiction", _with_side(f))


STIFF_WORDS = re.compile(r"\blåst\w*|\bhypomob\w*|\bspasme\w*|\bmuskelspasme\w*")  # "låst nakke" -> "stiv nakke"
SOFT_NORMAL = {"mobility", "posture", "gait", "weight_bearing"}
WEAKNESS = re.compile(r"\bsvak\w*|\bkraftsvikt|\bkraftnedsett\w*|\bparese|\b[0-4](?:[,.]5)?\s*/\s*5\b", re.IGNORECASE)
_PARTIAL = re.compile(r"\b(?:ellers|øvrig\w*|for\s+øvrig|resten|utover\s+dette)\b", re.IGNORECASE)
# words that judge or name a kind of finding, not where it is: no anchor
_EXAM_GENERIC = re.compile(r"^(?:bevegel|normal|redus|nedsat|begren|smert|undersø|palpa|funn|aktiv|passiv|fri|full|"
                           r"lett|noe|tydel|klar|uten|ingen|ikke|side|høyre|venst|bilat|grader|både|omtren|cirka)")


def _partial_normal(f: Fact) -> bool:
    doc = f.extra.get("doc")
    if doc is None:
        return False
    cs, _ = doc.clause(f.start)
    return bool(_PARTIAL.search(doc.text, max(0, cs - 2), f.end))


def _anchors(doc: Doc, start: int) -> set[str]:
    cs, ce = doc.clause(start)
    return {w[:5] for w in _STEM_WORD.findall(doc.lower[cs:ce]) if not _EXAM_GENERIC.match(w)}


def _shares_anchor(f: Fact, same: list[Fact], inp) -> bool:
    """Whether the output's finding and an input finding of the same kind name the same place or movement
    (a content word of both clauses, by its first five letters)."""
    doc = f.extra.get("doc")
    if doc is None:
        return True
    mine = _anchors(doc, f.start)
    my_sides = _clause_sides(doc, f.start)
    return any(mine & _anchors(inp["_pdoc"], g.start) and not (my_sides and (their := _clause_sides(inp["_pdoc"], g.start))
                                                              and not my_sides & their
                                                              and "both" not in my_sides | their)
               for g in same if g.value != f.value)


def _clause_sides(doc: Doc, pos: int) -> set[str]:
    """The sides named in the clause around ``pos`` ("mens venstre hofte har fri bevegelighet": left)."""
    from .regions import SIDE_LEX
    cs, ce = doc.clause(pos)
    return {m.key for m in SIDE_LEX.finditer(doc, cs, ce)}


_DENY_WORDS = re.compile(r"^(?:benekt|avkref|ingen|uten|ikke|hverke|verken|eller|heller|noen|noe|tegn|plage|symptom|"
                         r"pasie|hun$|han$|har$|hadde)")


def _place_words(doc: Doc, start: int) -> set[str]:
    cs, ce = doc.clause(start)
    return {w[:5] for w in _STEM_WORD.findall(doc.lower[cs:ce]) if not _DENY_WORDS.match(w)}


def _elsewhere(f: Fact, same: list[Fact], inp) -> bool:
    """Whether the output's denied symptom names a place (a content word of its clause besides the symptom
    and the denial) that no clause of the input's asserted symptom names."""
    doc = f.extra.get("doc")
    if doc is None:
        return False
    mine = _place_words(doc, f.start) - _place_words(doc, f.start).intersection({w[:5] for w in
                                                                                 _STEM_WORD.findall(f.text.lower())})
    return bool(mine) and not any(mine & _place_words(inp["_pdoc"], g.start) for g in same if not g.negated)


def _diagnosis(f: Fact, inp, add) -> None:
    if f.negated or (f.key in DX_SHARED and f.extra.get("imaging")):
        return  # "MR viser prolaps": an imaging result, checked as one
    same = [g for g in inp["diagnosis"] if g.key == f.key]
    if any(not g.negated for g in same):
        return
    if f.key in DX_SHARED and any(g.key == SHARED_AS.get(f.key, f.key) and not g.negated
                                  for g in inp["imaging_result"] + inp["symptom"]):
        return  # "prolaps", "isjias" in the input as an imaging result or symptom support the name
    if same:
        add(f, f"diagnosis '{f.key}': the input rules it out", "contradiction")
        return
    ruled_out = [g for t, k, says in EXCLUDED_BY.get(f.key, ()) for g in inp[t] if g.key == k and not g.plan
                 and (g.negated if says == "denied" else g.value == says)]
    if ruled_out and not f.extra.get("hedged"):
        add(f, f"diagnosis '{f.key}': the input's '{ruled_out[0].text}' rules it out", "contradiction")
        return
    present = {g.key for t in ("region", "symptom") for g in inp[t] if not g.negated}
    if f.extra.get("probable") and f.key in STRUCTURAL and not inp["imaging"] \
            and not f.extra.get("plan_section") and not f.plan:
        # "trolig en stressfraktur": a lesion only an image shows, read as probable from an input that has none
        add(f, f"diagnosis '{f.key}' needs imaging; the input has none and does not name it")
    elif f.extra.get("hedged") or f.extra.get("plan_section"):
        add(f, f"diagnosis '{f.key}' offered as a possibility; the input does not state it", "inference")
    elif f.key not in STRUCTURAL and any(compatible(k, p) for k in SUPPORT.get(f.key, ()) for p in present):
        add(f, f"diagnosis '{f.key}' is a reading of the input's findings; the input does not state it", "inference")
    else:
        add(f, f"diagnosis '{f.key}' is not in the input and nothing in it supports it")


def _acuity(f: Fact, inp, add) -> None:
    """"Kroniske korsryggsmerter" for a week of pain contradicts the input; so does "akutt" for ten years."""
    if f.negated or f.plan or any(g.key == f.key and not g.negated for g in inp["acuity"]):
        return
    # durations of the complaint; "44 år" is an age, so years count only below 16
    days = [_as_minutes(g.key, g.value)[1] / 1440 for g in inp["number"]
            if g.key in ("day", "week", "month") and not g.plan or (g.key == "year" and g.value[1] < 16)]
    other = "chronic" if f.key == "acute" else "acute"
    if any(g.key == other and not g.negated for g in inp["acuity"]):
        add(f, f"diagnosis qualifier '{f.text}': the input says {other}", "contradiction")
    elif days and f.key == "chronic" and max(days) < 84:
        add(f, f"diagnosis qualifier '{f.text}': the input's history is {max(days):.0f} days", "contradiction")
    elif days and f.key == "acute" and min(days) > 84:
        add(f, f"diagnosis qualifier '{f.text}': the input's history is {min(days):.0f} days", "contradiction")


def _history(f: Fact, inp, add) -> None:
    if f.plan:
        return
    same = [g for g in inp["history"] if g.key == f.key]
    if f.extra.get("named") and not f.negated:
        # "korsbåndsrekonstruksjon": a named operation needs its own words in the input, not any operation
        # ("eventuell artroskopi" asked for in a referral)
        if not words_present(f.text, inp["_text"]):
            add(f, f"operation '{f.text}' is not in the input")
        return
    if any(g.negated == f.negated for g in same):
        return
    if not same and not f.negated and any(form.rstrip("$") in inp["_text"] for form in CONDITIONS[f.key]):
        return  # inside a compound of the input: "kneartroskopi", "prolapsoperasjon"
    if f.key == "regular_medication" and not f.negated and any(not g.negated and not g.plan for g in inp["medication"]):
        return  # "Faste medisiner: Metformin" for "Bruker Metformin"
    if same:
        add(f, f"history '{f.key}': output {'denies' if f.negated else 'asserts'} it, input "
               f"{'asserts' if f.negated else 'denies'} it", "contradiction")
    else:
        add(f, f"history '{f.key}'{' (denied)' if f.negated else ''} is not in the input")


def _year(f: Fact, inp, add) -> None:
    years = inp["year"]
    if any(g.value == f.value for g in years):
        return
    if years:
        add(f, f"year changed: output {f.value}, input {', '.join(sorted({str(g.value) for g in years}))}",
            "contradiction")
    else:
        add(f, f"year {f.value} is not in the input")


def _proposal(f: Fact, inp) -> bool:
    """A plan item the model proposes for an input that gives no plan at all (its P section for findings
    only), or a conditional safety net ("henvis til fastlege ved forverring"): a reading, not an invention."""
    return bool(f.extra.get("conditional")) or (f.extra.get("plan_section") and not inp["_has_plan"])


def _referral(f: Fact, inp, add) -> None:
    if f.negated:
        return
    if f.key in inp["_targets"]:
        considered = [g for g in inp["referral"] if g.key == f.key]
        if considered and all(g.extra.get("conditional") for g in considered) and not f.extra.get("conditional") \
                and not f.plan and not _hedged_plan(f):
            # "Vurd. henv. ortoped hvis ikke bedre" against "Henvist til ortoped": a decision not yet made
            add(f, f"referral to '{f.key}': the input only considers it (conditional), the output makes it",
                "invented")
        return
    refs = sorted({g.key for g in inp["referral"]})
    # "henvises til nevrokirurg dersom ..." against the input's "henvise til MR dersom ...": the same decision,
    # another target
    if refs and (not f.extra.get("conditional") or inp["_conditional_referral"]):
        add(f, f"referral to '{f.key}', the input refers to {', '.join(refs)}", "contradiction")
    elif _proposal(f, inp):
        add(f, f"referral to '{f.key}' proposed; the input has no such plan", "inference")
    else:
        add(f, f"referral to '{f.key}' is not in the input")


_PLAN_HEDGE = re.compile(r"\b(?:vurder\w*|kan\s+bli|aktuel\w*|eventuel\w*|evt\.?|mulig\w*|kan\s+være)\b",
                         re.IGNORECASE)


def _hedged_plan(f: Fact) -> bool:
    doc = f.extra.get("doc")
    if doc is None:
        return False
    ss, se = doc.sentence(f.start)
    return bool(_PLAN_HEDGE.search(doc.text, ss, se))


def _treatment(f: Fact, inp, add) -> None:
    if f.negated:
        return
    same = [g for g in inp["treatment"] if g.key == f.key]
    if any(not g.negated for g in same):
        return
    if same:
        add(f, f"treatment '{f.key}': the input rules it out", "contradiction")
        return
    if _proposal(f, inp):
        add(f, f"treatment '{f.key}' proposed; the input has no plan", "inference")
    else:
        add(f, f"treatment '{f.key}' is not in the input")


_FOLLOW_UP_SAYS = {True: "plans a follow-up", False: "ends the treatment", "prn": "leaves follow-up to the patient"}


def _follow_up(f: Fact, inp, add) -> None:
    if f.negated:
        return
    given = {g.value for g in inp["follow_up"] if not g.negated}
    if given and f.value not in given and not (f.value == "prn" and False in given):
        # "ko ved behov" after "avsluttet" is one decision; a booked "kontroll om én uke" is another. Against an
        # as-needed follow-up, a booking is a decision nobody made (invented); against an end, a contradiction.
        kind = "unsupported" if "prn" in (f.value, *given) and False not in (f.value, *given) else "contradiction"
        add(f, f"follow-up: output {_FOLLOW_UP_SAYS[f.value]}, the input "
               f"{' and '.join(_FOLLOW_UP_SAYS[v] for v in sorted(given, key=str))}", kind)


def _activity(f: Fact, inp, add) -> None:
    """A full break where the input advised less or staying active (or the reverse) changes the plan."""
    given = {g.value for g in inp["activity"] if not g.negated}
    if f.negated or not given or f.value in given or words_present(f.text, inp["_text"]):
        return  # (the input gives the very advice in its words: "Beh: avlastning" beside "pause fra hopp")
    if f.value == "rest" or "rest" in given:
        add(f, f"activity advice: output says {f.value}, the input {', '.join(sorted(given))}", "contradiction")


_CHECKS = {"region": _region, "test": _test, "number": _number, "level": _level, "code": _code,
           "medication": _polar("medication"), "red_flag": _polar("red flag"), "symptom": _polar("symptom"),
           "imaging": _imaging, "imaging_result": _imaging_result, "timing": _timing, "exam": _exam,
           "diagnosis": _diagnosis, "history": _history, "year": _year, "referral": _referral,
           "treatment": _treatment, "follow_up": _follow_up, "activity": _activity, "acuity": _acuity}
