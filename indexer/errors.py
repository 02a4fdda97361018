"""Named errors of the indexer stages; each carries a message fit for a user."""


class LetterError(Exception):
    """A file that cannot be read as an IMR letter; str(error) is the one-line reason."""


class IndexUnavailable(Exception):
    """The index is missing, empty, corrupt or locked; str(error) says which."""


class QueryError(Exception):
    """A search the engine cannot run; carries a message and, where possible, a corrected query."""

    def __init__(self, message: str, suggestion: str | None = None):
        super().__init__(message)
        self.suggestion = suggestion


class IndexWriteError(Exception):
    """The index could not be written (busy, disk full, read-only); the previous one is intact."""
