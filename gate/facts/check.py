"""Compare the facts an output asserts with the facts in its input.

Every fact the output asserts must be supported by the input. A fact with no
counterpart is *unsupported*; one whose counterpart says otherwise (side flipped,
negative test turned positive, changed number, changed level or day, denied
symptom asserted) is a *contradiction*; in an abstention case (input without
examination findings) an unsupported objective finding is *invented*, and so is a
filled-in objective section. Recommendations and suspicions in the plan are not
findings and are not checked (except codes, levels and timing, which are never hedges).
"""

from __future__ import annotations

import re
from collections import defaultdict

from .base import Doc, Fact, Finding
from .codes import CODE_CLAIMS
from .extract import extract_facts
from .regions import compatible

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


def check_output(prompt: str, output: str, *, abstention: bool = False) -> list[Finding]:
    """Hallucinations in ``output`` given its input ``prompt`` (see module docstring)."""
    odoc = Doc.of(output)
    inp = _by_type(extract_facts(prompt))
    findings: list[Finding] = []

    def add(f: Fact, reason: str, kind: str = "unsupported") -> None:
        if abstention and kind == "unsupported" and (f.type in OBJECTIVE_TYPES or (f.type == "number" and f.key == "deg")):
            kind = "invented"
            reason = "objective finding in an input without examination findings: " + reason
        findings.append(Finding(f.type, f.text, f.start, f.end, reason, kind))

    for f in extract_facts(odoc):
        check = _CHECKS.get(f.type)
        if check is not None:
            check(f, inp, add)
    if abstention:
        for s, e, kind in odoc.sections:
            body = output[s:e].strip()
            if kind == "objective" and not ABSTAIN_RE.search(body):
                findings.append(Finding("objective_section", body[:80], s, e,
                                        "objective section filled in although the input has no examination findings",
                                        "invented"))
    seen, unique = set(), []
    for x in sorted(findings, key=lambda x: (x.start, x.type)):
        if (x.type, x.start) not in seen:
            seen.add((x.type, x.start))
            unique.append(x)
    return unique


def _region(f: Fact, inp, add) -> None:
    if f.plan or f.negated:
        return
    same = [g for g in inp["region"] if compatible(g.key, f.key) and not g.negated]
    if not same:
        if f.extra.get("symptomatic") or f.extra.get("own_side"):
            add(f, f"region '{f.key}' is not in the input")
        return
    if not f.extra.get("own_side"):
        return
    sides = {g.side for g in same if g.side}
    if f.side in sides or ("both" in sides and f.side in ("right", "left")):
        return
    if sides:
        add(f, f"laterality: output says {SIDE_NO[f.side]}, input says {', '.join(SIDE_NO[s] for s in sorted(sides))}",
            "contradiction")
    else:
        add(f, f"laterality {SIDE_NO[f.side]} is not in the input")


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
                   f"{', '.join(SIDE_NO[s] for s in sorted(in_sides))}", "contradiction")


def _number(f: Fact, inp, add) -> None:
    if f.plan:
        return
    same = [g for g in inp["number"] if g.key == f.key]
    lo, hi = f.value
    if any(g.value[0] <= lo and hi <= g.value[1] for g in same):
        return
    if same:
        add(f, f"number changed: output {_fmt_num(f.value)} {f.key}, input "
               f"{', '.join(sorted({_fmt_num(g.value) for g in same}))}", "contradiction")
    else:
        add(f, f"number '{f.text}' is not in the input")


def _level(f: Fact, inp, add) -> None:
    levels = inp["level"]
    if any(g.key == f.key for g in levels):
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
        if f.plan:
            return
        same = [g for g in inp[f.type] if g.key == f.key]
        if f.type == "red_flag":
            generic = [g for g in inp["red_flag"] if g.key == "no_red_flags" or g.negated]
            if f.key == "no_red_flags":
                if not generic:
                    add(f, "'no red flags' is not in the input")
                return
            if f.negated and not same and any(g.key == "no_red_flags" for g in generic):
                return
        if not same:
            add(f, f"{label} '{f.key}'{' (denied)' if f.negated else ''} is not in the input")
            return
        if not any(g.negated == f.negated for g in same):
            add(f, f"{label} '{f.key}': output {'denies' if f.negated else 'asserts'} it, input "
                   f"{'asserts' if f.negated else 'denies'} it", "contradiction")
    return check


def _imaging(f: Fact, inp, add) -> None:
    if any(g.key == f.key for g in inp["imaging"]):
        return
    add(f, f"imaging '{f.key}' result is not in the input")


def _imaging_result(f: Fact, inp, add) -> None:
    if f.plan:
        return
    same = [g for g in inp["imaging_result"] if g.key == f.key]
    if not same:
        add(f, f"imaging result '{f.key}' is not in the input")
    elif not any(g.negated == f.negated for g in same):
        add(f, f"imaging result '{f.key}': polarity differs from the input", "contradiction")


def _timing(f: Fact, inp, add) -> None:
    same = [g for g in inp["timing"] if g.key == f.key]
    if any(g.value == f.value for g in same):
        return
    if same:
        add(f, f"{f.key} changed: output '{f.text}', input {', '.join(repr(g.text) for g in same)}", "contradiction")
    else:
        add(f, f"{f.key} '{f.text}' is not in the input")


def _exam(f: Fact, inp, add) -> None:
    if f.plan:
        return
    same = [g for g in inp["exam"] if g.key == f.key]
    if not same:
        add(f, f"examination finding '{f.key}' is not in the input")
    elif not any(g.value == f.value for g in same):
        add(f, f"examination finding '{f.key}': output {f.value}, input {same[0].value}", "contradiction")
    elif f.side and f.side != "both":
        sides = {g.side for g in same if g.value == f.value and g.side}
        if sides and f.side not in sides and "both" not in sides:
            add(f, f"examination finding '{f.key}' side: output {SIDE_NO[f.side]}, input "
                   f"{', '.join(SIDE_NO[x] for x in sorted(sides))}", "contradiction")


_CHECKS = {"region": _region, "test": _test, "number": _number, "level": _level, "code": _code,
           "medication": _polar("medication"), "red_flag": _polar("red flag"), "symptom": _polar("symptom"),
           "imaging": _imaging, "imaging_result": _imaging_result, "timing": _timing, "exam": _exam}
