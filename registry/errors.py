"""The exceptions a user can hit. Only the CLI turns them into exit codes.

Every error that a person can cause (bad input, unknown names, broken files) is a
:class:`ChirogateError`; its message names the thing and, where there is one, the
file, line and field. The CLI prints ``error: <message>`` and exits 2.
"""

from __future__ import annotations


class ChirogateError(Exception):
    """Base of every error chirogate reports to a user (exit code 2, no traceback)."""

    exit_code = 2


class RegistryError(ChirogateError):
    """The registry file or home directory cannot be used."""


class IntegrityError(ChirogateError):
    """Stored bytes or evidence no longer match what the registry recorded (tampering or damage)."""


class NotFoundError(ChirogateError):
    """A model, alias, artifact or record that was asked for does not exist."""


class DuplicateError(ChirogateError):
    """Something with that name already exists."""


class InputError(ChirogateError):
    """User-supplied input (file, flag, field) is malformed.

    Build with :meth:`at` so the message names the file, line and field.
    """

    @classmethod
    def at(cls, path, message: str, *, line: int | None = None, field: str | None = None) -> "InputError":
        where = str(path)
        if line is not None:
            where += f":{line}"
        if field is not None:
            where += f": field '{field}'"
        return cls(f"{where}: {message}")


class MissingDependencyError(ChirogateError):
    """An optional heavy dependency that a feature needs is not installed."""

    def __init__(self, feature: str, package: str):
        super().__init__(
            f"{feature} needs the Python package '{package}', which is not installed; "
            f"install it with: pip install '{package}'"
        )
