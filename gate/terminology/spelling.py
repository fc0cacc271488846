"""Norwegian spelling: unknown words per 100 words, with hunspell's nb_NO / nn_NO dictionaries.

The dictionaries are Debian's ``hunspell-no`` (the Norwegian word lists of the Norsk
Språkråd-based spell-checking project), read by ``spylls``, a pure-Python port of Hunspell
from PyPI: no C extension to build, the same .dic/.aff files LibreOffice uses, and the
compounding rules of the Norwegian affix file work (``bekkenleddsmerter`` is known). A word
passes when the dictionary knows it, when the clinical whitelist (``clinical_words.txt``:
Latin anatomy, test eponyms, drug names, clinic abbreviations) lists it, or when it is a
compound whose parts pass. Abbreviations in capitals, tokens with digits, words of one or two
letters and capitalised words inside a sentence (names, eponyms) are not judged.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from gate.errors import ChirogateError

DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell")
"""Where the dictionaries are looked for (after ``$CHIROGATE_HUNSPELL_DIR``)."""
_NAMES = {"bokmal": "nb_NO", "nynorsk": "nn_NO"}
_WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá]+(?:-[A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n]|^\s*[-*•])\s*[\"«(]?$")


@dataclass(frozen=True)
class SpellingResult:
    """Result of :func:`check`: ``words`` judged or not, ``unknown`` as ``(start, end, word)``."""

    words: int
    unknown: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def per_100(self) -> float:
        """Unknown words per 100 words (0.0 for an empty text)."""
        return 100.0 * len(self.unknown) / self.words if self.words else 0.0


def _find(name: str) -> Path:
    dirs = ([os.environ["CHIROGATE_HUNSPELL_DIR"]] if os.environ.get("CHIROGATE_HUNSPELL_DIR") else []) + list(DICTIONARY_DIRS)
    for d in dirs:
        if (Path(d) / f"{name}.dic").exists() and (Path(d) / f"{name}.aff").exists():
            return Path(d) / name
    raise ChirogateError(f"the spelling check needs the hunspell dictionary {name} (Debian package hunspell-no: "
                         f"`sudo make system-deps`), looked in {', '.join(dirs)}; or set [terminology] "
                         "check_spelling = false")


@lru_cache(maxsize=2)
def _dictionary(house_style: str):
    try:
        from spylls.hunspell import Dictionary
    except ImportError:
        raise ChirogateError("the spelling check needs spylls: pip install 'spylls>=0.1.7,<0.2'") from None
    return Dictionary.from_files(str(_find(_NAMES[house_style])))


@lru_cache(maxsize=1)
def whitelist() -> frozenset[str]:
    """The clinical whitelist, lower-case."""
    text = resources.files("gate.terminology").joinpath("clinical_words.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=65536)
def _known(word: str, house_style: str) -> bool:
    low = word.lower()
    if low in whitelist() or (low.endswith("s") and low[:-1] in whitelist()):
        return True  # the genitive of an eponym ("Spurlings test") too
    d = _dictionary(house_style)
    if d.lookup(word) or (word != low and d.lookup(low)):
        return True
    if "-" in low:
        return all(_known(p, house_style) for p in low.split("-") if p)
    # Clinical compounds the dictionary cannot build: a known head plus a whitelisted tail,
    # with or without the linking s/e ("hofteledd-s-artrose", "iliosakralledd-s-smerter").
    for i in range(3, len(low) - 2):
        head, tail = low[:i], low[i:]
        if not (tail in whitelist() or (len(tail) >= 4 and d.lookup(tail))):
            continue
        for h in {head, head[:-1] if head[-1] in "se" else head}:
            if len(h) < 3 or not (h in whitelist() or d.lookup(h)):
                continue
            # a clinical part, or two plain words with a tail of 6+ letters ("stress-mestring",
            # "henvisnings-referanse"): Norwegian compounds freely, hunspell's nb_NO only for some
            # words. A short tail is refused, so a dropped letter that leaves two words
            # ("korsryggs-meter" for "korsryggsmerter") is still a misspelling.
            if tail in whitelist() or h in whitelist() or (len(tail) >= 6 and len(h) >= 4):
                return True
    return False


def _judged(text: str, m: re.Match) -> bool:
    w = m.group(0)
    if len(w) <= 2 or (w.isupper() and len(w) <= 6):
        return False
    if re.search(r"\d", text[max(0, m.start() - 1):m.end() + 1]):
        return False  # part of a code, a level or a measure ("L4-L5", "N95", "3x")
    if text[max(0, m.start() - 1):m.start()] in ("@", "/", ".") or re.match(r"[@/]|\.\w", text[m.end():m.end() + 2]):
        return False  # part of an e-mail address, a URL or a file name
    if w[0].isupper() and not _SENTENCE_START.search(text[max(0, m.start() - 40):m.start()]):
        return False  # a name or an eponym inside a sentence
    return True


def check(text: str, *, house_style: str = "bokmal") -> SpellingResult:
    """Unknown words of ``text`` under the house written standard (``bokmal`` or ``nynorsk``)."""
    if house_style not in _NAMES:
        raise ValueError(f"house_style must be 'bokmal' or 'nynorsk', got {house_style!r}")
    words = list(_WORD.finditer(text))
    unknown = [(m.start(), m.end(), m.group(0)) for m in words
               if _judged(text, m) and not _known(m.group(0), house_style)]
    return SpellingResult(len(words), unknown)
