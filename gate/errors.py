"""The gate's user-facing errors (all :class:`registry.errors.ChirogateError`, exit code 2)."""

from registry.errors import (  # noqa: F401  (re-exported for gate modules)
    ChirogateError, DuplicateError, InputError, MissingDependencyError, NotFoundError, RegistryError,
)


class BackendError(ChirogateError):
    """A model backend cannot serve a request (host down, model missing, timeout, broken stream)."""


class ConfigError(InputError):
    """``chirogate.toml`` is malformed; the message names the file, line and field."""
