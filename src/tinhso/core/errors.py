"""Domain errors: a Vietnamese message for people, a stable code for machines, an HTTP status."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain forbids what was asked. Views show ``message``; the API returns it."""

    code = "domain_error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status


class InvalidInput(DomainError):
    code = "invalid_input"
    status = 400


class NotAllowed(DomainError):
    code = "forbidden"
    status = 403


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Conflict(DomainError):
    """The object changed under us (another officer acted first) or a uniqueness rule holds."""

    code = "conflict"
    status = 409
