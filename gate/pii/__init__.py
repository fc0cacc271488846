"""Norwegian personal data: find it (:func:`analyze`), replace it (:func:`scrub`), keep it out of logs.

Offline Presidio (blank spaCy ``nb`` pipeline + custom recognisers in :mod:`gate.pii.recognizers`),
used by the data scrubber (``chirogate data prepare``) and by the memorization scan. Types:
FODSELSNUMMER, D_NUMMER, H_NUMMER, TELEFON, EPOST, KONTONUMMER, ORGNUMMER, ADRESSE, FODSELSDATO,
NAVN. Spinal levels (C5-C6), ICPC-2/ICD-10 codes, NRS scores, times and ordinary numbers are not PII;
nor are organisation and role words ("Mvh Klinikken", "Kiropraktor") or the clinic's own names
(``[pii] organisation_names``, passed as ``allow``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TYPES = ("FODSELSNUMMER", "D_NUMMER", "H_NUMMER", "TELEFON", "EPOST", "KONTONUMMER", "ORGNUMMER", "ADRESSE",
         "FODSELSDATO", "NAVN")
PLACEHOLDERS = {"FODSELSNUMMER": "FØDSELSNUMMER", "D_NUMMER": "D-NUMMER", "H_NUMMER": "H-NUMMER",
                "TELEFON": "TELEFON", "EPOST": "E-POST", "KONTONUMMER": "KONTONUMMER",
                "ORGNUMMER": "ORGANISASJONSNUMMER", "ADRESSE": "ADRESSE", "FODSELSDATO": "FØDSELSDATO",
                "NAVN": "NAVN"}
# Scores below this are candidates without evidence (a bare landline-shaped number, a 9-digit
# number that happens to pass mod 11); context words lift real ones above it.
THRESHOLD = 0.4
# Which type wins when two recognisers claim overlapping text at the same score.
_PRIORITY = {t: i for i, t in enumerate(TYPES)}


@dataclass(frozen=True)
class PiiEntity:
    """One piece of personal data found in a text: type, character span, the text itself, score."""

    type: str
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class Scrubbed:
    """A scrubbed text: the text with typed placeholders, the entities replaced (offsets into the
    original) and the mapping normalized value -> placeholder (clear text: never log or store it)."""

    text: str
    entities: list[PiiEntity] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)


def analyze(text: str, *, entities: list[str] | None = None, allow: tuple[str, ...] | list[str] = ()) -> list[PiiEntity]:
    """The personal data in ``text``, sorted by position, overlaps resolved (higher score, then the
    longer span, then the more specific type wins). ``entities`` limits the types looked for;
    ``allow`` lists the clinic's own organisation names, which (like "Klinikken" or "Kiropraktor")
    are never a name."""
    from .engine import LANG, get_engine

    engine = get_engine()  # first: it imports Presidio (and .recognizers) the fast way
    from .context_names import may_contain_names, person_positions
    from .names import is_eponym, is_not_personal, names_an_institution
    from .recognizers import may_contain_pii

    if entities is not None:
        unknown = sorted(set(entities) - set(TYPES))
        if unknown:
            raise ValueError(f"unknown PII type(s) {', '.join(unknown)}: expected some of {', '.join(TYPES)}")
    if not text or not text.strip() or not (may_contain_pii(text) or may_contain_names(text)):
        return []  # nothing any recogniser could match: skip the spaCy + Presidio pass
    results = engine.analyze(text=text, language=LANG, entities=list(entities) if entities else None,
                                   score_threshold=THRESHOLD)
    # a sign-off "Mvh Klinikken" or "Hilsen Kiropraktor" is a greeting without a person; "Thomas' test"
    # names a test; "Sandvika Kiropraktikk" a clinic
    strong = person_positions(text)
    results = [r for r in results if r.entity_type != "NAVN" or not (
        is_not_personal(text[r.start:r.end], allow, person_position=(r.start, r.end) in strong)
        or is_eponym(text, r.end) or names_an_institution(text, r.start, r.end))]
    ranked = sorted(results, key=lambda r: (-r.score, -(r.end - r.start), _PRIORITY.get(r.entity_type, 99)))
    kept: list = []
    for r in ranked:
        if all(r.end <= k.start or r.start >= k.end for k in kept):
            kept.append(r)
    kept.sort(key=lambda r: r.start)
    return [PiiEntity(r.entity_type, r.start, r.end, text[r.start:r.end], round(float(r.score), 4)) for r in kept]


def _key(entity: PiiEntity) -> str:
    if entity.type in ("NAVN", "ADRESSE", "EPOST"):
        return f"{entity.type}:{' '.join(entity.text.casefold().split())}"
    return f"{entity.type}:{re.sub(r'[^0-9A-Za-z]', '', entity.text)}"


def scrub(text: str, *, mapping: dict[str, str] | None = None, allow: tuple[str, ...] | list[str] = ()) -> Scrubbed:
    """``text`` with each entity replaced by a typed placeholder (``<FØDSELSNUMMER>``, ``<NAVN>``,
    ``<TELEFON>`` ...). The same value gets the same placeholder; a second distinct value of a type
    gets ``<NAVN_2>`` and so on. Pass one ``mapping`` for all texts of a record (prompt and response)
    to keep placeholders consistent across them; a first name alone reuses its full name's placeholder.
    ``allow``: the clinic's own organisation names (kept, see :func:`analyze`)."""
    mapping = {} if mapping is None else mapping
    ents = analyze(text, allow=allow)
    out, pos = [], 0
    for e in ents:
        key = _key(e)
        if key not in mapping and e.type == "NAVN" and " " not in e.text.strip():
            # "Hei Kari!" after "Kari Nordmann": same person, same placeholder
            for k, v in mapping.items():
                if k.startswith("NAVN:") and k[5:].split(" ")[0] == e.text.casefold():
                    mapping[key] = v
                    break
        if key not in mapping:
            label = PLACEHOLDERS[e.type]
            used = {v for k, v in mapping.items() if k.startswith(f"{e.type}:")}
            n = len(used) + 1
            mapping[key] = f"<{label}>" if n == 1 else f"<{label}_{n}>"
        out.append(text[pos:e.start])
        out.append(mapping[key])
        pos = e.end
    out.append(text[pos:])
    return Scrubbed("".join(out), ents, mapping)


_LONG_DIGITS = re.compile(r"\d(?:[ .-]?\d){5,}")


def redact_for_log(text: str, *, allow: tuple[str, ...] | list[str] = ()) -> str:
    """``text`` safe for a log line or an error message: entities replaced by placeholders and any
    remaining run of 6+ digits masked (a log must never carry personal data, even a missed one)."""
    try:
        scrubbed = scrub(text, allow=allow).text
    except Exception:  # never let logging fail; fall back to masking digits only
        scrubbed = text
    return _LONG_DIGITS.sub(lambda m: "#" * len(m.group(0)), scrubbed)
