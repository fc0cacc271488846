"""Export errors a user can hit."""

from registry.errors import ChirogateError


class ExportError(ChirogateError):
    """The export could not be written (unwritable or full output location, failed conversion)."""
