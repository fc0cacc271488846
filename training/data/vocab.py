"""A Norwegian word list for the data checks: is a token a word, is it the start of a longer word.

The stems of the system's Bokmål hunspell dictionary (Debian ``hunspell-no``,
``/usr/share/hunspell/nb_NO.dic``, ISO-8859-1), the clinical words the dictionary lacks (the
terminology check's whitelist and the words of the ICPC-2 and ICD-10 titles: "suboccipital",
"epikondylalgi") and the clinic shorthand of the abbreviation list, plus the words of the records being checked (clinic shorthand such as "ua" and
compounds such as "internrotasjon" are not in any dictionary, but they recur in the clinic's own
text). Without the dictionary the records' own words are the vocabulary, and the checks that use
it only get more cautious (fewer flags), never louder.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DICTIONARY = Path("/usr/share/hunspell/nb_NO.dic")


@lru_cache(maxsize=1)
def dictionary_stems() -> frozenset[str]:
    """Lower-cased stems of the Bokmål hunspell dictionary (empty when it is not installed)."""
    try:
        raw = DICTIONARY.read_bytes().decode("iso-8859-1")
    except OSError:
        return frozenset()
    # one C-level pass: every line's word before its "/flags" (the first line, the entry count, is a
    # number and harmless)
    return frozenset(re.findall(r"^[ \t]*([^/\s]+)", raw.lower(), flags=re.MULTILINE))


_TOKEN = re.compile(r"[a-zæøåéü]+")
# Anatomical shorthand of chiropractic notes that the abbreviation list does not hold: each is the
# start of a longer word, so without it a note ending "palp.øm øvre trap" would look cut off.
SHORTHAND: frozenset[str] = frozenset("""cerv cervik thor thorak torak lumb lumbosak sak trap scm lev scal pir glut
quadr rhomb delt paravert subscap supraspin infraspin gastroc hams iliops tfl erector multif obl
""".split())


@lru_cache(maxsize=1)
def clinical_words() -> frozenset[str]:
    """Lower-case clinical words outside the dictionary: the spelling check's whitelist
    (``gate/terminology/clinical_words.txt``), the shorthand forms of ``gate/clinical/abbreviations.tsv``
    ("sykm", "hypomob": a shorthand is a word, not a cut one) and the words of the ICPC-2 and ICD-10
    titles (empty when a list cannot be read)."""
    import gzip
    from importlib import resources

    words: set[str] = set()
    for package, name in (("gate.terminology", "clinical_words.txt"), ("gate.clinical", "abbreviations.tsv"),
                          ("gate.clinical", "icpc2_nb.tsv"), ("gate.clinical", "icd10_nb.tsv.gz")):
        try:
            raw = resources.files(package).joinpath(name).read_bytes()
        except (OSError, ModuleNotFoundError):
            continue
        text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8", "replace")
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
        if name == "abbreviations.tsv":  # the shorthand forms ("sykm", "hypomob"), not their expansions
            body = "\n".join(line.split("\t", 1)[0] for line in body.splitlines())
        words.update(w for w in _TOKEN.findall(body.lower()) if len(w) >= 3)
    return frozenset(words)


@dataclass
class Vocabulary:
    """Known words (dictionary stems + words seen in the records, lower case) with prefix lookup."""

    words: set[str] = field(default_factory=set)
    _sorted: list[str] = field(default_factory=list, repr=False)

    @classmethod
    def build(cls, texts) -> "Vocabulary":
        """The dictionary and the clinical words, plus every alphabetic token of ``texts`` that is
        followed by something (a space, a punctuation mark): only the very last token of a text can
        be the cut-off fragment a check is looking for, and a fragment repeated at the end of many
        cut records stays out too."""
        seen: set[str] = set()
        for t in texts:
            low = t.lower()
            tokens = _TOKEN.findall(low)
            if tokens and low.rstrip()[-1:].isalpha():
                tokens = tokens[:-1]
            seen.update(tokens)
        words = set(dictionary_stems()) | clinical_words() | SHORTHAND | seen
        v = cls(words)
        v._sorted = sorted(words)
        return v

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.words

    def extends(self, prefix: str, min_extra: int = 2, *, one_more_unless: str = "") -> bool:
        """Whether a known word starts with ``prefix`` and is at least ``min_extra`` letters longer,
        or (given ``one_more_unless``) exactly one letter longer by a letter not in it
        ("epikondylalg" of "epikondylalgi", where "hypomobil" of "hypomobile" is an inflection)."""
        p = prefix.lower()
        i = bisect.bisect_left(self._sorted, p)
        while i < len(self._sorted) and self._sorted[i].startswith(p):
            w = self._sorted[i]
            if len(w) >= len(p) + min_extra:
                return True
            if one_more_unless and len(w) == len(p) + 1 and w[-1] not in one_more_unless:
                return True
            i += 1
        return False
