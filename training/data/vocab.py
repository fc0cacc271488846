"""A Norwegian word list for the data checks: is a token a word, is it the start of a longer word.

The stems of the system's Bokmål hunspell dictionary (Debian ``hunspell-no``,
``/usr/share/hunspell/nb_NO.dic``, ISO-8859-1) plus the words of the records being checked
(clinic shorthand such as "ua" and compounds such as "internrotasjon" are not in any dictionary,
but they recur in the clinic's own text). Without the dictionary the records' own words are the
vocabulary, and the checks that use it only get more cautious (fewer flags), never louder.
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


@dataclass
class Vocabulary:
    """Known words (dictionary stems + words seen in the records, lower case) with prefix lookup."""

    words: set[str] = field(default_factory=set)
    _sorted: list[str] = field(default_factory=list, repr=False)

    @classmethod
    def build(cls, texts) -> "Vocabulary":
        """The dictionary plus every alphabetic token of ``texts`` seen at least twice (a word that
        occurs once may itself be the cut-off fragment a check is looking for)."""
        import re
        from collections import Counter

        counts = Counter(w for t in texts for w in re.findall(r"[a-zæøåéü]+", t.lower()))
        words = set(dictionary_stems()) | {w for w, n in counts.items() if n >= 2}
        v = cls(words)
        v._sorted = sorted(words)
        return v

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.words

    def extends(self, prefix: str, min_extra: int = 2) -> bool:
        """Whether a known word starts with ``prefix`` and is at least ``min_extra`` letters longer."""
        p = prefix.lower()
        i = bisect.bisect_left(self._sorted, p)
        while i < len(self._sorted) and self._sorted[i].startswith(p):
            if len(self._sorted[i]) >= len(p) + min_extra:
                return True
            i += 1
        return False
