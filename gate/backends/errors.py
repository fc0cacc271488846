"""The backend errors (all :class:`gate.errors.BackendError`: exit code 2 at the CLI).

Errors a retry may cure are also :class:`TransientBackendError`; the runner retries
only those, with backoff, and gives up with the last one.
"""

from __future__ import annotations

from gate.errors import BackendError

from .base import TransientBackendError


class BackendTimeout(BackendError, TransientBackendError):
    """A request took longer than the per-request timeout."""


class BackendUnreachable(BackendError, TransientBackendError):
    """The model server cannot be reached."""


class BrokenStream(BackendError, TransientBackendError):
    """A streamed answer stopped before its final ``done`` message."""


class ModelMissing(BackendError):
    """The model is not available to the backend (not created on the server, no artifact)."""


class InvalidOutput(BackendError):
    """The model's bytes are not valid UTF-8 text."""


class RecordingMissing(BackendError):
    """Replay: no recorded generation for this request."""
