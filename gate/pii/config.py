"""``[pii]`` in chirogate.toml: what the PII checks must not count as personal data."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PiiConfig:
    """``[pii]`` section: the clinic's own names, which are organisation names, not people."""

    organisation_names: list[str] = field(default_factory=list)
    """The clinic's own names ("Ryggklinikken Sentrum", "Kiropraktorhuset"): like "Klinikken" or
    "Kiropraktor", never a person's name in ``data check``, ``data prepare`` and the PII gate."""

    def __post_init__(self) -> None:
        for i, name in enumerate(self.organisation_names):
            if not isinstance(name, str) or not name.strip():
                raise ValueError(f"organisation_names[{i}] must be a non-empty string, got {name!r}")
