"""Clinician review: export a packet (xlsx + printable HTML), import the filled packet as a sign-off.

``[review]`` in ``chirogate.toml`` sets the sign-off policy; the seed asks for 100+ reviewed
cases with at least 90 % judged clinically correct.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReviewConfig:
    """``[review]``: what a clinician's review must show for a sign-off to count."""

    min_cases: int = 100
    """Reviewed cases needed (every row of the packet must be filled in)."""
    min_correct_share: float = 0.9
    """Share of reviewed cases judged "klinisk korrekt: ja" needed for approval."""
    seed: int = 0
    """Seed of the stratified sample and of the blind A/B order (reproducible packets)."""
    signoffs_per_packet: int = 1
    """Sign-offs one packet may carry (each by another reviewer): 1 unless the policy asks for several."""

    def __post_init__(self) -> None:
        if self.min_cases < 1:
            raise ValueError(f"min_cases must be >= 1, got {self.min_cases}")
        if self.signoffs_per_packet < 1:
            raise ValueError(f"signoffs_per_packet must be >= 1, got {self.signoffs_per_packet}")
        if not 0.0 < self.min_correct_share <= 1.0:
            raise ValueError(f"min_correct_share must be in (0, 1], got {self.min_correct_share}")
