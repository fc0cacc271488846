"""Whether a word an output writes is present in its input in *some* surface form.

No lexicon lists every way a clinician shortens a word or a model writes it out, so before a
fact is flagged as missing from the input, its words are looked for generically:

- the word's stem (inflection cut off) inside the input text: "korsryggen" ~ "korsrygg", and a
  word inside an input compound ("sete" in "setesmerter");
- a shorthand token of the input that abbreviates it: the token's letters are a prefix of the
  word or of a part of it ("sens." -> "sensibilitet", "fleks" -> "fleksjon", "hø" -> "høyre"),
  or, for tokens of three letters or more, an ordered subsequence of it with the same first
  letter ("bvb" -> "bløtvevsbehandling", "trp" -> "triggerpunktbehandling");
- a compound the input writes as two words: "pasientløft" ~ "løft av pasienter",
  "setemuskulaturen" ~ "sete" + "muskulatur".

Only words of four letters or more are looked for (shorter ones are function words or already
handled by the fact extractors); digits are never matched here (numbers are checked as numbers).
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]{4,}")
_TOKEN = re.compile(r"[^\W\d_]+")
# Compound linking letters in Norwegian: "setesmerter", "bevegelsesutslag", "nakkesmerter".
_LINKS = ("", "s", "e")
MIN_PART = 3


def stem(word: str) -> str:
    """A crude stem: the word with up to three letters of inflection cut off, never below four."""
    return word[:max(4, len(word) - 3)]


_VOWELS = frozenset("aeiouyæøåéè")


@lru_cache(maxsize=256)
def input_tokens(text_lower: str) -> tuple[frozenset[str], dict[str, tuple[tuple[str, bool], ...]]]:
    """The input's letter tokens (split at periods, slashes, dashes), and those of two to eight letters
    grouped by first letter, each with whether the input cuts it with a period inside a phrase
    ("sens. nedsatt", "palp.øm", not a sentence end): the candidates for shorthand of a longer word."""
    tokens = frozenset(_TOKEN.findall(text_lower))
    short: dict[str, set[tuple[str, bool]]] = {}
    for m in _TOKEN.finditer(text_lower):
        t = m.group(0)
        if 2 <= len(t) <= 8:
            cut = bool(_CUT.match(text_lower, m.end()))
            short.setdefault(t[0], set()).add((t, cut))
    return tokens, {k: tuple(sorted(v, key=lambda x: (-len(x[0]), x))) for k, v in short.items()}


# a period that cuts a word short inside a phrase: before a letter, or before a lowercase word or digit
_CUT = re.compile(r"\.(?=[^\W\d_]|\s+[a-zæøå0-9])")


def _subsequence(token: str, word: str) -> bool:
    it = iter(word)
    return all(c in it for c in token)


def _abbreviates(token: str, cut: bool, word: str) -> bool:
    """Whether ``token`` (shorthand) can stand for ``word``: a prefix of it when the input cuts the token
    with a period ("palp.", "sens. nedsatt"), or when it has the shape of shorthand: two letters ("hø"),
    or three to five ending in a consonant ("fleks", "refl", "sens") that leave off at most twice their
    length. A full word as the head of a longer compound ("hjerte" of "hjerteinfarkt", "rygg" of
    "ryggoperasjon", "kne" of "kneskade") is not an abbreviation of it. For a token of three or more
    letters without a vowel ("bvb", "trp"): an ordered subsequence with the same first letter."""
    if len(token) >= len(word):
        return False
    if word.startswith(token):
        if cut or len(token) == 2:
            return True
        return 3 <= len(token) <= 5 and token[-1] not in _VOWELS and len(word) - len(token) <= 2 * len(token)
    return len(token) >= 3 and token[0] == word[0] and not (set(token) & _VOWELS) and _subsequence(token, word)


def _parts(word: str) -> list[tuple[str, str]]:
    """Two-part splits of a compound (each part at least MIN_PART letters, linking letter dropped)."""
    out = []
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:i], word[i:]
        for link in _LINKS:
            if link and head.endswith(link) and len(head) - len(link) >= MIN_PART:
                out.append((head[:-len(link)], tail))
        out.append((head, tail))
    return out


def word_present(word: str, text_lower: str) -> bool:
    """Whether ``word`` (lowercase) is in the input text in some surface form (see module docstring)."""
    if stem(word) in text_lower:
        return True
    tokens, short = input_tokens(text_lower)
    for t, cut in short.get(word[0], ()):
        if _abbreviates(t, cut, word):
            return True
    # a compound of the output, written as separate words (or shorthand) in the input
    for head, tail in _parts(word):
        if _part_present(head, text_lower, short) and _part_present(tail, text_lower, short):
            return True
    return False


def _part_present(part: str, text_lower: str, short: dict[str, tuple[tuple[str, bool], ...]]) -> bool:
    if len(part) < MIN_PART:
        return False
    if re.search(r"(?<![^\W\d_])" + re.escape(part[:max(MIN_PART, len(part) - 2)]), text_lower):
        return True
    return any(_abbreviates(t, cut, part) for t, cut in short.get(part[0], ()))


def words_present(surface: str, text_lower: str) -> bool:
    """Whether every word of four letters or more in ``surface`` is present in the input text."""
    words = _WORD.findall(surface.lower())
    return bool(words) and all(word_present(w, text_lower) for w in words)
