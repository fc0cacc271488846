"""chirogate's registry: the system of record (SQLite + content-addressed artifact store).

Imports nothing from ``gate`` or ``training``.
"""

from .core import ARTIFACT_KINDS, MODEL_KINDS, Registry, current_actor, default_home, now
from .errors import (
    ChirogateError, DuplicateError, InputError, IntegrityError, MissingDependencyError, NotFoundError, RegistryError,
)
from .hashing import canonical_json, hash_bytes, hash_file, hash_value
from .records import Artifact, Event, Model, VerifyProblem

__all__ = [
    "ARTIFACT_KINDS", "MODEL_KINDS", "Registry", "current_actor", "default_home", "now",
    "ChirogateError", "DuplicateError", "InputError", "IntegrityError", "MissingDependencyError", "NotFoundError", "RegistryError",
    "canonical_json", "hash_bytes", "hash_file", "hash_value",
    "Artifact", "Event", "Model", "VerifyProblem",
]
