"""Exact and near duplicates: word-shingle Jaccard with MinHash + LSH to find candidate pairs.

Texts are normalized (case-folded, whitespace collapsed), cut into word 3-shingles hashed with
CRC32 (stable across processes, unlike ``hash``), summarized by a 60-permutation MinHash and
banded (10 bands x 6 rows) so that pairs with Jaccard >= 0.9 become candidates with probability
> 0.999; every candidate pair is then confirmed on the exact shingle-set Jaccard.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict

import numpy as np

_TOKEN = re.compile(r"\w+", re.UNICODE)
N_PERM, BANDS = 60, 10
ROWS = N_PERM // BANDS
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20260301)
_A = _rng.integers(1, _PRIME, size=N_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=N_PERM, dtype=np.uint64)


def normalize(text: str) -> str:
    """Case-folded words joined by single spaces (the form exact duplicates are compared in)."""
    return " ".join(_TOKEN.findall(text.casefold()))


def shingles(text: str, k: int = 3) -> frozenset[int]:
    """CRC32 hashes of the word ``k``-shingles of ``text`` (the whole text if shorter than ``k``)."""
    words = _TOKEN.findall(text.casefold())
    if len(words) < k:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + k]).encode()) for i in range(len(words) - k + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    """Jaccard similarity of two shingle sets (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _signature(sh: frozenset[int]) -> np.ndarray:
    if not sh:
        return np.zeros(N_PERM, dtype=np.uint64)
    x = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    # (a*x + b) mod p on uint64 wraps; fine for hashing since it is deterministic and well mixed.
    h = (x[:, None] * _A[None, :] + _B[None, :]) % np.uint64(_PRIME)
    return h.min(axis=0)


def near_duplicate_pairs(texts: list[str], threshold: float = 0.9) -> list[tuple[int, int, float]]:
    """``(i, j, jaccard)`` with ``i < j`` for every pair of texts with shingle Jaccard >= ``threshold``
    (exact duplicates included), sorted."""
    sets = [shingles(t) for t in texts]
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, sh in enumerate(sets):
        sig = _signature(sh)
        for b in range(BANDS):
            buckets[(b, sig[b * ROWS:(b + 1) * ROWS].tobytes())].append(i)
    candidates: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > 1:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    candidates.add((members[x], members[y]))
    out = []
    for i, j in sorted(candidates):
        # cheap size bound before the set operation: J <= min/max
        la, lb = len(sets[i]), len(sets[j])
        if max(la, lb) and min(la, lb) / max(la, lb) < threshold:
            continue
        s = jaccard(sets[i], sets[j])
        if s >= threshold:
            out.append((i, j, round(s, 4)))
    return out


def clusters(n: int, pairs: list[tuple[int, int, float]]) -> list[int]:
    """Union-find over ``pairs``: the cluster id (smallest member index) of each of ``n`` items."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    return [find(i) for i in range(n)]
